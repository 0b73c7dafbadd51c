"""MCO staff: blank template, upload and self-check, annotated copy, submit, receipt."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from compliance.portal import worker
from compliance.portal.access import own_upload
from compliance.portal.csrf import checked_form
from compliance.portal.filings import document, other_mco, submit
from compliance.portal.intake import accept_upload
from compliance.portal.pages import page
from compliance.portal.reviews import gaps
from compliance.portal.routes.common import (
    XLSX,
    attachment,
    int_param,
    portal_of,
    see_other,
    signed_in,
)
from compliance.portal.tables import Mco, Program, Submission, Upload


async def mco_home(request: Request) -> Response:
    """The MCO's uploads and submissions, the upload form and the template link."""
    viewer = signed_in(request, "mco")
    with portal_of(request).db() as db:
        mco = db.get(Mco, viewer.mco_id)
        program = db.get(Program, mco.program_id) if mco else None
        uploads = list(db.scalars(select(Upload).where(Upload.mco_id == viewer.mco_id)
                                  .order_by(Upload.id.desc()).limit(50)))
        filed = {s.upload_id: s for s in db.scalars(
            select(Submission).where(Submission.mco_id == viewer.mco_id))}
    return page(request, "mco_home.html.j2", viewer, mco=mco, program=program,
                uploads=uploads, filed=filed, error=None)


async def blank_template(request: Request) -> Response:
    """The blank workbook of the MCO's program, with the set in force."""
    viewer = signed_in(request, "mco")
    portal = portal_of(request)
    with portal.db() as db:
        mco = db.get(Mco, viewer.mco_id)
        program = db.get(Program, mco.program_id) if mco else None
    if program is None:
        raise HTTPException(409, "Your account is not tied to a contracted MCO.")
    content = await portal.run(worker.template, program.set_id)
    return attachment(content, f"{program.set_id}-template.xlsx", XLSX)


async def upload(request: Request) -> Response:
    """Take a workbook, preflight and store it, and show its page while it is checked."""
    viewer = signed_in(request, "mco")
    portal = portal_of(request)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > portal.settings.max_upload_bytes + 65536:
        raise HTTPException(413, "The file is too large.")
    form = await checked_form(request, max_files=1)
    workbook = form.get("workbook")
    if not isinstance(workbook, UploadFile):
        raise HTTPException(422, "Choose the workbook to upload.")
    upload_id = await accept_upload(portal, viewer, workbook)
    return see_other(f"/uploads/{upload_id}")


async def upload_page(request: Request) -> Response:
    """An upload's check: in progress, failed, or its gaps with the report beside them."""
    viewer = signed_in(request, "mco")
    with portal_of(request).db() as db:
        row = own_upload(db, viewer, int_param(request))
        filed = db.scalar(select(Submission).where(Submission.upload_id == row.id))
    doc = document(row) if row.state == "done" else None
    return page(request, "upload.html.j2", viewer, upload=row, doc=doc,
                gaps=gaps(doc) if doc else [], filed=filed, other_mco=other_mco(row))


async def upload_report(request: Request) -> Response:
    """The full HTML gap report of an upload (shown in its page and on its own)."""
    from compliance.portal.routes.reports import report_response

    viewer = signed_in(request, "mco")
    with portal_of(request).db() as db:
        row = own_upload(db, viewer, int_param(request))
    return report_response(document(row))


async def annotated(request: Request) -> Response:
    """The annotated copy of the uploaded workbook."""
    viewer = signed_in(request, "mco")
    portal = portal_of(request)
    with portal.db() as db:
        row = own_upload(db, viewer, int_param(request))
    doc = document(row)
    content = await portal.run(worker.annotate, str(portal.blobs.path(row.blob_sha256)),
                               doc.model_dump_json())
    return attachment(content, f"annotated-{row.filename}", XLSX)


async def original(request: Request) -> Response:
    """The workbook exactly as uploaded."""
    viewer = signed_in(request, "mco")
    portal = portal_of(request)
    with portal.db() as db:
        row = own_upload(db, viewer, int_param(request))
    return attachment(portal.blobs.path(row.blob_sha256).read_bytes(), row.filename, XLSX)


async def submit_upload(request: Request) -> Response:
    """File a checked upload officially; answers with the receipt."""
    viewer = signed_in(request, "mco")
    await checked_form(request)
    try:
        with portal_of(request).db() as db:
            row = own_upload(db, viewer, int_param(request))
            submission_id = submit(db, viewer, row).id
    except IntegrityError:  # the same filing's next version was taken a moment ago
        raise HTTPException(409, "Another version of this filing was submitted at the same "
                            "moment. Reload the page and check before submitting again.") from None
    return see_other(f"/submissions/{submission_id}")


ROUTES = [
    Route("/mco", mco_home),
    Route("/template", blank_template),
    Route("/uploads", upload, methods=["POST"]),
    Route("/uploads/{id}", upload_page),
    Route("/uploads/{id}/report", upload_report),
    Route("/uploads/{id}/annotated", annotated),
    Route("/uploads/{id}/workbook", original),
    Route("/uploads/{id}/submit", submit_upload, methods=["POST"]),
]
