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

import importlib
from typing import TYPE_CHECKING, Any

from compliance.__about__ import __version__

if TYPE_CHECKING:
    from compliance.api import check_workbook
    from compliance.document import ResultDocument, build_document
    from compliance.engine import evaluate
    from compliance.errors import (
        ComplianceError,
        ReportError,
        RequirementSetError,
        SubmissionError,
    )
    from compliance.loader import load_requirement_set
    from compliance.model.requirement import Requirement, RequirementSet
    from compliance.reader.bind import read_submission
    from compliance.results import Finding, RequirementResult, Status
    from compliance.scoring import Scorecard, score
    from compliance.submission import Submission

# Where each public name lives; imported on first use (PEP 562) so that the command line
# loads only what a command needs.
_EXPORTS = {
    "check_workbook": "compliance.api", "ResultDocument": "compliance.document",
    "build_document": "compliance.document", "evaluate": "compliance.engine",
    "ComplianceError": "compliance.errors", "ReportError": "compliance.errors",
    "RequirementSetError": "compliance.errors", "SubmissionError": "compliance.errors",
    "load_requirement_set": "compliance.loader", "Requirement": "compliance.model.requirement",
    "RequirementSet": "compliance.model.requirement", "read_submission": "compliance.reader.bind",
    "Finding": "compliance.results", "RequirementResult": "compliance.results",
    "Status": "compliance.results", "Scorecard": "compliance.scoring",
    "score": "compliance.scoring", "Submission": "compliance.submission",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'compliance' has no attribute '{name}'")
    return getattr(importlib.import_module(module), name)


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
