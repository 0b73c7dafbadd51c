"""What a requirements guide says about each requirement, built from a resolved set.

The guide is for an MCO before it files and for the state that publishes it with the
contract: for each requirement its standing (basis, binding or advisory, when in force),
its citation, the sheets and columns it reads, how it is scored and how to close a gap.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.checks import CHECKS, CheckParams
from compliance.evaluation.condition import describe
from compliance.evaluation.explanation import scoring_words
from compliance.model.base import Severity
from compliance.model.requirement import Requirement, RequirementSet
from compliance.render.basis import LEGEND

CONFIDENCE_WORDS = {"T": "source text read", "S": "secondary source",
                    "B": "background knowledge"}


@dataclass(frozen=True)
class Evidence:
    """A sheet the requirement reads, by its name in the workbook, and the column labels."""

    sheet: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class CheckEntry:
    """One check in words: what it tests and how its measure becomes a score."""

    what: str
    scored: str


@dataclass(frozen=True)
class Entry:
    """One requirement as the guide presents it."""

    id: str
    title: str
    domain: str
    basis: str
    basis_meaning: str
    confidence: str | None
    binding: bool
    severity: str
    weight: float
    in_force: str
    applies: str | None
    citation: str
    note: str
    evidence: tuple[Evidence, ...]
    checks: tuple[CheckEntry, ...]
    combine: str
    remediation: str


@dataclass(frozen=True)
class Dropped:
    """A parent requirement this set leaves out, and why."""

    id: str
    reason: str


@dataclass(frozen=True)
class Guide:
    """A whole set's guide."""

    set_id: str
    title: str
    version: str
    jurisdiction: str
    program: str | None
    description: str
    lineage: tuple[str, ...]
    pass_mark: float
    fail_on: Severity
    entries: tuple[Entry, ...]
    dropped: tuple[Dropped, ...]

    @property
    def binding_count(self) -> int:
        """How many requirements decide the gate."""
        return sum(e.binding for e in self.entries)


def _evidence(rs: RequirementSet, req: Requirement) -> tuple[Evidence, ...]:
    found: dict[str, list[str]] = {}
    if any(not check.refs() for check in req.checks):
        found["every sheet of the workbook"] = []  # a check that reads whatever is filed
    for check in req.checks:
        for sheet_id, field_id in check.refs():
            fields = found.setdefault(sheet_id, [])
            if field_id and field_id not in fields:
                fields.append(field_id)
    result = []
    for sheet_id, field_ids in found.items():
        sheet = rs.workbook.sheet(sheet_id)
        labels = [(f.label if (f := sheet.field(i)) else i) if sheet else i for i in field_ids]
        result.append(Evidence(sheet.name if sheet else sheet_id, tuple(labels)))
    return tuple(result)


def _check(rs: RequirementSet, check: CheckParams) -> CheckEntry:
    """The check's own description, else its name, sheet and what its type tests."""
    doc = (CHECKS[check.type].__doc__ or "").strip().splitlines()[0].partition(": ")[2]
    if check.description:
        return CheckEntry(what=check.description, scored=scoring_words(check))
    name = (check.id or check.type).replace("_", " ").capitalize()
    sheets = dict.fromkeys(spec.name if (spec := rs.workbook.sheet(sheet_id)) else sheet_id
                           for sheet_id, _ in check.refs())
    where = f" ({', '.join(sheets)})" if sheets else ""
    return CheckEntry(what=f"{name}{where}: {doc}", scored=scoring_words(check))


STATUS_WORDS = {"in_force": "in force", "phased": "being phased in", "proposed": "proposed",
                "rescinded": "rescinded", "unverified": "not verified in the source"}


def _in_force(req: Requirement) -> str:
    """`in force, 2026 CCO contract, from 2024-10-01`: status, source version, window."""
    # Status and source version are optional in the set language; older sets lack them.
    status, version = getattr(req, "status", None), getattr(req, "source_version", None)
    start = f"from {req.effective_from.isoformat()}" if req.effective_from else ""
    end = f"until {req.effective_to.isoformat()}" if req.effective_to else ""
    window = " ".join(p for p in (start, end) if p)
    window = f"in effect {window}" if window and not status else window
    parts = [STATUS_WORDS.get(str(status), str(status)) if status else "",
             f"source version {version}" if version else "", window]
    return ", ".join(p for p in parts if p) or "in effect whenever the set is"


def _entry(rs: RequirementSet, req: Requirement) -> Entry:
    domain = rs.domain(req.domain)
    applies = None if req.applies_when is None else \
        f"only when {describe(req.applies_when, rs.workbook.name_of)}"
    combine = "the weakest check decides" if req.combine == "all" else "the checks are averaged"
    return Entry(
        id=req.id, title=req.title, domain=domain.title if domain else req.domain,
        basis=req.basis, basis_meaning=LEGEND.get(req.basis, req.basis),
        confidence=CONFIDENCE_WORDS.get(req.confidence or "", req.confidence),
        binding=req.is_binding, severity=req.severity, weight=req.weight,
        in_force=_in_force(req), applies=applies, citation=req.citation, note=req.note,
        evidence=_evidence(rs, req), checks=tuple(_check(rs, c) for c in req.checks),
        combine=combine, remediation=req.remediation)


def build_guide(rs: RequirementSet) -> Guide:
    """The guide to a resolved requirement set, requirements in the set's order."""
    return Guide(
        set_id=rs.id, title=rs.title, version=rs.version, jurisdiction=rs.jurisdiction,
        program=rs.program, description=rs.description, lineage=rs.lineage,
        pass_mark=rs.gate.pass_mark, fail_on=rs.gate.fail_on,
        entries=tuple(_entry(rs, r) for r in rs.requirements),
        dropped=tuple(Dropped(i, rs.drop_reasons.get(i, "")) for i in rs.drop))
