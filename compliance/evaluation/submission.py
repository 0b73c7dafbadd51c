"""A submission as the checks see it: typed values, each with its cell reference.

Built by `compliance.reader` from a workbook and the set's `WorkbookSpec`. Table values
are stored column by column (a list per column, one entry per record) because member
rosters reach a million rows; cell references are computed, not stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from compliance.evaluation.results import Finding
from compliance.evaluation.valueindex import ValueIndex
from compliance.model.program import ProgramEntry
from compliance.model.workbook import FieldSpec, SheetSpec, WorkbookSpec


class Token:
    """A legitimate non-value: an N/A answer or a suppressed small cell."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


NA = Token("N/A")
SUPPRESSED = Token("Suppressed")


@dataclass(frozen=True, slots=True)
class Invalid:
    """A filed value that does not fit its field, with the reason."""

    raw: Any
    reason: str


class EvidenceMissing(Exception):
    """Evidence a check needs is absent or unreadable: the measure is incomplete.

    Raised for a missing sheet, column or label, and for needed values that are blank or
    cannot be read; the engine scores the check 0 with status `incomplete`, not as an error.
    """

    def __init__(self, *findings: Finding):
        self.findings = findings
        super().__init__(findings[0].message if findings else "evidence missing")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Column:
    """One column of a table sheet, matched to its field by header.

    `values` holds one parsed value per record. A large column may be given as `load`
    instead, which makes the list the first time something asks for it: a check that
    never looks at a column of a million-row roster never pays for its list.
    """

    __slots__ = ("spec", "letter", "header", "_values", "_load", "_index")

    def __init__(self, spec: FieldSpec, letter: str, header: str,
                 values: list[Any] | None = None,
                 load: Callable[[], list[Any]] | None = None) -> None:
        if (values is None) == (load is None):
            raise ValueError("a column is given either its values or a way to load them")
        self.spec, self.letter, self.header = spec, letter, header
        self._values, self._load = values, load
        self._index: ValueIndex | None = None

    @property
    def values(self) -> list[Any]:
        """One parsed value per record."""
        if self._values is None:
            assert self._load is not None
            self._values, self._load = self._load(), None
        return self._values

    def index(self) -> ValueIndex:
        """The column's distinct values, worked out the first time a check asks."""
        found = self._index
        values = self.values
        if found is None or found.values is not values or len(found) != len(values):
            found = ValueIndex(values, Invalid)
            self._index = found
        return found

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Column):
            return NotImplemented
        return ((self.spec, self.letter, self.header, self.values)
                == (other.spec, other.letter, other.header, other.values))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Column({self.spec.id!r}, {self.letter!r}, {self.header!r})"


@dataclass(frozen=True)
class Table:
    """A table sheet: the header row, the records' row numbers and the matched columns."""

    spec: SheetSpec
    name: str
    header_row: int
    rows: list[int]
    columns: dict[str, Column]

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, field_id: str) -> Column:
        """The column for a field; raises `EvidenceMissing` when the filer left it out."""
        found = self.columns.get(field_id)
        if found is None:
            spec = self.spec.field(field_id)
            label = spec.label if spec else field_id
            raise EvidenceMissing(Finding(
                code="evidence.column_missing",
                message=f"Column '{label}' is missing from sheet '{self.name}'.",
                sheet=self.name,
                cell=f"A{self.header_row}",
                expected=f"a column headed '{label}'",
                actual="no such header",
            ))
        return found

    def cell(self, field_id: str, index: int) -> str:
        """`B7` for record `index` of a field's column."""
        return f"{self.columns[field_id].letter}{self.rows[index]}"

    def span(self, field_id: str | None = None) -> str:
        """The range the records occupy, for findings about the whole column or table."""
        if not self.rows:
            return f"A{self.header_row}"
        letter = self.columns[field_id].letter if field_id in self.columns else "A"
        first, last = f"{letter}{self.rows[0]}", f"{letter}{self.rows[-1]}"
        return first if first == last else f"{first}:{last}"


@dataclass(frozen=True, slots=True)
class FormValue:
    """A labelled value; `cell` is where the value is (or should be) written."""

    value: Any
    cell: str


@dataclass(frozen=True)
class Form:
    """A form sheet: labelled values found by their labels."""

    spec: SheetSpec
    name: str
    values: dict[str, FormValue]

    def get(self, field_id: str) -> FormValue:
        """The value of a field; raises `EvidenceMissing` when its label is not on the sheet."""
        found = self.values.get(field_id)
        if found is None:
            spec = self.spec.field(field_id)
            label = spec.label if spec else field_id
            raise EvidenceMissing(Finding(
                code="evidence.field_missing",
                message=f"'{label}' is not on sheet '{self.name}'.",
                sheet=self.name,
                expected=f"a row labelled '{label}' with its value beside it",
                actual="no such label",
            ))
        return found


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """A sheet of the filed workbook and what it was matched to."""

    name: str
    state: str
    matched: str | None


@dataclass(frozen=True, slots=True)
class TemplateStamp:
    """The stamp a generated template carries: which set and version it was made from."""

    set_id: str
    set_version: str
    set_hash: str


@dataclass(frozen=True)
class Submission:
    """Everything read from one workbook, bound to a requirement set's workbook spec."""

    file: str
    sha256: str
    spec: WorkbookSpec
    sheets: tuple[SheetInfo, ...]
    tables: dict[str, Table] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    notes: tuple[Finding, ...] = ()
    stamp: TemplateStamp | None = None
    program: ProgramEntry | None = None  # the state's record of this plan, when given

    def _absent(self, sheet_id: str) -> EvidenceMissing:
        spec = self.spec.sheet(sheet_id)
        name = spec.name if spec else sheet_id
        return EvidenceMissing(Finding(
            code="evidence.sheet_missing",
            message=f"Sheet '{name}' is missing from the workbook.",
            sheet=name,
            expected=f"a sheet named '{name}'",
            actual="no such sheet",
        ))

    def table(self, sheet_id: str) -> Table:
        """A table sheet; raises `EvidenceMissing` when the workbook lacks it."""
        found = self.tables.get(sheet_id)
        if found is None:
            raise self._absent(sheet_id)
        return found

    def form(self, sheet_id: str) -> Form:
        """A form sheet; raises `EvidenceMissing` when the workbook lacks it."""
        found = self.forms.get(sheet_id)
        if found is None:
            raise self._absent(sheet_id)
        return found

    def lookup(self, reference: str) -> Any:
        """The value at `sheet_id.field_id` on a form, or None when absent or blank."""
        sheet_id, _, field_id = reference.partition(".")
        form = self.forms.get(sheet_id)
        found = form.values.get(field_id) if form else None
        return found.value if found else None

    def context(self) -> dict[str, Any]:
        """Names an `applies_when` condition may use: form values, identity, period parts."""
        names: dict[str, Any] = {}
        for sheet_id, form in self.forms.items():
            for field_id, found in form.values.items():
                names[f"{sheet_id}.{field_id}"] = found.value
        for key, reference in self.spec.identity.model_dump().items():
            names[key] = self.lookup(reference)
        end = names.get("period_end")
        if isinstance(end, dt.date):
            names["period.year"] = end.year
            names["period.quarter"] = (end.month - 1) // 3 + 1
            names["period.month"] = end.month
        start = names.get("period_start")
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            names["period.days"] = (end - start).days + 1
        for sheet_id, table in self.tables.items():
            names[f"{sheet_id}.rows"] = len(table)
        if self.program is not None:
            # The state's word on whom the contract covers, not the plan's.
            names["cover.populations"] = ", ".join(self.program.populations)
        return names

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        """The reporting period as filed (either end may be missing or invalid)."""
        identity = self.spec.identity
        start, end = self.lookup(identity.period_start), self.lookup(identity.period_end)
        return (
            start if isinstance(start, dt.date) else None,
            end if isinstance(end, dt.date) else None,
        )
