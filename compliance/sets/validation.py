"""Turns pydantic validation errors on YAML data into `file:line: key.path: reason` lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from compliance.sets.yamlsafe import LinePath

_PHRASES = (("Input should be", "must be"), ("String should have", "must have"),
            ("Extra inputs are not permitted", "unknown key"),
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


_ID_PATTERN = "^[A-Z][A-Z0-9]*(?:[-_.][A-Z0-9]+)*$"


def _reason(err: Any) -> str:
    """A validation error in the words of a person editing the file."""
    kind, given, ctx = str(err["type"]), err.get("input"), err.get("ctx") or {}
    if kind.startswith("date_") and isinstance(given, str | int):
        return f"'{given}' is not a date; write it as YYYY-MM-DD (2026-06-30)"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == _ID_PATTERN:
        return (f"'{given}' is not a requirement id: capital letters and digits joined by "
                "-, _ or . (ADV-01)")
    if kind == "string_pattern_mismatch":
        return f"'{given}' is not in the expected form"
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "must not be empty"
    if kind == "too_short" and ctx.get("min_length") == 1:
        return "must list at least one"
    if kind in ("tuple_type", "list_type"):
        return "must be a list (one `- item` per line, or [a, b])"
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
