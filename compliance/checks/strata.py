"""Stratified results read as groups: one measure's strata of one stratifier and its total.

Shared by `strata_total` and `disparity`. A group's strata are row indexes of a
`Records`; its total is the index of the measure's total row, when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from compliance.checks.base import RecordCheck, as_number
from compliance.checks.evidence import require, require_rows, unreadable
from compliance.checks.records import Records, key, plain, shown
from compliance.model.base import Identifier

_RATE_SLACK = 0.001


class StratifiedSheet(RecordCheck):
    """Options naming a stratified results sheet's columns (defaults: the canonical ones)."""

    sheet: Identifier = "stratified_measures"
    measure: Identifier = "measure_id"
    stratifier: Identifier = "stratifier"
    stratum: Identifier = "stratum"
    total: str = "total"
    numerator: Identifier = "numerator"
    denominator: Identifier = "denominator"
    rate: Identifier | None = "rate"
    keys: list[Identifier] = []

    def reads(self) -> list[str | None]:
        """The grouping, count and rate columns."""
        return [self.measure, self.stratifier, self.stratum, *self.keys, self.numerator,
                self.denominator, self.rate]


@dataclass
class Group:
    """One measure (and keys) broken down by one stratifier."""

    label: str
    total: int | None
    strata: list[int] = field(default_factory=list)


def choice_label(rows: Records, field_id: str, value: Any) -> str:
    """A choice code as its label (`race_eth` -> `Race and ethnicity`), else as filed."""
    spec = rows.source.spec.field(field_id)
    for code in spec.code_list() if spec else ():
        if key(code.code) == key(value):
            return code.label or code.code
    return shown(value)


def grouped(rows: Records, cols: StratifiedSheet) -> list[Group]:
    """Every measure-stratifier group in sheet order, each with its measure's total row.

    Every column the options name must be on the sheet, and every value a group needs
    readable (a blank count is not 0): `EvidenceMissing` otherwise.
    """
    for column in cols.reads():
        if column:
            rows.values(column)  # a column left out raises EvidenceMissing
    ids = [cols.measure, *cols.keys]
    picked = require_rows(rows, cols.where, [*ids, cols.stratifier, cols.stratum, cols.rate])
    require(unreadable(rows, [cols.numerator, cols.denominator], picked, blank=True))
    columns = [rows.values(c) for c in ids]
    strat = rows.values(cols.stratifier)
    totals: dict[tuple[str, ...], int] = {}
    groups: dict[tuple[str, ...], Group] = {}
    for i in picked:
        if not all(plain(c[i]) for c in columns) or not plain(strat[i]):
            continue
        ident = tuple(key(c[i]) for c in columns)
        if key(strat[i]) == key(cols.total):
            totals.setdefault(ident, i)
            continue
        group = groups.get(ident + (key(strat[i]),))
        if group is None:
            named = " ".join(shown(c[i]) for c in columns)
            label = f"{named} by {choice_label(rows, cols.stratifier, strat[i])}"
            group = groups[ident + (key(strat[i]),)] = Group(label=label, total=None)
        group.strata.append(i)
    for ident, group in groups.items():
        group.total = totals.get(ident[:-1])
    return list(groups.values())


def rate_of(rows: Records, cols: StratifiedSheet, i: int) -> float | None:
    """A row's rate: numerator / denominator when both are shown, else its rate column."""
    top = as_number(rows.values(cols.numerator)[i])
    bottom = as_number(rows.values(cols.denominator)[i])
    if top is not None and bottom:
        return top / bottom
    return as_number(rows.values(cols.rate)[i]) if cols.rate else None
