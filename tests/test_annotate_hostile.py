"""The annotated copy of a workbook `check` accepts: made correctly, or refused in one line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import load_workbook

from tests.mutate import Case

ROOT = Path(__file__).resolve().parent.parent
OREGON = ROOT / "sample_submissions" / "oregon" / "willamette-valley-cco-2026q1.xlsx"


@pytest.mark.parametrize("mutation", ["sheet_name_chars", "bad_style", "missing_styles", "nan",
                                      "docprops_dtd", "whole_grid_merge", "date_huge",
                                      "huge_serial"])
def test_annotate_gives_a_copy_or_one_line(tmp_path: Path, run_cli: Callable[..., Result],
                                           mutation: str) -> None:
    workbook = tmp_path / "filing.xlsx"
    workbook.write_bytes(Case(OREGON, mutation, 1).build())
    before = workbook.read_bytes()
    assert run_cli("check", workbook, "--quiet").exit_code in (0, 1)  # check accepts it
    copy, report = tmp_path / "annotated.xlsx", tmp_path / "report.json"
    result = run_cli("check", workbook, "--annotate", copy, "--format", "json",
                     "--output", report, "--quiet")
    assert workbook.read_bytes() == before
    if result.exit_code == 2:
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and "cannot annotate" in lines[0], result.output
        assert not copy.exists() and not report.exists()  # nothing half-done is left
    else:
        assert result.exit_code in (0, 1) and result.output == ""
        assert "Findings" in load_workbook(copy, read_only=True).sheetnames


def test_a_merge_over_the_whole_grid_is_refused_before_openpyxl(
        tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    from compliance.render import annotate

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to load the workbook")

    monkeypatch.setattr(annotate, "load_workbook", never)
    workbook = tmp_path / "merged.xlsx"
    workbook.write_bytes(Case(OREGON, "whole_grid_merge", 1).build())
    result = run_cli("check", workbook, "--annotate", tmp_path / "copy.xlsx")
    assert result.exit_code == 2 and "merged ranges cover 17,179,869,184 cells" in result.output
