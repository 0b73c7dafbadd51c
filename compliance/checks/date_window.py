"""date_window: dates fall inside the reporting period, or within days of another date.

What it checks:
    Each record's `field` (a table column, or a form field) must be a date inside the
    reporting period, or, with `relative_to`, between `min_days` and `max_days` days after
    an anchor: another field of the same record (`{field: received_on}`) or a form value
    (`{ref: cover.period_end}`). Negative days mean before the anchor. A blank date fails
    unless `allow_blank`; accepted N/A tokens are skipped.

Why:
    42 CFR 438.604 and 438.606 tie the data a plan certifies to a reporting period; a
    meeting dated outside the quarter is evidence for another quarter, and a report
    filed late breaches the contract's due date.

Options:
    sheet: table or form sheet id.
    field: the date column or form field.
    relative_to: `{field: other_date}` or `{ref: sheet.field}` (default: the period).
    min_days / max_days: the window around the anchor (at least one with `relative_to`).
    allow_blank: blank dates are skipped instead of failing (default false).
    where: which records to check (optional).
    target: share of records in the window, default `{at_least: 1.0, credit: {linear_from:
        0}}` (the score is the share).
    when_empty: `not_applicable` (default) or `not_met` when no record is checked.

Passing:
    type: date_window
    sheet: cover
    field: submitted_on
    relative_to: {ref: cover.period_end}
    max_days: 30

Failing:
    Submitted 2026-05-15 for a quarter ending 2026-03-31: 45 days, more than 30.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal

from pydantic import model_validator

from compliance.checks.base import FormRef, RecordCheck, graded_share, nothing_to_measure
from compliance.checks.evidence import require, require_rows, unreadable
from compliance.checks.records import Records, form_value, records, reporting_period, shown
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import EvidenceMissing, Submission, Token
from compliance.model.base import Identifier, Strict

TYPE = "date_window"


class Anchor(Strict):
    """The date a window is measured from: a field of the same record, or a form value."""

    field: Identifier | None = None
    ref: FormRef | None = None

    @model_validator(mode="after")
    def _one(self) -> Anchor:
        if (self.field is None) == (self.ref is None):
            raise ValueError("give field or ref")
        return self


class Params(RecordCheck):
    """Options of the `date_window` check."""

    type: Literal["date_window"]
    field: Identifier
    relative_to: Anchor | None = None
    min_days: int | None = None
    max_days: int | None = None
    allow_blank: bool = False

    @model_validator(mode="after")
    def _window(self) -> Params:
        low, high = self.min_days, self.max_days
        if (low is None and high is None) != (self.relative_to is None):
            raise ValueError("min_days/max_days go with relative_to (and it needs one of them)")
        if low is not None and high is not None and low > high:
            raise ValueError("min_days is greater than max_days")
        return self

    def reads(self) -> list[str | None]:
        """The date field and a same-record anchor."""
        return [self.field, self.relative_to.field if self.relative_to else None]

    def refs(self) -> list[tuple[str, str | None]]:
        """Sheet and fields this check reads, with a form anchor."""
        anchor = self.relative_to.ref if self.relative_to else None
        sheet, _, field = (anchor or "").partition(".")
        return super().refs() + ([(sheet, field)] if anchor else [])


def _no_anchor(sheet: str, cell: str, label: str) -> EvidenceMissing:
    return EvidenceMissing(Finding(code="date_window.no_anchor", sheet=sheet, cell=cell,
                                   message=f"{label} is not given as a date.",
                                   expected=f"{label} as a date", actual="none"))


Window = tuple[dt.date | None, dt.date | None, str]
"""The earliest and latest allowed date of a record, and what they are measured from."""


def _bounds(params: Params, submission: Submission, rows: Records) -> Callable[[int], Window]:
    """Per record, its window; (None, None, ...) when its anchor is blank."""
    anchor = params.relative_to
    if anchor is None:
        start, end = reporting_period(submission, "date_window.no_period")
        return lambda i: (start, end, "")

    def shift(base: object, name: str) -> Window:
        if not isinstance(base, dt.date):
            return None, None, ""
        days = [d if d is None else base + dt.timedelta(days=d)
                for d in (params.min_days, params.max_days)]
        return days[0], days[1], f"{name} {base.isoformat()}"

    if anchor.ref:
        found, sheet = form_value(submission, anchor.ref)
        form_id, _, field_id = anchor.ref.partition(".")
        require(unreadable(Records(submission.form(form_id)), [field_id], [0]))
        if not isinstance(found.value, dt.date):
            raise _no_anchor(sheet, found.cell, submission.spec.name_of(anchor.ref))
        fixed = shift(found.value, submission.spec.name_of(anchor.ref))
        return lambda i: fixed
    others, name = rows.values(anchor.field or ""), rows.label(anchor.field or "")
    return lambda i: shift(others[i], name)


def _outside(days: int | None, early: bool) -> str:
    """The cut-off in words: `more than 90 days before`, `more than 30 days after`."""
    if not days:
        return "before" if early else "after"
    side = "before" if days < 0 else "after"
    more = (days < 0) == early
    return f"{'more' if more else 'less'} than {abs(days)} days {side}"


def _cut_off(params: Params, bound: dt.date, early: bool, anchor: str) -> str:
    """Why a date is outside its window, with the date it is measured from."""
    if not anchor:
        return (f"before the period start {bound.isoformat()}" if early
                else f"after the period end {bound.isoformat()}")
    days = params.min_days if early else params.max_days
    first = "earliest" if early else "latest"
    allowed = f" (the {first} allowed date is {bound.isoformat()})" if days else ""
    return f"{_outside(days, early)} {anchor}{allowed}"


def _finding(params: Params, rows: Records, i: int, window: Window) -> Finding | None:
    """The finding for a record whose date is not in its window; None when it is."""
    value, label, cell = rows.values(params.field)[i], rows.label(params.field), None
    low, high, anchor = window
    if value is None:
        code, expected, message = "date_window.blank", "a date", f"{label} is blank."
    elif not isinstance(value, dt.date):
        code, expected, message = "date_window.invalid", "a date", f"{label} is not a date."
    elif low is None and high is None:
        other_field = params.relative_to.field if params.relative_to else None
        other, cell = rows.label(other_field or ""), rows.cell(other_field or "", i)
        code, expected = "date_window.no_anchor", f"a date in {other}"
        message = f"{other} is not a date, so {label} cannot be measured from it."
    elif low is not None and value < low:
        code, expected = "date_window.before", f"on or after {low.isoformat()}"
        message = f"{label} {value.isoformat()}: {_cut_off(params, low, True, anchor)}."
    elif high is not None and value > high:
        code, expected = "date_window.after", f"on or before {high.isoformat()}"
        message = f"{label} {value.isoformat()}: {_cut_off(params, high, False, anchor)}."
    else:
        return None
    return Finding(code=code, sheet=rows.name, cell=cell or rows.cell(params.field, i),
                   expected=expected, actual=shown(value), message=message)


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the share of records whose date lies in its window."""
    rows = records(submission, params.sheet)
    chosen = require_rows(rows, params.where, params.reads())
    dates, bounds = rows.values(params.field), _bounds(params, submission, rows)
    picked = [i for i in chosen
              if not (dates[i] is None and params.allow_blank) and not isinstance(dates[i], Token)]
    if not picked:
        return nothing_to_measure(params.when_empty, "date_window.no_rows", rows.name,
                                  "dates to check", params.expected("dates in the window"))
    findings = [f for f in (_finding(params, rows, i, bounds(i)) for i in picked) if f]
    return graded_share(params.target, len(picked) - len(findings), len(picked),
                        "dates in the window", findings)
