"""Builds a `Submission` straight from Python data, with no workbook.

Raw values are parsed by the reader's own `parse_value`, so "N/A", "1,234", "51%" and
"03/31/2026" mean what they mean in a filed workbook. Layout: a table's header is row 1,
its records start at row 2, columns A, B, C... in field order; a form has its labels in
column A and values in column B, one field per row in field order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from compliance.evaluation.submission import (
    Column,
    Form,
    FormValue,
    SheetInfo,
    Submission,
    Table,
    column_letter,
)
from compliance.model.workbook import (
    DEFAULT_DATE_FORMATS,
    DEFAULT_NA_TOKENS,
    DEFAULT_SUPPRESSED_TOKENS,
    FieldSpec,
    SheetSpec,
    WorkbookSpec,
)
from compliance.reader.values import Tokens, parse_value

TOKENS = Tokens.of(DEFAULT_NA_TOKENS, DEFAULT_SUPPRESSED_TOKENS, DEFAULT_DATE_FORMATS)
Fields = Mapping[str, str | Mapping[str, Any]] | Sequence[str | Mapping[str, Any] | FieldSpec]
"""`{id: type}` or `{id: {type: choice, codes: [...]}}`, or a list of ids, dicts or specs."""
Row = Mapping[str, Any] | Sequence[Any]


def field_specs(fields: Fields) -> tuple[FieldSpec, ...]:
    """Field specs from the shorthand; labels default to the id in words (`Meeting date`)."""
    items: Iterable[Any] = fields.items() if isinstance(fields, Mapping) else fields
    specs = []
    options: Mapping[str, Any]
    for item in items:
        if isinstance(item, FieldSpec):
            specs.append(item)
            continue
        if isinstance(item, str):
            field_id, options = item, {}
        elif isinstance(item, tuple):
            field_id, options = item[0], {"type": item[1]} if isinstance(item[1], str) else item[1]
        else:
            field_id, options = item["id"], {k: v for k, v in item.items() if k != "id"}
        options = {"label": field_id.replace("_", " ").capitalize(), **(options or {})}
        specs.append(FieldSpec(id=field_id, **options))
    return tuple(specs)


def sheet_spec(sheet_id: str, fields: Fields, kind: str = "table") -> SheetSpec:
    """A sheet named after its id: `committee_roster` -> `Committee_Roster`."""
    name = "_".join(part.capitalize() for part in sheet_id.split("_"))
    return SheetSpec(id=sheet_id, name=name, kind=kind, fields=field_specs(fields))


def make_table(sheet_id: str, fields: Fields, rows: Sequence[Row],
               absent: Iterable[str] = ()) -> Table:
    """A table of parsed records; `absent` fields are declared but have no column."""
    spec = sheet_spec(sheet_id, fields)
    present = [f for f in spec.fields if f.id not in set(absent)]
    columns: dict[str, Column] = {}
    for letter, field in enumerate(present):
        at = spec.fields.index(field)
        raw = [row.get(field.id) if isinstance(row, Mapping)
               else (row[at] if at < len(row) else None) for row in rows]
        columns[field.id] = Column(spec=field, letter=column_letter(letter), header=field.label,
                                   values=[parse_value(v, field, TOKENS) for v in raw])
    return Table(spec=spec, name=spec.name, header_row=1,
                 rows=list(range(2, len(rows) + 2)), columns=columns)


def make_form(sheet_id: str, fields: Fields, values: Mapping[str, Any]) -> Form:
    """A form; fields left out of `values` have no label on the sheet."""
    spec = sheet_spec(sheet_id, fields, kind="form")
    found = {f.id: FormValue(parse_value(values[f.id], f, TOKENS), f"B{n}")
             for n, f in enumerate(spec.fields, start=1) if f.id in values}
    return Form(spec=spec, name=spec.name, values=found)


def make_submission(tables: Mapping[str, tuple[Fields, Sequence[Row]]] | None = None,
                    forms: Mapping[str, tuple[Fields, Mapping[str, Any]]] | None = None,
                    period: tuple[Any, Any] | None = None,
                    absent: Mapping[str, Iterable[str]] | None = None) -> Submission:
    """A submission of these sheets; `period` adds the cover's period start and end."""
    form_data = {k: (field_specs(f), dict(v)) for k, (f, v) in (forms or {}).items()}
    if period is not None:
        specs, values = form_data.get("cover", ((), {}))
        dates = field_specs({"period_start": "date", "period_end": "date"})
        known = {f.id for f in specs}
        form_data["cover"] = ((*specs, *[d for d in dates if d.id not in known]),
                              {**values, "period_start": period[0], "period_end": period[1]})
    built_tables = {k: make_table(k, f, rows, (absent or {}).get(k, ()))
                    for k, (f, rows) in (tables or {}).items()}
    built_forms = {k: make_form(k, f, v) for k, (f, v) in form_data.items()}
    sheets = [*(t.spec for t in built_tables.values()), *(f.spec for f in built_forms.values())]
    return Submission(
        file="built.xlsx", sha256="0" * 64, spec=WorkbookSpec(sheets=tuple(sheets)),
        sheets=tuple(SheetInfo(s.name, "visible", s.id) for s in sheets),
        tables=built_tables, forms=built_forms)


QUARTER = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
"""The reporting period most tests use."""
