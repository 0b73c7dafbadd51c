"""Which requirement set a workbook is checked against, for `batch` and `diff`.

`--set` when given; otherwise the set is chosen from the workbook's template stamp
or its Cover sheet (`compliance.sets.selection`), one workbook at a time.
"""

from __future__ import annotations

from pathlib import Path

from compliance.errors import RequirementSetError
from compliance.model.requirement import RequirementSet
from compliance.resources import bundled_sets
from compliance.sets.loader import load_requirement_set
from compliance.sets.selection import choose_set


def set_for(workbook: Path, forced: str | None) -> str:
    """The set given with `--set`, else the bundled set chosen for this workbook.

    Raises `UsageError` when no set can be chosen, `SubmissionError` when the
    workbook cannot be read.
    """
    return forced if forced is not None else choose_set(workbook)


def candidate_sets() -> list[RequirementSet]:
    """Every set automatic selection may choose: each valid bundled set."""
    found = []
    for path in bundled_sets():
        try:
            found.append(load_requirement_set(path))
        except RequirementSetError:
            continue  # a broken bundled set is never chosen, so it constrains nothing
    return found
