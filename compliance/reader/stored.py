"""The one gate every raw cell value passes before it is parsed for its field.

The byte scan (`valuescan`) catches values the native reader would misread; this gate
catches what still arrives odd: a float that is NaN or infinite, and a date before
1900, which no Excel date serial can produce (calamine turns a NaN serial into
1899-12-30) and no filing means (a typed `0001-01-01` would be on time for any due
date). Such a value is unreadable at its cell, never a date or a number.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from compliance.evaluation.submission import Invalid

_FIRST_DAY = dt.date(1900, 1, 1)
_FIRST_MOMENT = dt.datetime(1900, 1, 1)


def guard(raw: Any) -> Any:
    """`raw` itself when it can be trusted, else `Invalid` saying why."""
    kind = type(raw)
    if kind is float and not math.isfinite(raw):
        return Invalid(raw, "the cell stores a value that is not a number")
    if kind is dt.datetime and raw < _FIRST_MOMENT:
        return Invalid(raw, "the cell stores a date serial that is not a valid date")
    return raw


def plausible_date(value: Any, raw: Any) -> Any:
    """A parsed date, unless it lies before 1900 (`0001-01-01` would be on time for anything)."""
    if isinstance(value, dt.date) and value < (
            _FIRST_MOMENT if isinstance(value, dt.datetime) else _FIRST_DAY):
        return Invalid(raw, "a date before 1900; write the real date")
    return value
