"""The contract manager's quarter: one row per contracted MCO, the domain matrix, trends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from compliance.portal.filings import document
from compliance.portal.tables import Mco, Program, Quarter, Submission, Upload


@dataclass(frozen=True)
class InboxRow:
    """Where one MCO stands for the quarter."""

    mco: Mco
    latest: Submission | None
    upload: Upload | None
    late: bool
    versions: int

    @property
    def status(self) -> str:
        """expected, received or resubmitted."""
        if self.latest is None:
            return "expected"
        return "resubmitted" if self.versions > 1 else "received"


def quarters(db: Session, program: Program) -> list[Quarter]:
    """The program's reporting periods, newest first."""
    return list(db.scalars(select(Quarter).where(Quarter.program_id == program.id)
                           .order_by(Quarter.period_start.desc())))


def pick_quarter(db: Session, program: Program, start: str | None) -> Quarter | None:
    """The quarter starting on `start`, else the newest whose due date has come, else any."""
    choices = quarters(db, program)
    if start:
        return next((q for q in choices if q.period_start.isoformat() == start), None)
    today = dt.date.today()
    return next((q for q in choices if q.period_start <= today), choices[-1] if choices
                else None)


def _filings(db: Session, program: Program, quarter: Quarter) -> dict[str, list[Submission]]:
    rows = db.scalars(select(Submission).where(
        Submission.program_id == program.id, Submission.period_start == quarter.period_start)
        .order_by(Submission.version))
    by_mco: dict[str, list[Submission]] = {}
    for row in rows:
        by_mco.setdefault(row.mco_id, []).append(row)
    return by_mco


def inbox(db: Session, program: Program, quarter: Quarter) -> list[InboxRow]:
    """One row per MCO of the program file, in name order."""
    filings = _filings(db, program, quarter)
    rows = []
    for mco in db.scalars(select(Mco).where(Mco.program_id == program.id).order_by(Mco.name)):
        versions = filings.get(mco.id, [])
        latest = versions[-1] if versions else None
        first_filed = versions[0].submitted_at.date() if versions else dt.date.today()
        rows.append(InboxRow(mco=mco, latest=latest, versions=len(versions),
                             upload=db.get(Upload, latest.upload_id) if latest else None,
                             late=first_filed > quarter.due_on))
    return rows


def matrix(rows: list[InboxRow]) -> tuple[list[str], list[tuple[InboxRow, list[str]]]]:
    """Domain titles, and per MCO the score of each domain ('' when not filed)."""
    titles: list[str] = []
    scored: list[tuple[InboxRow, dict[str, float | None]]] = []
    for row in rows:
        domains = document(row.upload).domains if row.upload and row.upload.result_json else ()
        for domain in domains:
            if domain.title not in titles:
                titles.append(domain.title)
        scored.append((row, {d.title: d.score for d in domains}))
    cells = [(row, [_cell(scores, title) for title in titles]) for row, scores in scored]
    return titles, cells


def _cell(scores: dict[str, float | None], title: str) -> str:
    if title not in scores:
        return ""
    value = scores[title]
    return "n/a" if value is None else f"{value:.0f}"


def trend(db: Session, mco: Mco) -> list[tuple[Submission, Upload]]:
    """The latest version of each quarter's filing by `mco`, oldest quarter first."""
    latest: dict[dt.date, Submission] = {}
    for row in db.scalars(select(Submission).where(Submission.mco_id == mco.id)
                          .order_by(Submission.version)):
        latest[row.period_start] = row
    return [(row, upload) for start, row in sorted(latest.items())
            if (upload := db.get(Upload, row.upload_id)) is not None]
