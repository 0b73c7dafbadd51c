"""Why a file found in a batch folder is not checked: what it really is, and what to do.

The reader's own verdict is used, so `.xls`, `.ods`, `.csv`, `.pdf` and the rest are
named by their content as `compliance check` names them. A file whose content is a
workbook but whose name is not `.xlsx` is still not checked: the name is what the
filer chose to submit, and it says so.
"""

from __future__ import annotations

from pathlib import Path

from compliance.batch.summary import Entry
from compliance.errors import SubmissionError
from compliance.reader.preflight import inspect

_TEXT = "is a text (CSV?) file"
_TABLES = frozenset({".csv", ".tsv", ".txt", ".xls", ".xlsx", ".xlsm"})


def unchecked_reason(path: Path) -> str:
    """One line: what the file is and what to do instead."""
    try:
        inspect(path)
    except SubmissionError as exc:
        if exc.reason.startswith(_TEXT) and path.suffix.lower() not in _TABLES:
            return (f"is a text file ({path.suffix or 'no extension'}), not a workbook; only "
                    ".xlsx and .xlsm files are checked")
        return exc.reason
    named = f"named {path.suffix}" if path.suffix else "named without .xlsx"
    return (f"is a workbook {named}; only .xlsx and .xlsm files are checked: rename it to "
            ".xlsx and run the batch again")


def unchecked_entry(path: Path, name: str) -> Entry:
    """The portfolio entry of a file that is not checked."""
    return Entry(file=name, stem="", path=str(path), error=f"{path}: {unchecked_reason(path)}")
