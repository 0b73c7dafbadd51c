"""Binds a large table sheet column by column, without a Python object per cell.

A member roster of a million rows is most of a filing's cells. Read cell by cell into
Python, it costs more than everything else the checker does; read by fastexcel into
Arrow columns it costs about half as much, and Arrow's compute functions then find the
records (rows with anything in a matched column) without Python. Each column is read
by `ColumnReader`, which parses each distinct text once with the same `parse_value`
every path uses, so the resulting `Table` is the one the general reader
(`table.bind_table`) would build: same header, same row numbers, same values, same
unreadable cells. A differential test holds the two paths to that on every sample, on
generated messy rosters, on random grids of filed values and on real workbooks.

Only large table sheets whose first cell the preflight located take this path (see
`layout` and `frames`); any other sheet is read the general way, and so is one whose
cells the column reader cannot type for certain.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from compliance.evaluation.results import Finding
from compliance.evaluation.submission import Column, Table, column_letter
from compliance.model.workbook import SheetSpec
from compliance.reader.cellfacts import SpecialCell
from compliance.reader.columnreader import ColumnReader, StoredCells
from compliance.reader.layout import Merged
from compliance.reader.table import HEADER_SEARCH_ROWS, Unreadable, note_unreadable, read_header
from compliance.reader.typedtext import typed_value
from compliance.reader.values import Tokens
from compliance.reader.workbook import mark_special, special_by_row, unreadable


@dataclass(frozen=True)
class Frame:
    """A sheet's cells as text columns.

    Row i of `data` is sheet row `first_row + i` (1-based); column j is sheet column
    `first_col + j` (0-based). `name` is what findings call the sheet or file.
    `stored` is given for a worksheet, whose text stands for a typed cell; a roster
    file's cells are text as filed.
    """

    data: pa.Table
    first_row: int
    first_col: int
    name: str
    special: dict[str, SpecialCell]
    merged: tuple[Merged, ...] = ()
    stored: StoredCells | None = None
    date1904: bool = False


def bind_frame(frame: Frame, spec: SheetSpec, tokens: Tokens, notes: list[Finding]) -> Table:
    """A `Table` of parsed records, as `bind_table` builds it from the same cells."""
    special = special_by_row(frame.special)
    # The header is looked for in the sheet's first rows, as the general reader does.
    searched = max(0, HEADER_SEARCH_ROWS - frame.first_row + 1)
    head = zip(*(c.slice(0, searched).to_pylist() for c in frame.data.columns), strict=True)
    typed = frame.stored is not None
    buffer = [(frame.first_row + i,
               _cells(row, frame, special.get(frame.first_row + i), typed))
              for i, row in enumerate(head)]
    header = read_header(buffer, list(frame.merged), spec, frame.name, notes)
    if header is None:
        return Table(spec=spec, name=frame.name, header_row=1, rows=[], columns={})
    base = header.row + 1
    data = frame.data.slice(base - frame.first_row)
    present = {fid: data.column(pos - frame.first_col) for fid, pos in header.columns.items()
               if 0 <= pos - frame.first_col < data.num_columns}
    rows, taken = _records(data.num_rows, base, list(present.values()), special,
                           set(header.columns.values()))
    fields = {f.id: f for f in spec.fields}
    columns: dict[str, Column] = {}
    bad: dict[str, Unreadable] = {}
    for fid, pos in header.columns.items():
        found = (pa.nulls(len(taken), pa.string()) if fid not in present
                 else present[fid] if len(taken) == data.num_rows
                 else pc.take(present[fid], taken))
        reader = ColumnReader(fields[fid], tokens, frame.stored, frame.date1904)
        read = reader.read(found, rows, pos, _marked(rows, pos, special))
        # A column's list is made when a check first reads it: many roster columns are
        # only ever scanned for unreadable values, which the reader already knows.
        columns[fid] = Column(spec=fields[fid], letter=column_letter(pos),
                              header=header.texts[pos], load=read.load)
        bad[fid] = Unreadable(read.unreadable, read.first)
    table = Table(spec=spec, name=frame.name, header_row=header.row,
                  rows=rows if columns else [], columns=columns)
    note_unreadable(table, notes, bad)
    return table


def _cells(row: tuple[Any, ...], frame: Frame,
           special: dict[int, SpecialCell] | None, typed: bool) -> list[Any]:
    """A buffered row as the general reader has it: padded, typed, special cells marked."""
    cells = [""] * frame.first_col + [
        typed_value(v, frame.date1904) if typed else ("" if v is None else v) for v in row]
    return mark_special(cells, special) if special else cells


def _records(height: int, base: int, columns: list[pa.ChunkedArray],
             special: dict[int, dict[int, SpecialCell]],
             positions: set[int]) -> tuple[list[int], pa.Array]:
    """Row numbers of the records, and their places in the data.

    A record is a row with a value or an unreadable cell in a matched column. Unreadable
    rows past the last row with a value follow, as the general reader yields them.
    """
    if not columns:
        return [], pa.array([], pa.int64())
    keep = functools.reduce(pc.or_, (pc.fill_null(pc.not_equal(c, ""), False)
                                     for c in columns))
    taken = pc.indices_nonzero(keep)
    marked = sorted(r - base for r, cells in special.items()
                    if r >= base and not positions.isdisjoint(cells))
    inside = [i for i in marked if i < height]
    if inside:
        taken = pa.array(sorted(set(taken.to_pylist()) | set(inside)), pa.uint64())
    rows = pc.add(taken, base).to_pylist()
    rows.extend(base + i for i in marked if i >= height)
    return rows, taken


def _marked(rows: list[int], pos: int,
            special: dict[int, dict[int, SpecialCell]]) -> dict[int, Any]:
    """Unreadable values the preflight found in column `pos`, by record."""
    found: dict[int, Any] = {}
    for row, cells in special.items():
        cell = cells.get(pos)
        if cell is None:
            continue
        at = bisect.bisect_left(rows, row)
        if at < len(rows) and rows[at] == row:
            found[at] = unreadable(cell)
    return found


