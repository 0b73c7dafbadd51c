"""Reads one side of a comparison: a saved JSON result, or a workbook checked now."""

from __future__ import annotations

import math
from pathlib import Path

from pydantic import ValidationError

from compliance.api import check_workbook
from compliance.errors import UsageError
from compliance.evaluation.document import ResultDocument
from compliance.inputfile import read_regular
from compliance.sets.choice import set_for
from compliance.waivers.file import WaiverFile

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
MAX_JSON_BYTES = 64 * 1024 * 1024


def read_result(path: Path) -> ResultDocument:
    """A result written by `check --format json`; raises `UsageError` when it is not one."""
    try:
        raw = read_regular(path, MAX_JSON_BYTES)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc
    if len(raw) > MAX_JSON_BYTES:
        raise UsageError(f"{path}: larger than {MAX_JSON_BYTES // 2**20} MiB")
    try:
        doc = ResultDocument.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise UsageError(f"{path}: not a result written by `compliance check --format json` "
                         f"({where}: {first['msg']})") from None
    problem = inconsistency(doc)
    if problem:
        raise UsageError(f"{path}: not a result `compliance check` could have written "
                         f"({problem})")
    return doc


def _within(value: float | None, top: float) -> bool:
    return value is None or (math.isfinite(value) and 0 <= value <= top)


def inconsistency(doc: ResultDocument) -> str | None:
    """Why a result cannot be trusted for a comparison: damaged or edited by hand."""
    if not doc.requirements:
        return "it lists no requirements"
    if not _within(doc.summary.score, 100):
        return f"summary.score {doc.summary.score} is not a number from 0 to 100"
    seen: set[str] = set()
    for n, result in enumerate(doc.requirements):
        if not _within(result.score, 1):
            return f"requirements[{n}] ({result.id}): score {result.score} is not from 0 to 1"
        if result.id in seen:
            return f"requirements[{n}]: requirement {result.id} is listed twice"
        seen.add(result.id)
    bad = next((d for d in doc.domains if not _within(d.score, 100)), None)
    return None if bad is None else f"domain {bad.id}: score {bad.score} is not from 0 to 100"


def load_side(path: Path, set_ref: str | None, waivers: WaiverFile | None) -> ResultDocument:
    """A saved result (.json) as it is, or a workbook checked against its set."""
    if path.suffix.lower() == ".json":
        return read_result(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return check_workbook(path, set_for(path, set_ref), waivers=waivers)
    raise UsageError(f"{path}: give a result (.json) or a workbook (.xlsx, .xlsm)")
