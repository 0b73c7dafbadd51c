"""Findings aggregated for people: one row per finding code, with its cells listed.

A requirement can carry hundreds of row-level findings (the engine stores up to 200
and counts the rest). Listing each would bury the point and slow the report, so the
findings of one code become one row: a few example messages, how many more are alike,
and the cells, capped, ending in "and N more".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from compliance.evaluation.results import Finding

MAX_EXAMPLES = 3
MAX_CELLS = 12
_COMPARISON = {">=": "at least", "<=": "at most", ">": "more than", "<": "less than"}
_LEADING = re.compile(r"^(>=|<=|>|<) ?")


def in_words(expected: str) -> str:
    """`>= 51%` as `at least 51%`: targets read as words in reports."""
    return _LEADING.sub(lambda m: _COMPARISON[m[1]] + " ", expected)


@dataclass(frozen=True)
class Example:
    """One finding's message and actual value, shown as an example of its row."""

    message: str
    actual: str


@dataclass(frozen=True)
class FindingRow:
    """The findings of one code within one requirement."""

    code: str
    count: int
    examples: tuple[Example, ...]
    similar: int
    expected: str
    cells: str
    cells_more: int


def cell_list(findings: Iterable[Finding], cap: int = MAX_CELLS) -> tuple[str, int]:
    """`Sheet!B7, B9` (the sheet named once per run of cells) and how many were left off."""
    locations = list(dict.fromkeys((f.sheet, f.cell) for f in findings if f.sheet))
    parts, last = [], None
    for sheet, cell in locations[:cap]:
        if cell is None:
            parts.append(sheet or "")
        else:
            parts.append(cell if sheet == last else f"{sheet}!{cell}")
        last = sheet if cell is not None else None
    return ", ".join(parts), max(len(locations) - cap, 0)


def _row(code: str, group: Sequence[Finding]) -> FindingRow:
    examples = tuple(Example(message=f.message, actual=f.actual or "")
                     for f in group[:MAX_EXAMPLES])
    cells, more = cell_list(group)
    # Findings of one code can expect different things (a row for each county): name the
    # expectation of every example shown, not only the first's.
    expected = "; ".join(dict.fromkeys(in_words(f.expected) for f in group[:MAX_EXAMPLES]
                                       if f.expected))
    return FindingRow(code=code, count=len(group), examples=examples,
                      similar=len(group) - len(examples), expected=expected, cells=cells,
                      cells_more=more)


def finding_rows(findings: Sequence[Finding]) -> tuple[FindingRow, ...]:
    """The findings grouped by code, in the order each code first appears."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.code, []).append(finding)
    return tuple(_row(code, group) for code, group in groups.items())
