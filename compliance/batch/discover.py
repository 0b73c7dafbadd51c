"""Finds the files to check, names each one once, and gives each a safe report name.

Every file in the folders given is accounted for: workbooks (`.xlsx`, `.xlsm`) are
checked, anything else (`.xls`, `.ods`, `.csv`, `.pdf`, ...) is listed as not checked
with the reason. Only what no one filed is left out: Office lock files (`~$name.xlsx`),
hidden files and folders (`.git`, `.DS_Store`) and Windows' `Thumbs.db`/`desktop.ini`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from compliance.errors import UsageError

SUFFIXES = (".xlsx", ".xlsm")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class Found:
    """A file to account for: its path, its name in the portfolio, and whether to check it."""

    path: Path
    name: str
    workbook: bool = True


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def is_workbook_name(path: Path) -> bool:
    """Whether the name says .xlsx or .xlsm, the files a batch checks."""
    return path.suffix.lower() in SUFFIXES


def _filed(path: Path, root: Path, skip: Path) -> bool:
    # `~$name.xlsx` is the lock file Office leaves beside an open workbook
    parts = path.relative_to(root).parts
    return (path.is_file() and not path.name.startswith("~$")
            and not any(part.startswith(".") for part in parts)
            and path.name.lower() not in _SYSTEM_FILES and not _inside(path, skip))


def _named(found: list[Found], given: Path, hit: Found) -> Found:
    # the same relative name under two folders given (q1/mco.xlsx, q2/mco.xlsx) is
    # told apart by the folder's own name, then by the full path
    taken = {item.name.casefold() for item in found}
    for name in (hit.name, f"{given.name}/{hit.name}", str(hit.path)):
        if name.casefold() not in taken:
            return Found(hit.path, name, hit.workbook)
    return hit


def _listed(given: Path, skip: Path) -> list[Found]:
    if given.is_dir():
        return [Found(p, p.relative_to(given).as_posix(), is_workbook_name(p))
                for p in sorted(given.rglob("*")) if _filed(p, given, skip)]
    if given.is_file():
        return [Found(given, given.name, is_workbook_name(given))]
    raise UsageError(f"no such file or folder: {given}")


def find_submissions(inputs: Sequence[Path], skip: Path) -> list[Found]:
    """Every file in `inputs` (folders searched recursively), none under `skip`, no repeats."""
    found: list[Found] = []
    seen: set[Path] = set()
    for given in inputs:
        for hit in _listed(given, skip):
            if hit.path.resolve() not in seen:
                seen.add(hit.path.resolve())
                found.append(_named(found, given, hit))
    return found


def report_stems(found: Sequence[Found]) -> list[str]:
    """A file-name-safe stem per workbook, unique even on case-insensitive file systems."""
    stems: list[str] = []
    taken: set[str] = set()
    for item in found:
        # Accents are dropped rather than the letters: `Ñandú` -> `Nandu`, not `_and_`.
        folded = unicodedata.normalize("NFKD", item.name.rsplit(".", 1)[0])
        folded = "".join(c for c in folded if not unicodedata.combining(c))
        base = _UNSAFE.sub("_", folded.replace("/", "__")).lstrip(".")
        base = base[:120] or "submission"
        stem, n = base, 1
        while stem.lower() in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem.lower())
        stems.append(stem)
    return stems
