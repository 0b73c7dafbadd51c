"""Waiver files: approved waivers and corrective action plans (CAPs), loaded strictly.

A waiver file is YAML with three top-level keys::

    mcos: [MCO-001, MCO-002]          # the MCOs this file may name (required)
    waivers:
      - requirement: ADV-04
        mco_id: MCO-001
        set: oregon-cco               # optional: only for this requirement set
        from: 2026-01-01              # or periods: [{start: ..., end: ...}, ...]
        to: 2026-06-30                # optional with `from`: open-ended
        justification: Committee re-formed after the merger; first meeting in July.
        approved_by: J. Rivera, Contract Manager
        approved_on: 2026-02-03
        expires_on: 2026-09-30        # optional
    caps:
      - id: CAP-2026-07
        requirement: ADV-01
        mco_id: MCO-001
        opened: 2026-02-01
        due: 2026-06-30
        status: open                  # open | closed

Every `mco_id` must be listed in `mcos`, so a mistyped id is an error, not a waiver
that silently never applies. Problems are reported as `file:line: key.path: reason`,
like requirement-set problems.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, model_validator

from compliance.errors import RequirementSetError
from compliance.model.base import RequirementId, ShortText, Strict, Text
from compliance.sets.validation import Source, error_lines
from compliance.sets.yamlsafe import LinePath, load_yaml

McoId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^\S(.*\S)?$")]


class Span(Strict):
    """Reporting dates a waiver covers, both ends included."""

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.start > self.end:
            raise ValueError("start is after end")
        return self


class WaiverEntry(Strict):
    """One approved waiver of one requirement for one MCO over some reporting periods."""

    requirement: RequirementId
    mco_id: McoId
    set: ShortText | None = Field(default=None, description="Only for this requirement set id.")
    periods: tuple[Span, ...] | None = Field(default=None, min_length=1)
    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None
    justification: Text
    approved_by: ShortText
    approved_on: dt.date
    expires_on: dt.date | None = None

    @model_validator(mode="after")
    def _coverage(self) -> WaiverEntry:
        if (self.periods is None) == (self.from_ is None):
            raise ValueError("give either periods or from (with an optional to), not both")
        if self.to is not None and self.from_ is None:
            raise ValueError("to needs from")
        if self.from_ and self.to and self.from_ > self.to:
            raise ValueError("from is after to")
        if self.expires_on and self.expires_on < self.approved_on:
            raise ValueError("expires_on is before approved_on")
        return self

    @property
    def spans(self) -> tuple[Span, ...]:
        """The covered spans; an open-ended `from` runs to the end of time."""
        if self.periods is not None:
            return self.periods
        assert self.from_ is not None  # the validator guarantees one of the two
        return (Span(start=self.from_, end=self.to or dt.date.max),)


class CorrectiveActionPlan(Strict):
    """A corrective action plan the MCO is working through for a requirement it does not meet."""

    id: ShortText
    requirement: RequirementId
    mco_id: McoId
    set: ShortText | None = None
    opened: dt.date
    due: dt.date
    status: Literal["open", "closed"]

    @model_validator(mode="after")
    def _ordered(self) -> CorrectiveActionPlan:
        if self.opened > self.due:
            raise ValueError("opened is after due")
        return self


Entry = WaiverEntry | CorrectiveActionPlan


class WaiverFileDocument(Strict):
    """A waiver file as written."""

    mcos: Annotated[tuple[McoId, ...], Field(min_length=1)]
    waivers: tuple[WaiverEntry, ...] = ()
    caps: tuple[CorrectiveActionPlan, ...] = ()

    def entries(self) -> list[tuple[str, Entry]]:
        """Every waiver and CAP with its key path, `waivers[0]` or `caps[2]`."""
        return ([(f"waivers[{i}]", w) for i, w in enumerate(self.waivers)]
                + [(f"caps[{i}]", c) for i, c in enumerate(self.caps)])


class WaiverFile(WaiverFileDocument):
    """A loaded waiver file and where each entry was written, for error messages."""

    source: str = ""
    lines: dict[str, int] = Field(default_factory=dict)

    def where(self, key: str) -> str:
        """`file:line` of an entry such as `waivers[2]`."""
        return f"{Path(self.source).name}:{self.lines.get(key, 1)}"


def _overlaps(a: WaiverEntry, b: WaiverEntry) -> bool:
    return any(x.start <= y.end and y.start <= x.end for x in a.spans for y in b.spans)


def _repeated_caps(doc: WaiverFileDocument, where: dict[str, str]) -> list[str]:
    first: dict[str, int] = {}
    problems = []
    for i, cap in enumerate(doc.caps):
        if first.setdefault(cap.id, i) != i:
            problems.append(f"{where[f'caps[{i}]']}: caps[{i}].id: '{cap.id}' is used twice")
    return problems


def _overlapping_waivers(doc: WaiverFileDocument, where: dict[str, str]) -> list[str]:
    # grouped by requirement, MCO and set, so a long file is checked in linear time
    earlier: defaultdict[tuple[str, str, str | None], list[int]] = defaultdict(list)
    problems = []
    for i, entry in enumerate(doc.waivers):
        same = earlier[(entry.requirement, entry.mco_id, entry.set)]
        j = next((j for j in same if _overlaps(doc.waivers[j], entry)), None)
        if j is not None:
            problems.append(f"{where[f'waivers[{i}]']}: waivers[{i}]: covers the same periods "
                            f"as waivers[{j}] for {entry.requirement} / {entry.mco_id}")
        same.append(i)
    return problems


def _listed(mcos: tuple[str, ...], most: int = 10) -> str:
    more = f" and {len(mcos) - most} more" if len(mcos) > most else ""
    return ", ".join(mcos[:most]) + more


def _semantic_problems(doc: WaiverFileDocument, where: dict[str, str]) -> list[str]:
    known = set(doc.mcos)
    problems = [f"{where['mcos']}: mcos: '{mco}' is listed twice"
                for mco, n in Counter(doc.mcos).items() if n > 1]
    problems += [f"{where[key]}: {key}.mco_id: '{e.mco_id}' is not in mcos "
                 f"({_listed(doc.mcos)})" for key, e in doc.entries() if e.mco_id not in known]
    return problems + _repeated_caps(doc, where) + _overlapping_waivers(doc, where)


def _entry_lines(data: object, lines: dict[LinePath, int]) -> dict[str, int]:
    found = {"mcos": lines.get(("mcos",), 1)}
    for kind in ("waivers", "caps"):
        items = data.get(kind) if isinstance(data, dict) else None
        for i in range(len(items) if isinstance(items, list) else 0):
            found[f"{kind}[{i}]"] = lines.get((kind, i), 1)
    return found


def load_waivers(path: str | Path) -> WaiverFile:
    """A validated waiver file; raises `RequirementSetError` listing every problem."""
    path = Path(path)
    data, lines, raw = load_yaml(path)
    if not isinstance(data, dict):
        raise RequirementSetError("must be a mapping with mcos, waivers and caps", file=path.name)
    try:
        doc = WaiverFileDocument.model_validate(data)
    except ValidationError as exc:
        problems = error_lines(exc, Source(path, data, lines, raw))
        raise RequirementSetError(_first(problems), problems=problems) from None
    entry_lines = _entry_lines(data, lines)
    where = {key: f"{path.name}:{line}" for key, line in entry_lines.items()}
    problems = _semantic_problems(doc, where)
    if problems:
        raise RequirementSetError(_first(problems), problems=problems)
    return WaiverFile(**doc.model_dump(by_alias=True), source=str(path), lines=entry_lines)


def _first(problems: list[str]) -> str:
    more = len(problems) - 1
    return problems[0] + (f" (and {more} more; run `compliance waivers lint`)" if more else "")
