"""Official submissions: a checked upload filed for its period; a resubmission adds a version."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException

from compliance.evaluation.document import ResultDocument
from compliance.portal.accounts import Viewer
from compliance.portal.audit import record
from compliance.portal.tables import Program, Submission, Upload


def submit(db: Session, viewer: Viewer, upload: Upload) -> Submission:
    """File `upload` for its reporting period; refuses what cannot be filed."""
    if upload.state != "done" or upload.period_start is None or upload.period_end is None:
        raise HTTPException(409, "Only a checked workbook whose cover gives its reporting "
                            "period can be submitted.")
    named = other_mco(upload)
    if named is not None:
        raise HTTPException(409, f"The workbook's cover names MCO {named}, but this account "
                            f"files for {upload.mco_id}.")
    if db.scalar(select(Submission).where(Submission.upload_id == upload.id)) is not None:
        raise HTTPException(409, "This upload has been submitted already.")
    program = db.get(Program, upload.program_id)
    if program is not None and program.set_version not in (None, upload.set_version):
        raise HTTPException(409, f"This workbook was checked against version "
                            f"{upload.set_version}; version {program.set_version} is in force.")
    latest = db.scalar(select(func.max(Submission.version)).where(
        Submission.mco_id == upload.mco_id, Submission.program_id == upload.program_id,
        Submission.period_start == upload.period_start)) or 0
    row = Submission(upload_id=upload.id, mco_id=upload.mco_id, program_id=upload.program_id,
                     period_start=upload.period_start, period_end=upload.period_end,
                     version=latest + 1, submitted_by=viewer.id)
    db.add(row)
    db.flush()
    record(db, viewer.username, "submit", f"submission {row.id}",
           f"{upload.mco_id} {upload.period_start} version {row.version} "
           f"sha256 {upload.blob_sha256}", upload.program_id)
    return row


def other_mco(upload: Upload) -> str | None:
    """The MCO id the workbook's cover gives when it is not the uploader's MCO."""
    if upload.result_json is None:
        return None
    named = document(upload).submission.mco_id
    return named if named and named != upload.mco_id else None


def document(upload: Upload) -> ResultDocument:
    """The stored result document of a checked upload."""
    if upload.result_json is None:
        raise HTTPException(409, "This workbook has not been checked yet.")
    return ResultDocument.model_validate_json(upload.result_json)


def versions(db: Session, submission: Submission) -> list[Submission]:
    """Every version of the same filing (MCO, program, period), oldest first."""
    return list(db.scalars(select(Submission).where(
        Submission.mco_id == submission.mco_id, Submission.program_id == submission.program_id,
        Submission.period_start == submission.period_start).order_by(Submission.version)))
