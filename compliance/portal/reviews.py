"""A contract manager's review of each gap: accept, dispute or follow up, with a comment."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException

from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import RequirementResult
from compliance.portal.accounts import Viewer
from compliance.portal.audit import record
from compliance.portal.tables import Review, Submission
from compliance.render.text import GAP_STATUSES, gap_order

DECISIONS = {"accept": "Accepted", "dispute": "Disputed", "follow_up": "Follow-up"}
MAX_COMMENT = 4000


def gaps(doc: ResultDocument) -> list[RequirementResult]:
    """The requirements the filing does not meet, most severe first."""
    return sorted((r for r in doc.requirements if r.status in GAP_STATUSES), key=gap_order)


def latest_reviews(db: Session, submission_id: int) -> dict[str, Review]:
    """The current review of each requirement (earlier ones stay on record)."""
    rows = db.scalars(select(Review).where(Review.submission_id == submission_id)
                      .order_by(Review.id))
    return {row.requirement_id: row for row in rows}


def add_review(db: Session, viewer: Viewer, submission: Submission, doc: ResultDocument,
               requirement_id: str, decision: str, comment: str) -> Review:
    """Record a decision on one gap of `submission`."""
    if decision not in DECISIONS:
        raise HTTPException(422, "Choose accept, dispute or follow-up.")
    if requirement_id not in {gap.id for gap in gaps(doc)}:
        raise HTTPException(422, "That requirement is not a gap of this filing.")
    if len(comment) > MAX_COMMENT:
        raise HTTPException(422, f"A comment has at most {MAX_COMMENT} characters.")
    review = Review(submission_id=submission.id, requirement_id=requirement_id,
                    decision=decision, comment=comment.strip(), reviewed_by=viewer.id)
    db.add(review)
    record(db, viewer.username, "review", f"submission {submission.id} {requirement_id}",
           f"{decision}: {comment.strip()[:200]}", submission.program_id)
    return review
