"""What evaluation produces: findings, check outcomes and requirement results (frozen)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Status(StrEnum):
    """One status per requirement."""

    MET = "met"
    PARTIALLY_MET = "partially_met"
    NOT_MET = "not_met"
    INCOMPLETE = "incomplete"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"
    WAIVED = "waived"


SCORED_STATUSES = frozenset({Status.MET, Status.PARTIALLY_MET, Status.NOT_MET, Status.INCOMPLETE,
                             Status.ERROR})
"""Statuses that count in the score; incomplete and error count as zero (compliance not shown)."""

GAP_STATUSES = frozenset({Status.NOT_MET, Status.PARTIALLY_MET, Status.INCOMPLETE, Status.ERROR})
"""Statuses that are gaps: listed in reports, open to waivers and corrective action."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Finding(_Frozen):
    """One thing wrong or missing, located as precisely as the evidence allows."""

    code: str = Field(description="Stable code, `<check_type>.<kind>`, e.g. `share.below`.")
    message: str
    sheet: str | None = None
    cell: str | None = Field(default=None, description="`B7`, a range such as `B7:B20`, or "
                             "several, comma-separated: `B7:B9, B12`.")
    expected: str | None = None
    actual: str | None = None
    fix: str | None = Field(default=None, description="What to change in the workbook, when "
                            "the finding is about the workbook rather than the program.")

    @property
    def location(self) -> str | None:
        """`Sheet!B7`, the sheet alone, or None."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet


LISTED_FINDINGS = 200
"""Findings a requirement result lists; the others are counted in `findings_total`."""


class CheckOutcome(_Frozen):
    """What one check found: a score in [0, 1], or None when it does not apply."""

    score: float | None = Field(ge=0, le=1)
    findings: tuple[Finding, ...] = ()
    unlisted: int = Field(default=0, ge=0, description="Findings past the first "
                          "`LISTED_FINDINGS`, counted but not built, as no result lists them "
                          "(never missing-evidence findings, which are compared).")
    measure: float | None = Field(default=None, description="The number that was compared.")
    measured: str | None = Field(default=None, description="The measure, for people.")
    expected: str | None = None
    na_reason: str | None = None
    incomplete: bool = Field(default=False, description="Evidence the measure needs could not "
                             "be read (missing, blank or unreadable); the score is then 0.")


class CheckSummary(_Frozen):
    """A check's outcome as it appears in a requirement result."""

    type: str
    id: str | None = None
    description: str
    score: float | None
    measure: float | None = None
    measured: str | None = None
    expected: str | None = None
    na_reason: str | None = None
    incomplete: bool = False

    @property
    def name(self) -> str:
        """What reports call the check: its id in words, else its description or type."""
        if self.id:
            return self.id.replace("_", " ").capitalize()
        if self.description and self.description != self.type:
            return self.description.rstrip(".")
        return self.type.replace("_", " ").capitalize()


class Waiver(_Frozen):
    """An approved waiver as shown on a waived requirement."""

    justification: str
    approved_by: str
    approved_on: str
    expires_on: str | None = None


class RequirementResult(_Frozen):
    """One requirement evaluated against one submission."""

    id: str
    title: str
    domain: str
    severity: str
    weight: float
    citation: str
    basis: str
    confidence: str | None = None
    binding: bool = Field(default=True, description="Whether it decides the gate and the "
                          "compliance score; advisory requirements are scored separately.")
    clause_status: str | None = Field(default=None, description="Where the clause stands in "
                                      "its source: in_force, phased, proposed, rescinded, "
                                      "unverified.")
    source_version: str | None = Field(default=None, description="Contract year, amendment "
                                       "or section revision the clause is taken from.")
    remediation: str
    workbook_fix: str | None = Field(default=None, description="For an incomplete requirement: "
                                     "what to change in the workbook so it can be measured.")
    status: Status
    score: float | None = Field(description="0 to 1; None when not applicable or waived.")
    reason: str | None = Field(default=None, description="Why not applicable, waived or error.")
    findings: tuple[Finding, ...] = ()
    findings_total: int = 0
    checks: tuple[CheckSummary, ...] = ()
    waiver: Waiver | None = None
    notes: tuple[str, ...] = ()
    member_data: bool = Field(default=False, description="Its checks read member data, so "
                              "shareable reports withhold its counts of 1 to 10.")

    @property
    def source_line(self) -> str:
        """`2026 CCO contract, Amendment 2; in force`: the clause's version and status, or ''."""
        status = (self.clause_status or "").replace("_", " ")
        return "; ".join(part for part in (self.source_version or "", status) if part)

    @property
    def what_to_do(self) -> str:
        """The workbook fix while the evidence is unreadable, else the set's remediation."""
        return self.workbook_fix or self.remediation
