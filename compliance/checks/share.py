"""share: the share of rows that satisfy a condition reaches a target, overall or per group.

What it checks:
    Among the rows of `sheet` that match `where` (every row when omitted), the share that
    also satisfy `condition` must meet `target`. With `group_by`, each group (for example
    each committee) is graded on its own and the weakest group decides (`across_groups:
    all`) or the groups are averaged (`across_groups: mean`). With `weight_by`, each row
    counts as many times as its number in that column (for tables of counts).

Why:
    ORS 414.575 requires consumers to be the majority of every Oregon CCO Community
    Advisory Council; OHA evaluates each council against a 51% consumer share.

Options:
    sheet: table sheet id.
    condition: what a row must satisfy to count in the numerator.
    where: which rows form the denominator (optional).
    target: `at_least` / `at_most` as fractions of one, with optional `credit`.
    group_by: column whose values split the rows into groups (optional).
    across_groups: `all` (default) or `mean`.
    weight_by: numeric column giving each row's weight (optional).
    when_empty: `not_met` (default) or `not_applicable` when no row matches `where`.

Passing:
    type: share
    sheet: committee_roster
    group_by: committee_id
    condition: {field: role, op: in, value: [enrollee, former_enrollee, caregiver]}
    target: {at_least: 0.51}

Failing:
    A committee with 4 consumers among 10 members: 40% is below 51%.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Literal

from compliance.checks.base import CheckBase, FractionTarget, as_number, condition_refs, pct
from compliance.checks.evidence import condition_fields, require, require_rows, unreadable
from compliance.checks.records import Records
from compliance.evaluation.condition import describe, referenced_fields, row_mask
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Submission, Table
from compliance.evaluation.valueindex import indexes
from compliance.model.base import Identifier
from compliance.model.condition import Condition

TYPE = "share"
KEPT_ROWS = 10_000  # enough for the cell references; a million-row roster keeps no more


class Params(CheckBase):
    """Options of the `share` check."""

    type: Literal["share"]
    sheet: Identifier
    condition: Condition
    where: Condition | None = None
    target: FractionTarget
    group_by: Identifier | None = None
    across_groups: Literal["all", "mean"] = "all"
    weight_by: Identifier | None = None
    when_empty: Literal["not_met", "not_applicable"] = "not_met"

    def refs(self) -> list[tuple[str, str | None]]:
        """Sheet and fields this check reads."""
        fields = [self.group_by, self.weight_by]
        return [(self.sheet, None), *[(self.sheet, f) for f in fields if f],
                *condition_refs(self.sheet, self.condition, self.where)]


def _tally(params: Params, table: Table,
           short: dict[object, list[int]]) -> dict[object, list[float]]:
    """Per group: [weight meeting the condition, weight in the denominator].

    `short` collects, per group, the records that count against the share.
    """
    where = row_mask(params.where, table) if params.where else None
    meets = row_mask(params.condition, table)
    picked = range(len(table)) if where is None else indexes(where)
    if not params.group_by and not params.weight_by:  # one group, each record counts once
        missed = list(itertools.islice(itertools.filterfalse(meets.__getitem__, picked),
                                       KEPT_ROWS))
        if missed:
            short[None] = missed
        met = sum(map(meets.__getitem__, picked))
        return {None: [float(met), float(len(picked))]} if picked else {}
    groups = table.column(params.group_by).values if params.group_by else None
    weights = table.column(params.weight_by).values if params.weight_by else None
    tally: dict[object, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for i in picked:
        weight = (as_number(weights[i]) or 0.0) if weights is not None else 1.0
        group = groups[i] if groups is not None else None
        counts = tally[group]
        counts[1] += weight
        if meets[i]:
            counts[0] += weight
        elif weight > 0 and len(kept := short.setdefault(group, [])) < KEPT_ROWS:
            kept.append(i)
    return {group: counts for group, counts in tally.items() if counts[1] > 0}


def _column(params: Params, table: Table) -> str | None:
    """The column a finding points at: the first the condition reads."""
    return next(iter(referenced_fields(params.condition)), params.group_by)


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the share of rows satisfying the condition."""
    table = submission.table(params.sheet)
    rows = Records(table)
    picked = require_rows(rows, params.where, [*condition_fields(params.condition),
                                               params.group_by])
    require(unreadable(rows, [params.weight_by], picked, blank=True))
    short: dict[object, list[int]] = {}
    tally = _tally(params, table, short)
    expected = params.target.describe_fraction()
    if not tally:
        if params.when_empty == "not_applicable":
            return CheckOutcome(score=None, na_reason=f"no rows in '{table.name}' to measure")
        finding = Finding(code="share.no_rows", message=f"No qualifying rows in '{table.name}'.",
                          sheet=table.name, expected=expected, actual="no rows")
        return CheckOutcome(score=0.0, findings=(finding,), expected=expected, measured="no rows")
    findings, grades, shares = [], [], []
    meets = describe(params.condition, Records(table).label, Records(table).said)
    for group, (hit, total) in sorted(tally.items(), key=lambda kv: str(kv[0])):
        value = hit / total
        grade = params.target.grade(value)
        grades.append(grade)
        shares.append(value)
        if grade < 1.0:
            label = f"{group}: " if params.group_by else ""
            findings.append(Finding(
                code="share.below" if params.target.at_least is not None
                and value < params.target.at_least else "share.above",
                message=f"{label}{pct(value)} ({hit:g} of {total:g}) meet '{meets}', against "
                        f"a target of {expected}.",
                sheet=table.name,
                cell=Records(table).cells(_column(params, table), short.get(group, ())),
                expected=expected, actual=pct(value),
            ))
    score = min(grades) if params.across_groups == "all" else sum(grades) / len(grades)
    worst = min(shares) if params.target.at_least is not None else max(shares)
    measured = pct(worst) if len(shares) == 1 else f"{pct(worst)} (weakest of {len(shares)} groups)"
    return CheckOutcome(score=score, findings=tuple(findings), measure=worst,
                        measured=measured, expected=expected)
