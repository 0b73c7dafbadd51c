"""Reads a member roster filed as a CSV or Parquet file beside the workbook.

A roster can outgrow a sheet's 1,048,576 rows, and states export extracts as CSV. The
file is read as the rows of a table sheet, so header detection, aliases, tokens and
value parsing are the workbook's: row 1 is the file's first record, and a finding at
`D7` means column D of record 7, as a spreadsheet program shows the file. An error
code (`#DIV/0!`) is an error value, as it was in the sheet the file was saved from.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from compliance.errors import SubmissionError
from compliance.evaluation.submission import Invalid

MAX_BYTES = 2 * 1024**3
ERRORS = frozenset({"#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!",
                    "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!"})
"""Excel's error codes, as an error cell is written when a sheet is saved as CSV."""


@dataclass(frozen=True)
class FlatTable:
    """A roster file: its path and the name findings give it."""

    path: str

    @property
    def parquet(self) -> bool:
        """Whether the file is Parquet (read by Arrow only) rather than CSV text."""
        return self.path.lower().endswith(".parquet")

    @property
    def name(self) -> str:
        """The file's name, which stands where a sheet name would."""
        return os.path.basename(self.path)

    def rows(self, name: str) -> Iterator[tuple[int, list[Any]]]:
        """(1-based record number, fields) of every record."""
        with _open(self.path) as fh:
            text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
            try:
                for number, record in enumerate(csv.reader(text, strict=True), start=1):
                    # An error cell exported to CSV is its error code: unreadable, as in
                    # the workbook. A set test per record keeps clean rows at C speed.
                    yield number, (record if ERRORS.isdisjoint(record) else _errors(record))
            except (csv.Error, UnicodeDecodeError) as exc:
                reason = ("is not UTF-8 text; save it as CSV UTF-8"
                          if isinstance(exc, UnicodeDecodeError)
                          else f"is not a readable CSV file ({exc})")
                raise SubmissionError(reason, file=self.path) from exc

    def merged(self, name: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """A text file merges no cells."""
        return []


def _errors(record: list[str]) -> list[Any]:
    return [Invalid(cell, f"error value {cell}") if cell in ERRORS else cell
            for cell in record]


def open_flat_table(path: str | os.PathLike[str]) -> FlatTable:
    """A checked roster file; raises `SubmissionError` when it is neither CSV nor Parquet."""
    name = os.fspath(path)
    with _open(name) as fh:
        head = fh.read(4096)
    if name.lower().endswith(".parquet"):
        if not head.startswith(b"PAR1"):
            raise SubmissionError("is not a Parquet file", file=name)
        return FlatTable(name)
    if not name.lower().endswith(".csv"):
        raise SubmissionError("is not a .csv or .parquet file; export the roster as CSV UTF-8",
                              file=name)
    if b"\0" in head or head.startswith((b"PK\x03\x04", codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SubmissionError("is not a CSV text file; export the roster as CSV UTF-8",
                              file=name)
    return FlatTable(name)


def _open(name: str) -> io.BufferedReader:
    try:
        info = os.stat(name)
        if not stat.S_ISREG(info.st_mode):
            raise SubmissionError("is not a regular file", file=name)
        if info.st_size > MAX_BYTES:
            raise SubmissionError(f"is over the {MAX_BYTES // 1024**3} GB limit for a roster",
                                  file=name)
        return open(name, "rb")
    except FileNotFoundError as exc:
        raise SubmissionError("does not exist", file=name) from exc
    except OSError as exc:
        raise SubmissionError(f"cannot be read ({exc.strerror or exc})", file=name) from exc
