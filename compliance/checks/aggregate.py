"""aggregate: a column's sum, count, minimum, maximum, mean, median or distinct count.

What it checks:
    `fn` over `column` of the rows of `sheet` matching `where` (blank, N/A, suppressed and
    invalid cells are left out) must meet `target`, or must compare by `op` with another
    operand: an aggregate of any sheet (`{sheet, fn, column, where}`) or a form value
    (`{ref: cover.enrollment}`), within `tolerance` (absolute) or `relative_tolerance`
    (a fraction of the other operand).

Why:
    42 CFR 438.606 makes a plan certify its data accurate and complete; counts that do
    not add up to the reported enrollment show members missing from a breakdown.

Options:
    sheet: table (or form) sheet id.
    fn: `sum` (default), `count`, `min`, `max`, `mean`, `median` or `distinct_count`.
    column: the column aggregated (not needed for `count`, which then counts rows).
    where: which rows are aggregated (optional).
    target: `at_least` / `at_most` as numbers, with optional `credit`; or
    compare_to: another aggregate or `{ref: sheet.field}`, with
    op: `eq` (default), `lt`, `le`, `gt` or `ge`, and tolerance / relative_tolerance.
    when_empty: `not_met` (default) or `not_applicable` when min, max, mean or median
        has no values.

Passing:
    type: aggregate
    sheet: member_demographics
    column: count
    where: {field: element, op: eq, value: race_eth}
    compare_to: {ref: cover.enrollment}
    relative_tolerance: 0.01

Failing:
    The race and ethnicity counts add up to 950 against an enrollment of 1,000.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from compliance.checks.base import (
    WORDS,
    CheckBase,
    Comparison,
    Target,
    WhenEmpty,
    compares,
    nothing_to_measure,
    num,
)
from compliance.checks.operand import Aggregate, Operand
from compliance.checks.records import records
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Submission

TYPE = "aggregate"


class Params(CheckBase, Aggregate):
    """Options of the `aggregate` check (with `sheet`, `fn`, `column`, `where`)."""

    type: Literal["aggregate"]
    target: Target | None = None
    compare_to: Operand | None = None
    op: Comparison = "eq"
    tolerance: Annotated[float, Field(ge=0)] = 0.0
    relative_tolerance: Annotated[float, Field(ge=0, le=1)] = 0.0
    when_empty: WhenEmpty = "not_met"

    @model_validator(mode="after")
    def _one_yardstick(self) -> Params:
        if (self.target is None) == (self.compare_to is None):
            raise ValueError("give target or compare_to")
        if self.target and {"op", "tolerance", "relative_tolerance"} & self.model_fields_set:
            raise ValueError("op and tolerances go with compare_to")
        return self

    def refs(self) -> list[tuple[str, str | None]]:
        """Sheets and fields this check reads."""
        other = self.compare_to.refs() if self.compare_to else []
        return [(self.sheet, None), *Aggregate.refs(self), *other]


def _compare(params: Params, value: float, submission: Submission) -> tuple[str | None, str]:
    """(finding code or None when it holds, expected) against `compare_to`."""
    assert params.compare_to is not None
    other, source = params.compare_to.value(submission)
    if other is None:
        return "aggregate.no_reference", f"a number in {source}"
    slack = max(params.tolerance, params.relative_tolerance * abs(other))
    within = f" (within {num(slack)})" if slack else ""
    expected = f"{WORDS[params.op]} {num(other)} ({source}){within}"
    return None if compares(params.op, value, other, slack) else "aggregate.mismatch", expected


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the aggregate against its target or the other operand."""
    value, what = params.value(submission)
    rows = records(submission, params.sheet)
    if value is None:
        expected = params.target.describe() if params.target else f"{WORDS[params.op]} the other"
        return nothing_to_measure(params.when_empty, "aggregate.no_values", rows.name,
                                  f"values for the {params.fn}", expected)
    if params.target is not None:
        score, expected = params.target.grade(value), params.target.describe()
        low = params.target.at_least is not None and value < params.target.at_least
        code = "aggregate.below" if low else "aggregate.above"
    else:
        found, expected = _compare(params, value, submission)
        score, code = float(found is None), found or ""
    findings = () if score >= 1.0 else (Finding(
        code=code, sheet=rows.name, expected=expected,
        cell=params.cells(submission) or rows.span(params.column),
        actual=num(value), message=f"{what}: {num(value)}, expected {expected}."),)
    return CheckOutcome(score=score, findings=findings, measure=value,
                        measured=f"{num(value)} ({what})", expected=expected)
