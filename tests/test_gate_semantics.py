"""The gate follows the contract: advisory clauses never decide it (the review's experiments)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from compliance.api import check_workbook
from compliance.evaluation.results import GAP_STATUSES

SAMPLES = Path(__file__).resolve().parent.parent / "sample_submissions"


def without_rows(source: Path, target: Path, sheets: tuple[str, ...]) -> Path:
    """A copy whose sheets keep their headers (row 3) but no records."""
    book = load_workbook(source)
    for name in sheets:
        book[name].delete_rows(4, book[name].max_row)
    book.save(target)
    return target


def test_a_filing_lacking_only_clauses_not_found_in_its_contract_passes(tmp_path: Path) -> None:
    # No committee, no equity officer, no health equity plan, no training log: clauses the
    # Washington set marks unverified (not found in Washington's contract).
    filing = without_rows(SAMPLES / "washington" / "puget-sound-wellness-2026q1.xlsx",
                          tmp_path / "wa.xlsx", ("Committee_Roster", "Committee_Meetings",
                                                 "Key_Personnel", "Training", "Deliverables"))
    doc = check_workbook(filing, "washington-apple-health")
    gaps = [r for r in doc.requirements if r.status in GAP_STATUSES]
    assert gaps, "the filing has gaps"
    assert all(not r.binding for r in gaps), [r.id for r in gaps if r.binding]
    assert doc.summary.passed
    assert doc.summary.advisory_score is not None and doc.summary.advisory_score < 100
    assert doc.summary.score == 100


def test_the_report_says_which_clauses_are_binding(tmp_path: Path) -> None:
    from compliance.render.text import render_text

    doc = check_workbook(SAMPLES / "louisiana" / "pelican-care-2026q1.xlsx",
                         "louisiana-healthy-la")
    text = render_text(doc)
    assert "unverified" in text and "advisory" in text and "binding" in text
    assert "confirm against the contract before enforcing" in text
