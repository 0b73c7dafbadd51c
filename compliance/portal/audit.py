"""The audit trail: every upload, submission, review, waiver and account change."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from compliance.portal.tables import AuditEntry


def record(db: Session, username: str, action: str, subject: str, detail: str = "",
           program_id: str | None = None) -> None:
    """Append an entry; it is committed with the change it describes."""
    db.add(AuditEntry(username=username, action=action, subject=subject, detail=detail,
                      program_id=program_id))


def entries(db: Session, programs: Sequence[str] | None, limit: int = 500) -> list[AuditEntry]:
    """The newest entries; `programs` limits them to those programs (None: all)."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if programs is not None:
        query = query.where(AuditEntry.program_id.in_(programs))
    return list(db.scalars(query))
