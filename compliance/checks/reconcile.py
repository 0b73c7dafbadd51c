"""The arithmetic of one stratified group: do its strata add up, can a hidden cell be found.

Used by `strata_total`. A suppressed stratum hides an unknown count, so with one the
strata need only not exceed the total (and, given `suppressed_max`, reach it).
"""

from __future__ import annotations

from typing import Protocol

from compliance.checks.base import as_number, cell_list, num, pct
from compliance.checks.records import Records, shown
from compliance.checks.strata import Group, StratifiedSheet, rate_of
from compliance.evaluation.results import Finding
from compliance.evaluation.submission import SUPPRESSED

_RATE_SLACK = 0.001


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


def _reported_rate(rows: Records, cols: StratifiedSheet, i: int) -> float | None:
    """The rate as filed in the rate column, else as its counts give it."""
    filed = as_number(rows.values(cols.rate)[i]) if cols.rate else None
    return filed if filed is not None else rate_of(rows, cols, i)


def _sum_problem(rows: Records, limits: Reconciling, group: Group,
                 column: str) -> tuple[str, str] | None:
    """(message, actual) when the strata of `column` do not fit the total, else None."""
    assert group.total is not None
    values = rows.values(column)
    total = as_number(values[group.total])
    if total is None:
        return None
    shown_sum = sum(n for i in group.strata if (n := as_number(values[i])) is not None)
    hidden = sum(1 for i in group.strata if values[i] is SUPPRESSED)
    cells = cell_list([c for i in group.strata if (c := rows.cell(column, i))])
    word, slack = rows.label(column).lower() + "s", limits.tolerance
    actual = f"strata {num(shown_sum)}, total {num(total)}"
    if not hidden:
        if abs(shown_sum - total) <= slack + 1e-9:
            return None
        return (f"the {word} of the strata ({cells}) add up to {num(shown_sum)}, but the "
                f"total row says {num(total)}"), actual
    if shown_sum > total + slack:
        return (f"the shown {word} of the strata ({cells}) already add up to "
                f"{num(shown_sum)}, more than the total {num(total)}"), actual
    most = None if limits.suppressed_max is None else shown_sum + hidden * limits.suppressed_max
    if most is None or most >= total - slack:
        return None
    return (f"even if each of the {hidden} suppressed {word} hid {limits.suppressed_max}, "
            f"the strata ({cells}) add up to at most {num(most)}, less than the total "
            f"{num(total)}"), f"strata at most {num(most)}, total {num(total)}"


def _rate_outside(rows: Records, cols: StratifiedSheet, group: Group) -> Finding | None:
    """A finding when the total's rate lies outside its (fully shown) strata's rates."""
    assert group.total is not None
    rates = [r for i in group.strata if (r := _reported_rate(rows, cols, i)) is not None]
    total = _reported_rate(rows, cols, group.total)
    if total is None or len(rates) < 2:
        return None
    low, high = min(rates), max(rates)
    if low - _RATE_SLACK <= total <= high + _RATE_SLACK:
        return None
    span = f"{pct(low)} to {pct(high)}"
    return Finding(code="strata_total.rate_outside", sheet=rows.name,
                   cell=rows.cell(cols.rate or cols.numerator, group.total),
                   expected=f"between {span}", actual=pct(total),
                   message=f"{group.label}: the total rate {pct(total)} lies outside the "
                           f"strata rates ({span}).")


def reconcile(rows: Records, cols: StratifiedSheet, limits: Reconciling,
              group: Group) -> list[Finding]:
    """Findings for a group whose strata do not add up to its total or straddle its rate."""
    assert group.total is not None
    found = []
    for column in (cols.numerator, cols.denominator):
        problem = _sum_problem(rows, limits, group, column)
        if problem:
            found.append(Finding(code="strata_total.sum_mismatch", sheet=rows.name,
                                 cell=rows.cell(column, group.total),
                                 message=f"{group.label}: {problem[0]}.",
                                 expected="strata that add up to the total", actual=problem[1]))
    counts = [rows.values(c) for c in (cols.numerator, cols.denominator)]
    if any(v[i] is SUPPRESSED for v in counts for i in group.strata):
        return found  # a hidden stratum may legitimately hold the extreme rate
    outside = _rate_outside(rows, cols, group)
    return found + ([outside] if outside else [])


def recoverable(rows: Records, cols: StratifiedSheet, group: Group) -> list[Finding]:
    """Findings for suppressed stratum counts that the total gives away by subtraction."""
    assert group.total is not None
    found = []
    for column in (cols.numerator, cols.denominator):
        values = rows.values(column)
        hidden = [i for i in group.strata if values[i] is SUPPRESSED]
        if len(hidden) != 1 or as_number(values[group.total]) is None or any(
                as_number(values[i]) is None for i in group.strata if i != hidden[0]):
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
