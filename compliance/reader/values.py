"""Turns a raw cell value into the typed value its field expects, as filers write them.

Tolerated: numbers stored as text ("1,234"), percentages as 0.51, 51 or "51%", Excel and
text dates in the set's documented formats or as people type them (`October 22, 2026`,
`22-Oct-2026`, `2026.10.22`, with or without a time), Y/N/Yes/No/TRUE/1, trailing spaces, codes in
any case or by label. A value that still does not fit becomes `Invalid(raw, reason)`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from compliance.evaluation.submission import NA, SUPPRESSED, Invalid
from compliance.model.pattern import fullmatch
from compliance.model.workbook import FieldSpec
from compliance.reader.stored import guard, plausible_date

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MAX_SERIAL = 2958465  # 9999-12-31
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
_YES = frozenset({"y", "yes", "true", "1", "x"})
_NO = frozenset({"n", "no", "false", "0"})
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}$")
_NUMBER_TEXT = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
# Spellings people type whatever the set lists: month names, Excel's d-mmm-yyyy, dots.
TYPED_DATE_FORMATS = ("%B %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d-%b-%Y",
                      "%d-%B-%Y", "%d-%b-%y", "%Y.%m.%d", "%Y/%m/%d")
# A time after the date (`2026-10-22 14:30`, `10/22/2026 2:30 PM`, `2026-10-22T14:30:00`).
_TIME_SUFFIX = re.compile(r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
                          r"|T\d{2}:\d{2}(?::\d{2})?)$")


_NOT_KEY = re.compile(r"[^0-9a-z%#]+")


@functools.lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Case-, space- and punctuation-insensitive key for labels, headers and codes.

    Remembered: the same headers, labels and codes are cleaned up for every candidate
    header row, every field and every workbook of a batch.
    """
    return _NOT_KEY.sub(" ", text.casefold()).strip()


@dataclass(frozen=True)
class Tokens:
    """The set's N/A and suppression spellings, normalised, and its text date formats."""

    na: frozenset[str]
    suppressed: frozenset[str]
    date_formats: tuple[str, ...]
    initials: frozenset[str]

    @classmethod
    def of(cls, na: tuple[str, ...], suppressed: tuple[str, ...],
           formats: tuple[str, ...]) -> Tokens:
        """Build from a `WorkbookSpec`'s tuples."""
        words = (*na, *suppressed)
        # First letters let most cells skip the token test without normalising them.
        initials = frozenset(w.strip()[:1].casefold() for w in words if w.strip())
        return cls(frozenset(map(normalize, na)), frozenset(map(normalize, suppressed)), formats,
                   initials)


def _as_text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime) and raw.time() == dt.time():
        return raw.date().isoformat()
    return str(raw).strip()


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, str):
        text = raw.strip().replace("$", "").replace(" ", "")
        if text and _NUMBER_TEXT.match(text) and any(ch.isdigit() for ch in text):
            return float(text.replace(",", ""))
    return None


def _integer(raw: Any, spec: FieldSpec) -> Any:
    value = _number(raw)
    if value is None or not value.is_integer():
        return Invalid(raw, "not a whole number")
    return int(value)


def _float(raw: Any, spec: FieldSpec) -> Any:
    value = _number(raw)
    return Invalid(raw, "not a number") if value is None else value


def _percent(raw: Any, spec: FieldSpec) -> Any:
    text = raw.strip() if isinstance(raw, str) else None
    if text is not None and text.endswith("%"):
        value = _number(text[:-1])
        return Invalid(raw, "not a percentage") if value is None else value / 100
    value = _number(raw)
    if value is None:
        return Invalid(raw, "not a percentage")
    # 51 means 51%; 0.51 is already a fraction. Values above 100 are left for range rules.
    return value / 100 if 1 < value <= 100 else value


def _date(raw: Any, formats: tuple[str, ...]) -> Any:
    """The one place a cell becomes a date: Excel dates and serials, and typed text."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, dt.time):
        return Invalid(raw, "a time of day or a number below 1, not a date")
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        # A fractional serial is a date-time; its day is the whole part.
        if 1 <= raw <= _MAX_SERIAL:
            return _EXCEL_EPOCH + dt.timedelta(days=int(raw))
        return Invalid(raw, "not a valid date")
    text = _TIME_SUFFIX.sub("", _as_text(raw)).strip()
    impossible: str | None = None
    for fmt in (*formats, *TYPED_DATE_FORMATS):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError as error:
            # The shape fits but the day does not exist in that month (04/31, 02/29/2027).
            if impossible is None and "out of range" in str(error):
                impossible = fmt
    if impossible is not None:
        return Invalid(raw, _no_such_date(text, impossible))
    day_first = _DAY_FIRST.match(text)
    if day_first and int(day_first.group(1)) > 12:
        return Invalid(raw, "looks like day/month/year; write the date as year-month-day "
                            "(2026-06-30) or month/day/year (06/30/2026)")
    return Invalid(raw, "not a date in an accepted format (e.g. 2026-03-31 or 03/31/2026)")


def _no_such_date(text: str, fmt: str) -> str:
    """`no such date: April 2027 has 30 days`, from a date whose day is past its month's end."""
    try:
        first = dt.datetime.strptime(re.sub(r"\b(29|30|31)\b", "1", text, count=1), fmt)
    except ValueError:
        return "no such date: that month has fewer days"
    days = calendar.monthrange(first.year, first.month)[1]
    return f"no such date: {first:%B %Y} has {days} days"


def _yes_no(raw: Any, spec: FieldSpec) -> Any:
    if isinstance(raw, bool):
        return raw
    key = normalize(_as_text(raw))
    if key in _YES:
        return True
    if key in _NO:
        return False
    return Invalid(raw, "not Yes or No")


@functools.lru_cache(maxsize=512)
def _code_map(spec: FieldSpec) -> dict[str, str]:
    found: dict[str, str] = {}
    for code in spec.code_list():
        for spelling in (code.code, code.label or code.code, *code.aliases):
            found.setdefault(normalize(spelling), code.code)
    return found


def _choice(raw: Any, spec: FieldSpec) -> Any:
    code = _code_map(spec).get(normalize(_as_text(raw)))
    return Invalid(raw, "not one of the allowed codes") if code is None else code


def _text(raw: Any, spec: FieldSpec) -> Any:
    text = _as_text(raw)
    # An open vocabulary (category codes by element): known labels become their code.
    return _code_map(spec).get(normalize(text), text) if spec.codes else text


def _email(raw: Any, spec: FieldSpec) -> Any:
    text = _as_text(raw)
    return text if _EMAIL.match(text) else Invalid(raw, "not an email address")


def _url(raw: Any, spec: FieldSpec) -> Any:
    text = _as_text(raw)
    return text if _URL.match(text) else Invalid(raw, "not a web address (http:// or https://)")


_PARSERS: dict[str, Callable[[Any, FieldSpec], Any]] = {
    "text": _text, "integer": _integer, "number": _float, "percent": _percent,
    "yes_no": _yes_no, "choice": _choice, "email": _email, "url": _url,
}


def _within_rules(value: Any, raw: Any, spec: FieldSpec) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if spec.min is not None and value < spec.min:
            return Invalid(raw, f"below the minimum of {spec.min:g}")
        if spec.max is not None and value > spec.max:
            return Invalid(raw, f"above the maximum of {spec.max:g}")
    if spec.pattern and isinstance(value, str) and not fullmatch(spec.pattern, value):
        return Invalid(raw, "does not match the required pattern")
    return value


def parse_value(raw: Any, spec: FieldSpec, tokens: Tokens) -> Any:
    """The typed value of a raw cell for its field; None for blank."""
    raw = guard(raw)
    if isinstance(raw, Invalid):
        return raw
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if (isinstance(raw, str) and len(raw) <= 60
            and raw.lstrip()[:1].casefold() in tokens.initials):
        key = normalize(raw)
        if key in tokens.na:
            return NA if spec.allow_na else Invalid(raw, "N/A is not accepted for this field")
        if key in tokens.suppressed:
            if spec.allow_suppressed:
                return SUPPRESSED
            return Invalid(raw, "a suppressed value is not accepted for this field")
    if spec.type == "date":
        value = plausible_date(_date(raw, tokens.date_formats), raw)
    else:
        value = _PARSERS[spec.type](raw, spec)
    return value if isinstance(value, Invalid) else _within_rules(value, raw, spec)


MEMO_LIMIT = 4096


def parser_for(spec: FieldSpec, tokens: Tokens) -> Callable[[Any], Any]:
    """A one-argument parser for a column, remembering the values it has seen.

    Rosters reach a million rows but repeat a few thousand distinct values (codes,
    counties, dates), so each distinct raw value is parsed once. The key includes the
    type because `True == 1 == 1.0` in Python yet they parse differently.
    """
    general = functools.partial(parse_value, spec=spec, tokens=tokens)
    seen: dict[tuple[type, Any], Any] = {}

    def parse(raw: Any) -> Any:
        key = (type(raw), raw)
        try:
            return seen[key]
        except KeyError:
            value = general(raw)
            if len(seen) < MEMO_LIMIT:
                seen[key] = value
            return value
        except TypeError:  # an unhashable value: parse it every time
            return general(raw)

    return parse
