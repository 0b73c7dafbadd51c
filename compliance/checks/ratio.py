"""ratio: one aggregate divided by another reaches a target.

What it checks:
    `numerator / denominator * scale` must meet `target`. Each side is an aggregate of a
    sheet (`{sheet, fn, column, where}`: a sum of a column, or `fn: count` of rows) or a
    form value (`{ref: cover.enrollment}`). A zero or missing denominator leaves nothing
    to measure: not applicable by default.

Why:
    Many contract standards are rates: grievances resolved within 90 days per grievance
    filed (42 CFR 438.408(b)), interpreter requests met per request, or events per 1,000
    members, where `scale: 1000` states the unit.

Options:
    numerator / denominator: `{sheet, fn, column, where}` or `{ref: sheet.field}`.
    target: `at_least` / `at_most` on the ratio, with optional `credit`.
    scale: multiplier, e.g. 1000 for a rate per 1,000 (default 1).
    percent: show the ratio and target as percentages (default false).
    when_empty: `not_applicable` (default) or `not_met` when the denominator is zero.

Passing:
    type: ratio
    numerator: {sheet: grievances, fn: count, where: {field: days_to_resolve, op: le,
        value: 90}}
    denominator: {sheet: grievances, fn: count}
    target: {at_least: 0.95}
    percent: true

Failing:
    18 of 20 grievances resolved within 90 days: 90%, below 95%.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from compliance.checks.base import CheckBase, Target, WhenEmpty, as_number, num, pct
from compliance.checks.evidence import require
from compliance.checks.operand import Aggregate, Operand
from compliance.checks.records import shown
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Submission

TYPE = "ratio"


class Params(CheckBase):
    """Options of the `ratio` check."""

    type: Literal["ratio"]
    numerator: Operand
    denominator: Operand
    target: Target
    scale: Annotated[float, Field(gt=0)] = 1.0
    percent: bool = False
    when_empty: WhenEmpty = "not_applicable"

    def refs(self) -> list[tuple[str, str | None]]:
        """Sheets and fields this check reads."""
        return [*self.numerator.refs(), *self.denominator.refs()]


def _sheet(operand: Operand, submission: Submission) -> str:
    spec = submission.spec.sheet(operand.sheet_id())
    return spec.name if spec else operand.sheet_id()


def _unpaired(params: Params, submission: Submission) -> list[Finding]:
    """Rows that count on one side of a same-sheet ratio but have no number on the other.

    Such a row (655 trained of N/A in scope) would inflate the ratio past what was filed.
    """
    top, bottom = params.numerator, params.denominator
    if not (isinstance(top, Aggregate) and isinstance(bottom, Aggregate) and top.column
            and bottom.column and top.sheet == bottom.sheet and top.fn == bottom.fn == "sum"):
        return []
    rows, top_rows = top.picked(submission)
    _, bottom_rows = bottom.picked(submission)
    tops, bottoms = rows.values(top.column), rows.values(bottom.column)
    found = []
    for i in sorted(set(top_rows) & set(bottom_rows)):
        pair = (as_number(tops[i]), as_number(bottoms[i]))
        if (pair[0] is None) != (pair[1] is None):
            given, missing = (top.column, bottom.column) if pair[1] is None else \
                (bottom.column, top.column)
            found.append(Finding(
                code="evidence.unreadable", sheet=rows.name, cell=rows.cell(missing, i),
                expected=f"a number in '{rows.label(missing)}'", actual=shown(rows.values(
                    missing)[i]),
                message=f"'{rows.label(missing)}' at {rows.name}!{rows.cell(missing, i)} has no "
                        f"number although '{rows.label(given)}' on the same row has one; the "
                        "ratio cannot be computed without both."))
    return found


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the ratio against its target."""
    require(_unpaired(params, submission))
    top, top_text = params.numerator.value(submission)
    bottom, bottom_text = params.denominator.value(submission)
    shown = pct if params.percent else num
    expected = params.target.describe_fraction() if params.percent else params.target.describe()
    if top is None or not bottom:
        side = params.numerator if top is None else params.denominator
        reason = (f"the numerator ({top_text}) has no value" if top is None else
                  f"the denominator ({bottom_text}) is {'zero' if bottom == 0 else 'empty'}")
        if params.when_empty == "not_applicable":
            return CheckOutcome(score=None, na_reason=reason, expected=expected)
        finding = Finding(code="ratio.no_value", sheet=_sheet(side, submission), expected=expected,
                          actual=reason, message=f"No ratio: {reason}.")
        return CheckOutcome(score=0.0, findings=(finding,), measured=reason, expected=expected)
    value = top / bottom * params.scale
    score = params.target.grade(value)
    measured = f"{shown(value)} ({num(top)} / {num(bottom)})"
    findings: tuple[Finding, ...] = ()
    if score < 1.0:
        low = params.target.at_least is not None and value < params.target.at_least
        findings = (Finding(code="ratio.below" if low else "ratio.above",
                            sheet=_sheet(params.numerator, submission), expected=expected,
                            cell=params.numerator.cells(submission),
                            actual=shown(value),
                            message=f"{measured}, expected {expected}: {top_text} "
                                    f"divided by {bottom_text}."),)
    return CheckOutcome(score=score, findings=findings, measure=value, measured=measured,
                        expected=expected)
