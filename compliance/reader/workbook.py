"""Opens a workbook that passed preflight and streams its sheets' raw cell values.

python-calamine does the reading (about ten times faster than openpyxl on large
rosters). It shows an error cell or a formula without a cached value as an empty
string, so the preflight's list of such cells is kept beside it and consulted here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import python_calamine

from compliance.errors import SubmissionError
from compliance.reader.preflight import Preflight, SheetPart, inspect
from compliance.submission import Invalid, column_letter

Merged = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class RawWorkbook:
    """A readable workbook: its preflight facts and a calamine handle."""

    preflight: Preflight
    handle: Any
    _loaded: dict[str, Any] = field(default_factory=dict)

    @property
    def sheets(self) -> tuple[SheetPart, ...]:
        """Worksheets in workbook order, with visibility and special cells."""
        return self.preflight.sheets

    def part(self, name: str) -> SheetPart:
        """The preflight facts of one sheet."""
        return next(s for s in self.sheets if s.name == name)

    def rows(self, name: str) -> Iterator[tuple[int, list[Any]]]:
        """(1-based row number, cells from column A) for each row calamine holds."""
        sheet = self._sheet(name)
        start = sheet.start
        if start is None:
            return
        first_row, first_col = start
        pad = [""] * first_col
        special = self.part(name).special
        for offset, cells in enumerate(sheet.iter_rows()):
            row = pad + cells if first_col else cells
            number = first_row + offset + 1
            if special:
                row = _mark_special(row, number, special)
            yield number, row

    def merged(self, name: str) -> list[Merged]:
        """Merged ranges as ((row, col), (row, col)), 0-based, inclusive."""
        return list(self._sheet(name).merged_cell_ranges or [])

    def _sheet(self, name: str) -> Any:
        # Loading a sheet parses all of it, so each is loaded once and kept until close.
        if name not in self._loaded:
            try:
                self._loaded[name] = self.handle.get_sheet_by_name(name)
            except Exception as exc:  # calamine raises its own error types per failure
                raise SubmissionError(f"sheet '{name}' could not be read ({exc})",
                                      file=self.preflight.path) from exc
        return self._loaded[name]

    def close(self) -> None:
        """Release the file and the loaded sheets."""
        self._loaded.clear()
        self.handle.close()


def _mark_special(row: list[Any], number: int, special: dict[str, Any]) -> list[Any]:
    for col, value in enumerate(row):
        if value == "":
            found = special.get(f"{column_letter(col)}{number}")
            if found is not None:
                row[col] = Invalid(
                    found.text,
                    f"error value {found.text}" if found.kind == "error"
                    else "formula without a calculated value; open the file in Excel, "
                    "let it recalculate and save it",
                )
    return row


def open_workbook(path: str | os.PathLike[str]) -> RawWorkbook:
    """Preflight a file, then open it for reading; raises `SubmissionError`."""
    facts = inspect(path)
    try:
        handle = python_calamine.CalamineWorkbook.from_path(os.fspath(path))
    except Exception as exc:  # any calamine failure means an unreadable workbook
        raise SubmissionError(f"cannot be read as a workbook ({exc})", file=str(path)) from exc
    return RawWorkbook(facts, handle)
