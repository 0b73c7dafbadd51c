"""A workbook is never scored against another contract than its own without saying so."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import load_workbook

from compliance.api import check_workbook
from compliance.evaluation.results import Status
from compliance.sets.belonging import SetMismatch

Run = Callable[..., Result]
SAMPLES = Path(__file__).resolve().parent.parent / "sample_submissions"
WASHINGTON = SAMPLES / "washington" / "puget-sound-wellness-2026q1.xlsx"


def with_cover_state(source: Path, target: Path, state: str) -> Path:
    """A copy of a sample whose Cover names another state."""
    book = load_workbook(source)
    cover = book["Cover"]
    for row in cover.iter_rows():
        if str(row[0].value).strip() == "State":
            row[1].value = state
            break
    else:
        raise AssertionError("no State row on the Cover")
    book.save(target)
    return target


def test_another_states_set_stops_with_one_line_naming_the_workbooks_set(
        run_cli: Run) -> None:
    result = run_cli("check", WASHINGTON, "--set", "oregon-cco")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "washington-apple-health" in lines[0] and "--force-set" in lines[0]


def test_forcing_the_set_puts_a_banner_on_every_report(run_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("check", WASHINGTON, "--set", "oregon-cco", "--force-set",
                     "--format", "text,json,html,md", "--output-dir", out)
    assert result.exit_code in (0, 1)
    stem = WASHINGTON.stem
    doc = json.loads((out / f"{stem}.json").read_text())
    banner = doc["summary"]["set_mismatch"]
    assert "washington-apple-health" in banner and "oregon-cco" in banner
    assert "Checked against another set than its own" in (out / f"{stem}.html").read_text()
    assert "Checked against another set than its own" in (out / f"{stem}.md").read_text()
    assert (out / f"{stem}.txt").read_text().splitlines()[2].startswith("WARNING: ")


def test_a_cover_that_contradicts_its_template_stops_the_automatic_choice(
        run_cli: Run, tmp_path: Path) -> None:
    filing = with_cover_state(WASHINGTON, tmp_path / "wa-says-or.xlsx", "Oregon")
    result = run_cli("check", filing)
    assert result.exit_code == 2
    assert "Cover says State OR" in result.output
    assert "washington-apple-health" in result.output


def test_a_forced_check_finds_the_contradiction_at_the_cover_cell(tmp_path: Path) -> None:
    filing = with_cover_state(WASHINGTON, tmp_path / "wa-says-or.xlsx", "OR")
    with pytest.raises(SetMismatch):
        check_workbook(filing, "washington-apple-health")
    doc = check_workbook(filing, "washington-apple-health", force_set=True)
    cover = next(r for r in doc.requirements if r.id == "GEN-01")
    assert cover.status is Status.NOT_MET
    finding = cover.findings[0]
    assert finding.code == "evidence.wrong_state" and finding.sheet == "Cover"
    assert finding.cell and finding.cell.startswith("B")
    assert cover.what_to_do.startswith("Check the workbook against its own state's set")
    assert not doc.summary.passed and doc.summary.set_mismatch


def test_the_own_set_is_quiet() -> None:
    doc = check_workbook(WASHINGTON, "washington-apple-health")
    assert doc.summary.set_mismatch is None


def test_batch_lists_a_workbook_of_another_set_as_not_checked(run_cli: Run,
                                                             tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(WASHINGTON, folder / WASHINGTON.name)
    out = tmp_path / "out"
    result = run_cli("batch", folder, "-o", out, "--set", "oregon-cco", "-q")
    assert result.exit_code == 2
    entry = json.loads((out / "summary.json").read_text())["submissions"][0]
    assert "washington-apple-health" in entry["error"]
    forced = run_cli("batch", folder, "-o", tmp_path / "forced", "--set", "oregon-cco",
                     "--force-set", "-q")
    assert forced.exit_code in (0, 1)
    entry = json.loads((tmp_path / "forced" / "summary.json").read_text())["submissions"][0]
    assert entry["set_mismatch"] and "Checked against another set" in (
        tmp_path / "forced" / "index.html").read_text()
