"""Evaluation end to end on tiny workbooks: statuses, reasons, isolation of failures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from compliance.api import check_workbook
from compliance.evaluation.engine import evaluate
from compliance.evaluation.results import Status
from compliance.reader.bind import read_submission
from compliance.sets.loader import load_requirement_set
from tests.conftest import MINIMAL_SET
from tests.workbooks import cover, write_workbook

EXPECTED = {
    "compliant": {"GEN-01": "met", "ADV-01": "met", "ADV-04": "met", "DEM-01": "met",
                  "NET-01": "not_applicable", "BIG-01": "not_applicable"},
    "failing": {"GEN-01": "met", "ADV-01": "partially_met", "ADV-04": "not_met",
                "DEM-01": "not_met", "NET-01": "not_applicable", "BIG-01": "not_applicable"},
    "messy": {"GEN-01": "met", "ADV-01": "met", "ADV-04": "met", "DEM-01": "met",
              "NET-01": "not_applicable", "BIG-01": "not_applicable"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_statuses_per_requirement(name: str, sample: Callable[[str], Path]) -> None:
    doc = check_workbook(sample(name), MINIMAL_SET)
    assert {r.id: r.status.value for r in doc.requirements} == EXPECTED[name]
    assert doc.summary.passed is (name != "failing")


def test_partial_credit_and_reasons(sample: Callable[[str], Path]) -> None:
    doc = check_workbook(sample("failing"), MINIMAL_SET)
    by_id = {r.id: r for r in doc.requirements}
    # CAC-1 has 4 consumers of 10: credit rises linearly from 30% to the 51% target.
    assert by_id["ADV-01"].score == pytest.approx((0.4 - 0.3) / (0.51 - 0.3), abs=1e-4)
    assert any("CAC-1" in f.message for f in by_id["ADV-01"].findings)
    assert by_id["NET-01"].reason == "in effect from 2027-07-09, after this reporting period"
    assert by_id["BIG-01"].reason == "applies only when Cover 'Enrollment' is more than 100000"
    assert not doc.summary.passed
    assert any("below the pass mark" in r for r in doc.summary.gate.reasons)


def test_missing_sheets_are_findings_not_errors(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "cover.xlsx", {"Cover": cover()})
    doc = check_workbook(path, MINIMAL_SET)
    by_id = {r.id: r for r in doc.requirements}
    # A missing sheet is missing evidence: incomplete, scored 0, a gap like not met.
    assert by_id["ADV-01"].status == Status.INCOMPLETE and by_id["ADV-01"].score == 0
    assert by_id["ADV-01"].findings[0].code == "evidence.sheet_missing"
    assert all(r.status != Status.ERROR for r in doc.requirements)


def test_a_crashing_check_becomes_an_error_and_others_go_on(
        sample: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from compliance.checks import CHECKS

    def boom(params: object, submission: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(CHECKS["share"], "check", boom)
    rs = load_requirement_set(MINIMAL_SET)
    results = evaluate(rs, read_submission(sample("compliant"), rs.workbook))
    by_id = {r.id: r for r in results}
    assert by_id["ADV-01"].status == Status.ERROR
    assert "RuntimeError: boom" in (by_id["ADV-01"].reason or "")
    assert by_id["ADV-04"].status == Status.MET


def test_missing_period_keeps_dated_requirements_applicable(tmp_path: Path) -> None:
    rows = [r for r in cover() if r[0] not in ("Reporting period start", "Reporting period end")]
    doc = check_workbook(write_workbook(tmp_path / "noperiod.xlsx", {"Cover": rows}), MINIMAL_SET)
    by_id = {r.id: r for r in doc.requirements}
    assert by_id["GEN-01"].status == Status.PARTIALLY_MET
    assert by_id["NET-01"].status != Status.NOT_APPLICABLE


def test_missing_sheet_is_reported_once_per_requirement(tmp_path: Path) -> None:
    text = MINIMAL_SET.read_text(encoding="utf-8").replace(
        "    remediation: Recruit consumer members until they are at least 51% of each committee.",
        "      - type: row_count\n        sheet: committee_roster\n        target: {at_least: 1}\n"
        "    remediation: Recruit consumer members until they are at least 51% of each committee.")
    set_path = tmp_path / "twice.yaml"
    set_path.write_text(text.replace("id: minimal", "id: twice", 1), encoding="utf-8")
    path = write_workbook(tmp_path / "cover.xlsx", {"Cover": cover()})
    adv = next(r for r in check_workbook(path, set_path).requirements if r.id == "ADV-01")
    assert len(adv.checks) == 2
    assert [f.code for f in adv.findings] == ["evidence.sheet_missing"]
