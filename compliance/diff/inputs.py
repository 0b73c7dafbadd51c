"""Reads one side of a comparison: a saved JSON result, or a workbook checked now."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from compliance.api import check_workbook
from compliance.errors import UsageError
from compliance.evaluation.document import ResultDocument
from compliance.sets.choice import set_for
from compliance.waivers.file import WaiverFile

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
MAX_JSON_BYTES = 64 * 1024 * 1024


def read_result(path: Path) -> ResultDocument:
    """A result written by `check --format json`; raises `UsageError` when it is not one."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_JSON_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc
    if len(raw) > MAX_JSON_BYTES:
        raise UsageError(f"{path}: larger than {MAX_JSON_BYTES // 2**20} MiB")
    try:
        return ResultDocument.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise UsageError(f"{path}: not a result written by `compliance check --format json` "
                         f"({where}: {first['msg']})") from None


def load_side(path: Path, set_ref: str | None, waivers: WaiverFile | None) -> ResultDocument:
    """A saved result (.json) as it is, or a workbook checked against its set."""
    if path.suffix.lower() == ".json":
        return read_result(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return check_workbook(path, set_for(path, set_ref), waivers=waivers)
    raise UsageError(f"{path}: give a result (.json) or a workbook (.xlsx, .xlsm)")
