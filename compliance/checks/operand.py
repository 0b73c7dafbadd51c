"""Operands of the `aggregate` and `ratio` checks: a column aggregate or a form value.

An operand evaluates to a number and a short description of where it came from, in the
filer's words, so findings can say `sum of 'Members' on Member_Demographics where Element
is Race and ethnicity: 950` rather than just `950`.
"""

from __future__ import annotations

from collections.abc import Callable
from statistics import median
from typing import Literal

from pydantic import Field, model_validator

from compliance.checks.base import FormRef, as_number, condition_refs
from compliance.checks.records import Records, form_value, key, plain, records
from compliance.evaluation.condition import describe
from compliance.evaluation.submission import Invalid, Submission
from compliance.model.base import Identifier, Strict
from compliance.model.condition import Condition


def _mean(values: list[float]) -> float:
    # Plain addition overflows to infinity where statistics.fmean raises on huge values.
    return sum(values) / len(values)


_SUMMARIES: dict[str, Callable[[list[float]], float]] = {
    "min": min, "max": max, "mean": _mean, "median": median,
}
Function = Literal["sum", "count", "min", "max", "mean", "median", "distinct_count"]
_WORDS = {"sum": "sum of", "count": "number of", "distinct_count": "number of distinct",
          "min": "lowest", "max": "highest", "mean": "mean of", "median": "median of"}


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

    def cells(self, submission: Submission) -> str | None:
        """The field's value cell."""
        return form_value(submission, self.ref)[0].cell

    def value(self, submission: Submission) -> tuple[float | None, str]:
        """The field's number (None when blank or not a number) and its description."""
        found, sheet = form_value(submission, self.ref)
        label = submission.spec.name_of(self.ref)
        return as_number(found.value), f"{label} at {sheet}!{found.cell}"


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

    def describe(self, rows: Records) -> str:
        """`sum of 'Members' on Member_Demographics where Element is Race and ethnicity`."""
        what = f"{_WORDS[self.fn]} {rows.quoted(self.column)}" if self.column \
            else "number of rows"
        text = f"{what} on {rows.name}"
        where = describe(self.where, rows.label, rows.said) if self.where else ""
        return text + (f" where {where}" if where else "")

    def cells(self, submission: Submission) -> str | None:
        """The cells aggregated: the column's cells of the rows matching `where`."""
        rows = records(submission, self.sheet)
        return rows.cells(self.column, self.picked(rows))

    def picked(self, rows: Records) -> list[int]:
        """The records aggregated (those matching `where`)."""
        included = rows.test(self.where)
        return [i for i in range(len(rows)) if included(i)]

    def value(self, submission: Submission) -> tuple[float | None, str]:
        """The aggregate (None for min/max/mean/median of no values) and its description."""
        rows = records(submission, self.sheet)
        picked = self.picked(rows)
        if self.column is None:
            return float(len(picked)), self.describe(rows)
        column = rows.values(self.column)
        what = self.describe(rows) + _left_out(rows, self.column, column, picked)
        if self.fn == "count":
            return float(sum(1 for i in picked if plain(column[i]))), what
        if self.fn == "distinct_count":
            return float(len({key(column[i]) for i in picked if plain(column[i])})), what
        numbers = [n for n in (as_number(column[i]) for i in picked) if n is not None]
        if self.fn == "sum":
            return float(sum(numbers)), what
        if not numbers:
            return None, what
        return float(_SUMMARIES[self.fn](numbers)), what


def _left_out(rows: Records, column_id: str, column: list[object], picked: list[int]) -> str:
    """Says so when unreadable cells were left out, so a short total is not taken as filed."""
    bad = [i for i in picked if isinstance(column[i], Invalid)]
    if not bad:
        return ""
    where = rows.cell(column_id, bad[0])
    cells = "1 unreadable cell" if len(bad) == 1 else f"{len(bad)} unreadable cells"
    return f" ({cells} left out" + (f", first at {rows.name}!{where}" if where else "") + ")"


Operand = Aggregate | FieldRef

