"""Byte-level worksheet scan: extent and special cells at close to decompression speed.

Excel, LibreOffice, Google Sheets, gnumeric and the Python writers all serialise cells
as `<c r="B7" ...>`: unprefixed, the reference attribute first. In that form a cell's
position is spelled out in its own tag, so the extent can be found with a few regular
expression passes over raw bytes instead of parsing every element:

* one pattern finds, in one C-level pass, any cell tag that breaks the canonical form
  and any non-empty cell beyond the extent found so far (the pattern is rebuilt when
  the extent grows, and seeded from the last non-empty cell of each chunk, so rows in
  ascending order cost nothing);
* formulas and error values are looked for only in chunks that contain `<f` or `t="e"`.

Each stretch of whole rows is first offered to `rowshape`, which checks rows as writers
save them once per distinct shape; the patterns here scan the stretches it declines.
A sheet in any other form, or whose rows go backwards, raises `NeedsParser` and is
scanned by `exactscan` instead. `valuescan` looks for odd values and duplicate cells in
the same buffers.
The scan over-counts rather than under-counts: a cell it cannot rule out as empty
widens the extent.
"""

from __future__ import annotations

import functools
import re

from compliance.errors import SubmissionError
from compliance.reader.cellfacts import SheetFacts, column_index, greater_number, xml_text
from compliance.reader.rowshape import RowShapes
from compliance.reader.valuescan import ValueScan

_REF = rb"[A-Za-z]{1,3}[1-9][0-9]{0,6}"
_ATTR = rb"""\s+[^\s=>/<"']+\s*=\s*(?:"[^"]*"|'[^']*')"""
# After the canonical r="..." a second `r` attribute would move the cell: not canonical.
# The type is canonical only as ` t="..."`, so that `valuescan` finds every text cell by
# that literal. Possessive quantifiers: a tag has one parse; backtracking only costs time.
_CELL_ATTR = (rb"""(?: t="[^"]*+"|\s++(?![rt]\s*=)[^\s=>/<"']++\s*+=\s*+"""
              rb"""(?:"[^"]*+"|'[^']*+'))""")
_NOT_EMPTY = rb"(?:" + _CELL_ATTR + rb")*+\s*+>(?!\s*</c>)"
_CELL_OPEN = re.compile(rb'<c r="(' + _REF + rb')"((?:' + _CELL_ATTR + rb")*+)\s*+>")
_SEED = re.compile(rb'(?s).*<c r="(' + _REF + rb')"' + _NOT_EMPTY)
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_FORMULA_NO_VALUE = re.compile(
    rb"<f\b((?:" + _ATTR + rb")*)\s*(?:/>|>([^<]*)</f>)\s*(?:<v\s*/>|<v\s*>\s*</v>)?\s*</c>")
_SHARED_MASTER = re.compile(rb"<f\b([^>]*\bt\s*=\s*[\"']shared[\"'][^>]*)>([^<]+)</f>")
_SHARED_INDEX = re.compile(rb"""\bsi\s*=\s*["']([0-9]+)["']""")
_ERROR_TYPE = re.compile(rb"""\bt\s*=\s*["']e["']""")
_ERROR_HINT = re.compile(rb"""t=["']e["']""")
_VALUE = re.compile(rb"<v\s*>([^<]*)</v>")
_REF_PARTS = re.compile(rb"([A-Za-z]+)([0-9]+)")

# Chunks are gathered to this size before a scan: each scan may compile a new pattern.
_BATCH = 4 * 1024 * 1024
_SOFT_CARRY = 1024 * 1024
_HARD_CARRY = 16 * 1024 * 1024
_SEED_WINDOW = 64 * 1024
_MAX_ROUNDS = 64
_MAX_MASTERS = 50_000


class NeedsParser(Exception):
    """The worksheet is not in the canonical form the byte scan relies on."""


def _greater_letters(col: int) -> bytes:
    """A pattern for column letters (any case) after column number `col`."""
    if col == 0:
        return b"[A-Za-z]+"
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    options = [f"[A-Za-z]{{{len(letters) + 1},}}"]
    for i, letter in enumerate(letters):
        if letter != "Z":
            prefix = "".join(f"[{c}{c.lower()}]" for c in letters[:i])
            up = chr(ord(letter) + 1)
            rest = len(letters) - i - 1
            options.append(f"{prefix}[{up}-Z{up.lower()}-z][A-Za-z]{{{rest}}}")
    return ("(?:" + "|".join(options) + ")").encode()


@functools.lru_cache(maxsize=32)
def _frontier(max_row: int, max_col: int) -> re.Pattern[bytes]:
    """Odd cell tags (group `ref` unset) or non-empty cells beyond the extent (set)."""
    beyond = (b"(?:" + _greater_letters(max_col) + b"[0-9]++|[A-Za-z]++"
              + greater_number(max_row) + b")")
    return re.compile(
        rb'<c(?:(?=[\s/>])(?! r="' + _REF + rb'"(?:' + _CELL_ATTR + rb")*+\s*+/?>)"
        rb'| r="(?P<ref>' + beyond + rb')"' + _NOT_EMPTY + rb")")


def _position(ref: bytes) -> tuple[int, int]:
    found = _REF_PARTS.fullmatch(ref)
    assert found is not None  # every caller matched `_REF` or `beyond` first
    return int(found.group(2)), column_index(found.group(1).decode("ascii"))


class FastScan:
    """Fed a worksheet part chunk by chunk; records into `facts`."""

    def __init__(self, facts: SheetFacts):
        self.facts = facts
        self._carry = b""
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._masters: dict[bytes, str] = {}
        self._values = ValueScan(facts)
        self._rows = RowShapes()

    def feed(self, chunk: bytes) -> None:
        """Scan the complete cells in `chunk`; keep the unfinished tail for later."""
        self._pending.append(chunk)
        self._pending_size += len(chunk)
        if self._pending_size < _BATCH:
            return
        buf = b"".join([self._carry, *self._pending])
        self._pending.clear()
        self._pending_size = 0
        # Cut before the last row, so that `rowshape` sees whole rows, or else before the
        # last tag starting `<c` so that cells stay whole for the formula and error
        # patterns (a cut at 0 waits for more data); before the last tag of any kind if no
        # such tag is near the end (only a giant text can cause that).
        window = max(0, len(buf) - _SOFT_CARRY)
        cut = buf.rfind(b"<row ", window)
        if cut <= 0:
            cut = buf.rfind(b"<c", window)
        if cut < 0:
            cut = max(buf.rfind(b"<"), 0)
        self._scan(buf, cut)
        self._carry = buf[cut:]
        if len(self._carry) > _HARD_CARRY:
            raise SubmissionError(
                f"sheet '{self.facts.sheet}' contains a single XML element of more than "
                f"{_HARD_CARRY // (1024 * 1024)} MB, which real spreadsheets never have; "
                "the file is damaged; save it again from Excel")

    def close(self) -> None:
        """Scan what is left at the end of the part."""
        buf = b"".join([self._carry, *self._pending])
        self._scan(buf, len(buf))
        self._carry = b""
        self._pending.clear()

    def _scan(self, buf: bytes, end: int) -> None:
        if end == 0 or self._rows_scanned(buf, end):
            return
        # The stretch is cut between cells, so no value tag is cut in two.
        self.facts.values += buf.count(b"<v>", 0, end) + buf.count(b"<is>", 0, end)
        if _PREFIXED_CELL.search(buf, 0, end):
            raise NeedsParser
        self._extent(buf, end)
        if not self._values.scan(buf, end, self._cell_at):
            raise NeedsParser
        if buf.find(b"<f", 0, end) >= 0:
            self._formulas(buf, end)
        if _ERROR_HINT.search(buf, 0, end):
            self._errors(buf, end)

    def _rows_scanned(self, buf: bytes, end: int) -> bool:
        """Scan the stretch row shape by row shape if it fits (see `rowshape`)."""
        if not self._rows.enabled:
            return False
        extent = self._rows.scan(buf, end, self.facts.max_row)
        if extent is None:
            return False
        if extent[0]:
            self.facts.extend(*extent)
        self.facts.values += self._rows.values
        self._values.restart(self.facts.max_row)
        return True

    def _extent(self, buf: bytes, end: int) -> None:
        seed = _SEED.match(buf, max(0, end - _SEED_WINDOW), end)
        if seed is not None:
            self.facts.extend(*_position(seed.group(1)))
        pos = 0
        for _ in range(_MAX_ROUNDS):
            found = _frontier(self.facts.max_row, self.facts.max_col).search(buf, pos, end)
            if found is None:
                return
            self._extend_to(found)
            pos = found.end()
            # A row wider than the extent so far (a header row, say): jump to its last
            # non-empty cell rather than finding its columns one round at a time.
            row_end = buf.find(b"</row>", pos, end)
            last = _SEED.match(buf, pos, row_end) if row_end > 0 else None
            if last is not None:
                self.facts.extend(*_position(last.group(1)))
        # Rows out of order: take every non-empty cell of the rest of this chunk.
        for found in _frontier(0, 0).finditer(buf, pos, end):
            self._extend_to(found)

    def _extend_to(self, found: re.Match[bytes]) -> None:
        ref = found.group("ref")
        if ref is None:
            raise NeedsParser
        self.facts.extend(*_position(ref))

    def _formulas(self, buf: bytes, end: int) -> None:
        if buf.find(b"shared", 0, end) >= 0:
            for master in _SHARED_MASTER.finditer(buf, 0, end):
                index = _SHARED_INDEX.search(master.group(1))
                if index is not None and len(self._masters) < _MAX_MASTERS:
                    self._masters[index.group(1)] = xml_text(master.group(2))
        for formula in _FORMULA_NO_VALUE.finditer(buf, 0, end):
            cell = self._cell_at(buf, formula.start())
            if cell is None or buf[cell.end():formula.start()].strip():
                continue
            text = xml_text(formula.group(2) or b"")
            if not text:
                index = _SHARED_INDEX.search(formula.group(1))
                text = self._masters.get(index.group(1), "") if index else ""
            self.facts.add_special(cell.group(1).decode("ascii"), "formula_without_value", text)

    def _errors(self, buf: bytes, end: int) -> None:
        for marker in _ERROR_TYPE.finditer(buf, 0, end):
            cell = self._cell_at(buf, marker.start())
            if cell is None or cell.end() <= marker.start():
                continue
            if not _ERROR_TYPE.search(cell.group(2)):
                continue
            close = buf.find(b"</c>", cell.end(), end)
            value = _VALUE.search(buf, cell.end(), close) if close >= 0 else None
            if value is not None and value.group(1).strip():
                self.facts.add_special(cell.group(1).decode("ascii"), "error",
                                       xml_text(value.group(1).strip()))

    @staticmethod
    def _cell_at(buf: bytes, pos: int) -> re.Match[bytes] | None:
        """The opening tag of the cell that `pos` lies in or after."""
        start = buf.rfind(b"<c ", 0, pos)
        return _CELL_OPEN.match(buf, start) if start >= 0 else None
