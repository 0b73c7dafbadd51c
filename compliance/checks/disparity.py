"""disparity: each group's gap to a reference rate is small, or narrowing since a baseline.

What it checks:
    For each listed measure and stratifier of `sheet`, every stratum with a denominator
    of at least `min_denominator` is compared with the reference: the plan rate (the
    measure's total row) or another stratum (`reference: white`). The gap is how far the
    group is behind the reference (a group ahead has no gap); the relative gap is the gap
    as a share of the reference rate. A group meets the target when its gap is within
    `max_gap` (and `max_relative_gap`), or when it has narrowed by at least `improvement`
    since the baseline period (the same measure, stratifier and stratum on
    `baseline_sheet`, measured the same way). The share of groups meeting it is graded.
    Strata below the minimum denominator are not compared (HEDIS reports them as NA).

Why:
    A stratified filing is the means, the disparity is the point: states tie quality
    strategies (42 CFR 438.340(b)(6)) and equity withholds to reducing gaps between
    groups, which needs a reference, a minimum size for a reliable rate and a target on
    the gap or its change.

Options:
    sheet: stratified results sheet (default `stratified_measures`); its columns as in
        `strata_total` (`measure`, `stratifier`, `stratum`, `total`, `numerator`,
        `denominator`, `rate`, `keys`).
    measures: measure ids to compare (default: every measure on the sheet).
    stratifiers: stratifier codes to compare, e.g. `[race_eth]`.
    reference: `plan` (default) or the stratum to compare with.
    min_denominator: smallest denominator compared (default 30).
    higher_is_better: false for measures where a lower rate is better (default true).
    max_gap: the largest gap allowed, as a fraction (0.05 = 5 points).
    max_relative_gap: the largest gap allowed as a share of the reference rate.
    improvement: how much a gap must have narrowed since the baseline, as a fraction.
    baseline_sheet: sheet with the baseline period's results (same columns).
    target: share of compared groups meeting it, default `{at_least: 1.0, credit:
        {linear_from: 0}}` (the score is the share).
    when_empty: `not_applicable` (default) or `not_met` when no group can be compared.

Passing:
    type: disparity
    measures: [W30-CH]
    stratifiers: [race_eth]
    max_gap: 0.05

Failing:
    Black members' W30-CH rate 48% against a plan rate of 60%: a 12-point gap, more
    than 5 points, and not narrowed since the baseline: `disparity.gap` at its rate cell.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from compliance.checks.base import graded_share, nothing_to_measure
from compliance.checks.gap import Gap, GapKey, baseline_gaps, gaps, judge
from compliance.checks.records import records
from compliance.checks.strata import StratifiedSheet
from compliance.evaluation.results import CheckOutcome
from compliance.evaluation.submission import Submission
from compliance.model.base import Identifier

TYPE = "disparity"
Fraction = Annotated[float, Field(ge=0, le=1)]


class Params(StratifiedSheet):
    """Options of the `disparity` check."""

    type: Literal["disparity"]
    measures: list[str] = []
    stratifiers: Annotated[list[str], Field(min_length=1)]
    reference: str = "plan"
    min_denominator: Annotated[int, Field(ge=1)] = 30
    higher_is_better: bool = True
    max_gap: Fraction | None = None
    max_relative_gap: Fraction | None = None
    improvement: Fraction | None = None
    baseline_sheet: Identifier | None = None

    @model_validator(mode="after")
    def _has_target(self) -> Params:
        if self.max_gap is None and self.max_relative_gap is None and self.improvement is None:
            raise ValueError("give max_gap, max_relative_gap, improvement or more than one")
        if self.improvement is not None and self.baseline_sheet is None:
            raise ValueError("improvement needs a baseline_sheet")
        return self

    def refs(self) -> list[tuple[str, str | None]]:
        """The results sheet, and the baseline sheet's columns when there is one."""
        found = super().refs()
        if self.baseline_sheet:
            found += [(self.baseline_sheet, None)] + [
                (self.baseline_sheet, f) for f in self.reads() if f and f not in self.keys]
        return found


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the share of compared groups whose gap meets the target."""
    rows = records(submission, params.sheet)
    current: list[Gap] = gaps(rows, params, params)
    expected = params.expected("groups within the gap target")
    if not current:
        return nothing_to_measure(params.when_empty, "disparity.nothing_compared", rows.name,
                                  "groups large enough to compare", expected)
    before: dict[GapKey, float] = {}
    if params.baseline_sheet is not None:
        before = baseline_gaps(records(submission, params.baseline_sheet), params,
                               params)
    findings = [f for gap in current if (f := judge(rows, params, params, gap, before)) is not None]
    return graded_share(params.target, len(current) - len(findings), len(current),
                        "groups within the gap target", findings)
