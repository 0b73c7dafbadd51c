"""Finds the submissions to check and gives each a unique, safe report name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from compliance.errors import UsageError

SUFFIXES = (".xlsx", ".xlsm")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Found:
    """A workbook to check: its path and its name relative to what was given."""

    path: Path
    name: str


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _wanted(path: Path, skip: Path) -> bool:
    # `~$name.xlsx` is the lock file Office leaves beside an open workbook
    return (path.suffix.lower() in SUFFIXES and not path.name.startswith("~$")
            and path.is_file() and not _inside(path, skip))


def find_submissions(inputs: Sequence[Path], skip: Path) -> list[Found]:
    """Workbooks in `inputs` (folders searched recursively), none under `skip`, no repeats."""
    found: list[Found] = []
    seen: set[Path] = set()
    for given in inputs:
        if given.is_dir():
            hits = [Found(p, p.relative_to(given).as_posix()) for p in sorted(given.rglob("*"))
                    if _wanted(p, skip)]
        elif given.is_file():
            hits = [Found(given, given.name)]
        else:
            raise UsageError(f"no such file or folder: {given}")
        for hit in hits:
            if hit.path.resolve() not in seen:
                seen.add(hit.path.resolve())
                found.append(hit)
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
