"""Checks that a submission is a safe, bounded .xlsx workbook before it is read.

The reader (calamine) is fast but trusting: it would decompress a zip bomb, allocate a
dense grid for a sheet with one value at A1 and one at XFD1048576, and show error values
and uncalculated formulas as blanks. `inspect` runs first and guarantees:

* the file is an OOXML spreadsheet package (legacy .xls, encrypted workbooks, CSV, HTML,
  .ods, .xlsb and other zips are named and refused with what to do instead);
* every part decompresses to exactly its declared size and CRC, within `Limits`;
* no XML part the reader parses declares a DTD (entity-expansion and XXE attacks);
* every worksheet's used range fits `Limits.max_cells`;

and it collects per sheet the visibility, extent and special cells (error values and
formulas without a cached value). The file is opened read-only and never changed.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from dataclasses import dataclass

from compliance.errors import SubmissionError
from compliance.reader.archive import Archive, part_key
from compliance.reader.cellfacts import SheetFacts, SpecialCell
from compliance.reader.exactscan import ExactScan
from compliance.reader.fastscan import FastScan, NeedsParser
from compliance.reader.layout import LayoutScan, Merged
from compliance.reader.limits import DEFAULT_LIMITS, MB, Limits
from compliance.reader.package import Book, SheetEntry, read_book
from compliance.reader.sniff import ZIP_MAGICS, reject_foreign_zip, reject_non_zip
from compliance.reader.xmlguard import PrologGuard

__all__ = ["DEFAULT_LIMITS", "Limits", "Preflight", "SheetPart", "SpecialCell", "inspect"]


@dataclass(frozen=True, slots=True)
class SheetPart:
    """One worksheet: where it lives, whether it is shown, and what the reader can't see.

    Attributes:
        name: Sheet name from the workbook part.
        state: `visible`, `hidden` or `veryHidden`.
        part: Zip member name, e.g. `xl/worksheets/sheet1.xml`.
        special: Cell reference (`B7`) -> error value or formula without a value.
        max_row: Highest row holding a value or formula (0 if none).
        max_col: Highest column (1-based) holding a value or formula (0 if none).
        first: (row, column), 1-based, of the first cell holding a value, when the sheet
            is in the canonical form whose rows ascend; else None.
        merged: Merged ranges, 0-based and inclusive.
        values: How many cells hold a value (`<v>` or inline text), as stored.
    """

    name: str
    state: str
    part: str
    special: dict[str, SpecialCell]
    max_row: int
    max_col: int
    first: tuple[int, int] | None = None
    merged: tuple[Merged, ...] = ()
    values: int = 0


@dataclass(frozen=True, slots=True)
class Preflight:
    """The facts established about a submission file before reading it."""

    path: str
    sha256: str
    size: int
    sheets: tuple[SheetPart, ...]
    date1904: bool


def inspect(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Preflight:
    """Check a submission file and collect the facts the reader needs.

    Args:
        path: The submitted file; opened read-only.
        limits: Size and shape bounds.

    Returns:
        The file's digest, size, worksheets and date system.

    Raises:
        SubmissionError: The file is not a safe, bounded .xlsx workbook; the reason says
            what the filer should do.
    """
    name = os.fspath(path)
    try:
        with _open(name) as fh:
            return _inspect(name, fh, limits)
    except SubmissionError as exc:
        if exc.file is not None:
            raise
        raise SubmissionError(exc.reason, file=name, location=exc.location) from exc


def _open(name: str) -> io.BufferedReader:
    try:
        mode = os.stat(name).st_mode
        if stat.S_ISDIR(mode):
            raise SubmissionError("is a folder, not a workbook "
                                  "(`compliance batch` checks a folder)")
        # A FIFO or device would block or never end; only regular files are read.
        if not stat.S_ISREG(mode):
            raise SubmissionError("is not a regular file")
        return open(name, "rb")
    except FileNotFoundError as exc:
        raise SubmissionError("does not exist") from exc
    except OSError as exc:
        raise SubmissionError(f"cannot be read ({exc.strerror or exc})") from exc


def _inspect(name: str, fh: io.BufferedReader, limits: Limits) -> Preflight:
    size = os.fstat(fh.fileno()).st_size
    if size == 0:
        raise SubmissionError("is empty (0 bytes); save the workbook again and resubmit it")
    if size > limits.max_file_bytes:
        raise SubmissionError(f"is {size / MB:,.0f} MB, over the {limits.max_file_bytes / MB:,.0f}"
                              " MB limit for a submission")
    head = fh.read(4096)
    if not head.startswith(ZIP_MAGICS):
        reject_non_zip(head, fh)
    archive = Archive(fh, size, limits)
    reject_foreign_zip(archive)
    book = read_book(archive)
    sheets = _check_parts(archive, book, limits)
    fh.seek(0)
    digest = hashlib.file_digest(fh, "sha256").hexdigest()
    return Preflight(name, digest, size, sheets, book.date1904)


def _check_parts(archive: Archive, book: Book, limits: Limits) -> tuple[SheetPart, ...]:
    """Stream every part once (verifying it), scanning worksheets on the way."""
    entries = {part_key(entry.part): entry for entry in book.sheets}
    facts: dict[str, tuple[SheetFacts, LayoutScan]] = {}
    folder = part_key(book.folder)
    for info in archive.infos:
        key = part_key(info.filename)
        if key in entries:
            facts[key] = _scan_sheet(archive, info, entries[key], limits)
        else:
            parsed = key.endswith((".xml", ".rels")) and (
                not folder or key.startswith(("_rels/", folder + "/")))
            _drain(archive, info, PrologGuard(key, require_root=False) if parsed else None)
    return tuple(_sheet_part(entry, *facts[part_key(entry.part)]) for entry in book.sheets
                 if entry.worksheet)


def _scan_sheet(archive: Archive, info: zipfile.ZipInfo, entry: SheetEntry,
                limits: Limits) -> tuple[SheetFacts, LayoutScan]:
    facts = SheetFacts(entry.name, limits.max_cells, limits.max_special_cells)
    layout = LayoutScan()
    try:
        _run(archive, info, FastScan(facts), layout)
    except NeedsParser:
        facts = SheetFacts(entry.name, limits.max_cells, limits.max_special_cells)
        layout = LayoutScan(count=True)
        _run(archive, info, ExactScan(facts), layout)
        facts.values = layout.values
        # Rows may come in any order: the first cell in the file need not be the first row.
        layout.first = None
    return facts, layout


def _run(archive: Archive, info: zipfile.ZipInfo, scan: FastScan | ExactScan,
         layout: LayoutScan) -> None:
    guard = PrologGuard(part_key(info.filename))
    for chunk in archive.stream(info):
        guard.feed(chunk)
        scan.feed(chunk)
        layout.feed(chunk)
    guard.close()
    scan.close()
    layout.close()


def _drain(archive: Archive, info: zipfile.ZipInfo, guard: PrologGuard | None) -> None:
    for chunk in archive.stream(info):
        if guard is not None:
            guard.feed(chunk)
    if guard is not None:
        guard.close()


def _sheet_part(entry: SheetEntry, facts: SheetFacts, layout: LayoutScan) -> SheetPart:
    return SheetPart(entry.name, entry.state, entry.part, facts.special, facts.max_row,
                     facts.max_col, layout.first, tuple(layout.merged), facts.values)
