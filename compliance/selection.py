"""Chooses the bundled requirement set a workbook answers, when `--set` is not given.

A workbook made from a generated template names its set in the stamp; otherwise the
Cover sheet's state, program and reporting period pick the one bundled set for that
state in effect for the period. Only the Cover is bound (with the federal baseline's
Cover spec), so choosing costs one pass over the file's parts and one small sheet.
"""

from __future__ import annotations

import datetime as dt
import os

from compliance.errors import RequirementSetError, UsageError
from compliance.loader import load_requirement_set
from compliance.model.requirement import RequirementSet
from compliance.model.workbook import WorkbookSpec
from compliance.reader.bind import bind, read_stamp
from compliance.reader.values import normalize
from compliance.reader.workbook import open_workbook
from compliance.resources import bundled_sets

BASELINE = "federal-baseline"
CANNOT = "cannot tell which requirement set applies"
Period = tuple[dt.date | None, dt.date | None]


def _bundled() -> list[RequirementSet]:
    found = []
    for path in bundled_sets():
        try:
            found.append(load_requirement_set(path))
        except RequirementSetError:
            continue  # `compliance sets lint` reports a broken set; it cannot be chosen
    return found


def _cover_spec() -> WorkbookSpec:
    baseline = load_requirement_set(BASELINE)
    cover = baseline.workbook.sheet("cover")
    assert cover is not None, "the federal baseline defines the Cover sheet"
    return baseline.workbook.model_copy(update={"sheets": (cover,)})


def _in_force(rs: RequirementSet, period: Period) -> bool:
    start, end = period
    if rs.effective_from and end and rs.effective_from > end:
        return False
    return not (rs.effective_to and start and rs.effective_to < start)


def _same_program(rs: RequirementSet, program: object) -> bool:
    if not isinstance(program, str) or not rs.program:
        return False
    filed, named = normalize(program), normalize(rs.program)
    return bool(filed) and (filed in named or named in filed)


def _pick(sets: list[RequirementSet], state: object, program: object, period: Period) -> str:
    """The id of the one set for the Cover's state, program and period; `UsageError` else."""
    if state is None:
        raise UsageError(f"{CANNOT}: the Cover sheet names no state; give --set")
    if not isinstance(state, str):
        raise UsageError(f"{CANNOT}: the Cover sheet's state is not a state code; give --set")
    same_state = [rs for rs in sets if rs.state == state]
    if not same_state:
        raise UsageError(f"{CANNOT}: no bundled set is for state {state}; give --set "
                         f"({BASELINE} holds the federal rules alone)")
    in_force = [rs for rs in same_state if _in_force(rs, period)]
    if not in_force:
        when = " to ".join(d.isoformat() if d else "?" for d in period)
        raise UsageError(f"{CANNOT}: no bundled set for {state} is in effect for {when}; "
                         "give --set")
    if len(in_force) > 1:
        in_force = [rs for rs in in_force if _same_program(rs, program)] or in_force
    if len(in_force) > 1:
        names = ", ".join(rs.id for rs in in_force)
        raise UsageError(f"{CANNOT}: several bundled sets fit {state} ({names}); give --set")
    return in_force[0].id


def choose_set(workbook_path: str | os.PathLike[str]) -> str:
    """The id of the bundled set a workbook answers; raises `UsageError` when unclear.

    Raises `SubmissionError` when the file cannot be read as a workbook.
    """
    raw = open_workbook(workbook_path)
    try:
        stamp = read_stamp(raw)
        sets = _bundled()
        if stamp is not None and any(rs.id == stamp.set_id for rs in sets):
            return stamp.set_id
        cover = bind(raw, _cover_spec())
    finally:
        raw.close()
    if "cover" not in cover.forms:
        raise UsageError(f"{CANNOT}: the workbook has no template stamp and no Cover sheet; "
                         "give --set")
    return _pick(sets, cover.lookup("cover.state"), cover.lookup("cover.program"),
                 cover.period())
