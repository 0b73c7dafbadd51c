"""The Python API: check a workbook against a set in one call, or stage by stage."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from compliance.document import ResultDocument, build_document
from compliance.engine import evaluate
from compliance.loader import load_requirement_set
from compliance.model.base import Severity
from compliance.model.requirement import RequirementSet
from compliance.reader.bind import read_submission
from compliance.scoring import score


def check_workbook(workbook: str | os.PathLike[str], requirement_set: str | Path | RequirementSet,
                   *, fail_under: float | None = None, fail_on: Severity | None = None,
                   generated_at: dt.datetime | None = None) -> ResultDocument:
    """Read, evaluate and score one workbook; the `ResultDocument` every format renders.

    Raises `RequirementSetError` or `SubmissionError` when the check cannot run.
    """
    rs = requirement_set if isinstance(requirement_set, RequirementSet) else (
        load_requirement_set(requirement_set))
    submission = read_submission(workbook, rs.workbook)
    results = evaluate(rs, submission)
    card = score(results, rs, fail_under=fail_under, fail_on=fail_on)
    return build_document(rs, submission, results, card, generated_at=generated_at)
