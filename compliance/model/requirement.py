"""Requirements and requirement sets: the top of the language."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from compliance.checks import CheckParams
from compliance.model.base import (
    ADVISORY_STATUSES,
    BINDING_BASES,
    Basis,
    ClauseStatus,
    Confidence,
    Identifier,
    RequirementId,
    Severity,
    ShortText,
    Strict,
    Text,
)
from compliance.model.condition import Condition
from compliance.model.workbook import WorkbookSpec

LANGUAGE_VERSION = 1


class Document(Strict):
    """A contract, rule or statute the set draws on."""

    id: Identifier
    title: ShortText
    citation: ShortText | None = None
    url: Annotated[str, Field(pattern=r"^https?://", max_length=500)] | None = None
    version: ShortText | None = None


class Domain(Strict):
    """A group of requirements scored together, e.g. community engagement."""

    id: Identifier
    title: ShortText
    description: str = ""


def _check_window(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and start > end:
        raise ValueError("effective_from is after effective_to")


class Requirement(Strict):
    """One obligation, its citation, how it is checked and what to do when it fails."""

    id: RequirementId
    aliases: tuple[RequirementId, ...] = ()
    title: ShortText
    domain: Identifier
    citation: Text
    basis: Basis
    confidence: Confidence | None = None
    binding: bool | None = Field(
        default=None, description="Whether it decides the gate; by default it does when its "
        "basis is statute, regulation, contract, guidance or structural.")
    severity: Severity
    weight: Annotated[float, Field(ge=0, le=100)] = 1.0
    status: ClauseStatus | None = Field(
        default=None, description="Where the clause stands in its source document.")
    source_version: ShortText | None = Field(
        default=None, description="The document version: contract year, amendment, "
        "section revision date.")
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    applies_when: Condition | None = Field(
        default=None, description="Context condition; the requirement is N/A when false."
    )
    checks: Annotated[tuple[CheckParams, ...], Field(min_length=1)]
    combine: Literal["all", "mean"] = Field(
        default="all", description="`all`: the weakest check decides; `mean`: average them."
    )
    remediation: Text
    note: str = Field(default="", description="Source caveats, e.g. why a figure is illustrative.")

    @property
    def is_binding(self) -> bool:
        """Whether it decides the gate and the compliance score.

        A proposed, unverified or rescinded clause is advisory whatever its basis.
        """
        if self.binding is not None:
            return self.binding
        return self.basis in BINDING_BASES and self.status not in ADVISORY_STATUSES

    @model_validator(mode="after")
    def _consistent(self) -> Requirement:
        _check_window(self.effective_from, self.effective_to)
        ids = [c.id for c in self.checks if c.id]
        if len(ids) != len(set(ids)):
            raise ValueError("check ids must be unique within a requirement")
        return self


class RequirementOverride(Strict):
    """A child set's change to an inherited requirement; `checks` patches params by check id."""

    title: ShortText | None = None
    citation: Text | None = None
    basis: Basis | None = None
    confidence: Confidence | None = None
    binding: bool | None = None
    severity: Severity | None = None
    weight: Annotated[float, Field(ge=0, le=100)] | None = None
    status: ClauseStatus | None = None
    source_version: ShortText | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    applies_when: Condition | None = None
    remediation: Text | None = None
    note: str | None = None
    checks: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Check id (or position from 0) -> params to change."
    )


class Gate(Strict):
    """When a submission passes: no failure at `fail_on` severity or worse, score >= pass mark."""

    pass_mark: Annotated[float, Field(ge=0, le=100)] = 80.0
    fail_on: Severity = "critical"


class RequirementSetDocument(Strict):
    """A requirement-set file as written; `extends` names a parent set by id, or several.

    With several parents the first gives the workbook and every inherited requirement;
    each later one adds the requirements, domains, sheets and documents the earlier ones
    lack (a library of clauses a state opts into).
    """

    language: Literal[1] = 1
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=64)]
    title: ShortText
    version: ShortText
    jurisdiction: ShortText
    state: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    program: ShortText | None = None
    description: str = ""
    documents: tuple[Document, ...] = ()
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    extends: str | Annotated[list[str], Field(min_length=1, max_length=5)] | None = None
    gate: Gate = Gate()
    workbook: WorkbookSpec = WorkbookSpec()
    domains: tuple[Domain, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    overrides: dict[RequirementId, RequirementOverride] = Field(default_factory=dict)
    drop: tuple[RequirementId, ...] = ()
    drop_reasons: dict[RequirementId, Text] = Field(
        default_factory=dict, description="Why a dropped requirement does not apply here."
    )

    @model_validator(mode="after")
    def _window(self) -> RequirementSetDocument:
        _check_window(self.effective_from, self.effective_to)
        return self


class RequirementSet(RequirementSetDocument):
    """A resolved set: parents merged in, overrides applied, references checked."""

    lineage: tuple[str, ...] = ()
    sha256: str = ""
    source: str = ""

    def requirement(self, requirement_id: str) -> Requirement | None:
        """A requirement by id or alias."""
        for req in self.requirements:
            if req.id == requirement_id or requirement_id in req.aliases:
                return req
        return None

    def domain(self, domain_id: str) -> Domain | None:
        """A domain by id."""
        return next((d for d in self.domains if d.id == domain_id), None)
