"""Properties of the stratified-results checks over generated partitions of a total."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_check_cases import run

FIELDS = {"measure_id": "text", "stratifier": "text", "stratum": "text",
          "denominator": {"type": "integer", "allow_suppressed": True},
          "numerator": {"type": "integer", "allow_suppressed": True},
          "rate": {"type": "percent", "allow_suppressed": True, "allow_na": True}}
STRATA = st.lists(st.tuples(st.integers(11, 5000), st.floats(0, 1)), min_size=2, max_size=8)


def _rows(strata: list[tuple[int, float]]) -> list[list[Any]]:
    counts = [(den, round(den * share)) for den, share in strata]
    den, num = sum(d for d, _ in counts), sum(n for _, n in counts)
    rows: list[list[Any]] = [["M", "total", "all", den, num, num / den]]
    rows += [["M", "sex", f"s{i}", d, n, n / d] for i, (d, n) in enumerate(counts)]
    return rows


def _case(rows: list[list[Any]], **params: Any) -> dict[str, Any]:
    return {"params": params, "tables": {"stratified_measures": {"fields": FIELDS,
                                                                 "rows": rows}}}


@settings(deadline=None, max_examples=60)
@given(STRATA)
def test_an_exact_partition_reconciles(strata: list[tuple[int, float]]) -> None:
    outcome, missing = run("strata_total", _case(_rows(strata)))
    assert missing is None and outcome is not None
    assert outcome.score == 1.0 and not outcome.findings


@settings(deadline=None, max_examples=60)
@given(STRATA, st.integers(1, 50), st.data())
def test_moving_a_stratum_count_is_found(strata: list[tuple[int, float]], shift: int,
                                         data: st.DataObject) -> None:
    rows = _rows(strata)
    row = rows[data.draw(st.integers(1, len(rows) - 1))]
    row[3] += shift  # the denominator no longer adds up
    outcome, _ = run("strata_total", _case(rows))
    assert outcome is not None and outcome.score == 0.0
    assert "strata_total.sum_mismatch" in {f.code for f in outcome.findings}


@settings(deadline=None, max_examples=60)
@given(STRATA)
def test_equal_rates_have_no_gap(strata: list[tuple[int, float]]) -> None:
    even = [(den * 10, 0.5) for den, _ in strata]
    outcome, _ = run("disparity", _case(_rows(even), stratifiers=["sex"], max_gap=0.0))
    assert outcome is not None and outcome.score == 1.0


@settings(deadline=None, max_examples=60)
@given(STRATA, st.floats(0, 1))
def test_a_looser_gap_target_never_scores_lower(strata: list[tuple[int, float]],
                                                tight: float) -> None:
    rows = _rows(strata)
    scores = []
    for gap in (tight, min(1.0, tight + 0.1)):
        outcome, _ = run("disparity", _case(rows, stratifiers=["sex"], max_gap=gap))
        scores.append(1.0 if outcome is None or outcome.score is None else outcome.score)
    assert scores[1] >= scores[0]
