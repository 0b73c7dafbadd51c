"""The state's program file: loaded strictly, matched to the filing's MCO ID, given by CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Run = Callable[..., Result]
SAMPLE = (Path(__file__).resolve().parent.parent / "sample_submissions" / "oregon"
          / "cascade-community-health-2026q1.xlsx")
PROGRAM = """\
program: CCO 2.0
state: OR
prevalent_languages: [Spanish, Vietnamese, Russian]
due_dates: {he_plan: 2026-03-15}
plans:
  - id: {mco_id}
    name: Cascade Community Health Plan
    counties: [Lane, Linn, Benton]
    populations: [children, pregnant_postpartum, expansion_adults, bh_integrated, ai_an]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "program.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_matching_program_file_keeps_a_compliant_filing_compliant(run_cli: Run,
                                                                    tmp_path: Path) -> None:
    program = write(tmp_path, PROGRAM.replace("{mco_id}", "OR-CCO-0417"))
    result = run_cli("check", SAMPLE, "--program", program, "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"id": "GEN-05"' in result.output


def test_a_plan_missing_from_the_program_file_is_a_usage_error(run_cli: Run,
                                                               tmp_path: Path) -> None:
    program = write(tmp_path, PROGRAM.replace("{mco_id}", "OR-CCO-9999"))
    result = run_cli("check", SAMPLE, "--program", program)
    assert result.exit_code == 2
    assert "MCO ID OR-CCO-0417 is not among the plans of the program file" in result.output
    assert "Traceback" not in result.output


def test_an_invalid_program_file_names_its_line(run_cli: Run, tmp_path: Path) -> None:
    program = write(tmp_path, PROGRAM.replace("{mco_id}", "OR-CCO-0417").replace(
        "children,", "kids,"))
    result = run_cli("check", SAMPLE, "--program", program)
    assert result.exit_code == 2
    assert "program.yaml:9" in result.output and "populations" in result.output


def test_a_missing_program_file_is_a_usage_error(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("check", SAMPLE, "--program", tmp_path / "nowhere.yaml")
    assert result.exit_code == 2
    assert "no such program file" in result.output


def test_batch_applies_the_program_file_to_every_workbook(run_cli: Run, tmp_path: Path) -> None:
    program = write(tmp_path, PROGRAM.replace("{mco_id}", "OR-CCO-0417").replace(
        "[Lane, Linn, Benton]", "[Lane, Linn, Benton, Douglas]"))
    out = tmp_path / "out"
    result = run_cli("batch", SAMPLE, SAMPLE.with_name("willamette-valley-cco-2026q1.xlsx"),
                     "--output-dir", out, "--program", program, "--quiet")
    assert result.exit_code == 2, result.output  # Willamette is not in the file
    summary = (out / "summary.json").read_text(encoding="utf-8")
    assert "MCO ID OR-CCO-0522 is not among the plans of the program file" in summary
    report = (out / "reports" / "cascade-community-health-2026q1.json").read_text(
        encoding="utf-8")
    assert "Douglas is on the state's list of counties but not in the filing." in report


def test_a_program_file_for_another_state_is_refused(run_cli: Run, tmp_path: Path) -> None:
    program = write(tmp_path, PROGRAM.replace("{mco_id}", "OR-CCO-0417").replace(
        "state: OR", "state: WA"))
    result = run_cli("check", SAMPLE, "--program", program)
    assert result.exit_code == 2
    assert "the program file is for WA, the set oregon-cco for OR" in result.output
