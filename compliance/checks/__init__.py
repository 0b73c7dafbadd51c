"""The check vocabulary: one module per check type, registered in one literal dict.

Adding a type means writing `checks/<type>.py` (a `Params` model with a
`type: Literal["<type>"]` key, a `check()` function, and a module docstring that is its
user documentation) and adding one line to `CHECKS` and one to `CheckParams`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from compliance.checks import (
    aggregate,
    completeness,
    consistency,
    coverage,
    cross_reference,
    date_window,
    deadline,
    disparity,
    meeting_gap,
    program_match,
    ratio,
    required_cells,
    required_fields,
    row_count,
    share,
    strata_total,
    valid_values,
)
from compliance.checks.base import CheckBase, CheckType

CHECKS: dict[str, CheckType] = {
    "required_fields": required_fields,
    "required_cells": required_cells,
    "valid_values": valid_values,
    "date_window": date_window,
    "row_count": row_count,
    "share": share,
    "completeness": completeness,
    "aggregate": aggregate,
    "ratio": ratio,
    "coverage": coverage,
    "cross_reference": cross_reference,
    "consistency": consistency,
    "deadline": deadline,
    "program_match": program_match,
    "meeting_gap": meeting_gap,
    "strata_total": strata_total,
    "disparity": disparity,
}

CheckParams = Annotated[
    required_fields.Params
    | required_cells.Params
    | valid_values.Params
    | date_window.Params
    | row_count.Params
    | share.Params
    | completeness.Params
    | aggregate.Params
    | ratio.Params
    | coverage.Params
    | cross_reference.Params
    | consistency.Params
    | deadline.Params
    | program_match.Params
    | meeting_gap.Params
    | strata_total.Params
    | disparity.Params,
    Field(discriminator="type"),
]


def get(type_id: str) -> CheckType:
    """The module implementing a check type."""
    return CHECKS[type_id]


__all__ = ["CHECKS", "CheckBase", "CheckParams", "CheckType", "get"]
