"""row_count: a sheet holds enough (or few enough) rows, overall, per group or per quarter.

What it checks:
    The number of rows of `sheet` matching `where` must meet `target`. With `group_by`,
    each group is counted on its own; `expected_groups` names groups that must exist, so
    a committee on the roster with no meeting counts 0. With `per: quarter` or `per:
    month`, rows are counted by the calendar quarter or month of `date_column`, and each
    quarter or month the reporting period touches must meet the target (rows dated
    outside the period are not counted).

Why:
    ORS 414.575 requires each CCO Community Advisory Council to meet at least once every
    three months; a quarter without a recorded meeting is a missed meeting.

Options:
    sheet: table sheet id.
    target: `at_least` / `at_most` as counts, with optional `credit`.
    where: which rows count (optional).
    group_by: column whose values split the rows into groups (optional).
    expected_groups: `{sheet, column}` listing groups that must appear (needs `group_by`).
    per: `quarter` or `month` (needs `date_column`).
    across_groups: `all` (default: the weakest group or period decides) or `mean`.

Passing:
    type: row_count
    sheet: committee_meetings
    group_by: committee_id
    expected_groups: {sheet: committee_roster, column: committee_id}
    target: {at_least: 1}

Failing:
    Committee CAC-2 is on the roster but has no meeting: 0 rows, below 1.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Literal

from pydantic import model_validator

from compliance.checks.base import CheckBase, ColumnRef, Target, condition_refs
from compliance.checks.evidence import require_rows
from compliance.checks.records import (
    Records,
    column_keys,
    key,
    plain,
    records,
    reporting_period,
)
from compliance.evaluation.condition import describe, row_test
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Submission, Table
from compliance.model.base import Identifier
from compliance.model.condition import Condition

TYPE = "row_count"
Unit = tuple[str | None, str | None]


class Params(CheckBase):
    """Options of the `row_count` check."""

    type: Literal["row_count"]
    sheet: Identifier
    target: Target
    where: Condition | None = None
    group_by: Identifier | None = None
    expected_groups: ColumnRef | None = None
    per: Literal["quarter", "month"] | None = None
    date_column: Identifier | None = None
    across_groups: Literal["all", "mean"] = "all"

    @model_validator(mode="after")
    def _paired(self) -> Params:
        if self.expected_groups is not None and self.group_by is None:
            raise ValueError("expected_groups needs group_by")
        if (self.per is None) != (self.date_column is None):
            raise ValueError("per and date_column go together")
        return self

    def refs(self) -> list[tuple[str, str | None]]:
        """Sheet and fields this check reads."""
        fields = [(self.sheet, f) for f in (self.group_by, self.date_column) if f]
        groups = self.expected_groups.refs() if self.expected_groups else []
        return [(self.sheet, None), *fields, *groups, *condition_refs(self.sheet, self.where)]


def _bucket(day: dt.date, per: str) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}" if per == "quarter" \
        else f"{day.year}-{day.month:02d}"


def _buckets(params: Params, submission: Submission) -> list[str | None]:
    """Every quarter or month the reporting period touches (one None bucket without `per`)."""
    if params.per is None:
        return [None]
    start, end = reporting_period(submission, "row_count.no_period")
    found, day = [], start
    while day <= end:
        found.append(_bucket(day, params.per))
        day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return list(dict.fromkeys(found))


def _count(params: Params, table: Table, period: tuple[dt.date | None, dt.date | None],
           names: dict[str, Any]) -> Counter[Unit]:
    """Rows per (group key, bucket); records each group's first spelling in `names`."""
    included = row_test(params.where, table)
    groups = table.column(params.group_by).values if params.group_by else None
    dates = table.column(params.date_column).values if params.date_column else None
    start, end = period
    tally: Counter[Unit] = Counter()
    for i in range(len(table)):
        group = groups[i] if groups is not None else None
        day = dates[i] if dates is not None else None
        if not included(i) or (groups is not None and not plain(group)):
            continue
        if dates is not None and not (isinstance(day, dt.date) and start and end
                                      and start <= day <= end):
            continue
        names.setdefault(key(group), group)
        bucket = _bucket(day, params.per or "") if isinstance(day, dt.date) else None
        tally[(key(group) if groups is not None else None, bucket)] += 1
    return tally


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _finding(params: Params, table: Table, label: str, count: int) -> Finding:
    low = params.target.at_least is not None and count < params.target.at_least
    expected = params.target.describe()
    which = f" where {describe(params.where, Records(table).quoted)}" if params.where else ""
    return Finding(code="row_count.too_few" if low else "row_count.too_many", sheet=table.name,
                   cell=table.span(params.group_by), expected=expected, actual=str(count),
                   message=f"{label}{_rows(count)} on {table.name}{which}, expected {expected}.")


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the row count of every group and period bucket."""
    table = submission.table(params.sheet)
    require_rows(Records(table), params.where, [params.group_by, params.date_column])
    buckets = _buckets(params, submission)
    source = params.expected_groups
    if source is not None:  # a group that cannot be read cannot be counted as absent
        require_rows(records(submission, source.sheet), None, [source.column])
    names = column_keys(submission, source.sheet, source.column) if source else {}
    tally = _count(params, table, submission.period(), names)
    groups: list[str | None] = [*sorted(names)] if params.group_by and names else [None]
    units = [(group, bucket) for group in groups for bucket in buckets]
    counts = [tally[unit] for unit in units]
    grades = [params.target.grade(count) for count in counts]
    findings = []
    for (group, bucket), count, grade in zip(units, counts, grades, strict=True):
        if grade < 1.0:
            label = ", ".join(str(p) for p in (names.get(group or ""), bucket) if p is not None)
            findings.append(_finding(params, table, f"{label}: " if label else "", count))
    score = min(grades) if params.across_groups == "all" else sum(grades) / len(grades)
    lowest = params.target.at_least is not None
    worst = min(counts) if lowest else max(counts)
    of = f" ({'lowest' if lowest else 'highest'} of {len(counts)})" if len(counts) > 1 else ""
    return CheckOutcome(score=score, findings=tuple(findings), measure=float(worst),
                        measured=f"{_rows(worst)}{of}", expected=params.target.describe())
