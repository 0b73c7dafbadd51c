"""Stored cell values the reader would misread, and cells stored twice.

The reader (calamine) trusts what a cell stores. A number cell holding `NaN` or `inf`
becomes a float it cannot show as a date (`NaN` in a date cell reads as 1899-12-30); a
shared-string index of `-1`, `abc`, `1.5` or 2^64 silently reads string number 0; and a
cell written twice in a sheet is resolved by keeping one copy. These cells are found in
the bytes of each worksheet as the preflight streams it, so every path that reads a cell
sees the same verdict: an odd value becomes an unreadable value at its cell, a duplicate
cell refuses the file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from compliance.errors import SubmissionError
from compliance.reader.cellfacts import SheetFacts, SpecialKind, greater_number

_NON_FINITE = re.compile(rb"<v\s*>(\s*[-+]?(?i:nan|inf)[^<]*)</v>")
# `fastscan` leaves any cell whose type is not spelled ` t="..."` to the exact scan, so
# this literal start finds every text cell and lets the search skip ahead in C.
_STRING_INDEX = re.compile(rb' t="s"[^>]*>\s*(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?'
                           rb"\s*<v\s*>(?![0-9]{1,15}</v>)([^<]*)</v>")
_CELL_TYPE = re.compile(rb"""\bt\s*=\s*["']([A-Za-z]*)["']""")
# Cells with content only: an empty `<c r="A1" s="1"/>` twice changes no value.
_CELL_REF = re.compile(rb'<c r="([A-Za-z]{1,3}[0-9]{1,7})"[^>]*+(?<!/)>')
_NUMBER_TYPES = frozenset({"", "n"})
_MAX_SHOWN = 40

CellAt = Callable[[bytes, int], "re.Match[bytes] | None"]
"""Finds the opening tag of the cell that a position lies in (`FastScan._cell_at`)."""


def odd_value(cell_type: str | None, value: str) -> SpecialKind | None:
    """The kind of misreading a stored value invites, for the event-by-event scan."""
    text = value.strip()
    if (cell_type or "") in _NUMBER_TYPES and text.lstrip("+-")[:3].casefold() in ("nan", "inf"):
        return "not_a_number"
    if cell_type == "s" and not (text.isascii() and text.isdigit() and len(text) <= 15):
        return "bad_string_index"
    return None


def duplicate(sheet: str, what: str) -> SubmissionError:
    """The refusal for a cell (or row) stored twice: no copy may silently win."""
    return SubmissionError(
        f"sheet '{sheet}' stores {what} twice, with possibly different values; the file "
        "is damaged; open it in Excel and save it again")


@functools.lru_cache(maxsize=8)
def _at_or_above(row: int) -> re.Pattern[bytes]:
    """Cells with content in row `row` or an earlier one."""
    return re.compile(rb'<c r="[A-Za-z]{1,3}(?!' + greater_number(row) + rb'")[0-9]{1,7}"'
                      rb"[^>]*+(?<!/)>")


class ValueScan:
    """Byte-level search of worksheet text for odd values and duplicate cells.

    Fed whole cells (the caller cuts its buffer between cells), after the extent of the
    same stretch was taken. Duplicates are found among the references of each stretch
    and the stretch before it; a cell placed in a row the stretches before those already
    reached raises `NeedsParser` in the caller, whose exact scan tracks every row.
    """

    def __init__(self, facts: SheetFacts):
        self.facts = facts
        self._previous: set[bytes] = set()
        self._rows_before_previous = 0
        self._rows_through_previous = 0

    def restart(self, row: int) -> None:
        """Another scan has covered the sheet through `row`; only later rows may follow."""
        self._previous = set()
        self._rows_before_previous = self._rows_through_previous = row

    def scan(self, buf: bytes, end: int, cell_at: CellAt) -> bool:
        """Record odd values; False when rows go backwards (an exact scan is needed)."""
        if not self._unique(buf, end):
            return False
        for found in _NON_FINITE.finditer(buf, 0, end):
            self._record(buf, found, cell_at, "not_a_number", found.group(1))
        for found in _STRING_INDEX.finditer(buf, 0, end):
            self._record(buf, found, cell_at, "bad_string_index", found.group(1))
        return True

    def _unique(self, buf: bytes, end: int) -> bool:
        settled = self._rows_before_previous
        if settled and _at_or_above(settled).search(buf, 0, end):
            return False
        self._rows_before_previous = self._rows_through_previous
        self._rows_through_previous = self.facts.max_row
        refs = _CELL_REF.findall(buf, 0, end)
        current = set(refs)
        if len(current) != len(refs) or not current.isdisjoint(self._previous):
            seen: set[bytes] = set(self._previous)
            for ref in refs:
                if ref in seen:
                    raise duplicate(self.facts.sheet, "cell " + ref.decode("ascii").upper())
                seen.add(ref)
        self._previous = current
        return True

    def _record(self, buf: bytes, found: re.Match[bytes], cell_at: CellAt, kind: SpecialKind,
                raw: bytes) -> None:
        cell = cell_at(buf, found.start())
        if cell is None or buf.find(b"</c>", cell.end(), found.start()) >= 0:
            return
        typed = _CELL_TYPE.search(cell.group(0))
        cell_type = typed.group(1).decode("ascii") if typed else ""
        if kind == "not_a_number" and cell_type not in _NUMBER_TYPES:
            return
        if kind == "bad_string_index" and cell_type != "s":
            return
        text = raw.decode("utf-8", "replace").strip()[:_MAX_SHOWN]
        self.facts.add_special(cell.group(1).decode("ascii"), kind, text)

