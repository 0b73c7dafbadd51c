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
    from compliance.errors import (
        ComplianceError,
        ReportError,
        RequirementSetError,
        SubmissionError,
    )
    from compliance.evaluation.document import ResultDocument, build_document
    from compliance.evaluation.engine import evaluate
    from compliance.evaluation.results import Finding, RequirementResult, Status
    from compliance.evaluation.scoring import Scorecard, score
    from compliance.evaluation.submission import Submission
    from compliance.model.requirement import Requirement, RequirementSet
    from compliance.reader.bind import read_submission
    from compliance.sets.loader import load_requirement_set

# Where each public name lives; imported on first use (PEP 562) so that the command line
# loads only what a command needs.
_EXPORTS = {
    "check_workbook": "compliance.api", "ResultDocument": "compliance.evaluation.document",
    "build_document": "compliance.evaluation.document", "evaluate": "compliance.evaluation.engine",
    "ComplianceError": "compliance.errors", "ReportError": "compliance.errors",
    "RequirementSetError": "compliance.errors", "SubmissionError": "compliance.errors",
    "load_requirement_set": "compliance.sets.loader", "Requirement": "compliance.model.requirement",
    "RequirementSet": "compliance.model.requirement", "read_submission": "compliance.reader.bind",
    "Finding": "compliance.evaluation.results",
    "RequirementResult": "compliance.evaluation.results",
    "Status": "compliance.evaluation.results", "Scorecard": "compliance.evaluation.scoring",
    "score": "compliance.evaluation.scoring", "Submission": "compliance.evaluation.submission",
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
