"""Turns pydantic validation errors on YAML data into `file:line: key.path: reason` lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from compliance.sets.yamlsafe import LinePath

_PHRASES = (("Input should be", "must be"), ("Extra inputs are not permitted", "unknown key"),
            ("Field required", "missing required key"), ("Value error, ", ""),
            ("Assertion failed, ", ""))


@dataclass(frozen=True)
class Source:
    """A YAML file as loaded: its path, data, key lines and bytes."""

    path: Path
    data: dict[str, Any]
    lines: dict[LinePath, int]
    raw: bytes


def _reword(message: str) -> str:
    for old, new in _PHRASES:
        message = message.replace(old, new)
    return message


def _reason(err: Any) -> str:
    # pydantic's date messages speak of datetimes and parsing; a person wants the format
    if str(err["type"]).startswith("date_") and isinstance(err.get("input"), str | int):
        return f"'{err['input']}' is not a date; write it as YYYY-MM-DD (2026-06-30)"
    return _reword(str(err["msg"]))


def _dotted(loc: tuple[Any, ...], data: Any) -> tuple[str, LinePath]:
    """A readable key path and the data path; union tags pydantic inserts are skipped."""
    text, node = "", data
    path: LinePath = ()
    for n, part in enumerate(loc):
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            text, node, path = f"{text}[{part}]", node[part], (*path, part)
        elif isinstance(node, dict) and part in node:
            text = f"{text}.{part}" if text else str(part)
            node, path = node[part], (*path, part)
        elif n == len(loc) - 1:
            text = f"{text}.{part}" if text else str(part)
    return text or "(top level)", path


def error_lines(exc: ValidationError, source: Source) -> list[str]:
    """`file:line: key.path: reason` for each error of a validation."""
    lines = []
    for err in exc.errors():
        text, path = _dotted(tuple(err["loc"]), source.data)
        line = next((source.lines[path[:n]] for n in range(len(path), 0, -1)
                     if path[:n] in source.lines), 1)
        lines.append(f"{source.path.name}:{line}: {text}: {_reason(err)}")
    return lines
