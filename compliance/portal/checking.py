"""Runs an upload's check in the pool and stores its result document (or its failure)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from compliance.evaluation.document import ResultDocument
from compliance.portal import worker
from compliance.portal.state import Portal
from compliance.portal.tables import Upload, utcnow


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def store_reply(upload: Upload, reply: worker.CheckReply) -> None:
    """Copy a finished check onto its upload row."""
    upload.checked_at = utcnow()
    if reply.result_json is None:
        upload.state, upload.error = "failed", reply.error or "the check could not run"
        return
    doc = ResultDocument.model_validate_json(reply.result_json)
    upload.state, upload.result_json = "done", reply.result_json
    upload.schema_version = doc.schema_version
    upload.set_version = doc.requirement_set.version
    upload.score, upload.passed = doc.summary.score, doc.summary.passed
    upload.period_start = _date(doc.submission.period_start)
    upload.period_end = _date(doc.submission.period_end)


async def run_check(portal: Portal, upload_id: int, sha256: str, set_id: str) -> None:
    """Check one stored workbook and record the outcome; never raises."""
    path = str(portal.blobs.path(sha256))
    try:
        reply = await portal.run(worker.check, path, set_id)
    except Exception as exc:  # a crashed worker must still settle the upload
        reply = worker.CheckReply(None, f"the check stopped unexpectedly ({type(exc).__name__})")
    with portal.db() as db:
        upload = db.get(Upload, upload_id)
        if upload is not None:
            store_reply(upload, reply)


def resume_pending(portal: Portal) -> None:
    """Restart the checks that were running when the server last stopped."""
    with portal.db() as db:
        pending = [(u.id, u.blob_sha256, u.set_id) for u in
                   db.scalars(select(Upload).where(Upload.state == "checking"))]
    for upload_id, sha256, set_id in pending:
        portal.background(run_check(portal, upload_id, sha256, set_id))
