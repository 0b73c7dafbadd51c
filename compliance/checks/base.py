"""What every check type shares: params base, targets, partial credit and record access.

Partial credit is stated in the requirement set (a target's `credit`), not in code.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal, Protocol

from pydantic import Field, model_validator

from compliance.evaluation.condition import referenced_fields
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Submission
from compliance.model.base import Identifier, Strict
from compliance.model.condition import Condition


class CheckBase(Strict):
    """Keys every check accepts."""

    id: Identifier | None = Field(
        default=None, description="Names the check so a child set can override its params."
    )
    description: str | None = Field(default=None, max_length=500)

    def refs(self) -> list[tuple[str, str | None]]:
        """(sheet id, field id or None) pairs this check reads, checked when a set loads."""
        return []


class Band(Strict):
    """Reaching `reach` (in the target's direction) earns `score`."""

    reach: float
    score: Annotated[float, Field(ge=0, le=1)]


class Credit(Strict):
    """Partial credit for a measure that misses its target.

    With neither key the check is all-or-nothing. `linear_from` gives credit that rises
    linearly from 0 at that value to 1 at the target; `bands` gives stepped credit, the
    best band reached wins.
    """

    linear_from: float | None = None
    bands: tuple[Band, ...] = ()

    @model_validator(mode="after")
    def _one_rule(self) -> Credit:
        if self.linear_from is not None and self.bands:
            raise ValueError("give linear_from or bands, not both")
        return self


class Target(Strict):
    """A measured number must be at least and/or at most a bound."""

    at_least: float | None = None
    at_most: float | None = None
    credit: Credit = Credit()

    @model_validator(mode="after")
    def _has_bound(self) -> Target:
        if self.at_least is None and self.at_most is None:
            raise ValueError("give at_least, at_most or both")
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise ValueError("at_least is greater than at_most")
        return self

    def describe(self, fmt: str = "{:g}") -> str:
        """`at least 51%`, `at most 10`, `between 1 and 5`: in words, as findings say it."""
        low = None if self.at_least is None else fmt.format(self.at_least)
        high = None if self.at_most is None else fmt.format(self.at_most)
        if low and high:
            return f"between {low} and {high}"
        return f"at least {low}" if low else f"at most {high}"

    def describe_fraction(self) -> str:
        """The target with its bounds as percentages."""
        low = None if self.at_least is None else pct(self.at_least)
        high = None if self.at_most is None else pct(self.at_most)
        if low and high:
            return f"between {low} and {high}"
        return f"at least {low}" if low else f"at most {high}"

    def grade(self, measure: float) -> float:
        """Score in [0, 1] for a measured value (0 for a value that is not a number)."""
        if math.isnan(measure):
            return 0.0
        low, high = self.at_least, self.at_most
        if (low is None or measure >= low) and (high is None or measure <= high):
            return 1.0
        bound, sign = (low, 1.0) if low is not None and measure < low else (high, -1.0)
        assert bound is not None
        credit = self.credit
        if credit.linear_from is not None:
            span = (bound - credit.linear_from) * sign
            gained = (measure - credit.linear_from) * sign
            return 0.0 if span <= 0 or gained <= 0 else min(gained / span, 1.0)
        reached = [b.score for b in credit.bands if (measure - b.reach) * sign >= 0]
        return max(reached, default=0.0)


class FractionTarget(Target):
    """A target on a share, written as a fraction (0.51) of one."""

    at_least: Annotated[float, Field(ge=0, le=1)] | None = None
    at_most: Annotated[float, Field(ge=0, le=1)] | None = None


class CheckType(Protocol):
    """What a check module provides: its params model and its check function."""

    __name__: str
    __doc__: str | None
    TYPE: str

    @property
    def Params(self) -> type[CheckBase]:  # noqa: N802 - module attribute, named as a class
        """The check's options model."""
        ...

    def check(self, params: Any, submission: Submission, /) -> CheckOutcome:
        """Evaluate the check against a submission."""
        ...


def condition_refs(sheet: str, *conditions: Condition | None) -> list[tuple[str, str | None]]:
    """The (sheet, field) pairs named by conditions evaluated on `sheet`'s rows."""
    return [(sheet, name) for cond in conditions for name in referenced_fields(cond)]


def pct(value: float) -> str:
    """0.4812 -> '48.1%' (whole numbers lose the decimal)."""
    text = f"{value * 100:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def num(value: float) -> str:
    """A number for messages as a filer writes it: `130`, `3193.5`, `0.3333`; never `1e+05`."""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    # Four significant digits for small fractions, but never fewer than the whole part.
    digits = max(4 - len(str(int(abs(value)))), 1) if abs(value) >= 1 else 4
    text = f"{value:.{digits}f}" if abs(value) >= 1 else f"{value:.4g}"
    return text.rstrip("0").rstrip(".") if "." in text and "e" not in text else text


def as_number(value: Any) -> float | None:
    """A plain number from a parsed cell value; None for blanks, tokens, text and booleans."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def cell_list(refs: list[str], cap: int = 8) -> str:
    """'B7, B9, B12 and 40 more'."""
    shown = ", ".join(refs[:cap])
    return shown if len(refs) <= cap else f"{shown} and {len(refs) - cap} more"


PROPORTIONAL = FractionTarget(at_least=1.0, credit=Credit(linear_from=0.0))
"""The default target of share-of-records checks: the score is the share itself."""

WhenEmpty = Literal["not_met", "not_applicable"]

FormRef = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]
"""`sheet_id.field_id` of a form value, e.g. `cover.period_end`."""


Comparison = Literal["eq", "lt", "le", "gt", "ge"]
SYMBOL: dict[str, str] = {"eq": "=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
WORDS: dict[str, str] = {"eq": "equal to", "lt": "less than", "le": "at most",
                         "gt": "more than", "ge": "at least"}
"""A comparison as findings say it: `at least 3240`."""


def compares(op: Comparison, left: float, right: float, slack: float = 0.0) -> bool:
    """`left op right`, allowing `slack` in the direction that makes it hold."""
    if op == "lt":
        return left < right + slack
    if op == "gt":
        return left > right - slack
    slack += 1e-9 * max(1.0, abs(left), abs(right))  # sums of floats are not exact
    if op == "eq":
        return abs(left - right) <= slack
    return left <= right + slack if op == "le" else left >= right - slack


class ColumnRef(Strict):
    """`{sheet: committee_roster, column: committee_id}`: the values of one column."""

    sheet: Identifier
    column: Identifier

    def refs(self) -> list[tuple[str, str | None]]:
        """The sheet and column read."""
        return [(self.sheet, self.column)]


class RecordCheck(CheckBase):
    """Keys of checks that grade the share of a sheet's records passing a test.

    `reads()` names the fields of `sheet` the check reads besides `where`'s.
    """

    sheet: Identifier
    where: Condition | None = None
    target: FractionTarget = PROPORTIONAL
    when_empty: WhenEmpty = "not_applicable"

    def expected(self, what: str) -> str:
        """`>= 100% of records valid`."""
        return f"{self.target.describe_fraction()} of {what}"

    def reads(self) -> list[str | None]:
        """Fields of `sheet` read besides those in `where` (None entries are skipped)."""
        return []

    def refs(self) -> list[tuple[str, str | None]]:
        """Sheet and fields this check reads."""
        return [(self.sheet, None), *[(self.sheet, f) for f in self.reads() if f],
                *condition_refs(self.sheet, self.where)]


def graded_share(target: FractionTarget, passed: float, total: float, what: str,
                 findings: list[Finding]) -> CheckOutcome:
    """The outcome of a share-of-records check: `passed` of `total` `what` (total > 0)."""
    share = passed / total
    return CheckOutcome(score=target.grade(share), findings=tuple(findings), measure=share,
                        measured=f"{pct(share)} ({passed:g} of {total:g} {what})",
                        expected=f"{target.describe_fraction()} of {what}")


def nothing_to_measure(when_empty: WhenEmpty, code: str, sheet: str, what: str,
                       expected: str) -> CheckOutcome:
    """The outcome when nothing qualifies: not applicable, or 0 with one finding."""
    if when_empty == "not_applicable":
        return CheckOutcome(score=None, na_reason=f"no {what} in '{sheet}'", expected=expected)
    finding = Finding(code=code, message=f"No {what} in '{sheet}'.", sheet=sheet,
                      expected=expected, actual=f"no {what}")
    return CheckOutcome(score=0.0, findings=(finding,), measured=f"no {what}", expected=expected)
