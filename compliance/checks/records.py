"""How checks read a sheet: a table's records, or a form as one record, and their values.

Checks that work on either kind of sheet (`required_fields`, `valid_values`,
`date_window`...) iterate over `Records` and never ask which kind they were given.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from compliance.checks.base import num
from compliance.evaluation.condition import RowTest, compile_condition, row_mask, row_test
from compliance.evaluation.results import Finding
from compliance.evaluation.submission import (
    EvidenceMissing,
    Form,
    FormValue,
    Invalid,
    Submission,
    Table,
    Token,
)
from compliance.evaluation.valueindex import Mask, ValueIndex
from compliance.model.condition import Condition


def key(value: Any) -> str:
    """How ids and codes are matched: as text, without case or outer spaces (`1` = `1.0`)."""
    if isinstance(value, Invalid):
        value = value.raw
    if isinstance(value, int | float) and not isinstance(value, bool):
        return num(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip().casefold()


def plain(value: Any) -> bool:
    """A filed value proper: not blank, not an N/A or suppression token, not invalid."""
    return value is not None and not isinstance(value, Token | Invalid)


def shown(value: Any) -> str:
    """A value as the filer wrote it, for findings: an age of 130, never `130.0`."""
    if isinstance(value, Invalid):
        value = value.raw
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return num(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "(blank)" if value is None else str(value)


@dataclass(frozen=True)
class Records:
    """A table's records, or a form read as a single record: what row checks iterate over."""

    source: Table | Form

    @property
    def name(self) -> str:
        """The sheet's name in the workbook."""
        return self.source.name

    def __len__(self) -> int:
        return len(self.source) if isinstance(self.source, Table) else 1

    def values(self, field_id: str) -> list[Any]:
        """One value per record; raises `EvidenceMissing` when the column or label is absent."""
        if isinstance(self.source, Table):
            return self.source.column(field_id).values
        return [self.source.get(field_id).value]

    def label(self, field_id: str) -> str:
        """The field's label (its header or form label), for messages."""
        spec = self.source.spec.field(field_id)
        return spec.label if spec else field_id

    def said(self, field_id: str, value: Any) -> str:
        """A value as the filer knows it: a code by its label, a number as written."""
        if isinstance(value, bool):
            return "Yes" if value else "No"
        spec = self.source.spec.field(field_id)
        for code in spec.code_list() if spec else ():
            if isinstance(value, str) and code.code.casefold() == value.casefold():
                return code.label or code.code
        return shown(value)

    def quoted(self, field_id: str) -> str:
        """The field's label in quotes, as conditions and operands name it: `'Role'`."""
        return f"'{self.label(field_id)}'"

    def has(self, field_id: str) -> bool:
        """Whether the column or label is on the sheet."""
        found = self.source.columns if isinstance(self.source, Table) else self.source.values
        return field_id in found

    def cell(self, field_id: str, index: int) -> str | None:
        """Where a record's value is, or None for a form label that is absent."""
        if isinstance(self.source, Table):
            return self.source.cell(field_id, index)
        found = self.source.values.get(field_id)
        return found.cell if found else None

    def cells(self, field_id: str | None, indexes: Iterable[int]) -> str | None:
        """Exactly these records' cells of a column: `B4:B9, B12` (None when there are none)."""
        if isinstance(self.source, Form):
            return self.cell(field_id, 0) if field_id else None
        table = self.source
        letter = table.columns[field_id].letter if field_id in table.columns else "A"
        return row_cells(letter, map(table.rows.__getitem__, indexes))

    def header(self, field_id: str) -> str | None:
        """The column's header cell (a form field's own cell): where a missing row belongs."""
        if isinstance(self.source, Table):
            found = self.source.columns.get(field_id)
            return f"{found.letter}{self.source.header_row}" if found else None
        return self.cell(field_id, 0)

    def span(self, field_id: str | None = None) -> str | None:
        """The range a column's records occupy (a form field's own cell)."""
        if isinstance(self.source, Table):
            return self.source.span(field_id)
        return self.cell(field_id, 0) if field_id else None

    def index(self, field_id: str) -> ValueIndex:
        """A column's distinct values (a form field's one value); `EvidenceMissing` if absent."""
        if isinstance(self.source, Table):
            return self.source.column(field_id).index()
        return ValueIndex(self.values(field_id), Invalid)

    def mask(self, cond: Condition | None) -> Mask | None:
        """Whether each record meets a condition (None without one: every record does)."""
        if cond is None:
            return None
        if isinstance(self.source, Table):
            return row_mask(cond, self.source)
        return [bool(self.test(cond)(0))]

    def cells_at(self, field_id: str, indexes: Iterable[int]) -> list[str | None]:
        """The cell of each of these records' values of a field."""
        if isinstance(self.source, Form):
            return [self.cell(field_id, i) for i in indexes]
        letter, numbers = self.source.columns[field_id].letter, self.source.rows
        return [f"{letter}{numbers[i]}" for i in indexes]

    def test(self, cond: Condition | None) -> RowTest:
        """A predicate over record indexes (always true without a condition)."""
        if isinstance(self.source, Table):
            return row_test(cond, self.source)
        if cond is None:
            return lambda i: True
        form = self.source

        def resolve(name: str) -> Callable[[int], Any]:
            value = form.get(name).value
            return lambda _i: value

        return compile_condition(cond, resolve)


def records(submission: Submission, sheet_id: str) -> Records:
    """The sheet as records, a form or a table by its spec; `EvidenceMissing` when absent."""
    spec = submission.spec.sheet(sheet_id)
    if sheet_id in submission.forms or (spec is not None and spec.kind == "form"):
        return Records(submission.form(sheet_id))
    return Records(submission.table(sheet_id))


def form_value(submission: Submission, ref: str) -> tuple[FormValue, str]:
    """The value at `sheet.field` and the sheet's name; `EvidenceMissing` when absent."""
    sheet_id, _, field_id = ref.partition(".")
    form = submission.form(sheet_id)
    return form.get(field_id), form.name


def column_keys(submission: Submission, sheet_id: str, column: str) -> dict[str, Any]:
    """Distinct filled values of a column by match key, first spelling kept.

    A form field holds a list written as text: `Lane, Linn; Benton`.
    """
    rows = records(submission, sheet_id)
    values = rows.values(column)
    if isinstance(rows.source, Form) and isinstance(values[0], str):
        values = [part.strip() for part in re.split(r"[,;\n]", values[0])]
    found: dict[str, Any] = {}
    for value in values:
        if plain(value) and value != "":
            found.setdefault(key(value), value)
    return found


def reporting_period(submission: Submission, code: str) -> tuple[dt.date, dt.date]:
    """The filed reporting period; `EvidenceMissing` (with `code`) when either end is not a date."""
    start, end = submission.period()
    if start is not None and end is not None and start <= end:
        return start, end
    form = submission.spec.identity.period_end.partition(".")[0]
    name = submission.forms[form].name if form in submission.forms else form
    if start is not None and end is not None:
        # A period that ends before it starts has no days to count or compare against.
        raise EvidenceMissing(Finding(
            code=code, sheet=name, expected="a period end on or after its start",
            actual=f"{start.isoformat()} to {end.isoformat()}",
            message=f"The reporting period ends ({end.isoformat()}) before it starts "
                    f"({start.isoformat()})."))
    raise EvidenceMissing(Finding(code=code, sheet=name, message="The reporting period start or "
                                  "end is not given as a date.", expected="both period dates",
                                  actual="missing"))


def bounding(cells: list[str | None]) -> str | None:
    """The smallest range holding every cell: `C5`, `E5` -> `C5:E5`."""
    found = [re.fullmatch(r"([A-Z]+)(\d+)", c) for c in cells if c]
    parts = [(len(m[1]), m[1], int(m[2])) for m in found if m]
    if not parts:
        return None
    low = min(p[:2] for p in parts)[1], min(p[2] for p in parts)
    high = max(p[:2] for p in parts)[1], max(p[2] for p in parts)
    return f"{low[0]}{low[1]}" if low == high else f"{low[0]}{low[1]}:{high[0]}{high[1]}"


MAX_RUNS = 50
"""Runs of rows named in one cell reference; a finding past that names the first ones."""


def row_cells(letter: str, row_numbers: Iterable[int]) -> str | None:
    """`B4:B9, B12` for these rows of one column, in runs of consecutive rows."""
    rows = list(row_numbers)
    if not all(map(operator.lt, rows, itertools.islice(rows, 1, None))):
        rows = sorted(set(rows))  # records picked out of order, or a row named twice
    # Along a run of consecutive rows, row minus position stays the same: find its end by
    # bisection rather than stepping through a roster's rows one by one.
    offsets = list(map(operator.sub, rows, range(len(rows))))
    runs: list[tuple[int, int]] = []
    start = 0
    while start < len(rows) and len(runs) < MAX_RUNS:
        end = bisect.bisect_right(offsets, offsets[start], lo=start)
        runs.append((rows[start], rows[end - 1]))
        start = end
    return ", ".join(f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}"
                     for a, b in runs) or None
