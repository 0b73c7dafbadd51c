"""Loads a worksheet, or a roster file, as a `Frame` of text columns.

fastexcel reads a worksheet straight into Arrow (no Python object per cell); every cell
is asked for as text so that nothing is coerced to null. Its grid starts at the first
cell with a value, as calamine's does; the preflight found that cell in the bytes, and
the frame must agree with it (a value in that row and column) or the sheet is read the
general way. A roster file (CSV or Parquet) is read by Polars, every column as text.
"""

from __future__ import annotations

import os
from typing import Any

import fastexcel
import polars as pl

from compliance.errors import SubmissionError
from compliance.evaluation.submission import column_letter
from compliance.reader.cellfacts import SpecialCell
from compliance.reader.columnar import Frame
from compliance.reader.flatfile import ERRORS
from compliance.reader.native import native
from compliance.reader.preflight import Preflight, SheetPart


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
        sheet = native(lambda: self._reader.load_sheet(part.name, header_row=None,
                                                       dtypes="string"), failed, path)
        data = native(sheet.to_polars, failed, path)
        columns = native(sheet.available_columns, failed, path)
        assert part.first is not None  # `wanted` said so
        row, col = part.first
        if not columns or data.height == 0:
            return None
        first_col = columns[0].absolute_index
        at = col - 1 - first_col
        if not 0 <= at < data.width or data[0, at] is None:
            return None
        return Frame(data, row, first_col, part.name, part.special, part.merged)


MAX_FILE_BYTES = 2 * 1024**3


def load_file(path: str) -> Frame:
    """A CSV or Parquet roster as a frame; raises `SubmissionError` when it cannot be read.

    A CSV file's first record is row 1, as a spreadsheet program shows it. A Parquet file
    has its column names in its schema: they stand in row 1, the records from row 2.
    """
    try:
        if path.lower().endswith(".parquet"):
            data = pl.read_parquet(path)
            header = pl.DataFrame([pl.Series(str(i), [name], dtype=pl.String)
                                   for i, name in enumerate(data.columns)])
            data = pl.concat([header, _as_text(data)], how="vertical")
        else:
            data = pl.read_csv(path, has_header=False, infer_schema=False, encoding="utf8",
                               raise_if_empty=False, truncate_ragged_lines=False)
            data = _without_bom(data)
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        detail = " ".join(str(exc).split())[:200]
        raise SubmissionError(f"is not a readable roster file ({detail})",
                              file=path) from exc
    return Frame(data, 1, 0, os.path.basename(path), _error_cells(data))


def _without_bom(data: pl.DataFrame) -> pl.DataFrame:
    """The first cell without the byte-order mark Excel writes at the start of CSV UTF-8."""
    if data.height and data.width:
        first = data[0, 0]
        if isinstance(first, str) and first.startswith("\ufeff"):
            name = data.columns[0]
            return data.with_columns(pl.when(pl.int_range(pl.len()) == 0)
                                     .then(pl.col(name).str.slice(1))
                                     .otherwise(pl.col(name)).alias(name))
    return data


def _error_cells(data: pl.DataFrame) -> dict[str, SpecialCell]:
    """An error cell exported to CSV is its error code: unreadable, as in the workbook."""
    found: dict[str, SpecialCell] = {}
    codes = pl.Series(sorted(ERRORS), dtype=pl.String)
    for col, name in enumerate(data.columns):
        hits = data.get_column(name).is_in(codes)
        for index in hits.arg_true().to_list():
            text = data[index, col]
            found[f"{column_letter(col)}{index + 1}"] = SpecialCell("error", text)
    return found


def _as_text(data: pl.DataFrame) -> pl.DataFrame:
    """Every column as text, named by position so that the header row lines up."""
    return pl.DataFrame([data.get_column(name).cast(pl.String).alias(str(i))
                         for i, name in enumerate(data.columns)])
