"""Rows that come close to a compound condition, and the values that keep them out.

When no row of Benefits is `Service is Doula and Covered is Yes and Prenatal visits
covered is at least 5`, the filer needs to hear that the doula row covers 4 prenatal
visits, not the condition back. A near miss is a row meeting the condition's first part
(what the row is about); each other part it fails is stated with the value found.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.checks.records import Records
from compliance.evaluation.condition import describe
from compliance.evaluation.submission import Table
from compliance.model.condition import AllOf, Compare, Condition

SHOWN = 3


@dataclass(frozen=True)
class NearMiss:
    """What the closest rows lack, in words, and their cells that hold it."""

    text: str
    cells: list[tuple[str, int]]


def near_misses(cond: Condition | None, table: Table) -> NearMiss | None:
    """The first few rows meeting `cond`'s first part but not the rest (None if none)."""
    if not isinstance(cond, AllOf) or len(cond.all) < 2:
        return None
    rows = Records(table)
    first, rest = cond.all[0], cond.all[1:]
    about, tests = rows.test(first), [(part, rows.test(part)) for part in rest]
    sentences: list[str] = []
    cells: list[tuple[str, int]] = []
    for i in range(len(rows)):
        if len(sentences) == SHOWN:
            break
        missed = [part for part, test in tests if about(i) and not test(i)]
        if not missed:
            continue
        found = "; ".join(_found(part, rows, i) for part in missed)
        sentences.append(f"Row {table.rows[i]}, where {describe(first, rows.label, rows.said)},"
                         f" has {found}")
        cells += [(f, i) for f in map(_field, missed) if f and rows.has(f)]
    return NearMiss(". ".join(sentences), cells) if sentences else None


def _field(cond: Condition) -> str | None:
    return cond.field if isinstance(cond, Compare) else None


def _found(part: Condition, rows: Records, index: int) -> str:
    """`Prenatal visits covered 4, where at least 5 is required`."""
    if not isinstance(part, Compare) or not rows.has(part.field):
        return f"not ({describe(part, rows.label, rows.said)})"
    value = rows.values(part.field)[index]
    wanted = describe(part, rows.label, rows.said).removeprefix(rows.label(part.field)).strip()
    wanted = wanted.removeprefix("is ")
    return f"{rows.label(part.field)} {rows.said(part.field, value)} (required: {wanted})"
