"""Row-shape scan: a stretch of worksheet rows checked once per distinct row shape.

A writer serialises the rows of a roster alike. Take the digits out of a row (its number,
its cells' row numbers, stored numbers and string indexes) and a 100,000-row sheet has a
few hundred distinct shapes. Each distinct shape is parsed once, exactly: the row and
cell tags, column letters strictly ascending within the row, and any cell the reader could
misread (a formula, an error value, NaN or infinity, a text index that is no number, an
entity in a stored value) makes the scan decline. What the digits carry is then checked
for every row at once, with C-level string operations:

* row numbers are digits without a leading zero, strictly ascending, and above every row
  already holding a value;
* every cell's reference names its own row: on a copy with capital letters masked, the row
  number enclosed by exactly the cell's letters and a quote (`"#7"`, `"##7"`) occurs in the
  row as often as the shape has cells with that many letters;
* no stored value is empty (`<v></v>`) or 16 digits or longer.

With the letters ascending within each row, these leave no room for a cell stored twice.
A stretch that does not fit is left to `fastscan`'s byte scan. A digit inside a tag or
attribute name can make this scan count a non-cell as a cell (a wider extent), never miss a
cell or a value the reader would misread.
"""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass
from itertools import islice, repeat

from compliance.reader.cellfacts import MAX_COL, MAX_ROW, column_index
from compliance.reader.valuescan import odd_value

_ROW = b'<row r="'
_DIGITS = b"0123456789"
_MASK = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"#" * 26)
_ODD_VALUE = re.compile(rb"<v>(?:</v>|[0-9]{16})")
# Cell or row tags (prefixed or not) outside the rows this scan parses.
_STRAY = re.compile(rb"[<:](?:c|row)[\s/>]")
_ATTRS = rb'(?:\s+[A-Za-z_][\w.:-]*="[^"<>]*")*'
_ATTR = re.compile(rb'\s+([A-Za-z_][\w.:-]*)="([^"<>]*)"')
_ROW_TAG = re.compile(rb'"(' + _ATTRS + rb")\s*(/?)>")
_CELL = re.compile(rb'\s*<c r="([A-Z]{1,3})"(' + _ATTRS + rb")\s*(?:/>|>(.*?)</c>)", re.S)
_ROW_END = re.compile(rb"\s*</row>")
_VALUE = re.compile(rb'<v>([^<"&\s]*)</v>')
_INLINE = re.compile(rb'<is>\s*<t(?: xml:space="preserve")?>[^<"]*</t>\s*</is>')
# Attribute values may hold no capital letter, so that the masked copy shows `"#` only
# where a cell reference starts.
_PLAIN = re.compile(rb"[a-z.:_-]*")
_TYPES = frozenset({b"", b"n", b"s", b"b", b"d", b"str", b"inlineStr"})
# Shapes and cells are remembered up to these sizes (at most 32 MB and 1 MB); longer ones
# (wide rows, long inline text) are parsed again wherever they occur.
_MAX_SHAPES = 4096
_REMEMBERED = 8192
_REMEMBERED_CELL = 256


@dataclass(frozen=True, slots=True)
class Shape:
    """What one row shape holds.

    Attributes:
        cells: How many cells have 1, 2 and 3 column letters.
        max_col: Highest column holding a value (0 if none).
        self_closing: The row is `<row .../>`.
        tail: Text follows the row (the end of the sheet part).
    """

    cells: tuple[int, int, int]
    max_col: int
    self_closing: bool
    tail: bool


def shape_of(shape: bytes) -> Shape | None:
    """Parse a row without its digits, from just after `<row r="`; None if it is odd."""
    head = _ROW_TAG.match(shape)
    if head is None or _plain(head.group(1), allow_type=False) is None:
        return None
    counts = [0, 0, 0]
    pos, last, max_col = head.end(), 0, 0
    if not head.group(2):
        while (cell := _CELL.match(shape, pos)) is not None:
            letters, attrs, content = cell.groups()
            short = len(attrs) + len(content or b"") <= _REMEMBERED_CELL
            found = (_cell if short else _cell.__wrapped__)(letters, attrs, content)
            if found is None or found[0] <= last:
                return None
            counts[len(letters) - 1] += 1
            pos, last = cell.end(), found[0]
            max_col = last if found[1] else max_col
        end = _ROW_END.match(shape, pos)
        if end is None:
            return None
        pos = end.end()
    rest = shape[pos:]
    if _STRAY.search(rest):
        return None
    return Shape((counts[0], counts[1], counts[2]), max_col, bool(head.group(2)),
                 bool(rest.strip()))


@functools.lru_cache(maxsize=4096)
def _cell(letters: bytes, attrs: bytes, content: bytes | None) -> tuple[int, bool] | None:
    """(column, holds a value) of a cell in a shape; None if it is odd."""
    col = column_index(letters.decode("ascii"))
    filled = _filled(attrs, content)
    return None if col > MAX_COL or filled is None else (col, filled)


def _plain(attrs: bytes, allow_type: bool) -> bytes | None:
    """The type attribute's value (b"" if none); None for a value this scan won't trust."""
    kind = b""
    seen: set[bytes] = set()
    for name, value in _ATTR.findall(attrs):
        if name in seen or name == b"r":
            return None
        seen.add(name)
        if allow_type and name == b"t":
            kind = value
        elif not _PLAIN.fullmatch(value):
            return None
    return kind


def _filled(attrs: bytes, content: bytes | None) -> bool | None:
    """Whether a cell holds a value; None if it is one the reader could misread."""
    kind = _plain(attrs, allow_type=True)
    if kind is None or kind not in _TYPES:
        return None
    body = (content or b"").strip()
    if not body:
        return False
    value = _VALUE.fullmatch(body)
    if value is None:
        return True if kind == b"inlineStr" and _INLINE.fullmatch(body) else None
    text = value.group(1)
    if kind in (b"inlineStr", b"s"):
        # Digits only (taken out of the shape) is a good index; empty ones are found in bulk.
        return None if text or kind == b"inlineStr" else True
    if odd_value(kind.decode("ascii"), text.decode("ascii", "replace")) is not None:
        return None
    return True


class RowShapes:
    """Scans stretches of whole rows, remembering the shapes met so far."""

    def __init__(self) -> None:
        self._known: dict[bytes, Shape | None] = {}
        self.enabled = True
        self.values = 0
        """Cells holding a value in the stretch last scanned."""

    def scan(self, buf: bytes, end: int, floor: int) -> tuple[int, int] | None:
        """(max row, max column) of the cells holding a value in `buf[:end]`.

        Rows must come after row `floor`. None when the stretch does not fit this scan.
        `values` is then the count of cells holding a value, from the rows' shapes.
        """
        pieces = _pieces(buf, end)
        if _STRAY.search(pieces[0]):
            return None
        rows = pieces[1:]
        if not rows:
            return 0, 0
        if _ODD_VALUE.search(buf, 0, end):
            return None
        shapes = list(map(bytes.translate, rows, repeat(None), repeat(_DIGITS)))
        known = self._shapes(shapes)
        numbers = _row_numbers(rows, floor) if known is not None else None
        if known is None or numbers is None:
            return None
        digits, rows_at = numbers
        if not _references_match(rows, shapes, known, digits):
            return None
        per_shape = {shape: shape.count(b"<v>") + shape.count(b"<is>") for shape in known}
        self.values = sum(map(per_shape.__getitem__, shapes))
        return _extent(shapes, known, rows_at)

    def _shapes(self, shapes: list[bytes]) -> dict[bytes, Shape] | None:
        found: dict[bytes, Shape] = {}
        for shape in set(shapes):
            if shape in self._known:
                info = self._known[shape]
            elif len(self._known) >= _MAX_SHAPES:
                # Rows that differ in more than digits (inline text): not worth trying again.
                self.enabled = False
                return None
            else:
                info = shape_of(shape)
                if len(shape) <= _REMEMBERED:
                    self._known[shape] = info
            if info is None:
                return None
            found[shape] = info
        return found


def _pieces(buf: bytes, end: int) -> list[bytes]:
    """`buf[:end]` split at each row start, without copying `buf` when `end` is a row start."""
    if end < len(buf) and buf.startswith(_ROW, end) and buf.find(_ROW, end + 1) < 0:
        return buf.split(_ROW)[:-1]
    return buf[:end].split(_ROW)


def _row_numbers(rows: list[bytes], floor: int) -> tuple[list[bytes], list[int]] | None:
    """Each row's number, as written and as a number; None unless strictly ascending."""
    # A row's shape starts with its closing quote, so all before the first quote is digits.
    ends = list(map(bytes.find, rows, repeat(b'"'), repeat(0), repeat(9)))
    if min(ends) < 1:
        return None  # no number, or one of 9 digits or more (beyond the grid)
    digits = list(map(bytes.__getitem__, rows, map(slice, repeat(0), ends)))
    if min(digits).startswith(b"0"):
        return None
    numbers = list(map(int, digits))
    if numbers[0] <= floor or numbers[-1] > MAX_ROW:
        return None
    if not all(map(operator.lt, numbers, islice(numbers, 1, None))):
        return None
    return digits, numbers


def _references_match(rows: list[bytes], shapes: list[bytes], known: dict[bytes, Shape],
                      digits: list[bytes]) -> bool:
    """Every cell reference in every row carries that row's number, and nothing else does."""
    masked = list(map(bytes.translate, rows, repeat(_MASK)))
    for width in (1, 2, 3):
        if not any(info.cells[width - 1] for info in known.values()):
            continue
        per_shape = {shape: info.cells[width - 1] for shape, info in known.items()}
        expected = list(map(per_shape.__getitem__, shapes))
        opening = b'"' + b"#" * width
        needles = list(map(opening.__add__, map(bytes.__add__, digits, repeat(b'"'))))
        found = list(map(bytes.count, masked, needles))
        for at in _tails(shapes, known):
            found[at] = _row_part(masked[at], known[shapes[at]]).count(needles[at])
        if found != expected:
            return False
    return True


def _tails(shapes: list[bytes], known: dict[bytes, Shape]) -> list[int]:
    tailed = {shape for shape, info in known.items() if info.tail}
    return [at for at, shape in enumerate(shapes) if shape in tailed] if tailed else []


def _row_part(masked: bytes, info: Shape) -> bytes:
    """A row without what follows it (the rest of the sheet part after the last row)."""
    end = masked.find(b">") + 1 if info.self_closing else masked.find(b"</row>")
    return masked[:end]


def _extent(shapes: list[bytes], known: dict[bytes, Shape],
            numbers: list[int]) -> tuple[int, int]:
    max_col = max(known[shape].max_col for shape in known)
    if not max_col:
        return 0, 0
    for at in range(len(shapes) - 1, -1, -1):
        if known[shapes[at]].max_col:
            return numbers[at], max_col
    return 0, 0  # unreachable: some shape holds a value
