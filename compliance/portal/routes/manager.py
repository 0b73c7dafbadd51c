"""Contract managers: the quarter's inbox, the domain matrix, trends, reviews and letters."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from compliance.portal.access import managed_mco, managed_program, managed_submission
from compliance.portal.audit import record
from compliance.portal.csrf import checked_form
from compliance.portal.filings import document
from compliance.portal.inbox import inbox, matrix, pick_quarter, quarters, trend
from compliance.portal.letter import RESPONSE_DAYS, build_letter
from compliance.portal.letterpdf import render_letter_pdf
from compliance.portal.pages import page
from compliance.portal.reviews import add_review
from compliance.portal.routes.common import (
    attachment,
    int_param,
    portal_of,
    see_other,
    signed_in,
    text,
)
from compliance.portal.tables import Upload


def _quarter_view(request: Request, template: str) -> Response:
    viewer = signed_in(request, "manager")
    with portal_of(request).db() as db:
        program = managed_program(db, viewer, request.query_params.get("program"))
        quarter = pick_quarter(db, program, request.query_params.get("quarter"))
        rows = inbox(db, program, quarter) if quarter else []
        titles, cells = matrix(rows)
        return page(request, template, viewer, program=program, quarter=quarter,
                    quarters=quarters(db, program), rows=rows, titles=titles, cells=cells)


async def inbox_page(request: Request) -> Response:
    """One row per contracted MCO for the chosen quarter."""
    return _quarter_view(request, "inbox.html.j2")


async def matrix_page(request: Request) -> Response:
    """MCO x domain scores for the chosen quarter."""
    return _quarter_view(request, "matrix.html.j2")


async def trend_page(request: Request) -> Response:
    """One MCO's score and gate over the quarters it filed."""
    viewer = signed_in(request, "manager")
    with portal_of(request).db() as db:
        mco = managed_mco(db, viewer, request.path_params.get("mco_id", ""))
        return page(request, "trend.html.j2", viewer, mco=mco, points=trend(db, mco))


async def review(request: Request) -> Response:
    """Accept, dispute or mark a gap for follow-up, with a comment."""
    viewer = signed_in(request, "manager")
    form = await checked_form(request)
    with portal_of(request).db() as db:
        submission = managed_submission(db, viewer, int_param(request))
        upload = db.get(Upload, submission.upload_id)
        assert upload is not None
        add_review(db, viewer, submission, document(upload), text(form, "requirement", limit=64),
                   text(form, "decision", limit=16), text(form, "comment"))
    return see_other(f"/submissions/{submission.id}#gap-{text(form, 'requirement')}")


def _response_days(request: Request) -> int:
    """The days the MCO has to answer: `?days=` from 1 to 180, else the default."""
    raw = request.query_params.get("days", "")
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= 180 else RESPONSE_DAYS


async def letter_page(request: Request) -> Response:
    """The deficiency letter, printable from the browser."""
    viewer = signed_in(request, "manager")
    with portal_of(request).db() as db:
        submission = managed_submission(db, viewer, int_param(request))
        letter = build_letter(db, submission, respond_days=_response_days(request))
        record(db, viewer.username, "letter", f"submission {submission.id}",
               f"{len(letter.gaps)} deficiencies", submission.program_id)
    return page(request, "letter.html.j2", viewer, letter=letter, submission=submission,
                days=_response_days(request))


async def letter_pdf(request: Request) -> Response:
    """The deficiency letter as a PDF download."""
    viewer = signed_in(request, "manager")
    with portal_of(request).db() as db:
        submission = managed_submission(db, viewer, int_param(request))
        letter = build_letter(db, submission, respond_days=_response_days(request))
        record(db, viewer.username, "letter", f"submission {submission.id}", "PDF",
               submission.program_id)
    name = f"deficiency-{letter.mco_id}-{submission.period_start}-v{submission.version}.pdf"
    return attachment(render_letter_pdf(letter), name, "application/pdf")


ROUTES = [
    Route("/inbox", inbox_page),
    Route("/matrix", matrix_page),
    Route("/mcos/{mco_id}", trend_page),
    Route("/submissions/{id}/reviews", review, methods=["POST"]),
    Route("/submissions/{id}/letter", letter_page),
    Route("/submissions/{id}/letter.pdf", letter_pdf),
]
