"""Declarative conditions: field, operator, value, combined with all/any/not.

A condition names fields of the row being tested (table checks) or of the submission
context (`applies_when`, where names are dotted: `cover.program`, `period.quarter`).
Nothing in a condition is executed; it is interpreted by `compliance.evaluation.condition`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from compliance.model.base import Scalar, Strict
from compliance.model.pattern import compile_pattern

Operator = Literal[
    "eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "blank", "not_blank",
    "matches", "contains", "valid", "invalid", "na", "suppressed",
]
_UNARY = {"blank", "not_blank", "valid", "invalid", "na", "suppressed"}
_LIST = {"in", "not_in"}


class Compare(Strict):
    """`{field: role, op: in, value: [enrollee, caregiver]}` or `{field: a, op: le, other: b}`."""

    field: Annotated[str, Field(min_length=1, max_length=100)]
    op: Operator = "eq"
    value: Scalar | list[Scalar] | None = None
    other: str | None = Field(default=None, description="Compare with another field instead.")

    @model_validator(mode="after")
    def _operand_fits_operator(self) -> Compare:
        if self.op in _UNARY:
            if self.value is not None or self.other is not None:
                raise ValueError(f"operator '{self.op}' takes no value")
        elif self.op in _LIST:
            if not isinstance(self.value, list) or self.other is not None:
                raise ValueError(f"operator '{self.op}' needs a list value")
        elif (self.value is None) == (self.other is None):
            raise ValueError(f"operator '{self.op}' needs exactly one of value or other")
        elif isinstance(self.value, list):
            raise ValueError(f"operator '{self.op}' takes a single value, not a list")
        if self.op == "matches":
            if not isinstance(self.value, str):
                raise ValueError("matches needs a regular expression")
            compile_pattern(self.value)
        return self


class AllOf(Strict):
    """True when every listed condition is true."""

    all: Annotated[list[Condition], Field(min_length=1)]


class AnyOf(Strict):
    """True when at least one listed condition is true."""

    any: Annotated[list[Condition], Field(min_length=1)]


class NotOf(Strict):
    """True when the inner condition is false."""

    not_: Condition = Field(alias="not")


def _kind(raw: Any) -> str:
    if isinstance(raw, dict):
        for key in ("all", "any", "not"):
            if key in raw:
                return key
    if isinstance(raw, AllOf):
        return "all"
    if isinstance(raw, AnyOf):
        return "any"
    if isinstance(raw, NotOf):
        return "not"
    return "compare"


Condition = Annotated[
    Annotated[Compare, Tag("compare")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")],
    Discriminator(_kind),
]

AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()
