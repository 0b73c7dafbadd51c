"""Property: checks that decide per distinct value and per column give what cell-by-cell did.

Tables of awkward values (blanks, N/A and Suppressed tokens, unreadable values wrapping
`True`, `1` and `1.0`, which Python holds equal, NaN, -0.0, dates beside datetimes, codes
in odd case and spacing) are checked both ways: the checks as they are, and the
cell-by-cell forms kept in tests/reference_checks.py. Outcomes, findings (their order,
text and cells) and missing evidence must be the same. Small thresholds are patched in
now and then so the paths for many distinct values and many findings run on small tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from compliance.checks import completeness, consistency, evidence, records, share, valid_values
from compliance.checks.operand import Aggregate
from compliance.checks.records import Records
from compliance.evaluation import valueindex
from compliance.evaluation.condition import row_mask
from compliance.evaluation.results import LISTED_FINDINGS
from compliance.evaluation.submission import (
    NA,
    SUPPRESSED,
    Column,
    EvidenceMissing,
    Invalid,
    Submission,
)
from compliance.model.condition import Condition
from tests import reference_checks as reference
from tests.builders import make_submission

FIELDS: dict[str, Any] = {
    "code": {"type": "choice", "codes": [{"code": "a", "label": "Alpha"}, "b",
                                         {"code": "unknown", "label": "Not known"}]},
    "count": {"type": "integer", "allow_na": True, "allow_suppressed": True},
    "total": "number",
    "ratio": "percent",
    "note": "text",
    "when": "date",
}
NAMES = list(FIELDS)
RAW: list[Any] = [True, False, 0, 1, 1.0, 2, 130, -1, 0.0, -0.0, 1.5, 0.5, "a", "A", " a ", "b",
                  "unknown", "Unknown", "self", "x-1", dt.date(2026, 1, 1),
                  dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 1, 12)]
VALUES = st.one_of(
    st.none(), st.just(NA), st.just(SUPPRESSED), st.sampled_from(RAW),
    st.builds(float, st.just("nan")),
    st.builds(Invalid, st.sampled_from([True, 1, 1.0, "forty", "#REF!"]),
              st.sampled_from(["not a number", "not a date"])))
LITERALS: list[Any] = [True, False, 0, 1, 1.5, 130, "a", "A", "Unknown", " b ", "x-1",
                       dt.date(2026, 1, 1)]
CONDITION: TypeAdapter[Any] = TypeAdapter(Condition)
settings.register_profile("columnar", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])


@st.composite
def tables(draw: st.DrawFn) -> Submission:
    """A one-table submission whose columns repeat a few values, as rosters do."""
    rows = draw(st.integers(0, 40))
    submission = make_submission(tables={"roster": (FIELDS, [[None] * len(FIELDS)] * rows)})
    table = submission.tables["roster"]
    columns = {}
    for name, column in table.columns.items():
        pool = draw(st.lists(VALUES, min_size=1, max_size=6))
        values = [draw(st.sampled_from(pool)) for _ in range(rows)]
        columns[name] = Column(column.spec, column.letter, column.header, values)
    return dataclasses.replace(submission, tables={
        "roster": dataclasses.replace(table, columns=columns)})


def _compare(draw: st.DrawFn) -> dict[str, Any]:
    field, op = draw(st.sampled_from(NAMES)), draw(st.sampled_from([
        "eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "blank", "not_blank", "matches",
        "contains", "valid", "invalid", "na", "suppressed"]))
    if op in ("blank", "not_blank", "valid", "invalid", "na", "suppressed"):
        return {"field": field, "op": op}
    if op in ("in", "not_in"):
        return {"field": field, "op": op, "value": draw(st.lists(st.sampled_from(LITERALS),
                                                                 min_size=1, max_size=3))}
    if op == "matches":
        return {"field": field, "op": op, "value": draw(st.sampled_from(["^a", "(?i)unknown",
                                                                          r"\d"]))}
    if draw(st.booleans()):
        return {"field": field, "op": op, "other": draw(st.sampled_from(NAMES))}
    return {"field": field, "op": op, "value": draw(st.sampled_from(LITERALS))}


@st.composite
def conditions(draw: st.DrawFn, depth: int = 2) -> dict[str, Any]:
    """A condition over the table's fields, nested up to `depth` levels."""
    kind = draw(st.sampled_from(["compare", "compare", "all", "any", "not"])) if depth else (
        "compare")
    if kind == "compare":
        return _compare(draw)
    if kind == "not":
        return {"not": draw(conditions(depth - 1))}
    return {kind: draw(st.lists(conditions(depth - 1), min_size=1, max_size=3))}


def _where(data: st.DataObject) -> Any:
    return CONDITION.validate_python(data.draw(conditions())) if data.draw(st.booleans()) else (
        None)


def _both(new: Callable[[], Any], old: Callable[[], Any]) -> tuple[Any, Any]:
    """Each side's result, or the findings of the evidence it found missing."""
    results = []
    for run in (new, old):
        try:
            results.append(run())
        except EvidenceMissing as missing:
            results.append(("missing", missing.findings))
    return results[0], results[1]


@settings(settings.get_profile("columnar"))
@given(tables(), conditions(), st.sampled_from([4, 4096]))
def test_a_condition_mask_matches_the_record_by_record_test(
        submission: Submission, raw: dict[str, Any], sample: int) -> None:
    cond, table = CONDITION.validate_python(raw), submission.tables["roster"]
    with patch.object(valueindex, "SAMPLE", sample):
        assert row_mask(cond, table) == reference.row_flags(cond, table)


@settings(settings.get_profile("columnar"))
@given(tables(), st.data(), st.sampled_from([4, 4096]), st.sampled_from([3, LISTED_FINDINGS]))
def test_valid_values_matches_judging_every_cell(submission: Submission, data: st.DataObject,
                                                 sample: int, listed: int) -> None:
    draw = data.draw
    rules = draw(st.lists(st.sampled_from([
        {"column": "code", "codes": ["a", "b"]}, {"column": "note", "codes": ["A", "self"]},
        {"column": "count", "min": 0, "max": 120}, {"column": "total", "min": 1},
        {"column": "note", "pattern": "[a-z]-\\d", "meaning": "a letter, a dash, a digit"},
        {"column": "code", "pattern": "(?i)unknown"}]), max_size=3))
    params = valid_values.Params.model_validate({
        "type": "valid_values", "sheet": "roster", "where": _where(data), "rules": rules,
        "columns": draw(st.none() | st.lists(st.sampled_from(NAMES), max_size=3, unique=True)),
        "required_columns": draw(st.lists(st.sampled_from(NAMES), max_size=2, unique=True))})
    with patch.object(valueindex, "SAMPLE", sample), \
            patch.object(valid_values, "LISTED_FINDINGS", listed):
        new, old = _both(lambda: valid_values.check(params, submission),
                         lambda: reference.valid_values_check(params, submission))
    if isinstance(old, tuple):
        assert new == old
        return
    assert new.model_copy(update={"findings": (), "unlisted": 0}) == old.model_copy(
        update={"findings": ()})
    assert new.findings == old.findings[:listed]
    assert new.unlisted == max(len(old.findings) - listed, 0)


@settings(settings.get_profile("columnar"))
@given(tables(), st.data(), st.sampled_from([4, 4096]), st.sampled_from([3, 50]))
def test_unreadable_cells_are_found_as_one_by_one(submission: Submission, data: st.DataObject,
                                                  sample: int, shown: int) -> None:
    rows = Records(submission.tables["roster"])
    fields = data.draw(st.lists(st.sampled_from([*NAMES, None]), max_size=4))
    indexes = sorted(data.draw(st.sets(st.integers(0, max(len(rows) - 1, 0)))) & set(
        range(len(rows))))
    blank = data.draw(st.booleans())
    with patch.object(valueindex, "SAMPLE", sample), patch.object(evidence, "SHOWN", shown):
        assert evidence.unreadable(rows, fields, indexes, blank=blank) == reference.unreadable(
            rows, fields, indexes, blank=blank)
        everything = range(len(rows))
        assert evidence.unreadable(rows, fields, everything, blank=blank) == (
            reference.unreadable(rows, fields, list(everything), blank=blank))


@settings(settings.get_profile("columnar"))
@given(tables(), st.data(), st.sampled_from([4, 4096]))
def test_consistency_matches_reading_every_operand(submission: Submission, data: st.DataObject,
                                                   sample: int) -> None:
    draw = data.draw
    test: dict[str, Any] = draw(st.sampled_from([
        {"rule": {"left": draw(st.lists(st.sampled_from(["count", "total", "ratio"]),
                                        min_size=1, max_size=2)),
                  "op": draw(st.sampled_from(["eq", "lt", "le", "gt", "ge"])),
                  "right": ["total"], "tolerance": draw(st.sampled_from([0, 0.5]))}},
        {"rate": {"rate": "ratio", "numerator": "count", "denominator": "total"}},
        {"rate": {"rate": "total", "numerator": "count", "denominator": "ratio",
                  "scale": 100}}]))
    params = consistency.Params.model_validate({
        "type": "consistency", "sheet": "roster", "where": _where(data), **test,
        "require_values": draw(st.booleans())})
    with patch.object(valueindex, "SAMPLE", sample):
        new, old = _both(lambda: consistency.check(params, submission),
                         lambda: reference.consistency_check(params, submission))
    assert new == old


@settings(settings.get_profile("columnar"))
@given(tables(), st.data(), st.sampled_from([4, 4096]))
def test_an_aggregate_matches_reading_every_value(submission: Submission, data: st.DataObject,
                                                  sample: int) -> None:
    fn = data.draw(st.sampled_from(["count", "distinct_count", "sum", "max"]))
    column = data.draw(st.sampled_from(NAMES))
    aggregate = Aggregate(sheet="roster", fn=fn, column=column, where=_where(data))
    rows = Records(submission.tables["roster"])
    with patch.object(valueindex, "SAMPLE", sample):
        new, old = _both(lambda: aggregate.value(submission)[0], lambda: reference.aggregate_of(
            fn, rows.values(column), reference.require_rows(
                rows, aggregate.where, [column], blank=fn not in ("count", "distinct_count"))))
    assert new == old or (new != new and old != old)  # NaN sums to NaN both ways


@settings(settings.get_profile("columnar"))
@given(tables(), st.data(), st.sampled_from([4, 4096]))
def test_a_share_tallies_as_testing_each_record(submission: Submission, data: st.DataObject,
                                                sample: int) -> None:
    draw = data.draw
    params = share.Params.model_validate({
        "type": "share", "sheet": "roster", "where": _where(data),
        "condition": CONDITION.validate_python(draw(conditions())),
        "target": {"at_least": 0.5},
        "group_by": draw(st.none() | st.sampled_from(["code", "note"])),
        "weight_by": draw(st.none() | st.sampled_from(["count", "total"]))})
    table = submission.tables["roster"]
    with patch.object(valueindex, "SAMPLE", sample), patch.object(share, "KEPT_ROWS", 3):
        found: dict[object, list[int]] = {}
        expected: dict[object, list[int]] = {}
        new, old = _both(lambda: share._tally(params, table, found),
                         lambda: reference.share_tally(params, table, expected))
    assert repr(new) == repr(old) and found == expected  # NaN weights add up to NaN both ways


@settings(settings.get_profile("columnar"))
@given(tables(), st.data(), st.sampled_from([4, 4096]))
def test_completeness_tallies_as_classifying_each_cell(submission: Submission,
                                                       data: st.DataObject, sample: int) -> None:
    draw = data.draw
    params = completeness.Params.model_validate({
        "type": "completeness", "sheet": "roster", "where": _where(data),
        "columns": draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True)),
        "row_rule": draw(st.sampled_from(["all", "any"])),
        "declined": draw(st.sampled_from([[], ["b"], ["A", "1"]])),
        "unknown": draw(st.sampled_from([[], ["unknown"], ["true", "x-1"]])),
        "count_declined_as": draw(st.sampled_from(["complete", "missing"])),
        "weight_by": draw(st.none() | st.sampled_from(["count", "total"])),
        "target": {"at_least": 0.9}})
    rows = Records(submission.tables["roster"])
    with patch.object(valueindex, "SAMPLE", sample), patch.object(completeness, "KEPT_ROWS", 3):
        found: list[int] = []
        expected: list[int] = []
        new, old = _both(lambda: completeness._tally(params, rows, found),
                         lambda: reference.completeness_tally(params, rows, expected))
    assert repr(new) == repr(old) and found == expected  # NaN weights add up to NaN both ways


@given(st.lists(st.integers(2, 400), max_size=300) | st.lists(st.integers(2, 60), max_size=300))
def test_row_ranges_are_the_runs_of_consecutive_rows(rows: list[int]) -> None:
    assert records.row_cells("C", rows) == reference.row_cells("C", rows)
    ordered = sorted(set(rows))
    assert records.row_cells("C", ordered) == reference.row_cells("C", ordered)
