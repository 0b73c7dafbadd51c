"""Writes a filing as a filled template or as a plan's own workbook (see messy.py for a third).

Both give deterministic bytes (fixed timestamps). Either can be round-tripped through
LibreOffice Calc, whose output is committed and reused when LibreOffice is not installed
or when its conversion differs only in zip entry times.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from compliance.model.requirement import RequirementSet
from compliance.model.workbook import FieldSpec, SheetSpec
from compliance.reader.bind import STAMP_SHEET
from compliance.template.build import HEADER_ROW, build_template, form_rows, workbook_bytes
from samplegen.build import Filing

FORMATS = {"date": "yyyy-mm-dd", "percent": "0.0%", "integer": "#,##0", "number": "#,##0.00"}


def _label(spec: FieldSpec, code: Any) -> Any:
    """A choice code as the template's drop-down shows it (its label)."""
    found = next((c for c in spec.code_list() if c.code == code), None)
    return found.label or found.code if found else code


def _tidy(spec: FieldSpec, value: Any) -> Any:
    """A value as a careful filer enters it from the template's drop-downs."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if spec.type == "choice" and isinstance(value, str):
        return _label(spec, value)
    return value


def _put(sheet: Worksheet, row: int, col: int, spec: FieldSpec, value: Any) -> None:
    cell = sheet.cell(row=row, column=col, value=value)
    if isinstance(value, dt.date | float | int) and spec.type in FORMATS:
        cell.number_format = FORMATS[spec.type]


def _tables(rs: RequirementSet) -> list[SheetSpec]:
    return [s for s in rs.workbook.sheets if s.kind == "table"]


def _cover(rs: RequirementSet) -> SheetSpec:
    spec = rs.workbook.sheet("cover")
    assert spec is not None
    return spec


def filled_template(filing: Filing, rs: RequirementSet, old_version: str | None = None) -> bytes:
    """The set's template with the filing typed in below its headers (stamp kept).

    `old_version` stamps it as made from an older version of the set's template.
    """
    book = build_template(rs)
    if old_version is not None:
        book[STAMP_SHEET]["B2"], book[STAMP_SHEET]["B3"] = old_version, "3b9d2f61c0a8e7d4"
    cover = _cover(rs)
    sheet = book[cover.name]
    for field_id, row in form_rows(cover).items():
        spec = cover.field(field_id)
        assert spec is not None
        _put(sheet, row, 2, spec, _tidy(spec, filing.cover.get(field_id)))
    for table in _tables(rs):
        sheet = book[table.name]
        for r, record in enumerate(filing.tables.get(table.id, []), start=HEADER_ROW + 1):
            for c, spec in enumerate(table.fields, start=1):
                _put(sheet, r, c, spec, _tidy(spec, record.get(spec.id)))
    return workbook_bytes(book)


def plain_workbook(filing: Filing, rs: RequirementSet) -> bytes:
    """The plan's own workbook: the set's sheets and headers, codes as codes, no stamp."""
    book = Workbook()
    cover = _cover(rs)
    sheet = book.active
    assert sheet is not None
    sheet.title = cover.name
    sheet.append(["Field", "Value"])
    for n, spec in enumerate(cover.fields, start=2):
        sheet.cell(row=n, column=1, value=spec.label)
        value = filing.cover.get(spec.id)
        _put(sheet, n, 2, spec, ("Y" if value else "N") if isinstance(value, bool) else value)
    for table in _tables(rs):
        sheet = book.create_sheet(table.name)
        sheet.append([f.label for f in table.fields])
        for r, record in enumerate(filing.tables.get(table.id, []), start=2):
            for c, spec in enumerate(table.fields, start=1):
                value = record.get(spec.id)
                _put(sheet, r, c, spec, ("Y" if value else "N") if isinstance(value, bool)
                     else value)
    return workbook_bytes(book)


def libreoffice_roundtrip(data: bytes, target: Path) -> bytes:
    """`data` saved again by LibreOffice Calc; the committed `target` when it is absent."""
    soffice = shutil.which("soffice")
    if soffice is None:
        if not target.exists():
            raise SystemExit(f"{target} needs LibreOffice (soffice) to be generated")
        return target.read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in" / target.name
        source.parent.mkdir()
        source.write_bytes(data)
        profile = Path(folder, "profile").as_uri()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "xlsx", "--outdir", folder, str(source)],
                       check=True, capture_output=True, timeout=180)
        converted = (Path(folder) / target.name).read_bytes()
    # LibreOffice stamps each zip entry with the time of saving; keep the committed file
    # (LibreOffice's own container, untouched) when only those times differ.
    if target.exists() and _same_parts(converted, target.read_bytes()):
        return target.read_bytes()
    return converted


def _same_parts(left: bytes, right: bytes) -> bool:
    """Whether two zip packages hold the same parts with the same content."""
    with zipfile.ZipFile(io.BytesIO(left)) as a, zipfile.ZipFile(io.BytesIO(right)) as b:
        return a.namelist() == b.namelist() and all(a.read(n) == b.read(n) for n in a.namelist())


def seeded(filing: Filing) -> random.Random:
    """The random source of a filing's messy choices."""
    return random.Random(f"messy:{filing.plan.stem}")
