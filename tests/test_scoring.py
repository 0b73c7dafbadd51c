"""Scoring: weighted roll-ups, the gate, and invariants that hold for any results."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.evaluation.results import RequirementResult, Status
from compliance.evaluation.scoring import score, weighted_score
from compliance.model.requirement import RequirementSet
from compliance.sets.loader import load_requirement_set
from tests.conftest import MINIMAL_SET

RS: RequirementSet = load_requirement_set(MINIMAL_SET)
DOMAINS = [d.id for d in RS.domains]


def result(status: Status, score_: float | None = None, *, weight: float = 1.0,
           severity: str = "major", domain: str = "reporting",
           rid: str = "R-1") -> RequirementResult:
    if score_ is None and status in (Status.MET, Status.NOT_MET, Status.ERROR):
        score_ = 1.0 if status == Status.MET else 0.0
    return RequirementResult(id=rid, title="t", domain=domain, severity=severity, weight=weight,
                             citation="c", basis="structural", remediation="r", status=status,
                             score=score_)


results_strategy = st.lists(st.builds(
    lambda status, value, weight, severity, domain, n: result(
        status, value if status == Status.PARTIALLY_MET else None, weight=weight,
        severity=severity, domain=domain, rid=f"R-{n}"),
    st.sampled_from(list(Status)), st.floats(0.01, 0.99), st.floats(0, 10),
    st.sampled_from(["critical", "major", "minor", "info"]), st.sampled_from(DOMAINS),
    st.integers(0, 999)), max_size=30)


@given(results_strategy)
def test_score_is_within_bounds(results: list[RequirementResult]) -> None:
    value = weighted_score(results)
    assert value is None or 0 <= value <= 100
    card = score(results, RS)
    for domain in card.domains:
        assert domain.score is None or 0 <= domain.score <= 100


@given(results_strategy, st.randoms())
def test_score_ignores_order(results: list[RequirementResult], rnd: object) -> None:
    shuffled = list(results)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert weighted_score(shuffled) == weighted_score(results)
    assert score(shuffled, RS).gate.passed == score(results, RS).gate.passed


@given(results_strategy, st.floats(0.01, 10))
def test_adding_a_met_requirement_never_lowers_the_score(results: list[RequirementResult],
                                                         weight: float) -> None:
    before = weighted_score(results)
    after = weighted_score([*results, result(Status.MET, weight=weight)])
    assert after is not None
    assert before is None or after >= before - 1e-9


@given(results_strategy)
def test_not_applicable_and_waived_do_not_count(results: list[RequirementResult]) -> None:
    extra = [result(Status.NOT_APPLICABLE), result(Status.WAIVED, weight=50)]
    assert weighted_score([*results, *extra]) == weighted_score(results)


def test_weights_and_partial_credit() -> None:
    value = weighted_score([result(Status.MET, weight=3), result(Status.PARTIALLY_MET, 0.5),
                            result(Status.NOT_MET)])
    assert value == pytest.approx(100 * 3.5 / 5)


def test_error_counts_as_zero() -> None:
    assert weighted_score([result(Status.MET), result(Status.ERROR)]) == 50


def test_gate_fails_on_critical_not_met_even_with_high_score() -> None:
    results = [result(Status.MET, weight=99, rid="A"),
               result(Status.NOT_MET, severity="critical", rid="B")]
    card = score(results, RS)
    assert card.score == 99
    assert not card.gate.passed
    assert card.gate.reasons == ("critical requirement B is not met",)


def test_gate_overrides() -> None:
    results = [result(Status.MET, rid="A"), result(Status.NOT_MET, severity="minor", rid="B")]
    assert not score(results, RS).gate.passed  # 50 < pass mark 80
    assert score(results, RS, fail_under=50).gate.passed
    assert not score(results, RS, fail_under=50, fail_on="minor").gate.passed


def test_nothing_applicable_has_no_score_and_passes() -> None:
    card = score([result(Status.NOT_APPLICABLE)], RS)
    assert card.score is None and card.gate.passed
