"""A messy but valid workbook: what filers send when they build the workbook by hand.

Sheet names and headers use accepted aliases in odd case, with titles and blank rows
above the headers, columns in another order, numbers stored as text with thousands
separators, dates typed as text, choices written as labels or aliases, Y/N answers,
blank rows between records, N/A and Suppressed where accepted, and an extra sheet.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from compliance.model.requirement import RequirementSet
from compliance.model.workbook import FieldSpec, SheetSpec
from compliance.template.build import workbook_bytes
from samplegen.build import Filing
from samplegen.writers import seeded


def _spelling(rng: random.Random, names: list[str]) -> str:
    text = rng.choice(names)
    return rng.choice((text, text.upper(), text.lower(), f" {text} ", f"{text}:"))


def _header(rng: random.Random, spec: FieldSpec) -> str:
    return _spelling(rng, [spec.label, *spec.aliases])


def _messy_value(rng: random.Random, spec: FieldSpec, value: Any) -> Any:
    if isinstance(value, bool):
        return rng.choice(("Y", "Yes", "yes") if value else ("N", "No", "no"))
    if spec.type == "choice" and isinstance(value, str):
        code = next((c for c in spec.code_list() if c.code == value), None)
        if code is not None:
            return _spelling(rng, [code.code, *([code.label] if code.label else []),
                                   *code.aliases]).strip(":")
    if isinstance(value, int) and not spec.id.endswith("year"):
        return f"{value:,}" if value >= 1000 or rng.random() < 0.3 else str(value)
    if isinstance(value, dt.date) and rng.random() < 0.5:
        return value.strftime("%m/%d/%Y")
    if value == "N/A":
        return rng.choice(("N/A", "n/a", "NA"))
    return value


def _table(book: Workbook, rng: random.Random, spec: SheetSpec, rows: list[dict[str, Any]],
           title: str) -> None:
    sheet: Worksheet = book.create_sheet(_spelling(rng, [spec.name, *spec.aliases]).strip(": "))
    fields = list(spec.fields)
    rng.shuffle(fields)
    sheet.append([f"{title}: {spec.name.replace('_', ' ')}"])
    sheet.append([])
    sheet.append([_header(rng, f) for f in fields])
    for row in rows:
        sheet.append([_messy_value(rng, f, row.get(f.id)) for f in fields])
        if rng.random() < 0.12:
            sheet.append([])


def _cover(book: Workbook, rng: random.Random, spec: SheetSpec, values: dict[str, Any]) -> None:
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cover Sheet"
    sheet.append(["QUARTERLY HEALTH EQUITY REPORT"])
    sheet.append([])
    for field in spec.fields:
        value = values.get(field.id)
        shown = value.strftime("%b %d, %Y").replace(" 0", " ") if isinstance(
            value, dt.date) and field.id == "period_end" else _messy_value(rng, field, value)
        sheet.append([_header(rng, field).strip(": "), None, shown])
    sheet.append([])
    sheet.append(["Prepared by the plan's quality department."])


def messy_workbook(filing: Filing, rs: RequirementSet) -> bytes:
    """The filing as a hand-built, untidy but valid workbook (no template stamp)."""
    rng = seeded(filing)
    book = Workbook()
    cover = rs.workbook.sheet("cover")
    assert cover is not None
    _cover(book, rng, cover, filing.cover)
    title = f"{filing.plan.mco_name} Q{filing.plan.quarter} {filing.plan.year}"
    for spec in rs.workbook.sheets:
        if spec.kind == "table" and spec.id in filing.tables:
            _table(book, rng, spec, filing.tables[spec.id], title)
    notes = book.create_sheet("Notes")
    notes.append(["Notes for the state reviewer"])
    notes.append(["Counts of 1 to 10 are suppressed; N/A marks items not yet due."])
    return workbook_bytes(book)
