"""How some cells are stored in a worksheet: as text or not, and the stored value.

fastexcel shows a number cell holding 45000 and a text cell holding `45000` alike, and
writes a number to 15 significant digits. Nearly always that is all a check needs;
where it is not (in a date column the number is a date serial, the text is no date; a
rate stored as 0.33333333333333331), the column reader asks this module for the cells
in doubt. The part is streamed once and each cell is found with a C-level search from
the last one, in document order (the preflight established that rows ascend in the
canonical form), so the pass costs about one inflate.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from compliance.evaluation.submission import column_letter

_TEXT_TYPES = (b"s", b"str", b"inlineStr")
_TYPE = re.compile(rb'\bt="([A-Za-z]*)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_CHUNK = 1024 * 1024
_OVERLAP = 256
_MAX_CELL = 1024 * 1024

Cell = tuple[int, int]
"""(1-based row, 0-based column)."""


@dataclass(frozen=True)
class Stored:
    """A cell as stored: whether as text (shared, inline or formula text), and its `<v>`."""

    text: bool
    value: str | None


def stored_cells(path: str, part: str, cells: list[Cell]) -> dict[Cell, Stored]:
    """How each of `cells` is stored; a cell not found in the sheet is left out."""
    wanted = sorted(set(cells))
    found: dict[Cell, Stored] = {}
    if not wanted:
        return found
    at = 0
    tags = [f'<c r="{column_letter(col)}{row}"'.encode("ascii") for row, col in wanted]
    with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
        tail = b""
        while at < len(wanted):
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            buf = tail + chunk
            pos, cut = 0, -1
            while at < len(wanted):
                start = buf.find(tags[at], pos)
                if start < 0:
                    break
                end = buf.find(b">", start)
                close = buf.find(b"</c>", end) if end >= 0 and buf[end - 1] != 47 else end
                if close < 0:
                    cut = start  # the cell goes on in the next chunk: keep it whole
                    break
                kind = _TYPE.search(buf, start, end)
                value = _VALUE.search(buf, end, close)
                found[wanted[at]] = Stored(
                    kind is not None and kind.group(1) in _TEXT_TYPES,
                    value.group(1).decode("utf-8", "replace") if value else None)
                pos = close
                at += 1
            whole = cut >= 0 and len(buf) - cut <= _MAX_CELL
            tail = buf[cut:] if whole else buf[max(pos, len(buf) - _OVERLAP):]
    return found
