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
from compliance.checks.nearmiss import near_misses
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
KEPT_ROWS = 10_000  # enough for the cell references; a million-row sheet keeps no more
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
           names: dict[str, Any], seen: dict[str | None, list[int]]) -> Counter[Unit]:
    """Rows per (group key, bucket).

    Records each group's first spelling in `names` and its counted records in `seen`.
    """
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
        unit = (key(group) if groups is not None else None, bucket)
        tally[unit] += 1
        if len(kept := seen.setdefault(unit[0], [])) < KEPT_ROWS:
            kept.append(i)
    return tally


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _finding(params: Params, table: Table, label: str, count: int,
             place: tuple[str, str | None]) -> Finding:
    low = params.target.at_least is not None and count < params.target.at_least
    expected = params.target.describe()
    rows = Records(table)
    which = f" where {describe(params.where, rows.label, rows.said)}" if params.where else ""
    message = f"{label}{_rows(count)} on {table.name}{which}, expected {expected}."
    close = near_misses(params.where, table) if low and count == 0 else None
    if close is not None:
        message += f" {close.text}."
        place = (table.name, ", ".join(filter(None, (rows.cell(f, i) for f, i in close.cells)))
                 or place[1])
    return Finding(code="row_count.too_few" if low else "row_count.too_many", sheet=place[0],
                   cell=place[1], expected=expected, actual=str(count), message=message)


def _place(params: Params, submission: Submission, table: Table, group: str | None,
           seen: dict[str | None, list[int]]) -> tuple[str, str | None]:
    """Where a group's finding points: its own rows, never another group's.

    A group with no row here is pointed at on the list of groups (a committee with no
    meeting: its roster rows).
    """
    if group in seen:
        return table.name, Records(table).cells(params.group_by, seen[group])
    source = params.expected_groups
    if group is not None and source is not None:
        listed = records(submission, source.sheet)
        values = listed.values(source.column)
        own = [i for i, v in enumerate(values) if plain(v) and key(v) == group]
        if own:
            return listed.name, listed.cells(source.column, own)
    return table.name, f"A{table.header_row}"  # where the missing row would go


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the row count of every group and period bucket."""
    table = submission.table(params.sheet)
    require_rows(Records(table), params.where, [params.group_by, params.date_column])
    buckets = _buckets(params, submission)
    source = params.expected_groups
    if source is not None:  # a group that cannot be read cannot be counted as absent
        require_rows(records(submission, source.sheet), None, [source.column])
    names = column_keys(submission, source.sheet, source.column) if source else {}
    seen: dict[str | None, list[int]] = {}
    tally = _count(params, table, submission.period(), names, seen)
    groups: list[str | None] = [*sorted(names)] if params.group_by and names else [None]
    units = [(group, bucket) for group in groups for bucket in buckets]
    counts = [tally[unit] for unit in units]
    grades = [params.target.grade(count) for count in counts]
    findings = []
    for (group, bucket), count, grade in zip(units, counts, grades, strict=True):
        if grade < 1.0:
            label = ", ".join(str(p) for p in (names.get(group or ""), bucket) if p is not None)
            place = _place(params, submission, table, group, seen)
            findings.append(_finding(params, table, f"{label}: " if label else "", count, place))
    score = min(grades) if params.across_groups == "all" else sum(grades) / len(grades)
    lowest = params.target.at_least is not None
    worst = min(counts) if lowest else max(counts)
    of = f" ({'lowest' if lowest else 'highest'} of {len(counts)})" if len(counts) > 1 else ""
    return CheckOutcome(score=score, findings=tuple(findings), measure=float(worst),
                        measured=f"{_rows(worst)}{of}", expected=params.target.describe())
