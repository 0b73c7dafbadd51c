"""meeting_gap: no more than a maximum number of months between a committee's meetings.

What it checks:
    For each group (a committee, by `group_by`), the meetings dated in the reporting
    period are put in order after the group's previous meeting, carried in the `previous`
    column (the latest date given on any of the group's rows, before the period). From
    one meeting to the next, and from the last one to the end of the period, no more
    than `max_months` calendar months may pass. A previous date of N/A means the
    committee has no earlier meeting (its first quarter); a blank one cannot be measured
    and fails the group, as does a group listed in `groups_from` with no meeting row.
    The score is the share of groups without a gap too long.

Why:
    ORS 414.575 has a CCO's community advisory council meet "at least once every three
    months": a maximum gap, not one meeting per calendar quarter (meetings on 2 January
    and 30 June would satisfy two quarters with a six-month gap).

Options:
    sheet: the meetings table.
    field: the meeting date column.
    previous: the column carrying the group's last meeting before the period.
    group_by: the committee column (optional; without it the sheet is one group).
    groups_from: `{sheet, column}` listing every group that must meet (optional).
    max_months: the longest allowed gap in calendar months (default 3).
    where: which rows count (optional).

Passing:
    type: meeting_gap
    sheet: committee_meetings
    field: meeting_date
    previous: previous_meeting_on
    group_by: committee_id

Failing:
    Previous meeting 2026-01-02, next meeting 2026-06-30: 2026-04-02 passed with no meeting.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field

from compliance.checks.base import CheckBase, ColumnRef, condition_refs
from compliance.checks.evidence import require_rows
from compliance.checks.records import Records, column_keys, key, records, reporting_period
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import NA, Submission
from compliance.model.base import Identifier
from compliance.model.condition import Condition

TYPE = "meeting_gap"


class Params(CheckBase):
    """Options of the `meeting_gap` check."""

    type: Literal["meeting_gap"]
    sheet: Identifier
    field: Identifier
    previous: Identifier
    group_by: Identifier | None = None
    groups_from: ColumnRef | None = None
    max_months: Annotated[int, Field(ge=1, le=24)] = 3
    where: Condition | None = None

    def refs(self) -> list[tuple[str, str | None]]:
        """Sheets and columns read."""
        own = [(self.sheet, c) for c in (self.field, self.previous, self.group_by) if c]
        extra = self.groups_from.refs() if self.groups_from else []
        return [*own, *extra, *condition_refs(self.sheet, self.where)]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _groups(params: Params, submission: Submission, rows: Records) -> dict[str, list[int]]:
    """Row indexes by group as first written (`all` without `group_by`)."""
    picked = set(require_rows(rows, params.where, [params.field, params.previous,
                                                   params.group_by]))
    ids = rows.values(params.group_by) if params.group_by else ["all"] * len(rows)
    names: dict[str, str] = {}
    if params.groups_from:
        require_rows(records(submission, params.groups_from.sheet), None,
                     [params.groups_from.column])
        listed = column_keys(submission, params.groups_from.sheet, params.groups_from.column)
        names.update({k: str(v) for k, v in listed.items()})
    groups: dict[str, list[int]] = {k: [] for k in names}
    for i in range(len(rows)):
        if i in picked and ids[i] is not None:
            names.setdefault(key(ids[i]), str(ids[i]))
            groups.setdefault(key(ids[i]), []).append(i)
    return {names[k]: members for k, members in groups.items()}


def _gap(params: Params, rows: Records, members: list[int], period: tuple[dt.date, dt.date],
         name: str) -> Finding | None:
    start, end = period
    dates: list[Any] = rows.values(params.field)
    earlier = [rows.values(params.previous)[i] for i in members]
    known = [d for d in earlier if isinstance(d, dt.date) and d < start]
    if not known and NA not in earlier:
        return Finding(code="meeting_gap.no_previous", sheet=rows.name,
                       cell=rows.cells(params.previous, members), expected="the date of the last "
                       "meeting before the period (N/A for a committee's first quarter)",
                       actual="none", message=f"{name}: the previous meeting date is not "
                       "given, so the gap since it cannot be measured.")
    points = sorted(d for d in (dates[i] for i in members)
                    if isinstance(d, dt.date) and start <= d <= end)
    chain = [max(known)] if known else []
    chain += [*points, end] if (known or points) else []
    for before, after in zip(chain, chain[1:], strict=False):
        limit = add_months(before, params.max_months)
        if after > limit:
            seen = "the end of the period" if after == end and after not in points else \
                after.isoformat()
            return Finding(code="meeting_gap.too_long", sheet=rows.name,
                           cell=rows.cells(params.field, members),
                           expected=f"a meeting by {limit.isoformat()}", actual=seen,
                           message=f"{name}: no meeting from {before.isoformat()} until "
                           f"{seen}, more than {params.max_months} months.")
    return None


def _never_met(params: Params, submission: Submission, name: str) -> Finding:
    """A listed group with no meeting row, pointed at where it is listed (its roster rows)."""
    assert params.groups_from is not None
    listed = records(submission, params.groups_from.sheet)
    values = listed.values(params.groups_from.column)
    own = [i for i, v in enumerate(values) if key(v) == key(name)]
    return Finding(code="meeting_gap.no_meeting", sheet=listed.name,
                   cell=listed.cells(params.groups_from.column, own),
                   expected=f"a meeting at least every {params.max_months} months",
                   actual="no meeting and no previous meeting date",
                   message=f"{name}: no meeting in the period and no previous meeting date, so "
                   "the gap since its last meeting cannot be measured.")


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the share of groups that never went too long without a meeting."""
    rows = records(submission, params.sheet)
    period = reporting_period(submission, "meeting_gap.no_period")
    groups = _groups(params, submission, rows)
    expected = f"a meeting at least every {params.max_months} months"
    if not groups:
        return CheckOutcome(score=None, na_reason=f"no meetings or committees in '{rows.name}'",
                            expected=expected)
    findings = [f for name, members in groups.items()
                if (f := _gap(params, rows, members, period, name) if members
                    else _never_met(params, submission, name)) is not None]
    share = (len(groups) - len(findings)) / len(groups)
    return CheckOutcome(score=share, findings=tuple(findings), measure=share,
                        measured=f"{len(groups) - len(findings)} of {len(groups)} committees "
                        "without a gap too long", expected=expected)
