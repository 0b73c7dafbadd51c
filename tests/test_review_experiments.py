"""The domain review's experiments, repeated on the bundled samples: none reproduces.

Each test copies a compliant (or failing) sample, makes the review's edit with openpyxl and
checks the copy. The review found each of these edits passing (or scoring) wrongly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from compliance.api import check_workbook
from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import Status

SAMPLES = Path(__file__).resolve().parent.parent / "sample_submissions"
CASCADE = SAMPLES / "oregon" / "cascade-community-health-2026q1.xlsx"
CASCADE_Q2 = SAMPLES / "oregon" / "cascade-community-health-2026q2.xlsx"
Edit = Callable[[Any], None]


def _header_row(sheet: Worksheet, label: str) -> int:
    for row in range(1, 8):
        if label in [c.value for c in sheet[row]]:
            return row
    raise AssertionError(f"no header {label!r} on {sheet.title}")


def _column(sheet: Worksheet, label: str) -> tuple[int, int]:
    row = _header_row(sheet, label)
    return row, [c.value for c in sheet[row]].index(label) + 1


def set_cells(sheet: Worksheet, where: tuple[str, Any] | None, values: dict[str, Any],
              limit: int | None = None) -> int:
    """Set `values` (by header) on the rows whose `where` column holds the given value."""
    header, _ = _column(sheet, next(iter(values)))
    columns = {label: _column(sheet, label)[1] for label in values}
    match = _column(sheet, where[0])[1] if where else None
    changed = 0
    for row in range(header + 1, sheet.max_row + 1):
        if match is not None and where is not None and sheet.cell(row, match).value != where[1]:
            continue
        for label, value in values.items():
            sheet.cell(row, columns[label]).value = value
        changed += 1
        if limit is not None and changed == limit:
            break
    return changed


def clear_rows(sheet: Worksheet, label: str) -> None:
    """Empty every record below the header row (headers kept)."""
    header = _header_row(sheet, label)
    sheet.delete_rows(header + 1, sheet.max_row)


def set_cover(sheet: Worksheet, label: str, value: Any) -> None:
    for row in sheet.iter_rows():
        if row[0].value == label:
            row[1].value = value
            return
    raise AssertionError(f"no Cover field {label!r}")


def edited(source: Path, tmp_path: Path, *edits: tuple[str, Edit]) -> Path:
    book = load_workbook(source)
    for sheet, change in edits:
        change(book[sheet])
    target = tmp_path / source.name
    book.save(target)
    return target


def status(doc: ResultDocument, requirement_id: str) -> Status:
    found = next((r for r in doc.requirements if r.id == requirement_id), None)
    assert found is not None, requirement_id
    return found.status


def test_the_edits_start_from_compliant_samples() -> None:
    doc = check_workbook(CASCADE, "oregon-cco")
    assert doc.summary.passed and doc.summary.score == 100


@pytest.mark.parametrize(("sample", "set_id"), [
    ("washington/puget-sound-wellness-2026q1.xlsx", "washington-apple-health"),
    ("mississippi/delta-bridges-health-2026q1.xlsx", "mississippi-can"),
])
def test_clauses_not_found_in_a_state_never_fail_its_plans(sample: str, set_id: str,
                                                           tmp_path: Path) -> None:
    emptied = [(name, lambda s, label=label: clear_rows(s, label)) for name, label in (
        ("Committee_Roster", "Committee ID"), ("Committee_Meetings", "Committee ID"),
        ("Key_Personnel", "Position"), ("Training", "Audience"),
        ("Deliverables", "Deliverable"))]
    doc = check_workbook(edited(SAMPLES / sample, tmp_path, *emptied), set_id)
    gaps = [r for r in doc.requirements if r.status in (Status.NOT_MET, Status.PARTIALLY_MET)]
    assert {"ADV-01", "HEP-01", "HEO-01"} <= {r.id for r in gaps}
    assert all(not r.binding for r in gaps)
    assert doc.summary.passed


def test_a_council_below_the_consumer_majority_fails(tmp_path: Path) -> None:
    def seats(sheet: Worksheet) -> None:
        for role in ("Current enrollee", "Former enrollee", "Caregiver", "Current enrollee"):
            set_cells(sheet, ("Role", role), {"Role": "Provider"}, limit=1)

    workbook = edited(CASCADE, tmp_path, ("CAC_Roster", seats))
    doc = check_workbook(workbook, "oregon-cco")
    assert status(doc, "ADV-01") == Status.NOT_MET
    assert not doc.summary.passed
    # OHA's remedy is a plan with milestones and a target date: a corrective action plan,
    # shown on the requirement, never partial credit.
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "mcos: [OR-CCO-0417]\ncaps:\n  - id: CAP-2026-03\n    requirement: ADV-01\n"
        "    mco_id: OR-CCO-0417\n    opened: 2026-02-01\n    due: 2026-09-30\n"
        "    status: open\n", encoding="utf-8")
    planned = check_workbook(workbook, "oregon-cco", waivers=waivers)
    adv = next(r for r in planned.requirements if r.id == "ADV-01")
    assert adv.status == Status.NOT_MET and adv.score == 0
    assert any("CAP-2026-03" in note for note in adv.notes)


def test_the_state_due_date_decides_not_the_filing(tmp_path: Path) -> None:
    # The plan moves its own due date and marks the plan "not yet due"; the state's
    # program file still says March 15.
    def postpone(sheet: Worksheet) -> None:
        set_cells(sheet, ("Deliverable", "Health equity plan"),
                  {"Due date": dt.datetime(2026, 12, 31), "Submitted on": "N/A",
                   "Status": "Not yet due"})

    program = tmp_path / "program.yaml"
    program.write_text(
        "program: CCO 2.0\nstate: OR\nprevalent_languages: [Spanish, Vietnamese, Russian]\n"
        "due_dates: {he_plan: 2026-03-15}\nplans:\n  - id: OR-CCO-0417\n"
        "    name: Cascade Community Health Plan\n    counties: [Lane, Linn, Benton]\n"
        "    populations: [children, pregnant_postpartum, expansion_adults, bh_integrated,"
        " ai_an]\n", encoding="utf-8")
    doc = check_workbook(edited(CASCADE, tmp_path, ("Deliverables", postpone)), "oregon-cco",
                         program=program)
    assert status(doc, "HEP-01") == Status.NOT_MET
    assert not doc.summary.passed


def test_the_cac_demographic_report_is_due_june_30(tmp_path: Path) -> None:
    def postpone(sheet: Worksheet) -> None:
        set_cells(sheet, ("Period covered", "2026"),
                  {"Due date": dt.datetime(2026, 12, 31), "Submitted on": "N/A",
                   "Status": "Not yet due"})

    doc = check_workbook(edited(CASCADE_Q2, tmp_path, ("Deliverables", postpone)),
                         "oregon-cco")
    assert status(doc, "ADV-09") == Status.NOT_MET


def test_a_doula_school_is_not_the_state(tmp_path: Path) -> None:
    def issuer(sheet: Worksheet) -> None:
        set_cells(sheet, None, {"Credential issuer": "Acme Online Doula Academy"})

    doc = check_workbook(edited(CASCADE, tmp_path, ("THW_Workforce", issuer)), "oregon-cco")
    assert status(doc, "THW-01") == Status.NOT_MET
    assert status(doc, "THW-07") == Status.NOT_MET


def test_january_then_june_is_more_than_three_months(tmp_path: Path) -> None:
    def one_meeting(sheet: Worksheet) -> None:
        header = _header_row(sheet, "Meeting date")
        sheet.delete_rows(header + 2, sheet.max_row)
        set_cells(sheet, None, {"Meeting date": dt.datetime(2026, 6, 30),
                                "Previous meeting date": dt.datetime(2026, 1, 2)})

    doc = check_workbook(edited(CASCADE_Q2, tmp_path, ("CAC_Meetings", one_meeting)),
                         "oregon-cco")
    assert status(doc, "OR-CAC-03") == Status.NOT_MET
    assert not doc.summary.passed


def test_imputed_race_is_never_known(tmp_path: Path) -> None:
    sample = SAMPLES / "louisiana" / "pelican-care-2026q1.xlsx"
    before = check_workbook(sample, "louisiana-healthy-la")
    assert status(before, "DEM-01") == Status.NOT_MET

    def relabel(sheet: Worksheet) -> None:
        assert set_cells(sheet, ("Source", "Unknown source"),
                         {"Category code": "black", "Source": "Imputed"}) >= 1

    after = check_workbook(edited(sample, tmp_path, ("Member_Demographics", relabel)),
                           "louisiana-healthy-la")
    assert status(after, "DEM-01") == Status.NOT_MET


def test_doula_rules_do_not_reach_an_adult_ltss_program() -> None:
    doc = check_workbook(SAMPLES / "pennsylvania" / "three-rivers-community-living-2026q1.xlsx",
                         "pennsylvania-chc")
    for requirement_id in ("THW-01", "THW-05", "THW-06"):
        assert status(doc, requirement_id) == Status.NOT_APPLICABLE
    assert status(doc, "ADV-10") == Status.MET


def test_a_county_left_off_the_filing_is_caught_with_the_program_file(tmp_path: Path) -> None:
    program = tmp_path / "program.yaml"
    program.write_text(
        "program: CCO 2.0\nstate: OR\nprevalent_languages: [Spanish, Vietnamese, Russian, "
        "Chinese]\nplans:\n  - id: OR-CCO-0417\n    name: Cascade Community Health Plan\n"
        "    counties: [Lane, Linn, Benton, Douglas]\n    populations: [expansion_adults]\n",
        encoding="utf-8")
    doc = check_workbook(CASCADE, "oregon-cco", program=program)
    assert status(doc, "GEN-05") == Status.PARTIALLY_MET
    # The state's lists are the ones checked: a language and a county the plan left out.
    assert status(doc, "LNG-03") == Status.PARTIALLY_MET
    assert status(doc, "ADV-03") == Status.PARTIALLY_MET
    # The state's populations decide what applies: no pregnant members, no doula rules.
    assert status(doc, "THW-01") == Status.NOT_APPLICABLE


def test_doula_rules_follow_the_populations_on_the_cover(tmp_path: Path) -> None:
    sample = SAMPLES / "washington" / "columbia-basin-health-2026q1.xlsx"
    before = check_workbook(sample, "washington-apple-health")
    assert status(before, "THW-01") == Status.NOT_MET

    def adults_only(sheet: Worksheet) -> None:
        set_cover(sheet, "Populations covered", "expansion_adults, bh_integrated")

    after = check_workbook(edited(sample, tmp_path, ("Cover", adults_only)),
                           "washington-apple-health")
    for requirement_id in ("THW-01", "THW-02", "WA-DOU-01", "WA-DOU-02", "THW-05", "THW-06"):
        assert status(after, requirement_id) == Status.NOT_APPLICABLE, requirement_id
