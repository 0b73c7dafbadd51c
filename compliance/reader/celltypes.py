"""Which of some cells a worksheet stores as text, found in its bytes.

fastexcel shows a number cell holding 45000 and a text cell holding `45000` alike.
Nearly always they parse alike too; where they would not (in a date column the number
is a date serial, the text is no date), the column reader asks this module which of
the cells in doubt are text. The part is streamed once and each cell is found with a
C-level search from the last one, in document order (the preflight established that
rows ascend in the canonical form), so the pass costs about one inflate.
"""

from __future__ import annotations

import re
import zipfile

from compliance.evaluation.submission import column_letter

_TEXT_TYPES = (b"s", b"str", b"inlineStr")
_TYPE = re.compile(rb'\bt="([A-Za-z]*)"')
_CHUNK = 1024 * 1024
_OVERLAP = 256

Cell = tuple[int, int]
"""(1-based row, 0-based column)."""


def text_cells(path: str, part: str, cells: list[Cell]) -> set[Cell]:
    """Those of `cells` that the sheet stores as text (shared, inline or formula text)."""
    wanted = sorted(set(cells))
    found: set[Cell] = set()
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
            pos = 0
            while at < len(wanted):
                start = buf.find(tags[at], pos)
                end = buf.find(b">", start) if start >= 0 else -1
                if end < 0:
                    break
                kind = _TYPE.search(buf, start, end)
                if kind is not None and kind.group(1) in _TEXT_TYPES:
                    found.add(wanted[at])
                pos = end
                at += 1
            tail = buf[max(pos, len(buf) - _OVERLAP):]
    return found
