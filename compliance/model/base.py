"""Shared building blocks of the language: the strict base model and small enums."""

from __future__ import annotations

import datetime as dt
import types
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    model_validator,
)

Identifier = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=64)
]
"""Machine id of a sheet, field, domain or check: lower snake_case."""

RequirementId = Annotated[
    str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*(?:[-_.][A-Z0-9]+)*$", max_length=40)
]
"""Stable requirement code such as `ADV-01` or `OR-CAC-02`."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]

Scalar = StrictBool | int | float | dt.date | str
"""A literal value in a condition or parameter; YAML dates arrive as `date`."""

Fraction = Annotated[float, Field(ge=0, le=1)]

Severity = Literal["critical", "major", "minor", "info"]
SEVERITY_RANK: dict[str, int] = {"critical": 0, "major": 1, "minor": 2, "info": 3}

Basis = Literal[
    "statute", "regulation", "contract", "guidance", "structural", "illustrative", "unverified"
]
"""Where a requirement's figure comes from.

`statute`, `regulation`, `contract` and `guidance` are verified against the source text;
`structural` is a data-quality rule with no policy figure; `illustrative` is a default a
state is expected to override; `unverified` marks a clause whose text has not been read.
"""

BINDING_BASES = frozenset({"statute", "regulation", "contract", "guidance", "structural"})
"""Bases that bind a plan: a requirement with one of these decides the gate.

`illustrative` and `unverified` requirements are advisory: evaluated and reported, but
they never fail the gate nor lower the compliance score, unless the set declares the
requirement `binding: true` (a model clause the state has adopted).
"""

Confidence = Literal["T", "S", "B"]

ClauseStatus = Literal["in_force", "phased", "proposed", "rescinded", "unverified"]
"""Where a clause stands in its source: `phased` is in force on a phase-in schedule
(see `effective_from`); `proposed` and `unverified` clauses are advisory; a `rescinded`
one no longer applies."""

ADVISORY_STATUSES = frozenset({"proposed", "unverified", "rescinded"})


def _numeric(annotation: Any) -> bool:
    """True when every type a field accepts (None aside) is an int or a float."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _numeric(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        kinds = [a for a in get_args(annotation) if a is not type(None)]
        return bool(kinds) and all(_numeric(a) for a in kinds)
    return annotation in (int, float)


class Strict(BaseModel):
    """Frozen, unknown keys rejected: a typo in a requirement set is an error.

    A number is a number: `"80"`, `true` and `.nan` are refused where a number is
    expected, rather than read as 80, 1 or a value every comparison fails.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True,
                              allow_inf_nan=False, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _numbers_are_numbers(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in _numeric_keys(cls):
                value = data.get(key)
                if isinstance(value, bool | str):
                    raise ValueError(f"{key}: must be a number, not {type(value).__name__} "
                                     f"{value!r}")
        return data


@cache
def _numeric_keys(model: type[BaseModel]) -> tuple[str, ...]:
    """The keys of a model's number fields, worked out once per model."""
    return tuple(field.alias or name for name, field in model.model_fields.items()
                 if _numeric(field.annotation))
