"""Binds a large table sheet column by column, without a Python object per cell.

A member roster of a million rows is most of a filing's cells. Read cell by cell into
Python, it costs more than everything else the checker does; read by fastexcel into
Arrow columns it costs about half as much, and Polars then finds the records (rows
with anything in a matched column) and each column's distinct values without Python.
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

import polars as pl

from compliance.evaluation.results import Finding
from compliance.evaluation.submission import Column, Table, column_letter
from compliance.model.workbook import FieldSpec, SheetSpec
from compliance.reader.cellfacts import SpecialCell
from compliance.reader.layout import Merged
from compliance.reader.table import HEADER_SEARCH_ROWS, note_unreadable, read_header
from compliance.reader.typedtext import TYPED_SHAPE, typed_value
from compliance.reader.values import Tokens, parse_value
from compliance.reader.workbook import mark_special, special_by_row, unreadable

COLUMNAR_ROWS = 10_000
"""Table sheets with at least this many rows are read column by column."""


@dataclass(frozen=True)
class Frame:
    """A sheet's cells as text columns.

    Row i of `data` is sheet row `first_row + i` (1-based); column j is sheet column
    `first_col + j` (0-based). `name` is what findings call the sheet or file.
    """

    data: pl.DataFrame
    first_row: int
    first_col: int
    name: str
    special: dict[str, SpecialCell]
    merged: tuple[Merged, ...] = ()


def bind_frame(frame: Frame, spec: SheetSpec, tokens: Tokens, notes: list[Finding]) -> Table:
    """A `Table` of parsed records, as `bind_table` builds it from the same cells."""
    special = special_by_row(frame.special)
    head = frame.data.head(HEADER_SEARCH_ROWS)
    buffer = [(frame.first_row + i, _cells(row, frame.first_col, special.get(frame.first_row + i)))
              for i, row in enumerate(head.iter_rows())]
    header = read_header(buffer, list(frame.merged), spec, frame.name, notes)
    if header is None:
        return Table(spec=spec, name=frame.name, header_row=1, rows=[], columns={})
    base = frame.first_row + header.at + 1
    data = frame.data.slice(header.at + 1)
    width = data.width
    wanted = {fid: pos for fid, pos in header.columns.items()}
    present = {fid: data.columns[pos - frame.first_col] for fid, pos in wanted.items()
               if 0 <= pos - frame.first_col < width}
    rows, kept = _records(data, base, list(present.values()), special, set(wanted.values()))
    fields = {f.id: f for f in spec.fields}
    columns: dict[str, Column] = {}
    for fid, pos in wanted.items():
        series = (kept.get_column(present[fid]) if fid in present
                  else pl.Series([None] * kept.height, dtype=pl.String))
        values = column_values(series, fields[fid], tokens)
        values.extend(None for _ in range(len(rows) - len(values)))
        _overlay(values, rows, pos, special)
        columns[fid] = Column(spec=fields[fid], letter=column_letter(pos),
                              header=header.texts[pos], values=values)
    table = Table(spec=spec, name=frame.name, header_row=header.row,
                  rows=rows if columns else [], columns=columns)
    note_unreadable(table, notes)
    return table


def _cells(row: tuple[Any, ...], first_col: int,
           special: dict[int, SpecialCell] | None) -> list[Any]:
    """A buffered row as the general reader has it: padded, typed, special cells marked."""
    cells = [""] * first_col + [typed_value(v) for v in row]
    return mark_special(cells, special) if special else cells


def _records(data: pl.DataFrame, base: int, names: list[str],
             special: dict[int, dict[int, SpecialCell]],
             positions: set[int]) -> tuple[list[int], pl.DataFrame]:
    """Row numbers of the records and their matched cells.

    A record is a row with a value or an unreadable cell in a matched column. Unreadable
    rows past the last row with a value follow, as the general reader yields them.
    """
    if not names:
        return [], data.clear()
    keep = data.select(pl.any_horizontal(
        [pl.col(n).is_not_null() & (pl.col(n) != "") for n in names])).to_series()
    marked = sorted(r - base for r, cells in special.items()
                    if r >= base and not positions.isdisjoint(cells))
    inside = [i for i in marked if i < data.height]
    if inside:
        keep = keep.scatter(inside, True)
    kept = data.select(names).filter(keep)
    rows = (keep.arg_true() + base).to_list()
    rows.extend(base + i for i in marked if i >= data.height)
    return rows, kept


def _overlay(values: list[Any], rows: list[int], pos: int,
             special: dict[int, dict[int, SpecialCell]]) -> None:
    for row, cells in special.items():
        found = cells.get(pos)
        if found is None:
            continue
        at = bisect.bisect_left(rows, row)
        if at < len(rows) and rows[at] == row:
            values[at] = unreadable(found)


def column_values(series: pl.Series, field: FieldSpec, tokens: Tokens) -> list[Any]:
    """Parsed values of a text column, each distinct value parsed once."""
    parse = functools.partial(parse_value, spec=field, tokens=tokens)
    if field.type == "text" and not field.codes and not field.pattern:
        return _plain_text(series, parse, tokens)
    parsed = {text: parse(typed_value(text)) for text in series.unique().to_list()}
    return list(map(parsed.__getitem__, series.to_list()))


def _plain_text(series: pl.Series, parse: Callable[[Any], Any], tokens: Tokens) -> list[Any]:
    """A free-text column: most values are their own parse, found without Python.

    A value needs the parser only when it is blank, starts or ends with a space, could
    be an N/A or suppression word, or has a shape `typed_value` reads as a number, date
    or logical value; everything else is kept as filed.
    """
    values = series.to_list()
    odd = series.is_null() | series.str.contains(_odd_pattern(tokens.initials))
    parsed: dict[str | None, Any] = {}
    for i in odd.arg_true().to_list():
        text = values[i]
        if text not in parsed:
            parsed[text] = parse(typed_value(text))
        values[i] = parsed[text]
    return values


_SEPARATORS = "\x1c-\x1f"  # whitespace to Python's str.strip, not to Unicode


@functools.lru_cache(maxsize=32)
def _odd_pattern(initials: frozenset[str]) -> str:
    starts = "".join(re.escape(c) for c in sorted(initials) if len(c) == 1)
    options = [r"^\s", r"\s$", f"[{_SEPARATORS}]", "^$", TYPED_SHAPE]
    if starts:
        options.append(f"^(?i:[{starts}])")
    return "|".join(options)
