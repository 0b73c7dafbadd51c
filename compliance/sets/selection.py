"""Chooses the bundled requirement set a workbook answers, when `--set` is not given.

A workbook made from a generated template names its set in the stamp; otherwise the
Cover sheet's state, program and reporting period pick the one bundled set for that
state in effect for the period. Choosing stays cheap: only the bundled files' top-level
keys are read (not whole sets), and only the Cover is bound, with the federal baseline's
Cover spec. The chosen set is then loaded and validated as usual.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from dataclasses import dataclass
from typing import Any

from compliance.errors import UsageError
from compliance.model.workbook import SheetSpec, WorkbookSpec
from compliance.reader.bind import bind, read_stamp
from compliance.reader.native import quiet_native
from compliance.reader.values import normalize
from compliance.reader.workbook import open_workbook
from compliance.resources import bundled_sets
from compliance.sets import cache

BASELINE = "federal-baseline"
CANNOT = "cannot tell which requirement set applies"
Period = tuple[dt.date | None, dt.date | None]
_HEADER_KEYS = ("state", "program", "extends", "effective_from", "effective_to")
_TOKEN_KEYS = ("na_tokens", "suppressed_tokens", "date_formats")


@dataclass(frozen=True)
class SetHeader:
    """What selection needs of a bundled set: its id, state, program and dates."""

    id: str
    state: str | None
    program: str | None
    effective_from: dt.date | None
    effective_to: dt.date | None


def _selection_keys(stem: str, data: dict[str, Any]) -> dict[str, Any]:
    """What choosing reads of a set file: its header keys; of the baseline, its Cover."""
    kept = {key: data[key] for key in _HEADER_KEYS if key in data}
    workbook = data.get("workbook")
    if stem == BASELINE and isinstance(workbook, dict):
        sheets = workbook.get("sheets") or []
        kept["workbook"] = {
            "sheets": [s for s in sheets if isinstance(s, dict) and s.get("id") == "cover"],
            **{key: workbook[key] for key in _TOKEN_KEYS if key in workbook}}
    return kept


def _parsed(files: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    import yaml  # only when the set cache does not hold the bundled sets' keys

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the bundled files are ours
    found = {}
    for stem, raw in files.items():
        data = yaml.load(raw.decode("utf-8"), Loader=loader)
        if isinstance(data, dict):
            found[stem] = _selection_keys(stem, data)
    return found


@functools.lru_cache(maxsize=1)
def _documents() -> dict[str, dict[str, Any]]:
    # Read once per process, and kept in the set cache under the files' bytes: a batch
    # worker chooses a set for every workbook it checks, and parsing every bundled set
    # would cost more than choosing.
    files = {path.stem: path.read_bytes() for path in bundled_sets()}
    digest = hashlib.sha256()
    for stem, raw in files.items():
        digest.update(f"{stem}\0{len(raw)}\0".encode() + raw)
    key = f"bundled set headers {digest.hexdigest()}"
    kept = cache.recall_data(key)
    if isinstance(kept, dict):
        return kept
    found = _parsed(files)
    cache.keep_data(key, found)
    return found


def _first(extends: Any) -> str | None:
    """The first parent a set names (`extends` may list several)."""
    if isinstance(extends, list):
        extends = extends[0] if extends else None
    return extends if isinstance(extends, str) else None


def _headers(documents: dict[str, dict[str, Any]]) -> list[SetHeader]:
    headers = []
    for set_id, data in documents.items():
        program, parent = data.get("program"), _first(data.get("extends"))
        while program is None and parent in documents:  # the program is inherited
            program = documents[parent].get("program")
            parent = _first(documents[parent].get("extends"))
        headers.append(SetHeader(set_id, data.get("state"), program,
                                 data.get("effective_from"), data.get("effective_to")))
    return headers


def _cover_spec(documents: dict[str, dict[str, Any]]) -> WorkbookSpec:
    workbook = documents[BASELINE]["workbook"]
    cover = next(s for s in workbook["sheets"] if s["id"] == "cover")
    tokens = {k: v for k, v in workbook.items() if k in ("na_tokens", "suppressed_tokens",
                                                          "date_formats")}
    return WorkbookSpec(sheets=(SheetSpec.model_validate(cover),), **tokens)


def _in_force(header: SetHeader, period: Period) -> bool:
    start, end = period
    if header.effective_from and end and header.effective_from > end:
        return False
    return not (header.effective_to and start and header.effective_to < start)


def _same_program(header: SetHeader, program: object) -> bool:
    if not isinstance(program, str) or not header.program:
        return False
    filed, named = normalize(program), normalize(header.program)
    return bool(filed) and (filed in named or named in filed)


def pick_set(headers: list[SetHeader], state: object, program: object, period: Period) -> str:
    """The id of the one set for the Cover's state, program and period; `UsageError` else."""
    if state is None:
        raise UsageError(f"{CANNOT}: the Cover sheet names no state; give --set")
    if not isinstance(state, str):
        raise UsageError(f"{CANNOT}: the Cover sheet's state is not a state code; give --set")
    same_state = [h for h in headers if h.state == state]
    if not same_state:
        raise UsageError(f"{CANNOT}: no bundled set is for state {state}; give --set "
                         f"({BASELINE} holds the federal rules alone)")
    in_force = [h for h in same_state if _in_force(h, period)]
    if not in_force:
        when = " to ".join(d.isoformat() if d else "?" for d in period)
        raise UsageError(f"{CANNOT}: no bundled set for {state} is in effect for {when}; "
                         "give --set")
    if len(in_force) > 1:
        in_force = [h for h in in_force if _same_program(h, program)] or in_force
    if len(in_force) > 1:
        names = ", ".join(h.id for h in in_force)
        raise UsageError(f"{CANNOT}: several bundled sets fit {state} ({names}); give --set")
    return in_force[0].id


def choose_set(workbook_path: str | os.PathLike[str]) -> str:
    """The id of the bundled set a workbook answers; raises `UsageError` when unclear.

    Raises `SubmissionError` when the file cannot be read as a workbook.
    """
    documents = _documents()
    with quiet_native():
        raw = open_workbook(workbook_path)
        try:
            stamp = read_stamp(raw)
            if stamp is not None and stamp.set_id in documents:
                return stamp.set_id
            cover = bind(raw, _cover_spec(documents))
        finally:
            raw.close()
    if "cover" not in cover.forms:
        raise UsageError(f"{CANNOT}: the workbook has no template stamp and no Cover sheet; "
                         "give --set")
    return pick_set(_headers(documents), cover.lookup("cover.state"),
                    cover.lookup("cover.program"), cover.period())
