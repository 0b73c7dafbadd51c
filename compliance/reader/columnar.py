"""Binds a large table sheet column by column, without a Python object per cell.

A member roster of a million rows is most of a filing's cells. Read cell by cell into
Python, it costs more than everything else the checker does; read by fastexcel into
Arrow columns it costs about half as much, and Arrow's compute functions then find the
records (rows with anything in a matched column) and each column's distinct values
without Python.
Each distinct value is parsed once by the same `parse_value` every path uses, so the
resulting `Table` is the one the general reader (`table.bind_table`) would build: same
header, same row numbers, same values, same unreadable cells. A differential test
holds the two paths to that on every sample and on generated messy rosters.

Only sheets whose first cell the preflight located take this path (see `layout`);
any other sheet, or a small one, is read the general way.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from compliance.checks.records import shown
from compliance.evaluation.results import Finding
from compliance.evaluation.submission import Column, Invalid, Table, column_letter
from compliance.model.workbook import FieldSpec, SheetSpec
from compliance.reader.cellfacts import SpecialCell
from compliance.reader.layout import Merged
from compliance.reader.table import HEADER_SEARCH_ROWS, note_unreadable, read_header
from compliance.reader.typedtext import TYPED_SHAPE, typed_value
from compliance.reader.values import Tokens, parse_value
from compliance.reader.workbook import mark_special, special_by_row, unreadable


@dataclass(frozen=True)
class Frame:
    """A sheet's cells as text columns.

    Row i of `data` is sheet row `first_row + i` (1-based); column j is sheet column
    `first_col + j` (0-based). `name` is what findings call the sheet or file.
    `text_cells` is given for a worksheet, whose text may stand for a typed cell; a
    roster file's cells are text as filed.
    """

    data: pa.Table
    first_row: int
    first_col: int
    name: str
    special: dict[str, SpecialCell]
    merged: tuple[Merged, ...] = ()
    text_cells: TextCells | None = None


def bind_frame(frame: Frame, spec: SheetSpec, tokens: Tokens, notes: list[Finding]) -> Table:
    """A `Table` of parsed records, as `bind_table` builds it from the same cells."""
    special = special_by_row(frame.special)
    head = zip(*(c.slice(0, HEADER_SEARCH_ROWS).to_pylist() for c in frame.data.columns),
               strict=True)
    typed = frame.text_cells is not None
    buffer = [(frame.first_row + i,
               _cells(row, frame.first_col, special.get(frame.first_row + i), typed))
              for i, row in enumerate(head)]
    header = read_header(buffer, list(frame.merged), spec, frame.name, notes)
    if header is None:
        return Table(spec=spec, name=frame.name, header_row=1, rows=[], columns={})
    base = frame.first_row + header.at + 1
    data = frame.data.slice(header.at + 1)
    present = {fid: data.column(pos - frame.first_col) for fid, pos in header.columns.items()
               if 0 <= pos - frame.first_col < data.num_columns}
    rows, taken = _records(data.num_rows, base, list(present.values()), special,
                           set(header.columns.values()))
    fields = {f.id: f for f in spec.fields}
    columns: dict[str, Column] = {}
    for fid, pos in header.columns.items():
        found = (pa.nulls(len(taken), pa.string()) if fid not in present
                 else present[fid] if len(taken) == data.num_rows
                 else pc.take(present[fid], taken))
        reader = ColumnReader(fields[fid], tokens, frame.text_cells)
        values = reader.values(found, rows[:len(taken)], pos)
        values.extend(None for _ in range(len(rows) - len(values)))
        _overlay(values, rows, pos, special)
        columns[fid] = Column(spec=fields[fid], letter=column_letter(pos),
                              header=header.texts[pos], values=values)
    table = Table(spec=spec, name=frame.name, header_row=header.row,
                  rows=rows if columns else [], columns=columns)
    note_unreadable(table, notes)
    return table


def _cells(row: tuple[Any, ...], first_col: int,
           special: dict[int, SpecialCell] | None, typed: bool) -> list[Any]:
    """A buffered row as the general reader has it: padded, typed, special cells marked."""
    cells = [""] * first_col + [typed_value(v) if typed else ("" if v is None else v)
                                for v in row]
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


def _overlay(values: list[Any], rows: list[int], pos: int,
             special: dict[int, dict[int, SpecialCell]]) -> None:
    for row, cells in special.items():
        found = cells.get(pos)
        if found is None:
            continue
        at = bisect.bisect_left(rows, row)
        if at < len(rows) and rows[at] == row:
            values[at] = unreadable(found)


TextCells = Callable[[list[tuple[int, int]]], set[tuple[int, int]]]
"""Of some (1-based row, 0-based column) cells, those the sheet stores as text."""


@dataclass(frozen=True)
class ColumnReader:
    """Parses one column's text into its field's values, each distinct text once.

    On a worksheet (`text_cells` given) a text in a shape that `typed_value` reads as a
    number, date or logical value may have been filed as text; where the two readings
    parse differently, the cells holding it are looked up in the sheet's bytes.
    """

    field: FieldSpec
    tokens: Tokens
    text_cells: TextCells | None = None

    def values(self, cells: pa.Array | pa.ChunkedArray, rows: list[int],
               col: int) -> list[Any]:
        """One parsed value per record: `rows` are their sheet rows, `col` the column."""
        # Each distinct text is parsed once and every record shares its value: a column
        # of a million cells holds a handful of objects, not a million strings.
        encoded = pc.dictionary_encode(cells, null_encoding="encode").combine_chunks()
        texts: list[str | None] = encoded.dictionary.to_pylist()
        parsed: list[Any] = list(texts)
        doubtful: dict[str | None, Any] = {}
        for i in self._to_parse(encoded.dictionary):
            parsed[i], as_text = self._parse(texts[i])
            if as_text is not _SAME:
                doubtful[texts[i]] = as_text
        values = list(map(parsed.__getitem__, encoded.indices.to_pylist()))
        if doubtful:
            self._settle(cells, doubtful, values, rows, col)
        return values

    def _to_parse(self, texts: pa.Array) -> list[int]:
        """Which distinct texts need the parser: all, but for free text only odd ones.

        Free text is its own value unless it is blank, starts or ends with a space, could
        be an N/A or suppression word, or has a shape `typed_value` reads as a number,
        date or logical value.
        """
        if self.field.type != "text" or self.field.codes or self.field.pattern:
            return list(range(len(texts)))
        hit = pc.match_substring_regex(texts, _odd_pattern(self.tokens.initials))
        return list(pc.indices_nonzero(pc.fill_null(hit, True)).to_pylist())

    def _parse(self, text: str | None) -> tuple[Any, Any]:
        """The value as a typed cell would give it, and as text where that differs."""
        parse = functools.partial(parse_value, spec=self.field, tokens=self.tokens)
        if self.text_cells is None:
            return parse(text), _SAME
        typed = typed_value(text)
        value = parse(typed)
        if isinstance(typed, str) or text is None:
            return value, _SAME
        as_text = parse(text)
        return value, (_SAME if _alike(value, as_text) else as_text)

    def _settle(self, cells: pa.Array | pa.ChunkedArray, doubtful: dict[str | None, Any],
                values: list[Any], rows: list[int], col: int) -> None:
        assert self.text_cells is not None
        hit = pc.is_in(cells, value_set=pa.array(list(doubtful), pa.string()))
        indexes = pc.indices_nonzero(pc.fill_null(hit, False)).to_pylist()
        texts = self.text_cells([(rows[i], col) for i in indexes])
        for i in indexes:
            if (rows[i], col) in texts:
                values[i] = doubtful[cells[i].as_py()]


_SAME = object()


def _alike(first: Any, second: Any) -> bool:
    """Whether two parsed values would read the same in every finding."""
    if isinstance(first, Invalid) and isinstance(second, Invalid):
        return (shown(first), first.reason) == (shown(second), second.reason)
    return type(first) is type(second) and bool(first == second)


# Exactly the characters Python's str.strip removes, for the RE2 engine Arrow uses.
_SPACE = "[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


@functools.lru_cache(maxsize=32)
def _odd_pattern(initials: frozenset[str]) -> str:
    starts = "".join(re.escape(c) for c in sorted(initials) if len(c) == 1)
    options = [f"^{_SPACE}", f"{_SPACE}$", "^$", TYPED_SHAPE]
    if starts:
        options.append(f"^(?i:[{starts}])")
    return "|".join(options)
