"""Who may reach what. Anything a viewer may not reach is answered as if it did not exist.

An MCO's staff reach only their MCO's uploads and submissions; a contract manager reaches
the submissions of the programs assigned to them (never an MCO's unsubmitted self-checks);
an administrator reaches accounts, the program file and the audit trail, not filings.
"""

from __future__ import annotations

from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException

from compliance.portal.accounts import Role, Viewer
from compliance.portal.tables import Mco, Program, Submission, Upload


class SignInRequired(Exception):
    """Raised when a page needs a signed-in viewer and there is none."""


def not_found() -> HTTPException:
    """The one answer for both 'absent' and 'not yours'."""
    return HTTPException(404, "There is no such page.")


def require(viewer: Viewer | None, *roles: Role) -> Viewer:
    """The viewer, if signed in with one of `roles`; otherwise sign-in or 404."""
    if viewer is None:
        raise SignInRequired
    if viewer.role not in roles:
        raise not_found()
    return viewer


def own_upload(db: Session, viewer: Viewer, upload_id: int) -> Upload:
    """An upload of the viewer's own MCO."""
    upload = db.get(Upload, upload_id)
    if upload is None or viewer.role != "mco" or upload.mco_id != viewer.mco_id:
        raise not_found()
    return upload


def may_see_submission(viewer: Viewer, submission: Submission) -> bool:
    """MCO staff see their MCO's; managers see their programs'."""
    if viewer.role == "mco":
        return submission.mco_id == viewer.mco_id
    return viewer.role == "manager" and submission.program_id in viewer.programs


def visible_submission(db: Session, viewer: Viewer, submission_id: int) -> Submission:
    """A submission the viewer may see."""
    submission = db.get(Submission, submission_id)
    if submission is None or not may_see_submission(viewer, submission):
        raise not_found()
    return submission


def managed_submission(db: Session, viewer: Viewer, submission_id: int) -> Submission:
    """A submission of one of the manager's programs."""
    submission = visible_submission(db, viewer, submission_id)
    if viewer.role != "manager":
        raise not_found()
    return submission


def managed_program(db: Session, viewer: Viewer, program_id: str | None) -> Program:
    """One of the manager's programs (the first when none is named)."""
    wanted = program_id or (viewer.programs[0] if viewer.programs else None)
    program = db.get(Program, wanted) if wanted else None
    if program is None or wanted not in viewer.programs:
        raise not_found()
    return program


def managed_mco(db: Session, viewer: Viewer, mco_id: str) -> Mco:
    """An MCO in one of the manager's programs."""
    mco = db.get(Mco, mco_id)
    if mco is None or mco.program_id not in viewer.programs:
        raise not_found()
    return mco
