"""Rolls requirement results up into domain and overall scores and decides the gate.

Arithmetic only: weighted means over the requirements that apply (an error counts as
zero, since compliance was not shown; waived and not-applicable ones are left out).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from compliance.evaluation.results import SCORED_STATUSES, RequirementResult, Status
from compliance.model.base import SEVERITY_RANK, Severity
from compliance.model.requirement import RequirementSet

BLOCKING = frozenset({Status.NOT_MET, Status.ERROR})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DomainScore(_Frozen):
    """A domain's weighted score (0-100, None when nothing in it applies) and counts."""

    id: str
    title: str
    score: float | None
    counts: dict[str, int]


class Gate(_Frozen):
    """Whether the submission passes, and the rule and reasons that decided it."""

    passed: bool
    pass_mark: float
    fail_on: Severity
    rule: str
    reasons: tuple[str, ...]


class Scorecard(_Frozen):
    """Overall score, gate, counts and domain scores for one submission."""

    score: float | None
    gate: Gate
    counts: dict[str, int]
    by_severity: dict[str, dict[str, int]]
    domains: tuple[DomainScore, ...]


def weighted_score(results: Sequence[RequirementResult]) -> float | None:
    """0-100 weighted mean over scored results; None when none is scored."""
    scored = [(r.weight, r.score or 0.0) for r in results if r.status in SCORED_STATUSES]
    total = sum(weight for weight, _ in scored)
    if total <= 0:
        return None
    return round(100 * sum(weight * value for weight, value in scored) / total, 2)


def _counts(results: Sequence[RequirementResult]) -> dict[str, int]:
    tally = Counter(r.status.value for r in results)
    return {status.value: tally.get(status.value, 0) for status in Status}


def _gate(results: Sequence[RequirementResult], value: float | None, pass_mark: float,
          fail_on: Severity) -> Gate:
    limit = SEVERITY_RANK[fail_on]
    blocking = [r for r in results
                if r.status in BLOCKING and SEVERITY_RANK.get(r.severity, 9) <= limit]
    reasons = [f"{r.severity} requirement {r.id} is {r.status.value.replace('_', ' ')}"
               for r in blocking]
    if value is not None and value < pass_mark:
        reasons.append(f"score {value:g} is below the pass mark of {pass_mark:g}")
    worse = "" if fail_on == "critical" else " or worse"
    rule = (f"passes when no {fail_on}{worse} requirement is not met "
            f"and the score is at least {pass_mark:g}")
    return Gate(passed=not reasons, pass_mark=pass_mark, fail_on=fail_on, rule=rule,
                reasons=tuple(reasons))


def score(results: Sequence[RequirementResult], rs: RequirementSet, *,
          fail_under: float | None = None, fail_on: Severity | None = None) -> Scorecard:
    """The scorecard; `fail_under` and `fail_on` override the set's gate."""
    value = weighted_score(results)
    domains = tuple(
        DomainScore(id=d.id, title=d.title, score=weighted_score(members), counts=_counts(members))
        for d in rs.domains
        for members in [[r for r in results if r.domain == d.id]] if members)
    by_severity = {sev: _counts([r for r in results if r.severity == sev]) for sev in SEVERITY_RANK}
    gate = _gate(results, value, rs.gate.pass_mark if fail_under is None else fail_under,
                 fail_on or rs.gate.fail_on)
    return Scorecard(score=value, gate=gate, counts=_counts(results), by_severity=by_severity,
                     domains=domains)
