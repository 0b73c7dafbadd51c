"""Which requirement set a workbook is checked against, for `batch` and `diff`.

One call per workbook, so that automatic selection (from the template stamp or the
Cover sheet) can take over where `--set` is not given.
"""

from __future__ import annotations

from pathlib import Path

from compliance.errors import UsageError


def set_for(workbook: Path, forced: str | None) -> str | Path:
    """The set given with `--set`; a workbook cannot be checked without one."""
    if forced is not None:
        return forced
    raise UsageError(f"{workbook.name}: give --set SET (a bundled set id or a .yaml file)")
