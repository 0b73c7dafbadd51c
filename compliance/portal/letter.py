"""The deficiency letter: the gaps an MCO must answer, with citations, basis and a deadline.

A gap the reviewer accepted, or one a waiver covers, is left out; a disputed or
follow-up gap stays in, with the reviewer's comment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from compliance.portal.filings import document
from compliance.portal.reviews import DECISIONS, gaps, latest_reviews
from compliance.portal.tables import Mco, Program, Submission, Upload
from compliance.portal.waiverstore import waiver_for

RESPONSE_DAYS = 30
STATUS_WORDS = {"not_met": "Not met", "partially_met": "Partially met", "error": "Not checked",
                "incomplete": "Incomplete"}


@dataclass(frozen=True)
class LetterGap:
    """One deficiency as the letter states it."""

    requirement_id: str
    title: str
    severity: str
    status: str
    citation: str
    basis: str
    findings: tuple[str, ...]
    remediation: str
    review: str


@dataclass(frozen=True)
class Letter:
    """Everything the letter says."""

    mco_name: str
    mco_id: str
    program: str
    period: str
    set_ref: str
    version: int
    sha256: str
    submitted_at: dt.datetime
    issued_on: dt.date
    respond_by: dt.date
    gaps: tuple[LetterGap, ...]


def _gap_lines(db: Session, submission: Submission, upload: Upload) -> tuple[LetterGap, ...]:
    reviews = latest_reviews(db, submission.id)
    kept = []
    for gap in gaps(document(upload)):
        review = reviews.get(gap.id)
        if review and review.decision == "accept":
            continue
        if waiver_for(db, submission.mco_id, gap.id, submission.period_start):
            continue
        said = f"{DECISIONS[review.decision]}: {review.comment}" if review else ""
        kept.append(LetterGap(
            requirement_id=gap.id, title=gap.title, severity=gap.severity,
            status=STATUS_WORDS.get(str(gap.status), str(gap.status)), citation=gap.citation,
            basis=gap.basis, findings=tuple(f.message for f in gap.findings[:5]),
            remediation=gap.remediation, review=said.rstrip(": ")))
    return tuple(kept)


def build_letter(db: Session, submission: Submission, issued_on: dt.date | None = None,
                 respond_days: int = RESPONSE_DAYS) -> Letter:
    """The letter for one submission, issued today unless told otherwise."""
    upload = db.get(Upload, submission.upload_id)
    mco, program = db.get(Mco, submission.mco_id), db.get(Program, submission.program_id)
    assert upload is not None and mco is not None and program is not None  # foreign keys
    issued = issued_on or dt.date.today()
    return Letter(
        mco_name=mco.name, mco_id=mco.id, program=program.title,
        period=f"{submission.period_start} to {submission.period_end}",
        set_ref=f"{upload.set_id} {upload.set_version or ''}".strip(),
        version=submission.version, sha256=upload.blob_sha256,
        submitted_at=submission.submitted_at, issued_on=issued,
        respond_by=issued + dt.timedelta(days=respond_days),
        gaps=_gap_lines(db, submission, upload))
