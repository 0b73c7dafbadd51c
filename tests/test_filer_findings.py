"""Findings a filer can act on, on filings typed into the template (and saved by Calc)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from compliance.api import check_workbook
from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import Status
from compliance.render.suppress import report_context
from tests.filings import SAMPLES, edited, replace_values, through_libreoffice


def _statuses(doc: ResultDocument) -> dict[str, Status]:
    return {r.id: r.status for r in doc.requirements}


def _category_labels(book: Workbook) -> None:
    sheet = book["Member_Demographics"]
    assert replace_values(sheet, "Category code", "hispanic", "Hispanic or Latino")
    assert replace_values(sheet, "Category code", "declined", "Declined to answer")
    assert replace_values(sheet, "Category code", "unknown", "Unknown")


def test_category_labels_are_read_as_their_codes(tmp_path: Path) -> None:
    path = edited(tmp_path / "labels.xlsx", _category_labels)
    statuses = _statuses(check_workbook(path, "oregon-cco"))
    for rid in ("DEM-03", "DEM-04", "DEM-09", "DEM-12"):
        assert statuses[rid] == Status.MET, rid


def test_category_labels_saved_by_libreoffice(tmp_path: Path) -> None:
    path = through_libreoffice(edited(tmp_path / "labels.xlsx", _category_labels))
    statuses = _statuses(check_workbook(path, "oregon-cco"))
    assert statuses["DEM-03"] == statuses["DEM-04"] == Status.MET


def test_counts_of_committees_keys_and_rows_are_not_withheld() -> None:
    doc = check_workbook(SAMPLES / "federal" / "mesa-verde-health-plan-2026q1.xlsx",
                         "federal-baseline")
    details = " ".join(s.detail for s in report_context(doc, suppress=True).settled)
    assert "Known committees: 100% (" in details and "ids resolved" in details
    assert "<11" not in details, details
