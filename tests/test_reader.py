"""Reading workbooks against a spec: sheet and header matching, tolerant values, notes."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from compliance.evaluation.submission import SUPPRESSED, EvidenceMissing, Invalid
from compliance.model.requirement import RequirementSet
from compliance.reader.bind import read_submission
from compliance.sets.loader import load_requirement_set
from tests.conftest import MINIMAL_SET
from tests.workbooks import DEMOGRAPHICS_HEADER, MEETINGS_HEADER, cover, write_workbook


@pytest.fixture(scope="module")
def rs() -> RequirementSet:
    return load_requirement_set(MINIMAL_SET)


def codes(notes: tuple[object, ...]) -> list[str]:
    return [n.code for n in notes]  # type: ignore[attr-defined]


def test_messy_workbook_is_read_tolerantly(rs: RequirementSet, sample: object) -> None:
    path = sample("messy")  # type: ignore[operator]
    sub = read_submission(path, rs.workbook)
    roster = sub.table("committee_roster")
    assert roster.name == "Advisory Roster"
    assert roster.header_row == 3
    assert roster.rows == [4, 6, 7]  # the blank row 5 is skipped
    assert roster.column("role").values == ["enrollee", "caregiver", "provider"]
    assert roster.cell("role", 1) == "B6"
    demo = sub.table("member_demographics").column("count").values
    assert demo == [1200, SUPPRESSED, 40]
    meetings = sub.table("committee_meetings")
    assert meetings.column("meeting_date").values == [dt.date(2026, 2, 10)]
    assert meetings.column("members_present").values == [3]
    assert sub.lookup("cover.enrollment") == 52000
    assert "reader.extra_sheet" in codes(sub.notes)
    assert "reader.hidden_sheet" not in codes(sub.notes)  # Notes is hidden but not checked
    assert {s.name: s.state for s in sub.sheets}["Notes"] == "hidden"


def test_cover_values_and_context(rs: RequirementSet, sample: object) -> None:
    sub = read_submission(sample("compliant"), rs.workbook)  # type: ignore[operator]
    assert sub.period() == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    context = sub.context()
    assert context["mco_id"] == "MCO-001"
    assert context["period.quarter"] == 1
    assert context["committee_roster.rows"] == 8
    assert sub.forms["cover"].values["mco_id"].cell == "B3"


def test_near_miss_header_is_reported_not_matched(rs: RequirementSet, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "near.xlsx", {
        "Cover": cover(),
        "Committee_Meetings": [["Comittee ID", "Meeting date"], ["CAC-1", dt.date(2026, 2, 1)]],
    })
    sub = read_submission(path, rs.workbook)
    meetings = sub.table("committee_meetings")
    with pytest.raises(EvidenceMissing):
        meetings.column("committee_id")
    near = [n for n in sub.notes if n.code == "reader.near_miss_header"]
    assert near and near[0].cell == "A1" and near[0].actual == "Comittee ID"


def test_ambiguous_header_is_not_used(rs: RequirementSet, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "dup.xlsx", {
        "Committee_Meetings": [["Committee ID", "Meeting date", "committee id"],
                               ["CAC-1", dt.date(2026, 2, 1), "CAC-2"]],
    })
    sub = read_submission(path, rs.workbook)
    assert "committee_id" not in sub.table("committee_meetings").columns
    assert "reader.ambiguous_header" in codes(sub.notes)


def test_merged_group_title_completes_headers(rs: RequirementSet, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "merged.xlsx", {
        "Committee_Meetings": [["Committee ID", "Meeting date", "Present", None],
                               [None, None, "Members", "Consumers"],
                               ["CAC-1", dt.date(2026, 2, 1), 8, 5]],
    }, merged={"Committee_Meetings": ["A1:A2", "B1:B2", "C1:D1"]})
    table = read_submission(path, rs.workbook).table("committee_meetings")
    assert table.header_row == 2
    assert table.column("members_present").values == [8]
    assert table.column("consumers_present").values == [5]
    assert table.column("committee_id").values == ["CAC-1"]


def test_formula_without_cached_value_is_not_a_blank(rs: RequirementSet, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "formula.xlsx", {
        "Member_Demographics": [DEMOGRAPHICS_HEADER, ["race_eth", "white", "=SUM(1,2)"]],
    })
    value = read_submission(path, rs.workbook).table("member_demographics").column(
        "count").values[0]
    assert isinstance(value, Invalid) and "formula" in value.reason


def test_invalid_values_keep_raw_and_reason(rs: RequirementSet, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bad.xlsx", {
        "Committee_Meetings": [MEETINGS_HEADER, ["CAC-1", "31/31/2026", "-3", "N/A"]],
    })
    sub = read_submission(path, rs.workbook)
    row = sub.table("committee_meetings")
    unreadable = [n for n in sub.notes if n.code == "reader.unreadable_values"]
    assert [n.cell for n in unreadable] == ["B2", "C2", "D2"]
    assert "'31/31/2026' at B2 could not be read" in unreadable[0].message
    date = row.column("meeting_date").values[0]
    assert isinstance(date, Invalid) and date.raw == "31/31/2026"
    assert isinstance(row.column("members_present").values[0], Invalid)
    na = row.column("consumers_present").values[0]
    assert isinstance(na, Invalid) and "N/A is not accepted" in na.reason


def test_missing_sheet_raises_evidence_missing(rs: RequirementSet, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "cover-only.xlsx", {"Cover": cover()})
    sub = read_submission(path, rs.workbook)
    with pytest.raises(EvidenceMissing) as caught:
        sub.table("committee_roster")
    assert [f.code for f in caught.value.findings] == ["evidence.sheet_missing"]


def test_input_file_is_never_modified(rs: RequirementSet, sample: object) -> None:
    path: Path = sample("messy")  # type: ignore[operator]
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    sub = read_submission(path, rs.workbook)
    assert sub.sha256 == before[0]
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


def test_formula_cells_past_calamines_range_are_kept(rs: RequirementSet, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "trailing.xlsx", {
        "Member_Demographics": [["Element", "Category code"], ["race_eth", "white"],
                                ["=A2", "=B2"]],
    })
    # Row 3 holds only formulas without cached values: calamine's range ends at row 2.
    table = read_submission(path, rs.workbook).table("member_demographics")
    assert table.rows == [2, 3]
    code = table.column("category_code").values[1]
    assert isinstance(code, Invalid) and "formula" in code.reason


@pytest.mark.parametrize(("blank_rows", "blank_columns"), [(1, 0), (2, 0), (3, 2), (0, 1)])
def test_rows_keep_their_numbers_below_blank_rows(rs: RequirementSet, tmp_path: Path,
                                                 blank_rows: int, blank_columns: int) -> None:
    """A sheet whose first rows or columns are empty: every row keeps its own number."""
    pad: list[Any] = [None] * blank_columns
    grid: list[list[Any]] = [[None]] * blank_rows + [[*pad, *MEETINGS_HEADER],
                                    [*pad, "CAC-1", dt.date(2026, 2, 1), 8, "eight"]]
    path = write_workbook(tmp_path / "offset.xlsx", {"Cover": cover(),
                                                     "Committee_Meetings": grid})
    sub = read_submission(path, rs.workbook)
    meetings = sub.table("committee_meetings")
    header = blank_rows + 1
    assert meetings.header_row == header and meetings.rows == [header + 1]
    unreadable = next(n for n in sub.notes if n.code == "reader.unreadable_values")
    letter = chr(ord("D") + blank_columns)
    assert unreadable.cell == f"{letter}{header + 1}"
