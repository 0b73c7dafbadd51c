"""Rolls requirement results up into domain and overall scores and decides the gate.

Arithmetic only: weighted means over the requirements that apply (incomplete and error
count as zero, since compliance was not shown; waived and not-applicable ones are left
out). Binding requirements make the compliance score, the one the gate reads; advisory
ones (basis illustrative or unverified) make a separate advisory score and never decide
the gate. A binding requirement at or above the gate's severity passes the gate only
when fully met, waived or not applicable: partial credit shapes the score, but a
statutory threshold such as a majority is met or it is not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from compliance.evaluation.results import (
    GAP_STATUSES,
    SCORED_STATUSES,
    RequirementResult,
    Status,
)
from compliance.model.base import SEVERITY_RANK, Severity
from compliance.model.requirement import RequirementSet

BLOCKING = GAP_STATUSES
"""Statuses that fail the gate for a binding requirement at or above its severity."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DomainScore(_Frozen):
    """A domain's weighted score (0-100, None when nothing in it applies) and counts."""

    id: str
    title: str
    score: float | None
    counts: dict[str, int]
    advisory_score: float | None = None


class Gate(_Frozen):
    """Whether the submission passes, and the rule and reasons that decided it."""

    passed: bool
    pass_mark: float
    fail_on: Severity
    rule: str
    reasons: tuple[str, ...]


class Scorecard(_Frozen):
    """Compliance and advisory scores, gate, counts and domain scores for one submission."""

    score: float | None
    advisory_score: float | None
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


def gate_rule(pass_mark: float, fail_on: Severity) -> str:
    """The gate in one plain sentence, as every report prints it."""
    worse = "" if fail_on == "critical" else " or higher"
    return (f"Passes when every binding requirement of severity {fail_on}{worse} is fully "
            f"met (or waived or not applicable) and the compliance score over binding "
            f"requirements is at least {pass_mark:g}; advisory requirements are reported "
            "but never decide it.")


def _gate(results: Sequence[RequirementResult], value: float | None, pass_mark: float,
          fail_on: Severity) -> Gate:
    limit = SEVERITY_RANK[fail_on]
    blocking = [r for r in results if r.binding and r.status in BLOCKING
                and SEVERITY_RANK.get(r.severity, 9) <= limit]
    reasons = [f"{r.severity} requirement {r.id} is {r.status.value.replace('_', ' ')}"
               for r in blocking]
    if value is not None and value < pass_mark:
        reasons.append(f"compliance score {value:g} is below the pass mark of {pass_mark:g}")
    return Gate(passed=not reasons, pass_mark=pass_mark, fail_on=fail_on,
                rule=gate_rule(pass_mark, fail_on), reasons=tuple(reasons))


def score(results: Sequence[RequirementResult], rs: RequirementSet, *,
          fail_under: float | None = None, fail_on: Severity | None = None) -> Scorecard:
    """The scorecard; `fail_under` and `fail_on` override the set's gate."""
    binding = [r for r in results if r.binding]
    advisory = [r for r in results if not r.binding]
    value = weighted_score(binding)
    domains = tuple(
        DomainScore(id=d.id, title=d.title, score=weighted_score([r for r in members
                                                                   if r.binding]),
                    advisory_score=weighted_score([r for r in members if not r.binding]),
                    counts=_counts(members))
        for d in rs.domains
        for members in [[r for r in results if r.domain == d.id]] if members)
    by_severity = {sev: _counts([r for r in results if r.severity == sev]) for sev in SEVERITY_RANK}
    gate = _gate(results, value, rs.gate.pass_mark if fail_under is None else fail_under,
                 fail_on or rs.gate.fail_on)
    return Scorecard(score=value, advisory_score=weighted_score(advisory), gate=gate,
                     counts=_counts(results), by_severity=by_severity, domains=domains)
