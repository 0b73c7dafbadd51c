"""Applies waivers and corrective action plans to evaluated results: a pure stage.

It runs between `evaluate` and `score`, so the engine knows nothing of waivers.

Rules (all judged against the submission's reporting period, so re-checking an old
submission later gives the same answer):

- A waiver applies when its requirement and MCO match, one of its spans contains the
  whole reporting period, and it has not expired (`expires_on` on or after the period
  end). It turns a gap (not met, partially met, error) into `waived`: left out of the
  score and the gate, still listed, with its findings, justification and approver. A
  met or not-applicable requirement keeps its status (a waiver never lowers a score).
- A matching waiver that does not apply (expired, not yet in effect, covering only
  part of the period, or the period unknown) leaves the result as it was and says why
  in `notes`.
- An open CAP for a gap adds "CAP-2026-07 open until 2026-06-30"; it is "(overdue)"
  when its due date is before the period end (the requirement is still not met in a
  period ending after the deadline). Without a period end, `as_of` (the generation
  date) is used. CAPs never change the score. A met requirement with an open CAP
  gets a note that the plan can be closed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

from compliance.errors import RequirementSetError
from compliance.evaluation.results import GAP_STATUSES, RequirementResult, Status, Waiver
from compliance.model.requirement import RequirementSet
from compliance.sets.spelling import did_you_mean
from compliance.waivers.file import (
    CorrectiveActionPlan,
    Entry,
    WaiverEntry,
    WaiverFile,
    load_waivers,
)

GAPS = GAP_STATUSES
OVERDUE = "(overdue)"
Period = tuple[dt.date | None, dt.date | None]


def requirement_problems(waivers: WaiverFile, sets: Sequence[RequirementSet]) -> list[str]:
    """Entries naming a requirement that none of `sets` has (or not the set they name)."""
    return [f"{waivers.where(key)}: {problem}" for key, entry in waivers.entries()
            if (problem := unknown_requirement(key, entry.requirement, entry.set, sets))]


def unknown_requirement(key: str, requirement: str, set_id: str | None,
                        sets: Sequence[RequirementSet]) -> str | None:
    """`waivers[0].requirement: ...` when none of `sets` (or `set_id`) has `requirement`."""
    by_id = {rs.id: rs for rs in sets}
    if set_id is not None:
        scope = [by_id[set_id]] if set_id in by_id else []
    else:
        scope = list(sets)
    if not scope or any(rs.requirement(requirement) for rs in scope):
        return None
    hint = did_you_mean(requirement, [r.id for rs in scope for r in rs.requirements])
    if set_id is None and len(sets) > 2:
        return (f"{key}.requirement: '{requirement}' is a requirement of none of the "
                f"{len(sets)} sets ({', '.join(rs.id for rs in sets)}){hint}")
    names = f"set '{set_id}'" if set_id else " or ".join(f"set '{rs.id}'" for rs in sets)
    return f"{key}.requirement: {names} has no requirement '{requirement}'{hint}"


def for_set(waivers: WaiverFile, rs: RequirementSet) -> WaiverFile:
    """The entries that concern `rs`, with requirement aliases replaced by current ids."""

    def keep(entry: Entry) -> bool:
        return entry.set in (None, rs.id) and rs.requirement(entry.requirement) is not None

    def canonical(entry: Entry) -> str:
        found = rs.requirement(entry.requirement)
        assert found is not None  # `keep` filtered the others out
        return found.id

    return waivers.model_copy(update={
        "waivers": tuple(w.model_copy(update={"requirement": canonical(w)})
                         for w in waivers.waivers if keep(w)),
        "caps": tuple(c.model_copy(update={"requirement": canonical(c)})
                      for c in waivers.caps if keep(c))})


def waivers_for(waivers: str | os.PathLike[str] | WaiverFile,
                rs: RequirementSet) -> WaiverFile:
    """A waiver file checked against `rs` and narrowed to it; raises `RequirementSetError`."""
    loaded = waivers if isinstance(waivers, WaiverFile) else load_waivers(os.fspath(waivers))
    problems = requirement_problems(loaded, [rs])
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise RequirementSetError(problems[0] + more, problems=problems)
    return for_set(loaded, rs)


def _why_not(entry: WaiverEntry, period: Period) -> str | None:
    start, end = period
    if start is None or end is None:
        return "the reporting period is unknown"
    if entry.expires_on and entry.expires_on < end:
        return f"it expired on {entry.expires_on.isoformat()}"
    if any(s.start <= start and end <= s.end for s in entry.spans):
        return None
    if all(end < s.start for s in entry.spans):
        return f"it is not yet in effect (from {min(s.start for s in entry.spans).isoformat()})"
    if all(s.end < start for s in entry.spans):
        return f"its periods ended on {max(s.end for s in entry.spans).isoformat()}"
    return "it covers only part of this reporting period"


def _waive(result: RequirementResult, entry: WaiverEntry) -> RequirementResult:
    was = result.status.value.replace("_", " ")
    score = "" if result.score is None else f", score {100 * result.score:g}"
    waiver = Waiver(justification=entry.justification, approved_by=entry.approved_by,
                    approved_on=entry.approved_on.isoformat(),
                    expires_on=entry.expires_on.isoformat() if entry.expires_on else None)
    return result.model_copy(update={
        "status": Status.WAIVED, "score": None, "waiver": waiver,
        "reason": f"waived by {entry.approved_by} on {waiver.approved_on}: {entry.justification}",
        "notes": (*result.notes, f"without the waiver: {was}{score}")})


def _apply_waiver(result: RequirementResult, entries: list[WaiverEntry],
                  period: Period) -> RequirementResult:
    notes = []
    for entry in entries:
        why = _why_not(entry, period)
        approved = f"waiver approved by {entry.approved_by} on {entry.approved_on.isoformat()}"
        if why is not None:
            notes.append(f"{approved} does not apply: {why}")
        elif result.status in GAPS:
            return _waive(result, entry)
        else:
            notes.append(f"{approved} not needed: {result.status.value.replace('_', ' ')}")
    return result.model_copy(update={"notes": (*result.notes, *notes)}) if notes else result


def _cap_notes(result: RequirementResult, caps: list[CorrectiveActionPlan],
               deadline: dt.date) -> tuple[str, ...]:
    notes = []
    for cap in caps:
        if cap.status != "open" or result.status in (Status.NOT_APPLICABLE, Status.WAIVED):
            continue
        if result.status in GAPS:
            overdue = f" {OVERDUE}" if cap.due < deadline else ""
            notes.append(f"{cap.id} open until {cap.due.isoformat()}{overdue}")
        else:
            notes.append(f"{cap.id} is open but the requirement is now met; it can be closed")
    return tuple(notes)


def apply_waivers(results: Sequence[RequirementResult], waivers: WaiverFile, mco_id: str | None,
                  period: Period, *, as_of: dt.date | None = None) -> list[RequirementResult]:
    """Results with the waivers and CAPs for `mco_id` applied; the others are unchanged."""
    deadline = period[1] or as_of or dt.date.today()
    updated = []
    for result in results:
        entries = [w for w in waivers.waivers if (w.requirement, w.mco_id) == (result.id, mco_id)]
        if entries:
            result = _apply_waiver(result, entries, period)
        caps = [c for c in waivers.caps if (c.requirement, c.mco_id) == (result.id, mco_id)]
        if caps:
            notes = _cap_notes(result, caps, deadline)
            result = result.model_copy(update={"notes": (*result.notes, *notes)})
        updated.append(result)
    return updated
