"""Operands of the `aggregate` and `ratio` checks: a column aggregate or a form value.

An operand evaluates to a number and a short description of where it came from, so
findings can say `sum of Count where element = race_eth = 950` rather than just `950`.
"""

from __future__ import annotations

from collections.abc import Callable
from statistics import fmean, median
from typing import Literal

from pydantic import Field, model_validator

from compliance.checks.base import FormRef, as_number, condition_refs
from compliance.checks.records import form_value, key, plain, records
from compliance.condition import describe
from compliance.model.base import Identifier, Strict
from compliance.model.condition import Condition
from compliance.submission import Submission

_SUMMARIES: dict[str, Callable[[list[float]], float]] = {
    "min": min, "max": max, "mean": fmean, "median": median,
}
Function = Literal["sum", "count", "min", "max", "mean", "median", "distinct_count"]


class FieldRef(Strict):
    """`{ref: cover.enrollment}`: the value of a form field."""

    ref: FormRef

    def sheet_id(self) -> str:
        """The form read."""
        return self.ref.partition(".")[0]

    def refs(self) -> list[tuple[str, str | None]]:
        """The form and field read."""
        sheet, _, field = self.ref.partition(".")
        return [(sheet, field)]

    def value(self, submission: Submission) -> tuple[float | None, str]:
        """The field's number (None when blank or not a number) and its description."""
        found, sheet = form_value(submission, self.ref)
        return as_number(found.value), f"{self.ref} at {sheet}!{found.cell}"


class Aggregate(Strict):
    """`fn` over `column` of the rows of `sheet` that match `where`."""

    sheet: Identifier
    fn: Function = "sum"
    column: Identifier | None = Field(default=None, description="Not needed for `count`.")
    where: Condition | None = None

    @model_validator(mode="after")
    def _column_unless_count(self) -> Aggregate:
        if self.column is None and self.fn != "count":
            raise ValueError(f"'{self.fn}' needs a column")
        return self

    def sheet_id(self) -> str:
        """The sheet read."""
        return self.sheet

    def refs(self) -> list[tuple[str, str | None]]:
        """The sheet and fields read."""
        return [(self.sheet, self.column), *condition_refs(self.sheet, self.where)]

    def describe(self) -> str:
        """`sum of count where element = race_eth`."""
        text = f"{self.fn} of {self.column or 'rows'} in {self.sheet}"
        return text + (f" where {describe(self.where)}" if self.where else "")

    def value(self, submission: Submission) -> tuple[float | None, str]:
        """The aggregate (None for min/max/mean/median of no values) and its description."""
        rows = records(submission, self.sheet)
        included = rows.test(self.where)
        picked = [i for i in range(len(rows)) if included(i)]
        if self.column is None:
            return float(len(picked)), self.describe()
        column = rows.values(self.column)
        if self.fn == "count":
            return float(sum(1 for i in picked if plain(column[i]))), self.describe()
        if self.fn == "distinct_count":
            return float(len({key(column[i]) for i in picked if plain(column[i])})), self.describe()
        numbers = [n for n in (as_number(column[i]) for i in picked) if n is not None]
        if self.fn == "sum":
            return float(sum(numbers)), self.describe()
        if not numbers:
            return None, self.describe()
        return float(_SUMMARIES[self.fn](numbers)), self.describe()


Operand = Aggregate | FieldRef

