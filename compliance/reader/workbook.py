"""Opens a workbook that passed preflight and streams its sheets' raw cell values.

python-calamine does the reading (about ten times faster than openpyxl on large
rosters). It shows an error cell or a formula without a cached value as an empty
string, and it misreads a few stored values (NaN, bad shared-string indexes), so the
preflight's list of such cells is kept beside it and consulted here. Every call into
calamine goes through `native`, so that no failure of it escapes as anything but a
refusal of the file.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import python_calamine

from compliance.errors import SubmissionError
from compliance.evaluation.submission import Invalid
from compliance.reader.native import native, native_iter
from compliance.reader.preflight import Preflight, SheetPart, SpecialCell, inspect

Merged = tuple[tuple[int, int], tuple[int, int]]
_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")


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
        """(1-based row number, cells from column A) for each row with content.

        calamine leaves out cells that hold only a formula or an error, so rows the
        preflight saw such cells in are merged in, and those cells marked invalid.
        """
        special = special_by_row(self.part(name).special)
        for number, row in self._calamine_rows(name):
            if number in special:
                row = mark_special(row, special.pop(number))
            yield number, row
        for number in sorted(special):
            yield number, mark_special([], special[number])

    def _calamine_rows(self, name: str) -> Iterator[tuple[int, list[Any]]]:
        sheet = self._sheet(name)
        start, end = sheet.start, sheet.end
        if start is None or end is None:
            return
        first_col = start[1]
        pad = [""] * first_col
        failed = functools.partial(self._failed, name)
        rows = native_iter(native(sheet.iter_rows, failed, self.preflight.path), failed,
                           self.preflight.path)
        # python-calamine yields rows from the sheet's first row, blank ones included, and
        # columns from the grid's first column. Should a release begin elsewhere, the count
        # no longer meets the grid's last row and the sheet is refused, never misnumbered.
        number = 0
        for number, cells in enumerate(rows, start=1):
            yield number, (pad + cells if first_col else cells)
        if number != end[0] + 1:
            raise SubmissionError(f"sheet '{name}' could not be read: its rows did not line "
                                  "up with its cells; save it again from Excel",
                                  file=self.preflight.path)

    def merged(self, name: str) -> list[Merged]:
        """Merged ranges as ((row, col), (row, col)), 0-based, inclusive."""
        sheet = self._sheet(name)
        return list(native(lambda: sheet.merged_cell_ranges or [],
                           functools.partial(self._failed, name), self.preflight.path))

    def _sheet(self, name: str) -> Any:
        # Loading a sheet parses all of it, so each is loaded once and kept until close.
        if name not in self._loaded:
            self._loaded[name] = native(lambda: self.handle.get_sheet_by_name(name),
                                        functools.partial(self._failed, name),
                                        self.preflight.path)
        return self._loaded[name]

    def _failed(self, name: str) -> str:
        odd = [f"{ref} holds '{cell.text}'" for ref, cell in self.part(name).special.items()
               if cell.kind in _MISREAD][:3]
        cells = f"; {', '.join(odd)}" if odd else ""
        return f"sheet '{name}' could not be read{cells}"

    def close(self) -> None:
        """Release the file and the loaded sheets."""
        self._loaded.clear()
        native(self.handle.close, "could not be closed", self.preflight.path)


def special_by_row(special: dict[str, SpecialCell]) -> dict[int, dict[int, SpecialCell]]:
    """Special cells as {row number: {0-based column: cell}}."""
    found: dict[int, dict[int, SpecialCell]] = {}
    for ref, cell in special.items():
        match = _REF.match(ref)
        if match:
            col = 0
            for letter in match.group(1):
                col = col * 26 + ord(letter) - 64
            col -= 1
            found.setdefault(int(match.group(2)), {})[col] = cell
    return found


_MISREAD = frozenset({"not_a_number", "bad_string_index"})
_REASONS = {
    "formula_without_value": "formula without a calculated value; open the file in Excel, "
                             "let it recalculate and save it",
    "not_a_number": "the cell stores a value that is not a number",
    "bad_string_index": "the cell points at text that does not exist in the file",
}


def unreadable(found: SpecialCell) -> Invalid:
    """What a special cell reads as: unreadable, with the reason."""
    reason = f"error value {found.text}" if found.kind == "error" else _REASONS[found.kind]
    return Invalid(found.text, reason)


def mark_special(row: list[Any], cells: dict[int, SpecialCell]) -> list[Any]:
    """`row` with its special cells (by 0-based column) read as unreadable values."""
    if max(cells) >= len(row):
        row = row + [""] * (max(cells) + 1 - len(row))
    for col, found in cells.items():
        # calamine shows errors and uncalculated formulas as blanks, and misread values as
        # something plausible (NaN in a date cell as 1899-12-30): the preflight decides.
        if row[col] == "" or found.kind in _MISREAD:
            row[col] = unreadable(found)
    return row


def open_workbook(path: str | os.PathLike[str]) -> RawWorkbook:
    """Preflight a file, then open it for reading; raises `SubmissionError`."""
    facts = inspect(path)
    handle = native(lambda: python_calamine.CalamineWorkbook.from_path(os.fspath(path)),
                    "cannot be read as a workbook", str(path))
    return RawWorkbook(facts, handle)
