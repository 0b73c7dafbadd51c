"""Takes an uploaded workbook: size limit, preflight, store once by hash, queue its check.

Nothing is stored until the preflight passes; the uploader's file name is kept only as a
label (cut to a safe length), never used for a path.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from compliance.portal import worker
from compliance.portal.accounts import Viewer
from compliance.portal.audit import record
from compliance.portal.checking import run_check
from compliance.portal.state import Portal
from compliance.portal.tables import Blob, Mco, Program, Upload

_LABEL = re.compile(r"[^A-Za-z0-9 ._()-]+")


def label(filename: str | None) -> str:
    """A display name for the upload: safe characters only, at most 120."""
    name = _LABEL.sub("_", Path(filename or "workbook.xlsx").name)[:120].strip()
    return name or "workbook.xlsx"


async def _spool(portal: Portal, upload: UploadFile) -> Path:
    """Copy the upload to a scratch file, refusing it past the size limit."""
    target = portal.incoming / secrets.token_hex(16)
    size, limit = 0, portal.settings.max_upload_bytes
    with target.open("wb") as out:
        while block := await upload.read(1 << 20):
            size += len(block)
            if size > limit:
                out.close()
                target.unlink()
                raise HTTPException(413, f"The file is larger than {limit // 2**20} MB.")
            out.write(block)
    if size == 0:
        target.unlink()
        raise HTTPException(422, "The file is empty. Choose the workbook to upload.")
    return target


async def accept_upload(portal: Portal, viewer: Viewer, upload: UploadFile) -> int:
    """Preflight, store and queue one workbook; returns the new upload's id."""
    scratch = await _spool(portal, upload)
    try:
        problem = await portal.run(worker.preflight, str(scratch))
        if problem is not None:
            raise HTTPException(422, f"This file cannot be checked: {problem}")
        sha256 = portal.blobs.put(scratch)
    finally:
        scratch.unlink(missing_ok=True)
    with portal.db() as db:
        mco = db.get(Mco, viewer.mco_id) if viewer.mco_id else None
        program = db.get(Program, mco.program_id) if mco else None
        if mco is None or program is None:
            raise HTTPException(409, "Your account is not tied to a contracted MCO.")
        if db.get(Blob, sha256) is None:
            db.add(Blob(sha256=sha256, size=portal.blobs.path(sha256).stat().st_size))
        row = Upload(mco_id=mco.id, program_id=program.id, blob_sha256=sha256,
                     filename=label(upload.filename), uploaded_by=viewer.id,
                     set_id=program.set_id, state="checking")
        db.add(row)
        db.flush()
        record(db, viewer.username, "upload", f"upload {row.id}",
               f"{row.filename} sha256 {sha256}", program.id)
        upload_id = row.id
    portal.background(run_check(portal, upload_id, sha256, program.set_id))
    return upload_id
