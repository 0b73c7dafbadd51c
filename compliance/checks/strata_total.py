"""strata_total: the strata of each measure add up to its total row, and hide nothing twice.

What it checks:
    Rows of `sheet` are grouped by measure (and `keys`, e.g. the measure year) and
    stratifier. In each group the `numerator` and `denominator` of the strata must add
    up to those of the measure's total row (the row whose stratifier is `total`), and the
    total's rate must lie between the lowest and highest stratum rate. A suppressed
    stratum cell hides an unknown count: the shown strata must then not add up to more
    than the total, and with `suppressed_max` the hidden cells must fit in what is left.
    A measure with strata but no total row is a finding.
    With `test: recoverable` the check looks instead for a suppressed stratum count that
    anyone can work out as the total minus the other strata (the only suppressed cell of
    its group and column while the total is shown).

Why:
    42 CFR 438.606 makes a plan certify its data accurate and complete: results by race,
    sex or county that do not add up to the plan's own total cannot all be right, and a
    disparity computed from them means nothing. Suppressing a small cell protects members
    only if it cannot be recovered by subtraction (complementary suppression).

Options:
    sheet: table sheet id (default `stratified_measures`).
    measure: the column naming the measure (default `measure_id`).
    stratifier: the column naming the stratifier (default `stratifier`).
    stratum: the column naming the group (default `stratum`).
    total: the stratifier value of total rows (default `total`).
    numerator: the count of members meeting the measure (default `numerator`).
    denominator: the count of eligible members (default `denominator`).
    rate: the rate column (default `rate`).
    keys: more columns that set a group apart, e.g. `[measure_year]`.
    test: `reconcile` (default) or `recoverable`.
    tolerance: how far a sum may be from its total (default 0); rates compare within 0.001.
    suppressed_max: the largest count a suppressed cell may hide (no bound by default).
    where: which rows count (optional).
    target: share of groups without a problem, default `{at_least: 1.0, credit:
        {linear_from: 0}}` (the score is the share).
    when_empty: `not_applicable` (default) or `not_met` when nothing is stratified.

Passing:
    type: strata_total
    keys: [measure_year]

Failing:
    W30-CH total numerator 353 while the sex strata add up to 307 + 316 = 623:
    `strata_total.numerator` at the total's numerator cell.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from compliance.checks.base import graded_share, nothing_to_measure
from compliance.checks.reconcile import reconcile, recoverable
from compliance.checks.records import Records, records
from compliance.checks.strata import Group, StratifiedSheet, grouped
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Submission

TYPE = "strata_total"


class Params(StratifiedSheet):
    """Options of the `strata_total` check."""

    type: Literal["strata_total"]
    test: Literal["reconcile", "recoverable"] = "reconcile"
    tolerance: Annotated[float, Field(ge=0)] = 0.0
    suppressed_max: Annotated[int, Field(ge=0)] | None = None


def _no_total(rows: Records, params: Params, group: Group) -> list[Finding]:
    """A stratified group whose measure has no total row cannot be reconciled."""
    first = group.strata[0]
    return [Finding(code="strata_total.no_total", sheet=rows.name,
                    cell=rows.cell(params.stratifier, first), expected="a total row",
                    actual="none", message=f"{group.label}: the measure has strata but no "
                    f"total row (stratifier '{params.total}') to add them up to.")]


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the share of measure-stratifier groups that reconcile (or hide their cells)."""
    rows = records(submission, params.sheet)
    groups: list[Group] = grouped(rows, params)
    if params.test == "recoverable":  # without a total nothing can be worked out from it
        groups = [g for g in groups if g.total is not None]
    what = "strata groups protected" if params.test == "recoverable" else \
        "strata groups consistent"
    if not groups:
        return nothing_to_measure(params.when_empty, "strata_total.no_groups", rows.name,
                                  "stratified measures", params.expected(what))
    findings: list[Finding] = []
    failed = 0
    for group in groups:
        if group.total is None:
            found = _no_total(rows, params, group)
        elif params.test == "recoverable":
            found = recoverable(rows, params, group)
        else:
            found = reconcile(rows, params, params, group)
        failed += bool(found)
        findings += found
    return graded_share(params.target, len(groups) - failed, len(groups), what, findings)
