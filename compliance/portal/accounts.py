"""Accounts and roles: MCO staff tied to one MCO, managers to programs, administrators."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from compliance.errors import UsageError
from compliance.portal.passwords import hash_password, password_problem
from compliance.portal.tables import LoginSession, Mco, Program, User, UserProgram

Role = Literal["mco", "manager", "admin"]
ROLES: tuple[Role, ...] = ("mco", "manager", "admin")
_USERNAME = re.compile(r"^[A-Za-z0-9._@-]{2,64}$")


@dataclass(frozen=True)
class Viewer:
    """The signed-in user as every route sees it."""

    id: int
    username: str
    role: Role
    mco_id: str | None
    programs: tuple[str, ...]


def viewer_of(db: Session, user: User) -> Viewer:
    """The `Viewer` for an account, with its programs."""
    programs = tuple(db.scalars(select(UserProgram.program_id).where(
        UserProgram.user_id == user.id).order_by(UserProgram.program_id)))
    return Viewer(id=user.id, username=user.username, role=cast(Role, user.role),
                  mco_id=user.mco_id, programs=programs)


def _validate(db: Session, role: str, mco_id: str | None, programs: Sequence[str]) -> None:
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if role == "mco" and (mco_id is None or db.get(Mco, mco_id) is None):
        raise UsageError("an MCO account needs the id of an MCO in the program file")
    if role != "mco" and mco_id:
        raise UsageError("only an MCO account is tied to an MCO")
    if role == "manager" and not programs:
        raise UsageError("a contract manager needs at least one program")
    for program in programs:
        if db.get(Program, program) is None:
            raise UsageError(f"no program {program!r} in the program file")


def add_user(db: Session, username: str, password: str, role: str, *,
             mco_id: str | None = None, programs: Sequence[str] = ()) -> User:
    """Create an account; raises `UsageError` with the reason when it cannot."""
    if not _USERNAME.match(username):
        raise UsageError("a user name is 2-64 letters, digits or . _ @ -")
    if db.scalar(select(User).where(User.username == username)) is not None:
        raise UsageError(f"the user {username!r} exists already")
    problem = password_problem(password)
    if problem:
        raise UsageError(problem)
    _validate(db, role, mco_id or None, programs)
    user = User(username=username, password_hash=hash_password(password), role=role,
                mco_id=mco_id or None)
    db.add(user)
    db.flush()
    db.add_all(UserProgram(user_id=user.id, program_id=p) for p in programs)
    db.flush()
    return user


def change_user(db: Session, user: User, role: str, mco_id: str | None,
                programs: Sequence[str], active: bool, password: str = "") -> None:
    """Change an account's role, MCO, programs, whether it may sign in, and its password."""
    _validate(db, role, mco_id or None, programs)
    if password:
        problem = password_problem(password)
        if problem:
            raise UsageError(problem)
        user.password_hash = hash_password(password)
    if password or not active:  # a new password or a disabled account ends every session
        db.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    user.role, user.mco_id, user.active = role, mco_id or None, active
    db.execute(delete(UserProgram).where(UserProgram.user_id == user.id))
    db.add_all(UserProgram(user_id=user.id, program_id=p) for p in programs)
    db.flush()
