"""The result document: one versioned structure that every output format renders.

It is what `--format json` writes (its JSON Schema is published by `compliance schema
--result`), what reports are rendered from, and what `diff` and `batch` read back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from compliance.__about__ import __version__
from compliance.evaluation.results import Finding, RequirementResult
from compliance.evaluation.scoring import DomainScore, Gate, Scorecard
from compliance.evaluation.submission import Invalid, Submission
from compliance.model.requirement import RequirementSet
from compliance.template.stamp import compare_stamp

SCHEMA_VERSION = "1.1"
"""1.1 adds the `incomplete` status, binding/advisory scores and the set-mismatch banner."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ToolInfo(_Frozen):
    """The program that produced the document."""

    name: Literal["compliance"] = "compliance"
    version: str = __version__


class SetInfo(_Frozen):
    """The requirement set applied, with its lineage and a hash of its files."""

    id: str
    version: str
    title: str
    sha256: str
    lineage: tuple[str, ...] = ()
    jurisdiction: str = ""
    program: str | None = None


class SheetEntry(_Frozen):
    """A sheet of the filed workbook: its visibility and the spec sheet it was checked as."""

    name: str
    state: str
    checked_as: str | None


class SubmissionInfo(_Frozen):
    """The filed workbook and the identity it declares on its cover."""

    file: str
    sha256: str
    mco_id: str | None = None
    mco_name: str | None = None
    state: str | None = None
    program: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    submitted_on: str | None = None
    sheets: tuple[SheetEntry, ...] = ()
    notes: tuple[Finding, ...] = Field(default=(), description="Reading problems and remarks.")


class Summary(_Frozen):
    """Compliance score (0-100, binding requirements), advisory score, gate and counts."""

    score: float | None
    advisory_score: float | None = None
    set_mismatch: str | None = Field(default=None, description="Set when the workbook was "
                                     "checked against another set than its own, and why.")
    passed: bool
    gate: Gate
    counts: dict[str, int]
    by_severity: dict[str, dict[str, int]]


class ResultDocument(_Frozen):
    """Everything one check run found, in a stable, versioned shape."""

    schema_version: Literal["1.0", "1.1"] = "1.1"
    tool: ToolInfo = ToolInfo()
    requirement_set: SetInfo
    submission: SubmissionInfo
    generated_at: str
    summary: Summary
    domains: tuple[DomainScore, ...]
    requirements: tuple[RequirementResult, ...]


def _plain(value: Any) -> str | None:
    if value is None or isinstance(value, Invalid):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _submission_info(sub: Submission, rs: RequirementSet) -> SubmissionInfo:
    identity = {key: _plain(sub.lookup(ref)) for key, ref in rs.workbook.identity}
    stamp_note = compare_stamp(sub.stamp, rs)
    notes = sub.notes + ((Finding(code="reader.template_mismatch", message=stamp_note),)
                         if stamp_note else ())
    sheets = tuple(SheetEntry(name=s.name, state=s.state, checked_as=s.matched)
                   for s in sub.sheets)
    return SubmissionInfo(file=sub.file, sha256=sub.sha256, sheets=sheets, notes=notes,
                          **identity)


def build_document(rs: RequirementSet, sub: Submission, results: list[RequirementResult],
                   card: Scorecard, *, generated_at: dt.datetime | None = None,
                   set_mismatch: str | None = None) -> ResultDocument:
    """Assemble the result document; `generated_at` is injectable for stable output."""
    when = generated_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
    set_info = SetInfo(id=rs.id, version=rs.version, title=rs.title, sha256=rs.sha256,
                       lineage=rs.lineage, jurisdiction=rs.jurisdiction, program=rs.program)
    summary = Summary(score=card.score, advisory_score=card.advisory_score,
                      set_mismatch=set_mismatch, passed=card.gate.passed, gate=card.gate,
                      counts=card.counts, by_severity=card.by_severity)
    return ResultDocument(requirement_set=set_info, submission=_submission_info(sub, rs),
                          generated_at=when.isoformat(), summary=summary, domains=card.domains,
                          requirements=tuple(results))
