"""A submission's receipt and report, seen by its MCO and by its program's managers."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from compliance.evaluation.document import ResultDocument
from compliance.portal.access import visible_submission
from compliance.portal.filings import document, versions
from compliance.portal.pages import page
from compliance.portal.reviews import DECISIONS, gaps, latest_reviews
from compliance.portal.routes.common import XLSX, attachment, int_param, portal_of, signed_in
from compliance.portal.security import REPORT_POLICY
from compliance.portal.tables import Mco, Upload, User
from compliance.portal.waiverstore import waiver_for
from compliance.render.html import render_html


def report_response(doc: ResultDocument) -> Response:
    """The HTML report under its own policy: no script, framable only by the portal."""
    return HTMLResponse(render_html(doc), headers={
        "Content-Security-Policy": REPORT_POLICY, "X-Frame-Options": "SAMEORIGIN",
        "Cache-Control": "no-store"})


async def receipt(request: Request) -> Response:
    """The receipt: hash, time, set and version, score and gate; reviews for managers."""
    viewer = signed_in(request, "mco", "manager")
    with portal_of(request).db() as db:
        submission = visible_submission(db, viewer, int_param(request))
        upload = db.get(Upload, submission.upload_id)
        assert upload is not None  # a foreign key
        doc = document(upload)
        filer = db.get(User, submission.submitted_by)
        mco = db.get(Mco, submission.mco_id)
        found = gaps(doc)
        waived = {g.id: w for g in found
                  if (w := waiver_for(db, submission.mco_id, g.id, submission.period_start))}
        return page(request, "submission.html.j2", viewer, submission=submission,
                    upload=upload, doc=doc, gaps=found, mco=mco,
                    filer=filer.username if filer else "", reviews=latest_reviews(
                        db, submission.id), decisions=DECISIONS, waived=waived,
                    versions=versions(db, submission))


async def submission_report(request: Request) -> Response:
    """The HTML gap report of a submission."""
    viewer = signed_in(request, "mco", "manager")
    with portal_of(request).db() as db:
        submission = visible_submission(db, viewer, int_param(request))
        upload = db.get(Upload, submission.upload_id)
        assert upload is not None
    return report_response(document(upload))


async def filed_workbook(request: Request) -> Response:
    """The filed workbook exactly as submitted, as a download."""
    viewer = signed_in(request, "mco", "manager")
    portal = portal_of(request)
    with portal.db() as db:
        submission = visible_submission(db, viewer, int_param(request))
        upload = db.get(Upload, submission.upload_id)
        assert upload is not None
    name = f"{submission.mco_id}-{submission.period_start}-v{submission.version}.xlsx"
    return attachment(portal.blobs.path(upload.blob_sha256).read_bytes(), name, XLSX)


ROUTES = [
    Route("/submissions/{id}", receipt),
    Route("/submissions/{id}/report", submission_report),
    Route("/submissions/{id}/workbook", filed_workbook),
]
