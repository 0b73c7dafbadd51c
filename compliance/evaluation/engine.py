"""Evaluates every requirement of a set against a submission.

One requirement's failure never stops the others: a check that raises becomes an
`error` result saying why. Evidence a measure needs but cannot have (a sheet or column
the filer left out, a blank count, a value that cannot be read) makes the requirement
`incomplete`: scored zero and a gap like `not_met`, never computed from the rest.
"""

from __future__ import annotations

import datetime as dt
from statistics import fmean

from compliance.checks import CHECKS, CheckParams
from compliance.evaluation.condition import describe, holds
from compliance.evaluation.results import (
    LISTED_FINDINGS,
    CheckOutcome,
    CheckSummary,
    Finding,
    RequirementResult,
    Status,
)
from compliance.evaluation.submission import EvidenceMissing, Submission
from compliance.evaluation.workbookfix import explain, workbook_fix
from compliance.model.requirement import Requirement, RequirementSet

MAX_FINDINGS = LISTED_FINDINGS
_EPSILON = 1e-9


def _not_in_effect(req: Requirement, start: dt.date | None, end: dt.date | None) -> str | None:
    if req.effective_from and end and req.effective_from > end:
        return f"in effect from {req.effective_from.isoformat()}, after this reporting period"
    if req.status == "rescinded":
        return "rescinded in its source" + (f" ({req.source_version})" if req.source_version
                                            else "")
    if req.effective_to and start and req.effective_to < start:
        return f"no longer in effect (ended {req.effective_to.isoformat()})"
    return None


def _run(check: CheckParams, submission: Submission) -> CheckOutcome:
    try:
        return CHECKS[check.type].check(check, submission)
    except EvidenceMissing as missing:
        told = tuple(explain(f, submission) for f in missing.findings)
        missing = EvidenceMissing(*told)
        first = missing.findings[0]
        measured = ("evidence missing" if first.code.startswith("evidence.") and
                    first.code != "evidence.unreadable" else _unread(missing.findings))
        return CheckOutcome(score=0.0, findings=missing.findings, measured=measured,
                            expected=first.expected, incomplete=True)


def _unread(findings: tuple[Finding, ...]) -> str:
    cells = sum(1 for f in findings if f.code == "evidence.unreadable")
    return f"not measured: {cells} needed value{'s' if cells != 1 else ''} missing or unreadable"


def _summary(check: CheckParams, outcome: CheckOutcome) -> CheckSummary:
    return CheckSummary(type=check.type, id=check.id, description=check.description or check.type,
                        score=outcome.score, measure=outcome.measure, measured=outcome.measured,
                        expected=outcome.expected, na_reason=outcome.na_reason,
                        incomplete=outcome.incomplete)


def _reads_member_data(req: Requirement, submission: Submission) -> bool:
    sheets = {sheet_id for check in req.checks for sheet_id, _ in check.refs()}
    return any((spec := submission.spec.sheet(s)) is not None and spec.member_data
               for s in sheets)


def _status(score: float, incomplete: bool) -> Status:
    if incomplete:
        return Status.INCOMPLETE
    if score >= 1 - _EPSILON:
        return Status.MET
    return Status.NOT_MET if score <= _EPSILON else Status.PARTIALLY_MET


def evaluate_requirement(req: Requirement, submission: Submission,
                         context: dict[str, object]) -> RequirementResult:
    """One requirement's result; never raises for a problem inside a check."""
    base = RequirementResult(
        id=req.id, title=req.title, domain=req.domain, severity=req.severity, weight=req.weight,
        citation=req.citation, basis=req.basis, confidence=req.confidence,
        binding=req.is_binding, clause_status=req.status, source_version=req.source_version,
        remediation=req.remediation,
        status=Status.NOT_APPLICABLE, score=None, member_data=_reads_member_data(req, submission))
    start, end = submission.period()
    reason = _not_in_effect(req, start, end)
    if reason is None and req.applies_when is not None and not holds(req.applies_when, context):
        reason = f"applies only when {describe(req.applies_when, submission.spec.name_of)}"
    if reason is not None:
        return base.model_copy(update={"reason": reason})
    summaries: list[CheckSummary] = []
    findings: list[Finding] = []
    missing: set[Finding] = set()
    unlisted = 0
    for position, check in enumerate(req.checks):
        try:
            outcome = _run(check, submission)
        except Exception as exc:  # a bug or an unforeseen input: report it, go on
            why = (f"check {position} ({check.type}) could not be evaluated: "
                   f"{type(exc).__name__}: {exc}")
            return base.model_copy(update={"status": Status.ERROR, "score": 0.0, "reason": why})
        summaries.append(_summary(check, outcome))
        unlisted += outcome.unlisted
        # Two checks that need the same absent sheet report it once. Only missing-evidence
        # findings are compared: a roster can yield thousands of row-level findings.
        for found in outcome.findings:
            if found.code.startswith("evidence."):
                if found in missing:
                    continue
                missing.add(found)
            findings.append(found)
    scores = [s.score for s in summaries if s.score is not None]
    if not scores:
        why = "; ".join(s.na_reason for s in summaries if s.na_reason) or "nothing to measure"
        return base.model_copy(update={"reason": why, "checks": tuple(summaries)})
    incomplete = any(s.incomplete for s in summaries)
    # Compliance that was not shown for one measure is not shown for the requirement.
    value = 0.0 if incomplete else min(scores) if req.combine == "all" else fmean(scores)
    fix = workbook_fix(tuple(findings)) if incomplete else ""
    return base.model_copy(update={
        "workbook_fix": fix or None,
        "status": _status(value, incomplete), "score": round(value, 6), "checks": tuple(summaries),
        "findings": tuple(findings[:MAX_FINDINGS]), "findings_total": len(findings) + unlisted})


def evaluate(rs: RequirementSet, submission: Submission) -> list[RequirementResult]:
    """Every requirement's result, in the set's order."""
    context = submission.context()
    return [evaluate_requirement(req, submission, context) for req in rs.requirements]
