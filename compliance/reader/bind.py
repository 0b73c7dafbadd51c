"""Reads a workbook against a workbook spec: matches sheets, binds forms and tables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from itertools import islice
from typing import Any

from compliance.errors import SubmissionError, UsageError
from compliance.evaluation.results import Finding
from compliance.evaluation.submission import Form, SheetInfo, Submission, Table, TemplateStamp
from compliance.model.workbook import SheetSpec, WorkbookSpec
from compliance.reader.beside import rosters_beside, table_sheet
from compliance.reader.flatfile import FlatTable, open_flat_table
from compliance.reader.form import bind_form
from compliance.reader.headers import match_sheet
from compliance.reader.native import quiet_native
from compliance.reader.preflight import SheetPart
from compliance.reader.table import bind_table
from compliance.reader.values import Tokens
from compliance.reader.workbook import RawWorkbook, open_workbook, special_by_row

STAMP_SHEET = "_compliance_template"
"""Hidden sheet in which a generated template records its set id, version and hash."""

INSTRUCTIONS_SHEET = "Instructions"
"""The generated template's guidance sheet: expected in a stamped workbook, not checked."""


def read_stamp(raw: RawWorkbook) -> TemplateStamp | None:
    """The template stamp, when the workbook was made from a generated template."""
    if STAMP_SHEET not in {s.name for s in raw.sheets}:
        return None
    pairs = {str(cells[0]).strip(): str(cells[1]).strip()
             for _, cells in islice(raw.rows(STAMP_SHEET), 20) if len(cells) >= 2}
    if not {"set_id", "set_version", "set_hash"} <= pairs.keys():
        return None
    return TemplateStamp(pairs["set_id"], pairs["set_version"], pairs["set_hash"])


def _locate(raw: RawWorkbook, spec: SheetSpec, notes: list[Finding]) -> str | None:
    names = [s.name for s in raw.sheets if s.name != STAMP_SHEET]
    exact, near = match_sheet(names, spec.name, spec.aliases)
    if exact is not None:
        part = raw.part(names[exact])
        if part.state != "visible":
            notes.append(Finding(code="reader.hidden_sheet", sheet=part.name,
                                 message=f"Sheet '{part.name}' is hidden; it was checked."))
        return names[exact]
    if near is not None:
        notes.append(Finding(code="reader.near_miss_sheet", sheet=names[near],
                             expected=spec.name, actual=names[near],
                             message=f"Sheet '{names[near]}' looks like '{spec.name}' but does "
                                     "not match it; rename the sheet so it is checked."))
    return None


def _from_file(flat: FlatTable, sheet: SheetSpec, tokens: Tokens, workbook_sheet: str | None,
               notes: list[Finding]) -> Table:
    instead = (f"; the workbook's own sheet '{workbook_sheet}' was not checked"
               if workbook_sheet else "")
    notes.append(Finding(code="reader.table_from_file", sheet=flat.name,
                         message=f"'{sheet.name}' was read from the file {flat.name}{instead}."))
    from compliance.reader.columnar import bind_frame
    from compliance.reader.frames import load_file

    try:
        frame = load_file(flat.path)
    except SubmissionError:
        if flat.parquet:
            raise
        # Arrow is stricter about record lengths than spreadsheet programs are: the
        # file is read record by record instead, which reads it or says why it cannot.
        return bind_table(flat, flat.name, sheet, tokens, notes)
    return bind_frame(frame, sheet, tokens, notes)


COLUMNAR_ROWS = 10_000
"""Table sheets with at least this many rows are read column by column (`columnar`)."""


def _columnar(part: SheetPart) -> bool:
    """Whether a table sheet is read column by column: large, located, nothing above it."""
    if part.first is None or part.max_row - part.first[0] + 1 < COLUMNAR_ROWS:
        return False
    # An unreadable cell above the grid is a row calamine never shows: the general reader
    # merges such rows in, so the sheet is left to it.
    return all(row >= part.first[0] for row in special_by_row(part.special))


class _Tables:
    """Binds table sheets, large ones column by column (imported only when needed)."""

    def __init__(self, raw: RawWorkbook):
        self.raw = raw
        self._frames: Any = None

    def bind(self, name: str, sheet: SheetSpec, tokens: Tokens, notes: list[Finding]) -> Table:
        part = self.raw.part(name)
        if _columnar(part):
            from compliance.reader.columnar import bind_frame
            from compliance.reader.columnreader import NeedsGeneralReader
            from compliance.reader.frames import SheetFrames

            self._frames = self._frames or SheetFrames(self.raw.preflight)
            try:
                frame = self._frames.load(part)
            except SubmissionError:
                frame = None  # the general reader reads the sheet, or says why it cannot
            if frame is not None:
                found: list[Finding] = []
                try:
                    table = bind_frame(frame, sheet, tokens, found)
                except NeedsGeneralReader:
                    pass
                else:
                    notes.extend(found)
                    return table
        return bind_table(self.raw, name, sheet, tokens, notes)


def bind(raw: RawWorkbook, spec: WorkbookSpec,
         files: Mapping[str, FlatTable] | None = None) -> Submission:
    """A `Submission` bound to `spec` from an open workbook.

    `files` maps a table sheet's id to a roster file read in its place.
    """
    tokens = Tokens.of(spec.na_tokens, spec.suppressed_tokens, spec.date_formats)
    notes: list[Finding] = []
    matched: dict[str, str] = {}
    tables: dict[str, Table] = {}
    forms: dict[str, Form] = {}
    files = files or {}
    table_reader = _Tables(raw)
    for sheet in spec.sheets:
        name = _locate(raw, sheet, notes)
        if sheet.id in files:
            tables[sheet.id] = _from_file(files[sheet.id], sheet, tokens, name, notes)
            if name is not None:
                matched.setdefault(name, sheet.id)
            continue
        if name is None or name in matched:
            continue
        matched[name] = sheet.id
        if sheet.kind == "form":
            forms[sheet.id] = bind_form(raw, name, sheet, tokens, notes)
        else:
            tables[sheet.id] = table_reader.bind(name, sheet, tokens, notes)
    infos = tuple(SheetInfo(s.name, s.state, matched.get(s.name)) for s in raw.sheets
                  if s.name != STAMP_SHEET and matched.get(s.name) not in files)
    infos += tuple(SheetInfo(flat.name, "visible", sheet_id) for sheet_id, flat in files.items())
    stamp = read_stamp(raw)
    for info in infos:
        if info.matched is None and not (stamp and info.name == INSTRUCTIONS_SHEET):
            notes.append(Finding(code="reader.extra_sheet", sheet=info.name,
                                 message=f"Sheet '{info.name}' is not part of the expected "
                                         "workbook; it was not checked."))
    return Submission(file=os.path.basename(raw.preflight.path), sha256=raw.preflight.sha256,
                      spec=spec, sheets=infos, tables=tables, forms=forms, notes=tuple(notes),
                      stamp=stamp)


def table_files(spec: WorkbookSpec,
                paths: Mapping[str, str | os.PathLike[str]]) -> dict[str, FlatTable]:
    """Roster files by table sheet id; a sheet may be named by its id or its name."""
    found: dict[str, FlatTable] = {}
    for key, path in paths.items():
        sheet = table_sheet(spec, key)
        if sheet is None:
            names = ", ".join(s.id for s in spec.sheets if s.kind == "table")
            raise UsageError(f"'{key}' is not a table sheet of this set; one of: {names}")
        found[sheet.id] = open_flat_table(path)
    return found


def read_submission(path: str | os.PathLike[str], spec: WorkbookSpec,
                    tables: Mapping[str, str | os.PathLike[str]] | None = None, *,
                    beside: bool = True) -> Submission:
    """Read and bind a workbook file; raises `SubmissionError` when it cannot be read.

    `tables` maps a table sheet (by id or name) to a CSV or Parquet roster read in its
    place; with `beside`, rosters filed beside the workbook under its name are too
    (`acme.xlsx` and `acme.Member_Roster.csv`), unless `tables` names the same sheet.
    """
    files = {sheet_id: open_flat_table(found)
             for sheet_id, found in (rosters_beside(path, spec) if beside else {}).items()}
    files.update(table_files(spec, tables or {}))
    with quiet_native():
        raw = open_workbook(path)
        try:
            return bind(raw, spec, files)
        finally:
            raw.close()
