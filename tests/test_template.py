"""The generated blank workbook: built from the set, readable by the checker, stamped."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from compliance.api import check_workbook
from compliance.evaluation.results import Status
from compliance.model.requirement import RequirementSet
from compliance.reader.bind import STAMP_SHEET, read_stamp, read_submission
from compliance.reader.workbook import open_workbook
from compliance.resources import bundled_sets
from compliance.sets.loader import load_requirement_set
from compliance.template.build import HEADER_ROW, ZIP_TIME, write_template
from compliance.template.stamp import workbook_hash
from compliance.template.text import field_hint

Run = Callable[..., Result]
SETS = [load_requirement_set(path) for path in bundled_sets()]
IDS = [rs.id for rs in SETS]


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    return {rs.id: write_template(rs, folder / f"{rs.id}.xlsx") for rs in SETS}


@pytest.mark.parametrize("rs", SETS, ids=IDS)
def test_reader_finds_every_sheet_header_and_field(rs: RequirementSet,
                                                   templates: dict[str, Path]) -> None:
    sub = read_submission(templates[rs.id], rs.workbook)
    for spec in rs.workbook.sheets:
        if spec.kind == "table":
            table = sub.tables[spec.id]
            assert table.header_row == HEADER_ROW, spec.name
            assert set(table.columns) == {f.id for f in spec.fields}, spec.name
            assert len(table) == 0, f"{spec.name}: descriptions must not read as records"
    # The template's own Instructions sheet is expected, so it raises no note.
    assert sub.notes == (), [n.message for n in sub.notes]
    assert "Instructions" in {s.name for s in sub.sheets}
    assert sub.stamp is not None and sub.stamp.set_id == rs.id


@pytest.mark.parametrize("rs", SETS, ids=IDS)
def test_cover_is_prefilled_with_what_the_set_knows(rs: RequirementSet,
                                                    templates: dict[str, Path]) -> None:
    cover = read_submission(templates[rs.id], rs.workbook).forms["cover"]
    assert cover.values["state"].value == rs.state
    assert cover.values["template_version"].value == f"{rs.id} {rs.version}"
    # A blank value must stay blank: the grey description line is not read as the value.
    assert cover.values["mco_name"].value is None


@pytest.mark.parametrize("rs", SETS, ids=IDS)
def test_stamp_names_set_version_and_layout(rs: RequirementSet,
                                            templates: dict[str, Path]) -> None:
    raw = open_workbook(templates[rs.id])
    try:
        stamp = read_stamp(raw)
        state = raw.part(STAMP_SHEET).state
    finally:
        raw.close()
    assert stamp is not None
    assert (stamp.set_id, stamp.set_version, stamp.set_hash) == (rs.id, rs.version,
                                                                 workbook_hash(rs))
    assert state == "veryHidden"


@pytest.mark.parametrize("rs", SETS, ids=IDS)
def test_unfilled_template_gives_a_report_of_what_is_missing(rs: RequirementSet,
                                                             templates: dict[str, Path],
                                                             run_cli: Run) -> None:
    doc = check_workbook(templates[rs.id], rs)
    statuses = {r.status for r in doc.requirements}
    assert Status.ERROR not in statuses and Status.NOT_MET in statuses
    assert not doc.summary.passed
    gen = next(r for r in doc.requirements if r.id == "GEN-01")
    assert gen.status == Status.NOT_MET and any("MCO name" in f.message for f in gen.findings)
    assert not any(n.code == "reader.template_mismatch" for n in doc.submission.notes)
    result = run_cli("check", templates[rs.id])  # no --set: the stamp names it
    assert result.exit_code == 1 and rs.title in result.output


def test_drop_downs_formats_and_frozen_panes(templates: dict[str, Path]) -> None:
    rs = next(s for s in SETS if s.id == "oregon-cco")
    book = load_workbook(templates[rs.id])
    roster = book["CAC_Roster"]
    assert roster.freeze_panes == f"A{HEADER_ROW + 1}"
    rules = {str(v.sqref).split(":")[0]: v for v in roster.data_validations.dataValidation}
    spec = rs.workbook.sheet("committee_roster")
    assert spec is not None
    letter = get_column_letter(1 + [f.id for f in spec.fields].index("role"))
    role = rules[f"{letter}{HEADER_ROW + 1}"]
    assert role.type == "list" and STAMP_SHEET in (role.formula1 or "")
    assert any(v.formula1 == '"Yes,No"' for v in rules.values())
    meetings = book["CAC_Meetings"]
    assert meetings.column_dimensions["B"].number_format == "yyyy-mm-dd"
    assert book.sheetnames[0] == "Instructions"
    assert book[STAMP_SHEET].sheet_state == "veryHidden"


def test_instructions_list_sheets_requirements_and_tokens(templates: dict[str, Path]) -> None:
    book = load_workbook(templates["oregon-cco"])
    text = "\n".join(str(c) for row in book["Instructions"].iter_rows(values_only=True)
                     for c in row if c)
    for expected in ("CAC_Roster", "ADV-01", "ORS 414.575", "Suppressed", "N/A",
                     "YYYY-MM-DD", "Optional"):
        assert expected in text


def test_bytes_are_deterministic(tmp_path: Path) -> None:
    rs = SETS[0]
    first = write_template(rs, tmp_path / "a.xlsx").read_bytes()
    assert write_template(rs, tmp_path / "b.xlsx").read_bytes() == first
    with zipfile.ZipFile(tmp_path / "a.xlsx") as package:
        assert {i.date_time for i in package.infolist()} == {ZIP_TIME}
        core = package.read("docProps/core.xml").decode()
    assert "2026-01-01T00:00:00Z</dcterms:modified>" in core


def test_template_command(run_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "blank.xlsx"
    result = run_cli("template", "--set", "louisiana-healthy-la", "-o", out)
    assert result.exit_code == 0 and out.exists() and "louisiana-healthy-la" in result.output
    assert run_cli("template", "--set", "no-such-set", "-o", out).exit_code == 2
    assert run_cli("template", "--set", "oregon-cco", "-o", tmp_path / "no" / "x.xlsx"
                   ).exit_code == 2


def test_field_hint_says_what_is_accepted() -> None:
    rs = next(s for s in SETS if s.id == "federal-baseline")
    sheet = rs.workbook.sheet("stratified_measures")
    assert sheet is not None
    denominator, measure = sheet.field("denominator"), sheet.field("measure_id")
    assert denominator is not None and measure is not None
    assert "Suppressed" in field_hint(denominator) and "Whole number" in field_hint(denominator)
    assert field_hint(measure).startswith("Required.")
