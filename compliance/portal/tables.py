"""The portal's database tables (SQLAlchemy ORM); migrations create them.

Uploaded workbooks live in the blob store, addressed by SHA-256; rows hold only the hash.
The audit table is append-only: the migrations add triggers that refuse update and delete.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    """The current time in UTC, to the second, without tzinfo (stored as UTC)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


class Base(DeclarativeBase):
    """The declarative base of every portal table."""


class Program(Base):
    """A contracted program: its requirement set in force."""

    __tablename__ = "programs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    set_id: Mapped[str] = mapped_column(String(64))
    set_version: Mapped[str | None] = mapped_column(String(32))


class Mco(Base):
    """A managed care organization contracted in one program."""

    __tablename__ = "mcos"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    program_id: Mapped[str] = mapped_column(ForeignKey("programs.id"))
    service_area: Mapped[str] = mapped_column(String(200), default="")


class Quarter(Base):
    """A reporting period of a program and the date its filings are due."""

    __tablename__ = "quarters"
    __table_args__ = (UniqueConstraint("program_id", "period_start"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[str] = mapped_column(ForeignKey("programs.id"))
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    due_on: Mapped[dt.date]


class User(Base):
    """An account: `mco` staff (one MCO), `manager` (some programs) or `admin`."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    mco_id: Mapped[str | None] = mapped_column(ForeignKey("mcos.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class UserProgram(Base):
    """A program a contract manager is responsible for."""

    __tablename__ = "user_programs"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    program_id: Mapped[str] = mapped_column(ForeignKey("programs.id"), primary_key=True)


class LoginSession(Base):
    """A signed-in browser: only the SHA-256 of its cookie token is stored."""

    __tablename__ = "login_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]


class Blob(Base):
    """A stored workbook, written once under its SHA-256 and never changed."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    stored_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Upload(Base):
    """One workbook an MCO uploaded to check, and the result document of the check."""

    __tablename__ = "uploads"
    __table_args__ = (Index("ix_uploads_mco", "mco_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    mco_id: Mapped[str] = mapped_column(ForeignKey("mcos.id"))
    program_id: Mapped[str] = mapped_column(ForeignKey("programs.id"))
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    filename: Mapped[str] = mapped_column(String(200))
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="checking")
    error: Mapped[str | None] = mapped_column(Text)
    set_id: Mapped[str] = mapped_column(String(64))
    set_version: Mapped[str | None] = mapped_column(String(32))
    schema_version: Mapped[str | None] = mapped_column(String(16))
    result_json: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None]
    passed: Mapped[bool | None]
    period_start: Mapped[dt.date | None]
    period_end: Mapped[dt.date | None]
    checked_at: Mapped[dt.datetime | None]


class Submission(Base):
    """An official filing of a checked upload; a resubmission is the next version."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("mco_id", "program_id", "period_start", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id"), unique=True)
    mco_id: Mapped[str] = mapped_column(ForeignKey("mcos.id"))
    program_id: Mapped[str] = mapped_column(ForeignKey("programs.id"))
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    version: Mapped[int]
    submitted_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Review(Base):
    """A contract manager's decision on one gap of a submission; the latest one counts."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"))
    requirement_id: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class WaiverGrant(Base):
    """An approved waiver of one requirement for one MCO, as in a waiver file."""

    __tablename__ = "waivers"
    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[str] = mapped_column(ForeignKey("programs.id"))
    mco_id: Mapped[str] = mapped_column(ForeignKey("mcos.id"))
    requirement_id: Mapped[str] = mapped_column(String(64))
    set_id: Mapped[str | None] = mapped_column(String(64))
    start: Mapped[dt.date]
    end: Mapped[dt.date | None]
    justification: Mapped[str] = mapped_column(Text)
    approved_by: Mapped[str] = mapped_column(String(200))
    approved_on: Mapped[dt.date]
    expires_on: Mapped[dt.date | None]


class Cap(Base):
    """A corrective action plan an MCO works through, as in a waiver file."""

    __tablename__ = "caps"
    id: Mapped[int] = mapped_column(primary_key=True)
    cap_id: Mapped[str] = mapped_column(String(64))
    program_id: Mapped[str] = mapped_column(ForeignKey("programs.id"))
    mco_id: Mapped[str] = mapped_column(ForeignKey("mcos.id"))
    requirement_id: Mapped[str] = mapped_column(String(64))
    set_id: Mapped[str | None] = mapped_column(String(64))
    opened: Mapped[dt.date]
    due: Mapped[dt.date]
    status: Mapped[str] = mapped_column(String(16))


class AuditEntry(Base):
    """Who did what, when: appended, never changed."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")
    program_id: Mapped[str | None] = mapped_column(String(64))
