"""Where a worksheet's cells begin, how many hold a value, which ranges are merged.

The column-by-column reader (`columnar`) never asks calamine's Python binding for the
sheet, so it needs two facts that binding would give: the row of the first cell with a
value (where calamine's grid starts, and so what row number each record has) and the
merged ranges a header may span. Both are picked up while the preflight streams the
part anyway: the first cell is near the start, the merged ranges after the cells, and
`<mergeCell` is looked for with a C-level search, so the pass costs next to nothing.
The count of cells with a value lets the column reader make sure that every value in
the sheet reached it: fastexcel shows as empty a date cell it cannot convert.
A sheet not in the canonical form (`<c r="B7" ...>`) leaves `first` unset, and the
table is then read the general way.
"""

from __future__ import annotations

import re

from compliance.reader.cellfacts import column_index

Merged = tuple[tuple[int, int], tuple[int, int]]

_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*+(?<!/)>')
# calamine keeps a cell in its grid only when it holds a value (a formula alone is empty).
_VALUE = re.compile(rb"<v>[^<]|<is>")
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"')
_OVERLAP = 512
# After the first cell the next `sheetData` closes the cells: one search finds either form.
_CELLS_END = (b"heetData",)
_CLOSING = (b"</sheetData>", b"<sheetData/>")
_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?worksheet>\s*$")
_MAX_CELL = 1024 * 1024
MAX_MERGED = 100_000


class LayoutScan:
    """Fed a worksheet part chunk by chunk; `first` and `merged` once it is closed."""

    def __init__(self, count: bool = False) -> None:
        self.first: tuple[int, int] | None = None
        self.complete = False
        self.values = 0
        self._count = count  # the fast scan counts the values itself
        self.merged: list[Merged] = []
        self._tail = b""
        self._searching = True
        self._cells_done = False

    def feed(self, chunk: bytes) -> None:
        """Count the chunk's values; look for the first cell, then for merged ranges.

        Between the first cell and the end of the cells (`</sheetData>`, where merged
        ranges begin) a chunk is only counted and searched for that end, not copied.
        """
        if self._count:
            self.values += _count_values(self._tail, chunk)
        if not self._searching and not self._cells_done:
            at = _find_across(self._tail, chunk, _CELLS_END)
            if at is None:
                # The end of everything so far, even after chunks shorter than a tag.
                self._tail = (self._tail + chunk)[-_OVERLAP:] if len(chunk) < _OVERLAP \
                    else chunk[-_OVERLAP:]
                return
            self._cells_done = True
            self._tail, chunk = b"", chunk[max(at, 0):]
        self._look(chunk)

    def _look(self, chunk: bytes) -> None:
        """Look at `chunk` with the end of the previous one, so no tag is cut in two."""
        buf = self._tail + chunk
        cut = self._find_first(buf) if self._searching else None
        if not self._searching and not self._cells_done:
            # The first cell and the end of the cells in one buffer: merged ranges follow.
            self._cells_done = any(buf.find(tag) >= 0 for tag in _CLOSING)
        if buf.find(b"<mergeCell ") >= 0:
            for found in _MERGE.finditer(buf):
                # A range wholly inside the overlap was taken from the previous chunk.
                if found.end() > len(self._tail) and len(self.merged) < MAX_MERGED:
                    self.merged.append(_range(found))
        self._tail = buf[-_OVERLAP:]
        if cut is not None:
            # A cell cut by the chunk's end is searched again whole with the next chunk.
            if len(buf) - cut > _MAX_CELL:
                self._searching = False
            else:
                self._tail = buf[min(cut, len(buf) - _OVERLAP):]

    def _find_first(self, buf: bytes) -> int | None:
        """Set `first` from the first cell with a value; the offset of a cut cell."""
        for cell in _CELL.finditer(buf):
            close = buf.find(b"</c>", cell.end())
            if close < 0:
                return cell.start()
            if _VALUE.search(buf, cell.end(), close):
                self.first = int(cell.group(2)), column_index(cell.group(1).decode("ascii"))
                self._searching = False
                return None
        return None

    def close(self) -> None:
        """Note whether the part ends as a worksheet does, after its last cell.

        A part cut short is refused by the general reader when it parses the sheet; a
        reader that stopped quietly at the cut would read part of it. Such a sheet is
        left to the general reader.
        """
        self.complete = _END.search(self._tail) is not None
        if not self.complete:
            self.first = None


def _find_across(before: bytes, chunk: bytes, tags: tuple[bytes, ...]) -> int | None:
    """Where in `chunk` the first of `tags` starts (negative: in `before`), or None."""
    found = [at for at in (chunk.find(tag) for tag in tags) if at >= 0]
    for tag in tags:
        edge = before[-(len(tag) - 1):]
        at = (edge + chunk[:len(tag) - 1]).find(tag)
        if at >= 0:
            found.append(at - len(edge))
    return min(found) if found else None


def _count_values(before: bytes, chunk: bytes) -> int:
    """Cells holding a value in `chunk`, `before` being the text ahead of it.

    Counted with C-level `count` calls: a tag cut by the chunk's start is found in the
    few bytes on either side of the cut, which hold no whole tag of their own.
    """
    found = 0
    # An empty `<v></v>` is counted too: a count too high only sends the sheet to the
    # general reader, never lets a value go missing.
    for tag in (b"<v>", b"<is>"):
        edge = before[-(len(tag) - 1):] + chunk[:len(tag) - 1]
        found += chunk.count(tag) + edge.count(tag)
    return found


def _range(found: re.Match[bytes]) -> Merged:
    """0-based inclusive ((row, col), (row, col)), as calamine gives merged ranges."""
    return ((int(found.group(2)) - 1, column_index(found.group(1).decode("ascii")) - 1),
            (int(found.group(4)) - 1, column_index(found.group(3).decode("ascii")) - 1))
