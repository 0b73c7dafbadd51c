"""Value parsing: what filers type, and that no cell value can make it raise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.evaluation.submission import NA, SUPPRESSED, Invalid
from compliance.model.workbook import (
    DEFAULT_DATE_FORMATS,
    DEFAULT_NA_TOKENS,
    DEFAULT_SUPPRESSED_TOKENS,
    FieldSpec,
)
from compliance.reader.values import Tokens, parse_value, parser_for

TOKENS = Tokens.of(DEFAULT_NA_TOKENS, DEFAULT_SUPPRESSED_TOKENS, DEFAULT_DATE_FORMATS)


def spec(kind: str, **extra: Any) -> FieldSpec:
    if kind == "choice":
        extra.setdefault("codes", [{"code": "enrollee", "label": "Current enrollee",
                                    "aliases": ["member"]}, "caregiver"])
    return FieldSpec(id="f", label="F", type=kind, **extra)


@pytest.mark.parametrize(("kind", "raw", "expected"), [
    ("integer", "1,234", 1234),
    ("integer", 12.0, 12),
    ("integer", " 7 ", 7),
    ("number", "3.5", 3.5),
    ("number", "$1,200.50", 1200.5),
    ("percent", 0.51, 0.51),
    ("percent", 51, 0.51),
    ("percent", "51%", 0.51),
    ("percent", "51.5 %", 0.515),
    ("date", dt.datetime(2026, 3, 31, 0, 0), dt.date(2026, 3, 31)),
    ("date", "2026-03-31", dt.date(2026, 3, 31)),
    ("date", "03/31/2026", dt.date(2026, 3, 31)),
    ("date", 46112.0, dt.date(2026, 3, 31)),
    ("yes_no", "Y", True),
    ("yes_no", "no", False),
    ("yes_no", "TRUE", True),
    ("yes_no", True, True),
    ("choice", "Current Enrollee ", "enrollee"),
    ("choice", "MEMBER", "enrollee"),
    ("choice", "caregiver", "caregiver"),
    ("text", "  padded  ", "padded"),
    ("text", 123.0, "123"),
    ("email", "equity@plan.example.org", "equity@plan.example.org"),
    ("url", "https://plan.example.org/minutes", "https://plan.example.org/minutes"),
])
def test_tolerated_spellings(kind: str, raw: Any, expected: Any) -> None:
    assert parse_value(raw, spec(kind), TOKENS) == expected
    assert parser_for(spec(kind), TOKENS)(raw) == expected


@pytest.mark.parametrize(("kind", "raw"), [
    ("integer", "12.5"), ("integer", "abc1"), ("number", "1,2,3x"), ("percent", "half"),
    ("date", "31/31/2026"), ("date", 2994626.0), ("yes_no", "maybe"), ("choice", "stranger"),
    ("email", "not-an-email"), ("url", "javascript:alert(1)"), ("url", "ftp://x.org"),
])
def test_values_that_do_not_fit_are_invalid(kind: str, raw: Any) -> None:
    value = parse_value(raw, spec(kind), TOKENS)
    assert isinstance(value, Invalid) and value.raw == raw and value.reason


def test_day_first_dates_are_explained() -> None:
    value = parse_value("30/06/2026", spec("date"), TOKENS)
    assert isinstance(value, Invalid) and "day/month/year" in value.reason
    assert parse_value("06/30/2026", spec("date"), TOKENS) == dt.date(2026, 6, 30)


@pytest.mark.parametrize("raw", [
    "October 22, 2026", "Oct 22, 2026", "22 October 2026", "22-Oct-2026", "22-Oct-26",
    "2026.10.22", "2026/10/22", "2026-10-22 14:30", "2026-10-22T14:30:00",
    "10/22/2026 2:30 PM", "Oct 22, 2026 9:00 am", 46317.5,
    dt.datetime(2026, 10, 22, 14, 30),
])
def test_dates_as_people_type_them(raw: Any) -> None:
    assert parse_value(raw, spec("date"), TOKENS) == dt.date(2026, 10, 22)


@pytest.mark.parametrize("raw", ["04/31/2027", "2027-02-29", "February 30, 2026", "31-Jun-2026"])
def test_a_day_past_the_end_of_its_month_is_no_such_date(raw: str) -> None:
    value = parse_value(raw, spec("date"), TOKENS)
    assert isinstance(value, Invalid) and value.reason.startswith("no such date: ")
    assert value.reason.endswith(("has 30 days", "has 28 days"))


def test_no_such_date_names_the_month() -> None:
    value = parse_value("04/31/2027", spec("date"), TOKENS)
    assert isinstance(value, Invalid) and value.reason == "no such date: April 2027 has 30 days"


def test_blank_and_tokens() -> None:
    assert parse_value("   ", spec("integer"), TOKENS) is None
    assert parse_value(None, spec("integer"), TOKENS) is None
    assert parse_value("n/a", spec("integer", allow_na=True), TOKENS) is NA
    assert parse_value("Data not available", spec("integer", allow_na=True), TOKENS) is NA
    assert parse_value("suppressed", spec("integer", allow_suppressed=True), TOKENS) is SUPPRESSED
    assert isinstance(parse_value("N/A", spec("integer"), TOKENS), Invalid)
    assert isinstance(parse_value("Suppressed", spec("number"), TOKENS), Invalid)


def test_range_and_pattern_rules() -> None:
    assert isinstance(parse_value(-1, spec("integer", min=0), TOKENS), Invalid)
    assert parse_value(5, spec("integer", min=0, max=5), TOKENS) == 5
    assert isinstance(parse_value("ABC", spec("text", pattern=r"\d+"), TOKENS), Invalid)


cell_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=80), st.dates(), st.datetimes(), st.times(),
)


@given(raw=cell_values, kind=st.sampled_from(
    ["text", "integer", "number", "percent", "date", "yes_no", "choice", "email", "url"]),
    na=st.booleans(), suppressed=st.booleans())
def test_parsing_never_raises(raw: Any, kind: str, na: bool, suppressed: bool) -> None:
    field = spec(kind, allow_na=na, allow_suppressed=suppressed)
    parsers: list[Callable[[Any], Any]] = [parser_for(field, TOKENS)]
    parsers.append(lambda r: parse_value(r, field, TOKENS))
    for parse in parsers:
        value = parse(raw)
        assert value is None or value in (NA, SUPPRESSED) or isinstance(
            value, Invalid | str | int | float | bool | dt.date)
