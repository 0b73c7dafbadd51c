"""Finds the bundled requirement sets and report templates, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """`requirement_sets` or `report_templates`: inside the wheel, else beside the package."""
    installed = _PACKAGE / "_bundled" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def bundled_sets() -> list[Path]:
    """Every bundled requirement-set file, sorted by name."""
    return sorted(bundled_dir("requirement_sets").glob("*.yaml"))
