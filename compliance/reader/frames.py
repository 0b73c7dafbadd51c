"""Loads a worksheet, or a roster file, as a `Frame` of text columns.

fastexcel reads a worksheet straight into Arrow (no Python object per cell); every cell
is asked for as text so that nothing is coerced to null. Its grid starts at the first
cell with a value, as calamine's does; the preflight found that cell in the bytes, with
the sheet's extent and how many cells hold a value, and the frame must agree with all of
them or the sheet is read the general way. A roster file (CSV or Parquet) is read by
Arrow, every column as text.
"""

from __future__ import annotations

import functools
import os
from typing import Any

import fastexcel
import pyarrow as pa
import pyarrow.compute as pc

from compliance.errors import SubmissionError
from compliance.evaluation.submission import column_letter
from compliance.reader.cellfacts import SpecialCell
from compliance.reader.celltypes import stored_cells
from compliance.reader.columnar import Frame
from compliance.reader.flatfile import ERRORS
from compliance.reader.native import native
from compliance.reader.preflight import Preflight, SheetPart
from compliance.reader.workbook import special_by_row


class SheetFrames:
    """Loads sheets of one preflighted workbook as frames, opening the file once."""

    def __init__(self, preflight: Preflight):
        self.preflight = preflight
        self._reader: Any = None

    def load(self, part: SheetPart) -> Frame | None:
        """The sheet as a frame; None when it does not line up with the preflight's facts."""
        path = self.preflight.path
        if self._reader is None:
            self._reader = native(lambda: fastexcel.read_excel(path),
                                  "cannot be read as a workbook", path)
        failed = f"sheet '{part.name}' could not be read"
        # Eager loading goes from calamine's borrowed cells straight to an Arrow batch:
        # a quarter faster and a sixth smaller than building the sheet object first.
        batch = native(lambda: self._reader.load_sheet(part.name, header_row=None,
                                                       dtypes="string", eager=True),
                       failed, path)
        data = pa.Table.from_batches([batch])
        first_col = _grid_column(data, part)
        if first_col is None:
            return None
        assert part.first is not None  # `_first_column` checked it
        return Frame(data, part.first[0], first_col, part.name, part.special, part.merged,
                     functools.partial(stored_cells, path, part.part), self.preflight.date1904)


def _grid_column(data: pa.Table, part: SheetPart) -> int | None:
    """The sheet column (0-based) of the frame's first column, or None if unsure.

    The grid starts at the first row and the leftmost column holding a value. The first
    cell with a value in the file is the leftmost one of the first row, so its column,
    less its place among that row's values, is the grid's first column. The grid must
    then end where the preflight found the last row and column with a value or, where
    the preflight's extent goes further, with a formula that has no value (which the
    grid leaves out). And every value the sheet stores must be in the frame, unless the
    preflight marked its cell: fastexcel shows as empty a date cell whose serial is no
    date. Otherwise the sheet is left to the general reader.
    """
    if part.first is None or data.num_rows == 0 or data.num_columns == 0:
        return None
    row, col = part.first
    present = [i for i, column in enumerate(data.columns) if column[0].is_valid]
    if not present or col - 1 < present[0]:
        return None
    first_col = col - 1 - present[0]
    special = special_by_row(part.special)
    last_special_col = max((c + 1 for cells in special.values() for c in cells), default=0)
    end_row, end_col = row + data.num_rows - 1, first_col + data.num_columns
    rows_fit = end_row == part.max_row or end_row < part.max_row and part.max_row in special
    cols_fit = end_col == part.max_col or end_col < part.max_col == last_special_col
    # Every stored value must have reached the frame, or be one the preflight marked.
    shown = sum(len(column) - column.null_count for column in data.columns)
    every_value = shown + len(part.special) >= part.values
    return first_col if rows_fit and cols_fit and every_value else None


def load_file(path: str) -> Frame:
    """A CSV or Parquet roster as a frame; raises `SubmissionError` when it cannot be read.

    A CSV file's first record is row 1, as a spreadsheet program shows it. A Parquet file
    has its column names in its schema: they stand in row 1, the records from row 2.
    """
    try:
        data = _parquet(path) if path.lower().endswith(".parquet") else _csv(path)
    except (pa.ArrowException, OSError, ValueError) as exc:
        detail = " ".join(str(exc).split())[:200]
        raise SubmissionError(f"is not a readable roster file ({detail})",
                              file=path) from exc
    return Frame(data, 1, 0, os.path.basename(path), _error_cells(data))


MAX_PARQUET_BYTES = 4 * 1024**3
MAX_PARQUET_ROWS = 20_000_000
"""A Parquet file is compressed: its declared size is bounded before it is read."""
_MAX_COLUMNS = 16384  # a sheet's width: names for every column a roster file may have


def _csv(path: str) -> pa.Table:
    """Every field as text, exactly as written: no null words, no types guessed."""
    import pyarrow.csv as csv

    return csv.read_csv(
        path, read_options=csv.ReadOptions(autogenerate_column_names=True),
        parse_options=csv.ParseOptions(newlines_in_values=True),
        convert_options=csv.ConvertOptions(
            column_types={f"f{i}": pa.string() for i in range(_MAX_COLUMNS)}))


def _parquet(path: str) -> pa.Table:
    """The column names as the first row, then every value as text."""
    import pyarrow.parquet as parquet

    meta = parquet.ParquetFile(path).metadata
    size = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if size > MAX_PARQUET_BYTES or meta.num_rows > MAX_PARQUET_ROWS:
        raise ValueError(f"it would take {size / 1024**3:,.1f} GB and {meta.num_rows:,} rows "
                         f"to read, over the limit of {MAX_PARQUET_BYTES / 1024**3:,.0f} GB "
                         f"and {MAX_PARQUET_ROWS:,} rows for a roster")
    table = parquet.read_table(path)
    columns = [pa.chunked_array([[name]], pa.string()) for name in table.column_names]
    for i, column in enumerate(table.columns):
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            try:
                column = pc.cast(column, pa.string())
            except pa.ArrowException as exc:
                raise ValueError(f"column '{table.column_names[i]}' holds "
                                 f"{column.type}, not values") from exc
        columns[i] = pa.chunked_array(columns[i].chunks + column.chunks, pa.string())
    return pa.table(columns, names=[str(i) for i in range(len(columns))])


def _error_cells(data: pa.Table) -> dict[str, SpecialCell]:
    """An error cell exported to CSV is its error code: unreadable, as in the workbook."""
    found: dict[str, SpecialCell] = {}
    codes = pa.array(sorted(ERRORS), pa.string())
    for col, column in enumerate(data.columns):
        hits = pc.indices_nonzero(pc.fill_null(pc.is_in(column, value_set=codes), False))
        for index in hits.to_pylist():
            found[f"{column_letter(col)}{index + 1}"] = SpecialCell("error",
                                                                    column[index].as_py())
    return found
