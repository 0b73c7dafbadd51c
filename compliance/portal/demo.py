"""`compliance serve --demo`: a fresh database with programs, accounts and sample filings.

The bundled sample workbooks are checked and filed as earlier quarters, each a few days
before its due date; one is held back so that the MCO's own upload can be tried.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from compliance.portal import worker
from compliance.portal.accounts import add_user, viewer_of
from compliance.portal.checking import store_reply
from compliance.portal.filings import submit
from compliance.portal.programfile import import_program_file, parse_program_file
from compliance.portal.state import Portal
from compliance.portal.tables import Blob, Mco, Program, Quarter, Upload, User
from compliance.resources import bundled_dir
from compliance.sets.selection import choose_set

PROGRAM_FILE = Path(__file__).resolve().parent / "demo_programs.yaml"
PASSWORD = "demo-password"  # printed for the demo's users, never used for real ones
HELD_BACK = "willamette-valley-cco-2026q2.xlsx"


@dataclass(frozen=True)
class DemoAccount:
    """A demo sign-in and what it shows."""

    username: str
    shows: str


def sample_dir() -> Path:
    """The bundled sample filings (present in a checkout)."""
    return bundled_dir("requirement_sets").parent / "sample_submissions"


def _samples() -> Iterator[Path]:
    folder = sample_dir()
    for path in sorted(folder.glob("*/*.xlsx")) if folder.is_dir() else []:
        if path.name != HELD_BACK:
            yield path


def _accounts(portal: Portal) -> list[DemoAccount]:
    with portal.db() as db:
        programs = [p for p in db.scalars(select(Mco.program_id).distinct())]
        add_user(db, "admin", PASSWORD + "-admin", "admin")
        add_user(db, "manager", PASSWORD + "-manager", "manager", programs=sorted(programs))
        for mco in db.scalars(select(Mco).order_by(Mco.id)):
            add_user(db, mco.id.lower(), PASSWORD + "-mco", "mco", mco_id=mco.id)
    return [DemoAccount("admin", "accounts, the program file, the audit trail"),
            DemoAccount("manager", "the inbox of every demo program"),
            DemoAccount("or-cco-0522", "Willamette Valley's filings (Q2 not yet filed)")]


def _stored(portal: Portal, path: Path) -> str:
    scratch = portal.incoming / path.name
    shutil.copyfile(path, scratch)
    return portal.blobs.put(scratch)


def _file_sample(portal: Portal, path: Path, sha256: str, reply: worker.CheckReply) -> None:
    with portal.db() as db:
        doc_mco = _mco_of(reply)
        mco = db.get(Mco, doc_mco) if doc_mco else None
        if mco is None:
            return
        user = db.scalar(select(User).where(User.mco_id == mco.id))
        assert user is not None
        if db.get(Blob, sha256) is None:
            db.add(Blob(sha256=sha256, size=portal.blobs.path(sha256).stat().st_size))
        program = db.get(Program, mco.program_id)
        assert program is not None
        upload = Upload(mco_id=mco.id, program_id=program.id, blob_sha256=sha256,
                        filename=path.name, uploaded_by=user.id, set_id=program.set_id)
        store_reply(upload, reply)
        db.add(upload)
        db.flush()
        submission = submit(db, viewer_of(db, user), upload)
        quarter = db.scalar(select(Quarter).where(
            Quarter.program_id == mco.program_id, Quarter.period_start == upload.period_start))
        if quarter is not None:
            filed = dt.datetime.combine(quarter.due_on - dt.timedelta(days=5), dt.time(15))
            submission.submitted_at = upload.uploaded_at = filed


def _mco_of(reply: worker.CheckReply) -> str | None:
    from compliance.evaluation.document import ResultDocument

    if reply.result_json is None:
        return None
    return ResultDocument.model_validate_json(reply.result_json).submission.mco_id


def seed_demo(portal: Portal, pool: Executor) -> list[DemoAccount]:
    """Fill a fresh portal with the demo programs, accounts and filings."""
    with portal.db() as db:
        import_program_file(db, parse_program_file(PROGRAM_FILE.read_text(encoding="utf-8")))
    accounts = _accounts(portal)
    stored = [(path, _stored(portal, path)) for path in _samples()]
    # The sample's own cover names its program; its set is the one in force there.
    checks = [pool.submit(worker.check, str(portal.blobs.path(sha256)), choose_set(path))
              for path, sha256 in stored]
    for (path, sha256), check in zip(stored, checks, strict=True):
        _file_sample(portal, path, sha256, check.result())
    return accounts


def passwords() -> dict[str, str]:
    """The demo password of each kind of account."""
    return {"admin": PASSWORD + "-admin", "manager": PASSWORD + "-manager",
            "mco": PASSWORD + "-mco"}
