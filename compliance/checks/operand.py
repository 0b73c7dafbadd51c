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
from compliance.checks.evidence import require, require_rows, unreadable
from compliance.checks.records import Records, key, plain, records
from compliance.evaluation.condition import describe
from compliance.evaluation.submission import Submission
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
        sheet_id, _, field_id = self.ref.partition(".")
        return Records(submission.form(sheet_id)).cell(field_id, 0)

    def value(self, submission: Submission) -> tuple[float | None, str]:
        """The field's number (None for N/A) and its description; blank or unreadable stops it."""
        sheet_id, _, field_id = self.ref.partition(".")
        rows = Records(submission.form(sheet_id))
        require(unreadable(rows, [field_id], [0], blank=True))
        found = rows.values(field_id)[0]
        label = submission.spec.name_of(self.ref)
        return as_number(found), f"{label} at {rows.name}!{rows.cell(field_id, 0)}"


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
        rows, picked = self.picked(submission)
        return rows.cells(self.column, picked)

    def picked(self, submission: Submission) -> tuple[Records, list[int]]:
        """The sheet and the rows the aggregate reads, once every value it needs is readable.

        Sums and other summaries need a number in every row (a blank count is not 0);
        counts of filled values only need the filled ones to be readable.
        """
        rows = records(submission, self.sheet)
        numeric = self.fn not in ("count", "distinct_count")
        return rows, require_rows(rows, self.where, [self.column], blank=numeric)

    def value(self, submission: Submission) -> tuple[float | None, str]:
        """The aggregate (None for min/max/mean/median of no values) and its description."""
        rows, picked = self.picked(submission)
        what = self.describe(rows)
        if self.column is None:
            return float(len(picked)), what
        index = rows.index(self.column)
        if self.fn == "count":
            return float(sum(map(index.mask(plain).__getitem__, picked))), what
        if self.fn == "distinct_count":
            keys = index.map(lambda v: key(v) if plain(v) else None)
            return float(len({keys[i] for i in picked} - {None})), what
        every = index.map(as_number)
        numbers = [n for n in map(every.__getitem__, picked) if n is not None]
        if self.fn == "sum":
            return float(sum(numbers)), what
        if not numbers:
            return None, what
        return float(_SUMMARIES[self.fn](numbers)), what


Operand = Aggregate | FieldRef

