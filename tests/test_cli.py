"""The command line through click's runner: exit codes, formats, one-line errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.__about__ import __version__

Run = Callable[..., Result]


def test_version(run_cli: Run) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_passing_workbook_exits_0(run_cli: Run, sample: Callable[[str], Path],
                                  minimal_set: Path) -> None:
    result = run_cli("check", sample("compliant"), "--set", minimal_set)
    assert result.exit_code == 0
    assert "PASS" in result.output and "No gaps" in result.output


def test_failing_workbook_exits_1_and_lists_gaps(run_cli: Run, sample: Callable[[str], Path],
                                                  minimal_set: Path) -> None:
    result = run_cli("check", sample("failing"), "--set", minimal_set)
    assert result.exit_code == 1
    out = result.output
    assert "FAIL" in out and "ADV-04" in out and "ORS 414.575(3)" in out
    assert out.index("ADV-01") < out.index("ADV-04")  # critical before major
    assert "Committee_Roster!" in out


def test_json_to_file_and_summary(run_cli: Run, sample: Callable[[str], Path], minimal_set: Path,
                                  tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = run_cli("check", sample("failing"), "--set", minimal_set, "--format", "json",
                     "-o", out)
    assert result.exit_code == 1 and "FAIL" in result.output
    doc = json.loads(out.read_text())
    assert doc["schema_version"] == "1.1"
    assert doc["requirement_set"]["id"] == "minimal"
    assert doc["submission"]["mco_id"] == "MCO-001"
    assert {r["id"] for r in doc["requirements"]} >= {"ADV-01", "DEM-01"}


def test_json_to_stdout_is_pure_json(run_cli: Run, sample: Callable[[str], Path],
                                     minimal_set: Path) -> None:
    result = run_cli("check", sample("compliant"), "--set", minimal_set, "--format", "json")
    assert json.loads(result.output)["summary"]["passed"] is True


def test_fail_under_and_fail_on(run_cli: Run, sample: Callable[[str], Path],
                                minimal_set: Path) -> None:
    assert run_cli("check", sample("compliant"), "--set", minimal_set,
                   "--fail-under", "100").exit_code == 0
    # The failing sample's critical CAC share is only partially met: a statutory majority
    # is met or it is not, so no score threshold lets it pass.
    result = run_cli("check", sample("failing"), "--set", minimal_set, "--fail-under", "0",
                     "--fail-on", "critical")
    assert result.exit_code == 1
    assert "critical requirement ADV-01 is partially met" in result.output
    assert "major requirement ADV-04" not in result.output
    result = run_cli("check", sample("failing"), "--set", minimal_set, "--fail-under", "0",
                     "--fail-on", "major")
    assert result.exit_code == 1
    assert "major requirement ADV-04 is not met" in result.output


def test_unreadable_workbook_is_one_line_exit_2(run_cli: Run, tmp_path: Path,
                                                minimal_set: Path) -> None:
    bad = tmp_path / "notes.xlsx"
    bad.write_text("name,value\nx,1\n")
    result = run_cli("check", bad, "--set", minimal_set)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "notes.xlsx" in lines[0]
    assert "Traceback" not in result.output


def test_missing_file_and_bad_set(run_cli: Run, tmp_path: Path, minimal_set: Path,
                                  sample: Callable[[str], Path]) -> None:
    assert run_cli("check", tmp_path / "nope.xlsx", "--set", minimal_set).exit_code == 2
    result = run_cli("check", sample("compliant"), "--set", "no-such-set")
    assert result.exit_code == 2 and "compliance sets list" in result.output


def test_usage_errors_exit_2(run_cli: Run, sample: Callable[[str], Path],
                             minimal_set: Path, tmp_path: Path) -> None:
    path = sample("compliant")
    assert run_cli("check", path, "--set", minimal_set, "--format", "pdf").exit_code == 2
    assert run_cli("check", path, "--set", minimal_set, "--format", "json,text",
                   "-o", tmp_path / "x").exit_code == 2
    assert run_cli("check", path, "--set", minimal_set, "--fail-under", "140").exit_code == 2


def test_explain(run_cli: Run, minimal_set: Path) -> None:
    result = run_cli("explain", "ADV-01", "--set", minimal_set)
    assert result.exit_code == 0
    assert "ORS 414.575(1)" in result.output and "Committee_Roster" in result.output
    assert "linearly" in result.output
    assert run_cli("explain", "NOPE-9", "--set", minimal_set).exit_code == 2


def test_explain_ignores_case_and_padding_and_suggests_the_closest_id(run_cli: Run) -> None:
    result = run_cli("explain", "dem-01", "--set", "washington-apple-health")
    assert result.exit_code == 0 and result.stdout.startswith("DEM-01: ")
    assert run_cli("explain", "Dem-1", "--set", "washington-apple-health").exit_code == 0
    result = run_cli("explain", "HEO-3", "--set", "washington-apple-health")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("did you mean 'HEO-02'?")


@pytest.mark.parametrize(("typed", "meant"), [("washington", "washington-apple-health"),
                                               ("Oregon", "oregon-cco"),
                                               ("federal-basline", "federal-baseline")])
def test_a_set_id_typed_short_or_wrong_gets_a_suggestion(run_cli: Run, typed: str, meant: str,
                                                         tmp_path: Path) -> None:
    result = run_cli("template", "--set", typed, "-o", tmp_path / "blank.xlsx")
    assert result.exit_code == 2
    assert f"no requirement set '{typed}'; did you mean '{meant}'?" in result.stderr


@pytest.mark.parametrize("name", ["blank.csv", "blank.xlsm", "blank"])
def test_template_refuses_a_name_that_is_not_xlsx(run_cli: Run, tmp_path: Path,
                                                  name: str) -> None:
    result = run_cli("template", "--set", "federal-baseline", "-o", tmp_path / name)
    assert result.exit_code == 2 and "ending in .xlsx" in result.stderr
    assert list(tmp_path.iterdir()) == []
    assert run_cli("template", "--set", "federal-baseline", "-o",
                   tmp_path / "Blank.XLSX").exit_code == 0


@pytest.mark.parametrize("args", [("sets", "list"), ("checks",), ("schema",), ("--help",),
                                  ("explain", "DEM-01", "--set", "federal-baseline")])
def test_a_reader_that_stops_early_is_no_error(args: tuple[str, ...]) -> None:
    import subprocess
    import sys

    # the pipe is closed before the command writes, as `| head -1` does after one line
    proc = subprocess.Popen([sys.executable, "-m", "compliance", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    # 141 is what a shell shows for a tool stopped by the broken pipe; click's own help
    # output stops with 1; neither is the usage-error code, and nothing is printed
    assert proc.wait() in (0, 1, 141) and stderr == ""


def test_schema_is_json(run_cli: Run) -> None:
    schema = json.loads(run_cli("schema").output)
    assert "requirements" in schema["properties"]
    result_schema = json.loads(run_cli("schema", "result").output)
    assert "summary" in result_schema["properties"]


def test_sets_lint(run_cli: Run, minimal_set: Path, tmp_path: Path) -> None:
    assert run_cli("sets", "lint", minimal_set).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(minimal_set.read_text().replace("severity: critical", "severity: urgent", 1))
    result = run_cli("sets", "lint", bad)
    assert result.exit_code == 1 and "bad.yaml:" in result.stderr and "severity" in result.stderr
    assert result.stdout == ""


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "compliance", "--version"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and __version__ in done.stdout


def test_output_never_overwrites_the_submission(run_cli: Run, sample: Callable[[str], Path],
                                                minimal_set: Path) -> None:
    path = sample("compliant")
    before = path.read_bytes()
    result = run_cli("check", path, "--set", minimal_set, "--format", "json", "-o", path)
    assert result.exit_code == 2 and "refusing to write" in result.output
    assert path.read_bytes() == before


def test_text_written_to_a_file_has_no_colour_codes(run_cli: Run, sample: Callable[[str], Path],
                                                     minimal_set: Path, tmp_path: Path) -> None:
    run_cli("check", sample("failing"), "--set", minimal_set, "--format", "text",
            "--output-dir", tmp_path / "out")
    run_cli("check", sample("failing"), "--set", minimal_set, "--format", "text",
            "-o", tmp_path / "one.txt")
    for written in (tmp_path / "out" / "failing.txt", tmp_path / "one.txt"):
        text = written.read_text(encoding="utf-8")
        assert "FAIL" in text and "\x1b" not in text


def test_a_folder_or_wrong_suffix_is_one_line_naming_the_culprit(
        run_cli: Run, tmp_path: Path, minimal_set: Path, sample: Callable[[str], Path]) -> None:
    for args in (("check", tmp_path, "--set", minimal_set), ("diff", tmp_path, tmp_path)):
        result = run_cli(*args)
        lines = result.output.strip().splitlines()
        assert result.exit_code == 2 and len(lines) == 1, args
        assert lines[0].startswith(f"error: {tmp_path}: ") and "Usage" not in lines[0]
    assert "compliance batch" in run_cli("check", tmp_path, "--set", minimal_set).output
    result = run_cli("check", sample("compliant"), "--set", minimal_set,
                     "--annotate", tmp_path / "copy.csv")
    assert result.exit_code == 2 and f"error: {tmp_path / 'copy.csv'}: " in result.output


def test_unwritable_output_is_one_line_exit_2(run_cli: Run, sample: Callable[[str], Path],
                                              minimal_set: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file where a folder should be")
    result = run_cli("check", sample("compliant"), "--set", minimal_set, "--format", "json",
                     "--output-dir", blocker / "reports")
    assert result.exit_code == 2
    assert result.output.strip().startswith("error: cannot write")
    assert len(result.output.strip().splitlines()) == 1
