"""Stratified results read as groups: one measure's strata of one stratifier and its total.

Shared by `strata_total` and `disparity`. A group's strata are row indexes of a
`Records`; its total is the index of the measure's total row, when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from compliance.checks.base import RecordCheck, as_number, cell_list, num, pct
from compliance.checks.evidence import require, require_rows, unreadable
from compliance.checks.records import Records, key, plain, shown
from compliance.evaluation.results import Finding
from compliance.evaluation.submission import SUPPRESSED
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


class Reconciling(Protocol):
    """What reconciling a group needs besides the columns."""

    @property
    def tolerance(self) -> float:
        """How far a sum may be from its total."""
        ...

    @property
    def suppressed_max(self) -> int | None:
        """The largest count a suppressed cell may hide."""
        ...


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
        if (ident + (key(strat[i]),)) not in groups:
            named = " ".join(shown(c[i]) for c in columns)
            label = f"{named} by {choice_label(rows, cols.stratifier, strat[i])}"
            groups[ident + (key(strat[i]),)] = Group(label=label, total=None)
        groups[ident + (key(strat[i]),)].strata.append(i)
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


def _reported_rate(rows: Records, cols: StratifiedSheet, i: int) -> float | None:
    """The rate as filed in the rate column, else as its counts give it."""
    filed = as_number(rows.values(cols.rate)[i]) if cols.rate else None
    return filed if filed is not None else rate_of(rows, cols, i)


def _sum_problem(rows: Records, cols: StratifiedSheet, limits: Reconciling,
                 group: Group, column: str) -> str | None:
    """Why the strata of `column` do not fit the total, or None."""
    assert group.total is not None
    values = rows.values(column)
    total = as_number(values[group.total])
    if total is None:
        return None
    shown_sum = sum(n for i in group.strata if (n := as_number(values[i])) is not None)
    hidden = sum(1 for i in group.strata if values[i] is SUPPRESSED)
    cells = cell_list([c for i in group.strata if (c := rows.cell(column, i))])
    word = rows.label(column).lower() + "s"
    if not hidden:
        if abs(shown_sum - total) <= limits.tolerance + 1e-9:
            return None
        return (f"{group.label}: the {word} of the strata ({cells}) add up to {num(shown_sum)}, "
                f"but the total row says {num(total)}")
    if shown_sum > total + limits.tolerance:
        return (f"{group.label}: the shown {word} of the strata ({cells}) already add up to "
                f"{num(shown_sum)}, more than the total {num(total)}")
    most = None if limits.suppressed_max is None else shown_sum + hidden * limits.suppressed_max
    if most is not None and most < total - limits.tolerance:
        return (f"{group.label}: even if each of the {hidden} suppressed {word} hid "
                f"{limits.suppressed_max}, the strata ({cells}) add up to at most {num(most)}, "
                f"less than the total {num(total)}")
    return None


def reconcile(rows: Records, cols: StratifiedSheet, limits: Reconciling,
              group: Group) -> list[Finding]:
    """Findings for a group whose strata do not add up to its total or straddle its rate."""
    assert group.total is not None
    found = []
    for column in (cols.numerator, cols.denominator):
        problem = _sum_problem(rows, cols, limits, group, column)
        if problem:
            found.append(Finding(code="strata_total.sum_mismatch", sheet=rows.name,
                                 cell=rows.cell(column, group.total), message=f"{problem}.",
                                 expected="strata that add up to the total",
                                 actual=problem.partition(": ")[2]))
    counts = [rows.values(c) for c in (cols.numerator, cols.denominator)]
    if any(v[i] is SUPPRESSED for v in counts for i in group.strata):
        return found  # a hidden stratum may legitimately hold the extreme rate
    rates = [r for i in group.strata if (r := _reported_rate(rows, cols, i)) is not None]
    total = _reported_rate(rows, cols, group.total)
    if total is None or len(rates) < 2:
        return found
    low, high = min(rates), max(rates)
    if low - _RATE_SLACK <= total <= high + _RATE_SLACK:
        return found
    where = cols.rate if cols.rate else cols.numerator
    span = f"{pct(low)} to {pct(high)}"
    found.append(Finding(code="strata_total.rate_outside", sheet=rows.name,
                         cell=rows.cell(where, group.total), expected=f"between {span}",
                         actual=pct(total), message=f"{group.label}: the total rate {pct(total)} "
                         f"lies outside the strata rates ({span})."))
    return found


def recoverable(rows: Records, cols: StratifiedSheet, group: Group) -> list[Finding]:
    """Findings for suppressed stratum counts that the total gives away by subtraction."""
    assert group.total is not None
    found = []
    for column in (cols.numerator, cols.denominator):
        values = rows.values(column)
        hidden = [i for i in group.strata if values[i] is SUPPRESSED]
        rest = [i for i in group.strata if i not in hidden]
        if len(hidden) != 1 or as_number(values[group.total]) is None or any(
                as_number(values[i]) is None for i in rest):
            continue
        stratum = rows.values(cols.stratum)[hidden[0]]
        word = rows.label(column).lower()
        found.append(Finding(
            code="strata_total.recoverable", sheet=rows.name, cell=rows.cell(column, hidden[0]),
            expected="a second suppressed stratum", actual="the only suppressed cell",
            message=f"{group.label}: the suppressed {word} of {shown(stratum)} equals the "
                    f"total ({rows.cell(column, group.total)}) minus the other strata; "
                    f"suppress a second stratum too."))
    return found
