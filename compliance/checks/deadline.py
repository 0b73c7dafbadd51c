"""deadline: a deliverable is filed by the due date the state sets, once that date is past.

What it checks:
    The due date comes from the state, never from the filing: `due` in the set (a month
    and day, `06-30`, due every year) or, with `program_due`, the deliverable's date in
    the state's program file (`--program`). When neither gives a date, `filed_due` names
    the filing's own due-date column as a last resort, and the outcome says so. The due
    date that counts is the latest one on or before the period's end; when none has
    passed yet the check does not apply. Then some record matching `where` must have a
    `field` date on or before the due date and within the year before it; a record the
    filer marks "not yet due" changes nothing.

Why:
    Contract deliverables have state-set dates (Oregon's CAC demographic report is due
    June 30 under Exhibit K section 5). A date typed by the plan lets a late report pass
    as "not yet due".

Options:
    sheet: table sheet id (the deliverables log).
    field: the date filed.
    where: which records are this deliverable.
    due: `MM-DD`, due every year on that day.
    program_due: the deliverable's code in the program file's `due_dates`.
    filed_due: the filing's due-date column, used only when no state date is known.

Passing:
    type: deadline
    sheet: deliverables
    field: submitted_on
    where: {field: deliverable, op: eq, value: advisory_demographic_report}
    due: "06-30"

Failing:
    A Q3 filing whose report was submitted 2026-07-14, or not listed at all: due 2026-06-30.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from compliance.checks.base import CheckBase, condition_refs
from compliance.checks.evidence import require_rows
from compliance.checks.records import Records, records, reporting_period, shown
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Submission
from compliance.model.base import Identifier
from compliance.model.condition import Condition

TYPE = "deadline"


class Params(CheckBase):
    """Options of the `deadline` check."""

    type: Literal["deadline"]
    sheet: Identifier
    field: Identifier
    where: Condition | None = None
    due: Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")] | None = None
    program_due: Identifier | None = None
    filed_due: Identifier | None = None

    @model_validator(mode="after")
    def _has_date(self) -> Params:
        if self.due is None and self.program_due is None:
            raise ValueError("give due (MM-DD) or program_due")
        return self

    def refs(self) -> list[tuple[str, str | None]]:
        """The sheet and the date columns read, with the fields of `where`."""
        return [(self.sheet, self.field), *([(self.sheet, self.filed_due)] if self.filed_due
                                            else []), *condition_refs(self.sheet, self.where)]


def _annual(month_day: str, end: dt.date) -> dt.date:
    month, day = int(month_day[:2]), int(month_day[3:])
    due = dt.date(end.year, month, min(day, 28 if month == 2 else day))
    return due if due <= end else due.replace(year=end.year - 1)


def _due(params: Params, submission: Submission, rows: Records,
         include: list[int]) -> tuple[dt.date | None, str]:
    """The due date that counts and where it comes from."""
    _, end = reporting_period(submission, "deadline.no_period")
    program = submission.program
    if params.program_due and program and params.program_due in program.due_dates:
        return program.due_dates[params.program_due], "the state's program file"
    if params.due:
        return _annual(params.due, end), "the requirement set"
    filed = [v for v in (rows.values(params.filed_due)[i] for i in include)
             if isinstance(v, dt.date)] if params.filed_due else []
    return (max(filed), "the filing (no state date was given)") if filed else (None, "")


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Met when a matching record is dated on or before the due date that has passed."""
    rows = records(submission, params.sheet)
    picked = require_rows(rows, params.where, [params.field, params.filed_due])
    due, source = _due(params, submission, rows, picked)
    _, end = reporting_period(submission, "deadline.no_period")
    if due is None or due > end:
        why = "no due date is known" if due is None else f"due {due.isoformat()}, after the period"
        return CheckOutcome(score=None, na_reason=why, expected="filed by the due date")
    dates = rows.values(params.field)
    on_time = [i for i in picked if isinstance(dates[i], dt.date)
               and due - dt.timedelta(days=366) < dates[i] <= due]
    expected = f"filed on or before {due.isoformat()} (due date from {source})"
    if on_time:
        return CheckOutcome(score=1.0, measured=f"filed {shown(dates[on_time[0]])}",
                            expected=expected)
    filed = [shown(dates[i]) for i in picked if dates[i] is not None]
    actual = ", ".join(filed) if filed else "not filed"
    finding = Finding(code="deadline.missed", sheet=rows.name,
                      cell=rows.cell(params.field, picked[0]) if picked else rows.span(),
                      expected=expected, actual=actual,
                      message=f"Due {due.isoformat()} ({source}); filed: {actual}.")
    return CheckOutcome(score=0.0, findings=(finding,), measured=actual, expected=expected)
