"""Evidence the checker cannot read is a gap, never a pass: filings typed by hand.

Each workbook is a compliant template-built sample with one cell changed the way a
filer might change it. The requirement that reads the cell must not be met, and must
name the cell; a header typed wrong must be told as a workbook fix.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from openpyxl import load_workbook

from compliance.api import check_workbook
from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import RequirementResult, Status

Run = Callable[..., Result]
SAMPLE = (Path(__file__).resolve().parent.parent / "sample_submissions" / "oregon"
          / "cascade-community-health-2026q1.xlsx")


def edited(target: Path, sheet: str, cell: str, value: Any) -> Path:
    book = load_workbook(SAMPLE)
    book[sheet][cell] = value
    book.save(target)
    return target


def requirement(doc: ResultDocument, rid: str) -> RequirementResult:
    return next(r for r in doc.requirements if r.id == rid)


def test_the_sample_meets_everything_to_begin_with() -> None:
    doc = check_workbook(SAMPLE, "oregon-cco")
    assert requirement(doc, "LNG-02").status is Status.MET
    assert requirement(doc, "TRN-01").status is Status.MET
    assert requirement(doc, "GEN-03").status is Status.MET


@pytest.mark.parametrize("value", ["-", "TBD", "see note", None, "=B4-C4-D4"])
def test_requests_not_met_that_cannot_be_read_are_not_zero(tmp_path: Path,
                                                           value: str | None) -> None:
    doc = check_workbook(edited(tmp_path / "la.xlsx", "Language_Access", "E4", value),
                         "oregon-cco")
    for rid in ("LNG-02", "GEN-03"):
        result = requirement(doc, rid)
        assert result.status is Status.INCOMPLETE, rid
        assert result.score == 0
        assert any(f.sheet == "Language_Access" and f.cell == "E4" for f in result.findings)
        assert result.workbook_fix and "Then check the workbook again." in result.workbook_fix


def test_na_in_people_in_scope_cannot_inflate_training(tmp_path: Path) -> None:
    doc = check_workbook(edited(tmp_path / "t.xlsx", "Training", "D4", "N/A"), "oregon-cco")
    result = requirement(doc, "TRN-01")
    assert result.status is Status.INCOMPLETE
    assert [f.cell for f in result.findings] == ["D4"]
    assert "191%" not in json.dumps(result.model_dump())


def test_a_header_typo_is_told_as_a_workbook_fix(tmp_path: Path) -> None:
    doc = check_workbook(edited(tmp_path / "h.xlsx", "CAC_Roster", "A3", "Comittee ID"),
                         "oregon-cco")
    result = requirement(doc, "ADV-01")
    assert result.status is Status.INCOMPLETE
    finding = result.findings[0]
    assert finding.cell == "A3" and "'Comittee ID' at CAC_Roster!A3" in finding.message
    assert result.what_to_do.startswith(
        "Rename the header 'Comittee ID' at CAC_Roster!A3 to 'Committee ID'.")
    assert "Recruit" not in result.what_to_do


def test_the_portfolio_and_reports_show_incomplete(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    edited(folder / "dash.xlsx", "Language_Access", "E4", "-")
    out = tmp_path / "out"
    run_cli("batch", folder, "-o", out, "-q", "--format", "html,text")
    summary = json.loads((out / "summary.json").read_text())
    rows = {r["id"]: r["status"] for r in summary["submissions"][0]["requirements"]}
    assert rows["LNG-02"] == "incomplete"
    page = (out / "index.html").read_text()
    assert "incomplete" in page
    text = (out / "reports" / "dash.txt").read_text()
    assert "INCOMPLETE" in text and "[Language_Access!E4]" in text
