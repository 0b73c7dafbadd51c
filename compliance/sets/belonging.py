"""Whether a workbook belongs to the set it is checked against, and if not, to which.

A workbook is never scored against another contract without saying so: when its
template stamp names another set, or its Cover names another state than the set's,
the check stops with one line naming the set the workbook belongs to. A user who
insists (`--force-set`) gets the check with a banner on every report, and a Cover
whose state contradicts the set is a finding at the Cover's state cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.errors import UsageError
from compliance.evaluation.results import Finding, RequirementResult, Status
from compliance.evaluation.submission import Submission
from compliance.model.requirement import RequirementSet

FORCE_HINT = "give --force-set to check it against this set anyway"


class SetMismatch(UsageError):
    """The workbook belongs to another set than the one asked for."""


@dataclass(frozen=True)
class Mismatch:
    """Why the workbook is not the set's: a sentence, and a finding when the Cover says so."""

    reason: str
    cover_finding: Finding | None = None


def _state_finding(rs: RequirementSet, submission: Submission, filed: str) -> Finding:
    sheet_id, _, field_id = rs.workbook.identity.state.partition(".")
    form = submission.forms.get(sheet_id)
    found = form.values.get(field_id) if form else None
    return Finding(code="evidence.wrong_state", sheet=form.name if form else sheet_id,
                   cell=found.cell if found else None, expected=f"State {rs.state}",
                   actual=filed,
                   message=f"The Cover says State {filed}, but this workbook is checked "
                           f"against {rs.title} ({rs.id}), a set for {rs.state}.")


def mismatch(rs: RequirementSet, submission: Submission) -> Mismatch | None:
    """None when the workbook is plausibly the set's own; else why it is not."""
    stamp, filed = submission.stamp, submission.lookup(rs.workbook.identity.state)
    state = filed.strip().upper() if isinstance(filed, str) and filed.strip() else None
    wrong_state = rs.state is not None and state is not None and state != rs.state
    finding = _state_finding(rs, submission, state) if wrong_state and state else None
    if stamp is not None and stamp.set_id != rs.id:
        cover = f" (its Cover says State {state})" if state else ""
        return Mismatch(f"the workbook was made from the template of set '{stamp.set_id}'"
                        f"{cover}, not of '{rs.id}'", finding)
    if wrong_state:
        return Mismatch(f"the workbook's Cover says State {state}, but set '{rs.id}' is for "
                        f"{rs.state}", finding)
    return None


def refuse(found: Mismatch) -> SetMismatch:
    """The one-line refusal for a workbook checked against another set than its own."""
    return SetMismatch(f"{found.reason}; {FORCE_HINT}")


def banner(found: Mismatch, rs: RequirementSet) -> str:
    """What every report says when the user insisted on the set."""
    return (f"This workbook was checked against {rs.title} ({rs.id}) although {found.reason}. "
            "Its verdict is not a verdict under its own contract.")


def _reads(result: RequirementResult, rs: RequirementSet, reference: str) -> bool:
    req = rs.requirement(result.id)
    sheet_id, _, field_id = reference.partition(".")
    return req is not None and any((sheet_id, field_id) in check.refs() for check in req.checks)


def with_cover_finding(results: list[RequirementResult], rs: RequirementSet,
                       finding: Finding) -> list[RequirementResult]:
    """Results with the Cover's contradiction added to the requirement that reads the state.

    That requirement is then not met: a Cover that names another state is not a
    Cover this contract accepts.
    """
    out, placed = [], False
    for result in results:
        if not placed and result.status is not Status.NOT_APPLICABLE and _reads(
                result, rs, rs.workbook.identity.state):
            result = result.model_copy(update={
                "status": Status.NOT_MET, "score": 0.0,
                "findings": (finding, *result.findings),
                "findings_total": result.findings_total + 1,
                "workbook_fix": "Check the workbook against its own state's set, or correct "
                                "the Cover's State if it is wrong."})
            placed = True
        out.append(result)
    return out
