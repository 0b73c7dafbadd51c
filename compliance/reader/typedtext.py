"""The cell value behind the text fastexcel gives for it.

The column-by-column reader asks fastexcel for every cell as text, so that a column
holding numbers, dates and words alike arrives whole, with nothing coerced to null.
fastexcel writes a number as Rust does (`60`, `1.5`, `0.000000123`), a date or
date-time as `2024-10-22 00:00:00`, a time of day on Excel's day zero (`1899-12-31
12:30:00`) and a logical value as `true`/`false`. `typed_value` turns such text back
into the value calamine's Python binding gives for the cell (float, date, datetime,
time, bool), so that value parsing, and every finding, is the same on both paths.

Text that a filer typed in exactly one of these shapes is read as the value it spells:
the text `45000` in a date column is read as the date serial it would be as a number.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?")
_MOMENT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})"
                     r"(?:\.([0-9]{1,9}))?")
# The day a serial below 1 falls on: a time of day, which calamine's binding gives as one.
_DAY_ZERO = {False: ("1899-12-30", "1899-12-31"), True: ("1904-01-01",)}
_EPOCH = {False: (1899, 12, 30), True: (1904, 1, 1)}
_FAR = re.compile(r"\+([0-9]{5,})-([0-9]{2})-([0-9]{2}) 00:00:00")
_LOGICAL = {"true": True, "false": False}

TYPED_SHAPE = (r"^(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?"
               r"|[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,9})?"
               r"|\+[0-9]{5,}-[0-9]{2}-[0-9]{2} 00:00:00|true|false)$")
"""The shapes `typed_value` changes, as a pattern for a vectorised search."""


def typed_value(text: str | None, date1904: bool = False) -> Any:
    """The value calamine's binding would give for the cell fastexcel shows as `text`."""
    if text is None:
        return ""
    if _NUMBER.fullmatch(text):
        return float(text)
    moment = _MOMENT.fullmatch(text)
    if moment is not None:
        return _moment(moment, text, date1904)
    far = _FAR.fullmatch(text)
    if far is not None:
        # A serial past 9999-12-31 is no date to Python: calamine's binding gives the number.
        year, month, day = (int(far.group(i)) for i in range(1, 4))
        return float(_days(year, month, day) - _days(*_EPOCH[date1904]))
    return _LOGICAL.get(text, text)


def _days(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to a date of the proleptic Gregorian calendar, any year."""
    year -= month <= 2
    era, of_era = divmod(year, 400)
    of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    return era * 146097 + of_era * 365 + of_era // 4 - of_era // 100 + of_year - 719468


def _moment(found: re.Match[str], text: str, date1904: bool) -> Any:
    year, month, day, hour, minute, second = (int(found.group(i)) for i in range(1, 7))
    micro = int((found.group(7) or "0").ljust(6, "0")[:6])
    try:
        if text[:10] in _DAY_ZERO[date1904]:
            return dt.time(hour, minute, second, micro)
        if hour == minute == second == micro == 0:
            return dt.date(year, month, day)
        return dt.datetime(year, month, day, hour, minute, second, micro)
    except ValueError:
        return text
