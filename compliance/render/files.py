"""Writes a rendered report to disk: text as UTF-8, workbooks as bytes."""

from __future__ import annotations

from pathlib import Path

from compliance.errors import ReportError


def write_report(path: Path, content: str | bytes) -> None:
    """Write `content` to `path`, creating its folder; raises `ReportError` on failure."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"cannot write {path}: {exc.strerror or exc}") from exc
