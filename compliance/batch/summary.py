"""The batch summary: one compact entry per submission, written as `summary.json`.

It is what the portfolio is rendered from and what `batch --previous` reads back a
quarter later, so it carries every requirement's status and score.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from compliance.evaluation.document import ResultDocument, ToolInfo
from compliance.evaluation.results import GAP_STATUSES, RequirementResult, Status

GAPS = GAP_STATUSES
Outcome = Literal["pass", "fail", "error"]
EXIT_CODES: dict[Outcome, int] = {"pass": 0, "fail": 1, "error": 2}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RequirementRow(_Frozen):
    """One requirement of one submission."""

    id: str
    title: str
    domain: str
    severity: str
    basis: str = ""
    binding: bool = True
    status: Status
    score: float | None
    measured: str | None = None
    waived_by: str | None = None
    notes: tuple[str, ...] = ()


class DomainCell(_Frozen):
    """One domain's score and status counts for one submission."""

    id: str
    title: str
    score: float | None
    counts: dict[str, int]
    advisory_score: float | None = None


class Filing(_Frozen):
    """Where one filing stands among several of the same MCO and period (1 is the newest)."""

    rank: int
    count: int
    newest: str


class Entry(_Frozen):
    """One submission of the batch: its identity, scores and reports, or why it was not checked."""

    file: str
    stem: str
    path: str | None = None
    reports: dict[str, str] = {}
    error: str | None = None
    mco_id: str | None = None
    mco_name: str | None = None
    state: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    submitted_on: str | None = None
    modified: str | None = None
    resubmission: Filing | None = None
    set_id: str | None = None
    set_version: str | None = None
    set_title: str | None = None
    score: float | None = None
    advisory_score: float | None = None
    set_mismatch: str | None = None
    passed: bool = False
    gate_reasons: tuple[str, ...] = ()
    domains: tuple[DomainCell, ...] = ()
    requirements: tuple[RequirementRow, ...] = ()

    @property
    def outcome(self) -> Outcome:
        """`pass`, `fail`, or `error` when the file could not be checked."""
        if self.error is not None:
            return "error"
        return "pass" if self.passed else "fail"

    @property
    def reason(self) -> str | None:
        """Why the file could not be checked, without the path the error starts with."""
        if self.error is None:
            return None
        return self.error.removeprefix(f"{self.path}: ") if self.path else self.error

    def gaps(self) -> list[RequirementRow]:
        """Requirements not met, partially met or in error."""
        return [r for r in self.requirements if r.status in GAPS]


class BatchSummary(_Frozen):
    """Everything a batch run found, in submission order."""

    schema_version: Literal["1.0", "1.1"] = "1.1"
    tool: ToolInfo = ToolInfo()
    generated_at: str
    counts: dict[str, int]
    submissions: tuple[Entry, ...]


def _row(result: RequirementResult) -> RequirementRow:
    measured = "; ".join(f"{c.description}: {c.measured}" for c in result.checks if c.measured)
    return RequirementRow(id=result.id, title=result.title, domain=result.domain,
                          severity=result.severity, basis=result.basis,
                          binding=result.binding,
                          status=result.status, score=result.score,
                          measured=measured or None, notes=result.notes,
                          waived_by=result.waiver.approved_by if result.waiver else None)


def entry_from(doc: ResultDocument, file: str, stem: str, reports: dict[str, str]) -> Entry:
    """The summary entry of one checked submission."""
    sub, rs = doc.submission, doc.requirement_set
    return Entry(
        file=file, stem=stem, reports=reports, mco_id=sub.mco_id, mco_name=sub.mco_name,
        state=sub.state, period_start=sub.period_start, period_end=sub.period_end,
        submitted_on=sub.submitted_on, set_id=rs.id, set_version=rs.version,
        set_title=rs.title, score=doc.summary.score,
        advisory_score=doc.summary.advisory_score, set_mismatch=doc.summary.set_mismatch,
        passed=doc.summary.passed, gate_reasons=doc.summary.gate.reasons,
        domains=tuple(DomainCell(id=d.id, title=d.title, score=d.score, counts=d.counts,
                                 advisory_score=d.advisory_score) for d in doc.domains),
        requirements=tuple(_row(r) for r in doc.requirements))


def summarize(entries: list[Entry], generated_at: str) -> BatchSummary:
    """The summary of a run, with counts of each outcome."""
    counts = {outcome: sum(e.outcome == outcome for e in entries) for outcome in EXIT_CODES}
    return BatchSummary(generated_at=generated_at, counts=counts, submissions=tuple(entries))


def exit_code(entries: list[Entry]) -> int:
    """2 when any file could not be checked, else 1 when any fails, else 0."""
    return max((EXIT_CODES[e.outcome] for e in entries), default=0)
