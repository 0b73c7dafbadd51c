"""Roster files filed beside a workbook, found by their names.

A plan whose member roster outgrows a sheet, or a state that keeps extracts as files,
files the roster next to the workbook as `<workbook name>.<sheet>.csv` or `.parquet`,
the sheet named by its name or id (`acme-2026q1.xlsx` and
`acme-2026q1.Member_Roster.parquet`). `check` and `batch` read such a file in place of
the sheet, and the reader's note says so in every report.
"""

from __future__ import annotations

import os
from pathlib import Path

from compliance.errors import UsageError
from compliance.model.workbook import SheetSpec, WorkbookSpec
from compliance.reader.values import normalize

ROSTER_SUFFIXES = (".csv", ".parquet")


def table_sheet(spec: WorkbookSpec, key: str) -> SheetSpec | None:
    """The table sheet a key names, by id or by name (case and punctuation ignored)."""
    sheet = spec.sheet(key) or next(
        (s for s in spec.sheets if normalize(s.name) == normalize(key)), None)
    return sheet if sheet is not None and sheet.kind == "table" else None


def roster_of(path: Path, workbooks: set[str], specs: list[WorkbookSpec]) -> str | None:
    """The workbook a roster file is read with, if any.

    `workbooks` are the file names of the workbooks in the roster's folder; the roster's
    name must be one of theirs and a table sheet's of one of `specs`.
    """
    if path.suffix.lower() not in ROSTER_SUFFIXES:
        return None
    base = path.name[:-len(path.suffix)]
    for name in sorted(workbooks):
        stem = name.rsplit(".", 1)[0]
        key = base[len(stem) + 1:]
        if base.startswith(stem + ".") and key and any(table_sheet(s, key) for s in specs):
            return name
    return None


def rosters_beside(workbook: str | os.PathLike[str], spec: WorkbookSpec) -> dict[str, Path]:
    """Table sheet id -> the roster file filed beside `workbook` for it."""
    path = Path(workbook)
    stem = path.name.rsplit(".", 1)[0]
    found: dict[str, Path] = {}
    try:
        candidates = sorted(path.parent.glob(f"{_escaped(stem)}.*"))
    except OSError:
        return found
    for candidate in candidates:
        if candidate.suffix.lower() not in ROSTER_SUFFIXES or not candidate.is_file():
            continue
        key = candidate.name[len(stem) + 1:-len(candidate.suffix)]
        sheet = table_sheet(spec, key)
        if sheet is None:
            continue
        if sheet.id in found:
            raise UsageError(f"two roster files beside {path.name} stand for "
                             f"'{sheet.name}': {found[sheet.id].name} and {candidate.name}; "
                             "keep one")
        found[sheet.id] = candidate
    return found


def _escaped(text: str) -> str:
    """`text` with glob's special characters taken literally."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)
