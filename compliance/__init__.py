"""Compliance checker for Medicaid managed-care health-equity submissions.

The five stages, each a function over frozen models::

    rs = load_requirement_set("oregon-cco")          # YAML -> RequirementSet
    sub = read_submission("q1.xlsx", rs.workbook)     # workbook -> Submission
    results = evaluate(rs, sub)                       # -> list[RequirementResult]
    card = score(results, rs)                         # -> Scorecard
    doc = build_document(rs, sub, results, card)      # -> ResultDocument, rendered by formats

`check_workbook(path, set)` runs all five.
"""

from __future__ import annotations

from compliance.__about__ import __version__
from compliance.api import check_workbook
from compliance.document import ResultDocument, build_document
from compliance.engine import evaluate
from compliance.errors import ComplianceError, ReportError, RequirementSetError, SubmissionError
from compliance.loader import load_requirement_set
from compliance.model.requirement import Requirement, RequirementSet
from compliance.reader.bind import read_submission
from compliance.results import Finding, RequirementResult, Status
from compliance.scoring import Scorecard, score
from compliance.submission import Submission

__all__ = [
    "ComplianceError",
    "Finding",
    "ReportError",
    "Requirement",
    "RequirementResult",
    "RequirementSet",
    "RequirementSetError",
    "ResultDocument",
    "Scorecard",
    "Status",
    "Submission",
    "SubmissionError",
    "__version__",
    "build_document",
    "check_workbook",
    "evaluate",
    "load_requirement_set",
    "read_submission",
    "score",
]
