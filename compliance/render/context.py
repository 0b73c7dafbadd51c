"""The report context: the typed, render-ready view of a `ResultDocument`.

Report templates see only these fields (a test holds them to it). Everything is
already ordered, counted and worded here, so templates stay free of logic and the
small-count rule (`compliance.render.suppress`) can be applied to one structure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import RequirementResult, Status
from compliance.evaluation.scoring import DomainScore
from compliance.model.base import SEVERITY_RANK
from compliance.render.basis import basis_text, legend
from compliance.render.findings import FindingRow, finding_rows, in_words
from compliance.render.text import GAP_STATUSES, gap_order, label


@dataclass(frozen=True)
class StatusRow:
    """How many requirements have one status, by severity (in `severities` order)."""

    status: str
    label: str
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class DomainRow:
    """A domain's score for the bar chart (`percent` is the bar's length, 0-100)."""

    title: str
    score: str
    percent: float
    counts: str


@dataclass(frozen=True)
class CheckRow:
    """What one check measured against what it expected."""

    name: str
    measured: str
    expected: str


@dataclass(frozen=True)
class Gap:
    """A requirement not met, partially met or in error, with its findings."""

    id: str
    title: str
    status: str
    status_label: str
    severity: str
    citation: str
    basis: str
    binding: bool
    source: str
    reason: str
    notes: tuple[str, ...]
    remediation: str
    checks: tuple[CheckRow, ...]
    findings: tuple[FindingRow, ...]
    findings_total: int
    findings_listed: int
    findings_unlisted: int
    member_data: bool


@dataclass(frozen=True)
class GapGroup:
    """The gaps of one domain, most severe first."""

    domain: str
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class Settled:
    """A requirement met, not applicable or waived, listed compactly."""

    id: str
    title: str
    domain: str
    status: str
    status_label: str
    detail: str
    member_data: bool
    basis: str


@dataclass(frozen=True)
class Note:
    """A workbook note (a near-miss header, an extra sheet) and where it applies."""

    message: str
    location: str


@dataclass(frozen=True)
class SheetRow:
    """A sheet of the filed workbook and what it was checked as."""

    name: str
    state: str
    checked_as: str


@dataclass(frozen=True)
class Provenance:
    """What is needed to re-derive a finding: tool, set and workbook, with hashes."""

    tool_version: str
    set_id: str
    set_version: str
    set_sha256: str
    file: str
    file_sha256: str
    generated_at: str


@dataclass(frozen=True)
class ReportContext:
    """Every value a report shows, in the order it shows them."""

    set_title: str
    set_id: str
    set_version: str
    mco: str
    state: str
    program: str
    period: str
    submitted_on: str
    score: str
    advisory_score: str
    set_mismatch: str
    passed: bool
    verdict: str
    gate_rule: str
    gate_reasons: tuple[str, ...]
    severities: tuple[str, ...]
    status_rows: tuple[StatusRow, ...]
    severity_totals: tuple[int, ...]
    requirement_count: int
    domains: tuple[DomainRow, ...]
    gap_groups: tuple[GapGroup, ...]
    gap_count: int
    settled: tuple[Settled, ...]
    notes: tuple[Note, ...]
    sheets: tuple[SheetRow, ...]
    provenance: Provenance
    basis_legend: tuple[str, ...]
    suppressed: bool = False


def _status_rows(doc: ResultDocument, severities: list[str]) -> tuple[StatusRow, ...]:
    by_severity = doc.summary.by_severity
    return tuple(StatusRow(status=s.value, label=label(s).capitalize(),
                           counts=tuple(by_severity[sev].get(s.value, 0) for sev in severities),
                           total=doc.summary.counts.get(s.value, 0))
                 for s in Status)


def _domain(domain: DomainScore) -> DomainRow:
    counts = ", ".join(f"{n} {key.replace('_', ' ')}" for key, n in domain.counts.items() if n)
    score = "n/a" if domain.score is None else f"{domain.score:.1f}"
    if domain.score is None and domain.advisory_score is not None:
        counts = f"advisory requirements only, scoring {domain.advisory_score:.1f}: {counts}"
    return DomainRow(title=domain.title, score=score, percent=domain.score or 0.0, counts=counts)


def _check_rows(result: RequirementResult) -> tuple[CheckRow, ...]:
    return tuple(CheckRow(name=c.name,
                          measured=c.measured or c.na_reason or "",
                          expected=in_words(c.expected or "")) for c in result.checks)


def _gap(result: RequirementResult) -> Gap:
    rows = finding_rows(result.findings)
    return Gap(id=result.id, title=result.title, status=result.status.value,
               status_label=label(result.status), severity=result.severity,
               citation=result.citation, basis=basis_text(result), binding=result.binding,
               source=result.source_line,
               reason=result.reason or "", notes=result.notes,
               remediation=result.what_to_do, checks=_check_rows(result), findings=rows,
               findings_total=max(result.findings_total, len(result.findings)),
               findings_listed=len(result.findings),
               findings_unlisted=max(result.findings_total - len(result.findings), 0),
               member_data=result.member_data)


def _gap_groups(doc: ResultDocument) -> tuple[GapGroup, ...]:
    titles = {d.id: d.title for d in doc.domains}
    gaps = sorted((r for r in doc.requirements if r.status in GAP_STATUSES), key=gap_order)
    order = list(dict.fromkeys(r.domain for r in gaps))  # the worst gap's domain first
    return tuple(GapGroup(domain=titles.get(domain, domain),
                          gaps=tuple(_gap(r) for r in gaps if r.domain == domain))
                 for domain in order)


def _detail(result: RequirementResult) -> str:
    return "; ".join(part for part in (_summary_of(result), *result.notes) if part)


def _summary_of(result: RequirementResult) -> str:
    if result.waiver is not None:
        waiver = result.waiver
        until = f", until {waiver.expires_on}" if waiver.expires_on else ""
        return (f"Waived by {waiver.approved_by} on {waiver.approved_on}{until}: "
                f"{waiver.justification}")
    if result.status is Status.MET:
        measured = [c for c in result.checks if c.measured]
        if len(measured) == 1:
            return measured[0].measured or ""
        # Several checks: name each, or `0% (0 / 3201)` cannot be told from its neighbour.
        return "; ".join(f"{c.name}: {c.measured}" for c in measured)
    return result.reason or ""


def _settled(doc: ResultDocument) -> tuple[Settled, ...]:
    titles = {d.id: d.title for d in doc.domains}
    rest = [r for r in doc.requirements if r.status not in GAP_STATUSES]
    rest.sort(key=lambda r: (list(Status).index(r.status), r.id))
    return tuple(Settled(id=r.id, title=r.title, domain=titles.get(r.domain, r.domain),
                         status=r.status.value, status_label=label(r.status), detail=_detail(r),
                         member_data=r.member_data, basis=basis_text(r))
                 for r in rest)


class _Identity(TypedDict):
    mco: str
    state: str
    program: str
    period: str
    submitted_on: str


def _identity(doc: ResultDocument) -> _Identity:
    sub = doc.submission
    mco = " ".join(p for p in (sub.mco_name, f"({sub.mco_id})" if sub.mco_id else None) if p)
    return {"mco": mco or "not given", "state": sub.state or "not given",
            "program": sub.program or doc.requirement_set.program or "not given",
            "period": f"{sub.period_start or '?'} to {sub.period_end or '?'}",
            "submitted_on": sub.submitted_on or "not given"}


def build_context(doc: ResultDocument) -> ReportContext:
    """The report context of a result document (counts not yet suppressed)."""
    rs, summary, sub = doc.requirement_set, doc.summary, doc.submission
    groups = _gap_groups(doc)
    severities = [s for s in SEVERITY_RANK if any(summary.by_severity.get(s, {}).values())]
    return ReportContext(
        set_title=rs.title, set_id=rs.id, set_version=rs.version, **_identity(doc),
        score="n/a" if summary.score is None else f"{summary.score:g}",
        advisory_score="" if summary.advisory_score is None else f"{summary.advisory_score:g}",
        set_mismatch=summary.set_mismatch or "",
        passed=summary.passed, verdict="PASS" if summary.passed else "FAIL",
        gate_rule=summary.gate.rule, gate_reasons=summary.gate.reasons,
        severities=tuple(severities), status_rows=_status_rows(doc, severities),
        severity_totals=tuple(sum(summary.by_severity[s].values()) for s in severities),
        requirement_count=len(doc.requirements),
        domains=tuple(_domain(d) for d in doc.domains), gap_groups=groups,
        gap_count=sum(len(g.gaps) for g in groups), settled=_settled(doc),
        notes=tuple(Note(message=n.message, location=n.location or "") for n in sub.notes),
        sheets=tuple(SheetRow(name=s.name, state=s.state, checked_as=s.checked_as or "")
                     for s in sub.sheets),
        provenance=Provenance(tool_version=doc.tool.version, set_id=rs.id,
                              set_version=rs.version, set_sha256=rs.sha256, file=sub.file,
                              file_sha256=sub.sha256, generated_at=doc.generated_at),
        basis_legend=legend(doc.requirements))
