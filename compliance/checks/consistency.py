"""consistency: the numbers within each row agree (parts within totals, rates that add up).

What it checks:
    Each row of `sheet` matching `where` must satisfy `rule` (the sum of the `left`
    columns compares by `op` with the sum of the `right` columns, within `tolerance`) or
    `rate` (the `rate` column equals `numerator / denominator * scale` within
    `tolerance`; a percent column holds a fraction, so 51% is 0.51; a percentage agrees
    when the computed rate rounds to it at the decimals it was written with, so 48% agrees
    with 481 / 1000). A row with a blank,
    N/A, suppressed or invalid operand is skipped unless `require_values`; a rate row
    with a zero denominator is skipped.

Why:
    42 CFR 438.606 makes a plan certify its data accurate: claims paid and denied cannot
    exceed claims received, and a reported rate must match its own numerator and
    denominator.

Options:
    sheet: table (or form) sheet id.
    rule: `{left: [columns], op: le|ge|eq|lt|gt, right: [columns], tolerance?}`; or
    rate: `{rate, numerator, denominator, tolerance? (0.001), scale? (1)}`.
    require_values: a row with a missing operand fails instead of being skipped.
    where: which rows are checked (optional).
    target: share of consistent rows, default `{at_least: 1.0, credit: {linear_from: 0}}`
        (the score is the share).
    when_empty: `not_applicable` (default) or `not_met` when no row is checked.

Passing:
    type: consistency
    sheet: claims
    rule: {left: [claims_paid, claims_denied], op: le, right: [claims_received]}

Failing:
    120 paid and 30 denied of 100 received: `consistency.violated` at C2:E2.
"""

from __future__ import annotations

import functools
import operator
from itertools import compress, repeat
from typing import Annotated, Literal, cast

from pydantic import BeforeValidator, Field, model_validator

from compliance.checks.base import (
    WORDS,
    Comparison,
    RecordCheck,
    as_number,
    compares,
    graded_share,
    nothing_to_measure,
    num,
    pct,
)
from compliance.checks.evidence import require, require_rows, unreadable
from compliance.checks.records import Records, bounding, records
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Submission
from compliance.evaluation.valueindex import indexes
from compliance.model.base import Identifier, Strict

TYPE = "consistency"
Columns = Annotated[list[Identifier], Field(min_length=1),
                    BeforeValidator(lambda v: [v] if isinstance(v, str) else v)]


class Rule(Strict):
    """`sum(left) op sum(right)`; one column may be written without a list."""

    left: Columns
    op: Comparison
    right: Columns
    tolerance: Annotated[float, Field(ge=0)] = 0.0


class Rate(Strict):
    """`rate = numerator / denominator * scale`."""

    rate: Identifier
    numerator: Identifier
    denominator: Identifier
    tolerance: Annotated[float, Field(ge=0)] = 0.001
    scale: Annotated[float, Field(gt=0)] = 1.0


class Params(RecordCheck):
    """Options of the `consistency` check."""

    type: Literal["consistency"]
    rule: Rule | None = None
    rate: Rate | None = None
    require_values: bool = False

    @model_validator(mode="after")
    def _one_test(self) -> Params:
        if (self.rule is None) == (self.rate is None):
            raise ValueError("give rule or rate")
        return self

    def operands(self) -> list[str]:
        """Every column the test reads."""
        if self.rule is not None:
            return [*self.rule.left, *self.rule.right]
        assert self.rate is not None
        return [self.rate.rate, self.rate.numerator, self.rate.denominator]

    def reads(self) -> list[str | None]:
        """The operand columns."""
        return [*self.operands()]


def _rounding(percent: float) -> float:
    """Half a unit of the last decimal a percentage was written with: 48 -> 0.5, 48.1 -> 0.05.

    A rate typed to a whole percent agrees with its numerator and denominator when they
    round to it.
    """
    written = f"{percent:.6f}".rstrip("0").rstrip(".")
    return 0.5 * 10.0 ** -len(written.partition(".")[2])


def _problem(params: Params, rows: Records, numbers: list[float]) -> tuple[str, ...] | None:
    """(code, message, expected, actual) when the row's numbers disagree, else None."""
    label = rows.label
    if params.rule is not None:
        rule, split = params.rule, len(params.rule.left)
        left, right = sum(numbers[:split]), sum(numbers[split:])
        if compares(rule.op, left, right, rule.tolerance):
            return None
        sides = [" + ".join(map(label, cols)) for cols in (rule.left, rule.right)]
        relation = f"{sides[0]} {WORDS[rule.op]} {sides[1]}"
        return ("consistency.violated", f"{sides[0]} should be {WORDS[rule.op]} {sides[1]}: "
                f"{num(left)} vs {num(right)}", relation, f"{num(left)} vs {num(right)}")
    rate, (given, top, bottom) = params.rate, numbers
    assert rate is not None
    computed = top / bottom * rate.scale
    # A percent column holds fractions (0.0071); show them as the filer typed them (0.71%).
    spec = rows.source.spec.field(rate.rate)
    percent = spec is not None and spec.type == "percent" and rate.scale == 1
    slack = _rounding(given * 100) / 100 if percent else (
        _rounding(given) if rate.scale == 100 else 0.0)
    if abs(given - computed) <= max(rate.tolerance, slack) + 1e-12:
        return None
    shown = pct if percent else num
    return ("consistency.rate_mismatch", f"{label(rate.rate)} is {shown(given)} but {num(top)} / "
            f"{num(bottom)} gives {shown(computed)}", shown(computed), shown(given))


def _measured(params: Params, rows: Records, names: list[str],
              picked: list[int]) -> tuple[list[int], list[list[float | None]]]:
    """The rows the test applies to, and each operand column as numbers (None: not a number).

    A row with a missing operand is skipped (or fails, with `require_values`); a rate row
    with a zero denominator is skipped. Raises `EvidenceMissing` for a row that fills some
    operands and leaves another blank: that row has not reported it, it is not 0.
    """
    numbers = [rows.index(c).map(as_number) for c in names]
    blanks = [found for c in names if (found := rows.index(c).positions(type(None)))]
    blank = blanks[0] if len(blanks) == 1 else sorted(set().union(*blanks))
    filled = functools.reduce(lambda a, b: list(map(operator.or_, a, b)), (
        list(map(operator.is_not, column, repeat(None))) for column in numbers))
    partial = list(compress(blank, map(filled.__getitem__, blank)))
    chosen = set(picked)
    if len(picked) < len(rows):  # else every record is picked
        partial = list(filter(chosen.__contains__, partial))
    require(unreadable(rows, names, partial, blank=True))
    if not params.require_values:
        chosen.difference_update(i for column in numbers for i in indexes(
            list(map(operator.is_, column, repeat(None)))))
    if params.rate is not None:
        chosen.difference_update(indexes(list(map(operator.eq, numbers[2], repeat(0)))))
    return sorted(chosen), numbers


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the share of rows whose numbers agree."""
    rows = records(submission, params.sheet)
    names = params.operands()
    for name in names:
        rows.values(name)  # a missing column is missing evidence, before anything is graded
    checked, numbers = _measured(params, rows, names, require_rows(rows, params.where, names))
    findings = []
    for i in checked:
        given = [column[i] for column in numbers]
        found = _problem(params, rows, cast(list[float], given)) if None not in given else (
            "consistency.missing_value", "A value the check needs is blank, N/A or suppressed",
            "every value filled in", "a value missing")
        if found:
            code, message, expected, actual = found
            findings.append(Finding(code=code, sheet=rows.name, message=f"{message}.",
                                    cell=bounding([rows.cell(c, i) for c in names]),
                                    expected=expected, actual=actual))
    if not checked:
        return nothing_to_measure(params.when_empty, "consistency.no_rows", rows.name,
                                  "rows with every value", params.expected("rows consistent"))
    return graded_share(params.target, len(checked) - len(findings), len(checked),
                        "rows consistent", findings)
