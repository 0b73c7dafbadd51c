"""What the worksheet scan learns about one sheet, with the bounds it must respect.

The extent (highest row and column holding a value or formula) bounds the dense grid
the reader will allocate. Special cells are the ones the reader cannot tell from blanks:
error values (`#DIV/0!`) and formulas saved without a calculated value.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Literal

from compliance.errors import SubmissionError

MAX_ROW = 1_048_576
MAX_COL = 16_384
_TEXT_CAP = 1000

SpecialKind = Literal["formula_without_value", "error", "not_a_number", "bad_string_index"]


@dataclass(frozen=True, slots=True)
class SpecialCell:
    """A cell whose value the reader would show as blank or misread.

    Attributes:
        kind: `error` for an error value, `formula_without_value` for a formula that
            was never calculated (files written by scripts rather than Excel),
            `not_a_number` for a number cell storing NaN or infinity, `bad_string_index`
            for a text cell pointing at no shared string (`-1`, `abc`, `1.5`).
        text: The error code (`#DIV/0!`), the formula text or the stored value.
    """

    kind: SpecialKind
    text: str


def column_index(letters: str) -> int:
    """A1-style column letters (any case) to a 1-based index: A -> 1, AA -> 27."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index


def column_letters(index: int) -> str:
    """A 1-based column index to its letters: 1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def greater_number(n: int) -> bytes:
    """A pattern for decimal numerals (leading zeros allowed) greater than `n`."""
    digits = str(n)
    options = [f"[1-9][0-9]{{{len(digits)},}}"]
    for i, digit in enumerate(digits):
        if digit != "9":
            rest = len(digits) - i - 1
            options.append(f"{digits[:i]}[{int(digit) + 1}-9][0-9]{{{rest}}}")
    return ("0*(?:" + "|".join(options) + ")").encode()


def xml_text(raw: bytes) -> str:
    """Element text as stored in the XML, unescaped and capped in length."""
    return html.unescape(raw[:_TEXT_CAP * 4].decode("utf-8", "replace"))[:_TEXT_CAP]


class SheetFacts:
    """Accumulates the extent and special cells of one worksheet, enforcing the limits."""

    def __init__(self, sheet: str, max_cells: int, max_special: int):
        self.sheet = sheet
        self.max_row = 0
        self.max_col = 0
        self.values = 0  # cells holding a value (`<v>` or inline text), as stored
        self.special: dict[str, SpecialCell] = {}
        self._max_cells = max_cells
        self._max_special = max_special
        self._shared: dict[SpecialCell, SpecialCell] = {}

    def extend(self, row: int, col: int) -> None:
        """Widen the extent to a cell holding a value or formula (1-based row, column)."""
        if not (1 <= row <= MAX_ROW and 1 <= col <= MAX_COL):
            raise SubmissionError(
                f"sheet '{self.sheet}' has a cell at row {row:,}, column {col:,}, outside "
                "Excel's grid (A1:XFD1048576); the file is damaged; save it again from Excel")
        if row <= self.max_row and col <= self.max_col:
            return
        self.max_row = max(self.max_row, row)
        self.max_col = max(self.max_col, col)
        cells = self.max_row * self.max_col
        if cells > self._max_cells:
            raise SubmissionError(
                f"sheet '{self.sheet}' declares a used range of {cells:,} cells "
                f"({self.max_row:,} rows x {self.max_col:,} columns), too large to check; "
                "delete empty formatted rows/columns beyond your data")

    def add_special(self, ref: str, kind: SpecialKind, text: str) -> None:
        """Remember a cell the reader would otherwise take for a blank."""
        cell = SpecialCell(kind, text)
        # Thousands of cells often share one error code; keep a single instance of each.
        cell = self._shared.setdefault(cell, cell)
        self.special[ref.upper()] = cell
        if len(self.special) > self._max_special:
            raise SubmissionError(
                f"sheet '{self.sheet}' has more than {self._max_special:,} cells with error "
                "values or uncalculated formulas; open it in Excel, let it recalculate, fix "
                "the errors and save it again")
