"""Compares two result documents of the same requirement set, requirement by requirement.

A gap is a requirement not met, partially met or in error. Each requirement is:
`new` (a gap now, not before: also a requirement the newer set version added and
the MCO does not meet), `resolved` (a gap before, not now), `still_open` (a gap in
both), `changed` (no gap in either, but its status or score moved), `added` or
`removed` (only in one set version, not a gap), or `unchanged`.

The comparison is a regression when a requirement became a new gap, any
requirement's score fell, or the overall score fell.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from compliance.errors import UsageError
from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import GAP_STATUSES, CheckSummary, RequirementResult, Status

GAPS = GAP_STATUSES
Kind = Literal["new", "resolved", "still_open", "changed", "added", "removed", "unchanged"]
KINDS: tuple[Kind, ...] = ("new", "resolved", "still_open", "changed", "added", "removed",
                           "unchanged")
_EPSILON = 1e-6


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Move(_Frozen):
    """A measured value that moved, e.g. consumer share 48% -> 55%."""

    check: str
    before: str | None
    after: str | None
    delta: float | None


class RequirementChange(_Frozen):
    """One requirement in both results (or in one of them) and how it moved."""

    id: str
    title: str
    domain: str
    severity: str
    kind: Kind
    before: Status | None
    after: Status | None
    score_before: float | None
    score_after: float | None
    moves: tuple[Move, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def delta(self) -> float | None:
        """Change in score, 0-100 points; None unless both are scored."""
        if self.score_before is None or self.score_after is None:
            return None
        return round(100 * (self.score_after - self.score_before), 2)


class DomainChange(_Frozen):
    """A domain's score in both results."""

    id: str
    title: str
    before: float | None
    after: float | None
    delta: float | None


class Side(_Frozen):
    """What identifies one of the two results."""

    file: str
    mco_id: str | None
    mco_name: str | None
    period_start: str | None
    period_end: str | None
    set_version: str
    score: float | None
    passed: bool
    generated_at: str


class DocumentDiff(_Frozen):
    """Everything that moved between OLD and NEW."""

    set_id: str
    set_title: str
    old: Side
    new: Side
    score_delta: float | None
    domains: tuple[DomainChange, ...]
    requirements: tuple[RequirementChange, ...]
    warnings: tuple[str, ...]
    regression: bool

    def of_kind(self, kind: Kind) -> list[RequirementChange]:
        """The requirements of one kind, in set order."""
        return [r for r in self.requirements if r.kind == kind]


def _side(doc: ResultDocument) -> Side:
    sub = doc.submission
    return Side(file=sub.file, mco_id=sub.mco_id, mco_name=sub.mco_name,
                period_start=sub.period_start, period_end=sub.period_end,
                set_version=doc.requirement_set.version, score=doc.summary.score,
                passed=doc.summary.passed, generated_at=doc.generated_at)


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 2)


def _shown(check: CheckSummary) -> str | None:
    if check.measured is not None:
        return check.measured
    return None if check.measure is None else f"{check.measure:g}"


def _moves(old: RequirementResult, new: RequirementResult) -> tuple[Move, ...]:
    def key(position: int, check: CheckSummary) -> str:
        return check.id or f"{check.type}#{position}"

    before = {key(i, c): c for i, c in enumerate(old.checks)}
    moves = []
    for i, check in enumerate(new.checks):
        was = before.get(key(i, check))
        if was is None or (was.measure, _shown(was)) == (check.measure, _shown(check)):
            continue
        moves.append(Move(check=check.name, before=_shown(was), after=_shown(check),
                          delta=_delta(was.measure, check.measure)))
    return tuple(moves)


def _kind(old: RequirementResult | None, new: RequirementResult | None) -> Kind:
    was_gap = old is not None and old.status in GAPS
    is_gap = new is not None and new.status in GAPS
    if is_gap:
        return "still_open" if was_gap else "new"
    if was_gap:
        return "resolved" if new is not None else "removed"
    if old is None or new is None:
        return "added" if old is None else "removed"
    scores_moved = old.score is not None and new.score is not None and abs(
        old.score - new.score) > _EPSILON
    return "changed" if old.status != new.status or scores_moved else "unchanged"


def _change(old: RequirementResult | None, new: RequirementResult | None) -> RequirementChange:
    base = new or old
    assert base is not None  # one side always exists
    return RequirementChange(
        id=base.id, title=base.title, domain=base.domain, severity=base.severity,
        kind=_kind(old, new), before=old.status if old else None,
        after=new.status if new else None, score_before=old.score if old else None,
        score_after=new.score if new else None,
        moves=_moves(old, new) if old and new else (), notes=new.notes if new else ())


def _warnings(old: ResultDocument, new: ResultDocument) -> list[str]:
    a, b = old.submission, new.submission
    found = []
    if a.mco_id != b.mco_id:
        found.append(f"the MCO ids differ: OLD is {a.mco_id or 'unknown'}, "
                     f"NEW is {b.mco_id or 'unknown'}")
    # the same period twice is a resubmission compared with the filing it replaces
    same = (a.period_start, a.period_end) == (b.period_start, b.period_end)
    out_of_order = not same and (
        (a.period_start and b.period_start and a.period_start >= b.period_start)
        or (a.period_end and b.period_start and a.period_end >= b.period_start))
    if out_of_order:
        found.append(f"the periods are not in order: OLD covers {a.period_start} to "
                     f"{a.period_end}, NEW covers {b.period_start} to {b.period_end}")
    if old.requirement_set.version != new.requirement_set.version:
        found.append(f"set {new.requirement_set.id} changed version: "
                     f"{old.requirement_set.version} -> {new.requirement_set.version}")
    return found


def compare(old: ResultDocument, new: ResultDocument) -> DocumentDiff:
    """What moved from OLD to NEW; raises `UsageError` when their sets differ in id."""
    if old.requirement_set.id != new.requirement_set.id:
        raise UsageError(f"cannot compare results of different requirement sets: "
                         f"'{old.requirement_set.id}' and '{new.requirement_set.id}'")
    before = {r.id: r for r in old.requirements}
    after = {r.id: r for r in new.requirements}
    changes = [_change(before.get(r.id), r) for r in new.requirements]
    changes += [_change(r, None) for r in old.requirements if r.id not in after]
    old_domains = {d.id: d for d in old.domains}
    domains = tuple(DomainChange(id=d.id, title=d.title, before=prior.score if prior else None,
                                 after=d.score, delta=_delta(prior.score if prior else None,
                                                             d.score))
                    for d in new.domains for prior in [old_domains.get(d.id)])
    score_delta = _delta(old.summary.score, new.summary.score)
    regression = any(c.kind == "new" or (c.delta is not None and c.delta < -_EPSILON)
                     for c in changes) or (score_delta is not None and score_delta < 0)
    return DocumentDiff(set_id=new.requirement_set.id, set_title=new.requirement_set.title,
                        old=_side(old), new=_side(new), score_delta=score_delta,
                        domains=domains, requirements=tuple(changes),
                        warnings=tuple(_warnings(old, new)), regression=regression)
