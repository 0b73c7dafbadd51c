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

from compliance.checks.base import CheckBase, Target, WhenEmpty, num, pct
from compliance.checks.operand import Operand
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


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the ratio against its target."""
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
