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
           rid: str = "R-1", binding: bool = True) -> RequirementResult:
    if score_ is None and status in (Status.MET, Status.NOT_MET, Status.INCOMPLETE,
                                     Status.ERROR):
        score_ = 1.0 if status == Status.MET else 0.0
    return RequirementResult(id=rid, title="t", domain=domain, severity=severity, weight=weight,
                             citation="c", basis="structural" if binding else "unverified",
                             binding=binding, remediation="r", status=status, score=score_)


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


advisory_strategy = st.lists(st.builds(
    lambda status, value, severity, n: result(
        status, value if status == Status.PARTIALLY_MET else None, severity=severity,
        rid=f"A-{n}", binding=False),
    st.sampled_from(list(Status)), st.floats(0.01, 0.99),
    st.sampled_from(["critical", "major", "minor", "info"]), st.integers(0, 999)), max_size=10)


@given(results_strategy, advisory_strategy)
def test_advisory_requirements_never_decide_the_gate_or_the_compliance_score(
        binding: list[RequirementResult], advisory: list[RequirementResult]) -> None:
    alone, mixed = score(binding, RS), score([*binding, *advisory], RS)
    assert mixed.score == alone.score
    assert mixed.gate.passed == alone.gate.passed
    assert mixed.gate.reasons == alone.gate.reasons
    assert mixed.advisory_score == weighted_score(advisory)


@given(results_strategy, st.sampled_from([Status.PARTIALLY_MET, Status.NOT_MET,
                                          Status.INCOMPLETE, Status.ERROR]),
       st.floats(0.01, 0.99))
def test_a_binding_critical_requirement_not_fully_met_always_fails(
        results: list[RequirementResult], status: Status, value: float) -> None:
    gap = result(status, value if status == Status.PARTIALLY_MET else None,
                 severity="critical", rid="CRIT-1", weight=0.001)
    card = score([*results, gap], RS, fail_under=0)
    assert not card.gate.passed
    assert any("CRIT-1" in reason for reason in card.gate.reasons)


@given(results_strategy)
def test_incomplete_weighs_exactly_like_not_met(results: list[RequirementResult]) -> None:
    swapped = [r.model_copy(update={"status": Status.INCOMPLETE})
               if r.status is Status.NOT_MET else r for r in results]
    before, after = score(results, RS), score(swapped, RS)
    assert after.score == before.score and after.gate.passed == before.gate.passed


@pytest.mark.parametrize("fail_on", ["critical", "major", "minor"])
def test_fail_on_fails_any_binding_requirement_at_or_above_it_not_fully_met(
        fail_on: str) -> None:
    partial = result(Status.PARTIALLY_MET, 0.9, severity=fail_on, rid="P-1")
    card = score([partial], RS, fail_under=0, fail_on=fail_on)  # type: ignore[arg-type]
    assert not card.gate.passed
    below = {"critical": "major", "major": "minor", "minor": "info"}[fail_on]
    lower = result(Status.PARTIALLY_MET, 0.9, severity=below, rid="P-2")
    assert score([lower], RS, fail_under=0, fail_on=fail_on).gate.passed  # type: ignore[arg-type]
