"""Signed-in sessions: a random cookie token, stored only as its SHA-256, with an expiry."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from compliance.portal.accounts import Viewer, viewer_of
from compliance.portal.passwords import verify_password
from compliance.portal.tables import LoginSession, User, utcnow

SESSION_HOURS = 8


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def authenticate(db: Session, username: str, password: str) -> User | None:
    """The active account with these credentials, or None."""
    user = db.scalar(select(User).where(User.username == username))
    ok = verify_password(user.password_hash if user else None, password)
    return user if ok and user is not None and user.active else None


def open_session(db: Session, user: User) -> str:
    """Start a session for `user`; returns the cookie token."""
    token = secrets.token_urlsafe(32)
    db.execute(delete(LoginSession).where(LoginSession.expires_at < utcnow()))
    db.add(LoginSession(token_hash=_digest(token), user_id=user.id,
                        expires_at=utcnow() + dt.timedelta(hours=SESSION_HOURS)))
    return token


def session_viewer(db: Session, token: str | None) -> Viewer | None:
    """The viewer of a live session token, or None."""
    if not token or len(token) > 100:
        return None
    row = db.get(LoginSession, _digest(token))
    if row is None or row.expires_at < utcnow():
        return None
    user = db.get(User, row.user_id)
    return viewer_of(db, user) if user is not None and user.active else None


def close_session(db: Session, token: str | None) -> None:
    """End a session (signing out)."""
    if token:
        db.execute(delete(LoginSession).where(LoginSession.token_hash == _digest(token)))
