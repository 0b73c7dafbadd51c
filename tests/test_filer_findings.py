"""Findings a filer can act on, on filings typed into the template (and saved by Calc)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from compliance.api import check_workbook
from compliance.checks import consistency
from compliance.checks.base import num
from compliance.checks.records import MAX_RUNS, row_cells
from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import Status
from compliance.render.suppress import report_context
from tests.builders import make_submission
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
    doc = check_workbook(SAMPLES / "oregon" / "cascade-community-health-2026q1.xlsx",
                         "oregon-cco")
    # Clinic counts (SNP-01) are ratios of a requirement that reads member data, so they
    # are withheld on the safe side; committees, keys and rows never are.
    details = " ".join(s.detail for s in report_context(doc, suppress=True).settled
                       if not s.id.startswith("SNP-"))
    assert "Known committees: 100% (" in details and "ids resolved" in details
    assert "<11" not in details, details


def _typed_by_hand(book: Workbook) -> None:
    roster, meetings = book["CAC_Roster"], book["CAC_Meetings"]
    for row in (18, 19, 20):  # a second council, of county officials, that never met
        roster.cell(row=row, column=1, value="CAC-COAST")
    meetings["B4"] = "22-Jan-2026"
    meetings["B5"] = "March 12, 2026"
    meetings["I5"] = "04/31/2026"
    book["Key_Personnel"]["E6"] = "October 22, 2025"


def _findings(doc: ResultDocument, rid: str) -> list[tuple[str, str | None]]:
    result = next(r for r in doc.requirements if r.id == rid)
    return [(f.message, f.location) for f in result.findings]


def _as_saved(path: Path) -> Path:
    return path


@pytest.mark.parametrize("save", [_as_saved, through_libreoffice], ids=["openpyxl", "calc"])
def test_findings_on_a_filing_typed_by_hand(tmp_path: Path,
                                            save: Callable[[Path], Path]) -> None:
    doc = check_workbook(save(edited(tmp_path / "typed.xlsx", _typed_by_hand)), "oregon-cco")
    # A council with no meeting points at its own roster rows, not at the other's meetings.
    assert [loc for _, loc in _findings(doc, "OR-CAC-03")] == ["CAC_Roster!A18:A20"]
    # Its consumer share points at its own seats only.
    assert [loc for _, loc in _findings(doc, "ADV-01")] == ["CAC_Roster!D18:D20"]
    # Typed dates are read; a day that does not exist is said to be so.
    minutes = _findings(doc, "ADV-07")
    assert len(minutes) == 1 and "no such date" in minutes[0][0]
    assert minutes[0][1] == "CAC_Meetings!I5"
    # A cut-off is explained with the date it is measured from.
    [(vacancy, spot)] = _findings(doc, "HEO-02")
    assert spot == "Key_Personnel!E6"
    assert ("2025-10-22: more than 90 days before Cover 'Reporting period end' 2026-03-31 "
            "(the earliest allowed date is 2025-12-31)") in vacancy


def test_exact_cells_of_a_completeness_gap(tmp_path: Path) -> None:
    def unknown_race(book: Workbook) -> None:
        sheet = book["Member_Demographics"]
        # REALD: no imputed rows, so white is self, proxy and state file.
        assert replace_values(sheet, "Category code", "white", "unknown") == [4, 5, 6]

    doc = check_workbook(edited(tmp_path / "unknown.xlsx", unknown_race), "oregon-cco")
    [(message, where)] = _findings(doc, "DEM-01")
    # Only the race rows counted unknown, not every row of the column (which runs to 73).
    assert where is not None and where.startswith("Member_Demographics!B4:B6")
    assert all(int(part.strip().lstrip("B").split(":")[-1].lstrip("B")) <= 37
               for part in where.split("!")[1].split(","))
    # Imputed and unknown answers are not known: the finding says what counts.
    assert "Unknown" in message and "Self-reported" in message


def test_the_value_found_is_stated_in_the_filers_words(tmp_path: Path) -> None:
    def four_prenatal_visits(book: Workbook) -> None:
        book["Benefits"]["C4"] = 4  # the doula benefit: Louisiana requires 5

    source = SAMPLES / "louisiana" / "bayou-health-partners-2026q1.xlsx"
    doc = check_workbook(edited(tmp_path / "benefit.xlsx", four_prenatal_visits, source),
                         "louisiana-healthy-la")
    [(benefit, where)] = _findings(doc, "THW-04")
    assert where == "Benefits!C4"
    assert "Row 4, where Service is Doula, has Prenatal visits covered 4 (required: at least 5)" \
        in benefit
    # No condition syntax and no internal codes.
    assert "('" not in benefit and " = " not in benefit and "doula" not in benefit


def test_explain_states_conditions_in_words(run_cli: Callable[..., Result]) -> None:
    result = run_cli("explain", "HEO-01", "--set", "model-clauses")
    assert result.exit_code == 0
    assert "reads:     rows where Position is Health equity officer and Name is filled in" \
        in result.output
    council = run_cli("explain", "ADV-01", "--set", "oregon-cco").output
    assert "counts:    those where Role is Caregiver or (Role is one of Current enrollee or " \
        "Former enrollee and" in council


@given(st.sets(st.integers(min_value=2, max_value=400), max_size=60))
def test_row_cells_name_exactly_the_rows_given(rows: set[int]) -> None:
    text = row_cells("C", rows)
    named: set[int] = set()
    for part in (text or "").split(", "):
        if not part:
            continue
        first, _, last = part.partition(":")
        named |= set(range(int(first[1:]), int((last or first)[1:]) + 1))
    runs = 0 if not text else len(text.split(", "))
    assert named <= rows
    assert named == rows or runs == MAX_RUNS


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=10_000),
       st.integers(min_value=0, max_value=2))
def test_a_rate_rounded_as_typed_always_agrees(top: int, bottom: int, places: int) -> None:
    top = min(top, bottom)
    typed = round(top / bottom * 100, places)
    params = {"sheet": "measures", "rate": {"rate": "rate", "numerator": "numerator",
                                            "denominator": "denominator"}}
    sub = make_submission(tables={"measures": (
        {"numerator": "integer", "denominator": "integer", "rate": "percent"},
        [[top, bottom, f"{typed}%"]])})
    outcome = consistency.check(consistency.Params.model_validate({"type": "consistency",
                                                                   **params}), sub)
    assert outcome.findings == (), (top, bottom, typed)


@pytest.mark.parametrize(("value", "written"), [
    (130.0, "130"), (3193.5, "3193.5"), (123456.7, "123456.7"), (0.0071, "0.0071"),
    (1.23456, "1.235"),
])
def test_numbers_in_findings_read_as_written(value: float, written: str) -> None:
    assert num(value) == written
