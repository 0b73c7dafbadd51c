"""Filings made from a bundled sample that was typed into its set's template, then edited.

A sample's filled template is the closest thing to what an MCO files; a test changes the
few cells its case is about and checks the result. `through_libreoffice` saves the file
again with LibreOffice Calc, as filers who do not use Excel do.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

SAMPLES = Path(__file__).resolve().parent.parent / "sample_submissions"
OREGON = SAMPLES / "oregon" / "cascade-community-health-2026q1.xlsx"
"""Fully compliant, filed on the Oregon template (header on row 3, records from row 4)."""


def edited(out: Path, change: Callable[[Workbook], None], source: Path = OREGON) -> Path:
    """A copy of `source` at `out` with `change` applied to its cells."""
    book = load_workbook(source)
    change(book)
    book.save(out)
    return out


def column_of(sheet: Worksheet, header: str, header_row: int = 3) -> int:
    """The 1-based column whose header is `header`."""
    for cell in sheet[header_row]:
        if cell.value == header:
            return int(cell.column)
    raise KeyError(header)


def replace_values(sheet: Worksheet, header: str, old: Any, new: Any) -> list[int]:
    """Writes `new` wherever the column holds `old`; the rows changed."""
    col, rows = column_of(sheet, header), list[int]()
    for row in range(4, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=col)
        if cell.value == old:
            cell.value, rows = new, [*rows, row]
    return rows


def through_libreoffice(path: Path) -> Path:
    """`path` opened and saved again as .xlsx by LibreOffice Calc (skips without it)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = path.with_name(path.stem + ".libreoffice.xlsx")
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder, "profile").as_uri()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "xlsx", "--outdir", folder, str(path)],
                       check=True, capture_output=True, timeout=180)
        shutil.move(Path(folder) / path.name, out)
    return out
