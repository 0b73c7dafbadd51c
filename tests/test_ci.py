"""CI and version control: GitHub annotations, the batch's junit.xml and summary.md, the
pre-commit hook and the GitHub Action's check step."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from compliance.evaluation.results import Finding, Status
from compliance.render.github import annotation, render_github
from tests.conftest import MINIMAL_SET
from tests.reportdocs import failing_doc, requirement, with_requirements
from tests.workbooks import DEMOGRAPHICS_HEADER, compliant, cover, failing, write_workbook

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin"
COMMAND = re.compile(r"^::(error|warning|notice) file=([^,:]+),title=([^:]*)::(.*)$")


@pytest.fixture
def filings(tmp_path: Path) -> Path:
    """A repository of filings: one passing, one failing, one not a workbook."""
    root = tmp_path / "filings"
    root.mkdir()
    write_workbook(root / "mco-001.xlsx", compliant())
    write_workbook(root / "mco-002.xlsx", {**failing(), "Cover": cover(MCO_ID="MCO-002")})
    (root / "mco-003.csv").write_text("Field,Value\n")
    return root


def test_annotations_point_at_the_workbook_and_cell(run_cli: Run, filings: Path) -> None:
    result = run_cli("check", filings / "mco-002.xlsx", "--set", MINIMAL_SET,
                     "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    parsed = [COMMAND.match(line) for line in lines]
    assert all(parsed), lines
    files = {m.group(2) for m in parsed if m}
    assert files == {str(filings / "mco-002.xlsx")}
    titles = [m.group(3) for m in parsed if m]
    cell = r"ADV-01 at Committee_Roster![A-Z]+\d+(%3A[A-Z]+\d+)?"  # `:` escaped
    assert any(re.fullmatch(cell, t) for t in titles)
    assert lines[-1].startswith("::error ") and "title=Compliance FAIL::minimal: score " in (
        lines[-1])
    adv01 = next(line for line in lines if "title=ADV-01" in line)
    assert adv01.startswith("::error ")  # a critical gap is an error, not a warning
    assert "What to do: " in adv01


def test_annotations_cannot_be_split_into_commands_by_a_cell(tmp_path: Path) -> None:
    evil = "x\n::error file=evil.py::owned\r%0A::notice::50% done"
    doc = with_requirements(failing_doc(tmp_path), requirement(
        "BAD-01", Status.NOT_MET, [Finding(code="valid_values.invalid", message=evil,
                                           sheet="Notes, draft", cell="A1:B2")]))
    text = render_github(doc, source="filings/q1: draft,final.xlsx")
    lines = text.splitlines()
    assert all(COMMAND.match(line) for line in lines)
    bad = next(line for line in lines if "BAD-01" in line)
    assert "file=filings/q1%3A draft%2Cfinal.xlsx," in bad
    assert "title=BAD-01 at Notes%2C draft!A1%3AB2::" in bad
    assert "x%0A::error file=evil.py::owned%0D%250A::notice::50%25 done" in bad
    assert annotation("notice", "a", "b", "100%") == "::notice file=a,title=b::100%25"


def test_batch_writes_one_junit_xml_and_one_summary_md(run_cli: Run, filings: Path,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("batch", filings, "-o", out, "--set", MINIMAL_SET, "-j", "1")
    assert result.exit_code == 2
    root = ET.parse(out / "junit.xml").getroot()
    suites = {str(s.get("name")): s for s in root.iter("testsuite")}
    assert sorted(suites) == ["mco-001.xlsx", "mco-002.xlsx", "mco-003.csv"]
    assert suites["mco-001.xlsx"].get("failures") == "0"
    assert int(suites["mco-002.xlsx"].get("failures") or 0) >= 2
    assert suites["mco-003.csv"].find("testcase/error") is not None
    assert root.get("tests") == str(sum(int(s.get("tests") or 0) for s in suites.values()))
    summary = (out / "summary.md").read_text()
    assert summary.startswith("## Compliance batch\n")
    assert "**1 pass**, **1 fail**, **1 could not be checked**" in summary
    assert "| Cascade Community Health (MCO-002) |" in summary and "ADV-01" in summary
    assert "- mco-003.csv: is a text (CSV?) file" in summary


def test_batch_prints_every_annotation_for_github(run_cli: Run, filings: Path,
                                                  tmp_path: Path) -> None:
    result = run_cli("batch", filings, "-o", tmp_path / "out", "--set", MINIMAL_SET,
                     "--format", "github", "-q", "-j", "1")
    lines = result.stdout.splitlines()
    assert lines and all(COMMAND.match(line) for line in lines)
    assert any(f"file={filings / 'mco-002.xlsx'},title=ADV-01 at " in line for line in lines)
    assert f"::error file={filings / 'mco-003.csv'},title=Could not be checked::is a text" in (
        result.stdout)


def _hook() -> dict[str, object]:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert isinstance(hook, dict)
    return hook


def test_the_pre_commit_hook_picks_workbooks_only() -> None:
    hook = _hook()
    assert hook["language"] == "python" and hook["id"] == "compliance-check"
    files, exclude = re.compile(str(hook["files"])), re.compile(str(hook["exclude"]))

    def picked(name: str) -> bool:
        return bool(files.search(name)) and not exclude.search(name)

    assert picked("q1/mco-001.xlsx") and picked("Q1/MCO.XLSM")
    assert not picked("q1/mco.csv") and not picked("q1/~$mco-001.xlsx")


def test_the_pre_commit_entry_point_checks_each_changed_workbook(filings: Path) -> None:
    entry = str(_hook()["entry"]).split()
    program = shutil.which(entry[0], path=str(BIN)) or shutil.which(entry[0])
    assert program, f"{entry[0]} is not installed"
    files = [str(filings / "mco-001.xlsx"), str(filings / "mco-002.xlsx")]
    # the sets are bundled; the hook is given each file's set only through --set here
    done = subprocess.run([program, *entry[1:], "--set", str(MINIMAL_SET), *files],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{files[0]}: PASS 100 (minimal 1.0), 0 gaps"
    failed = next(line for line in lines if line.startswith(files[1]))
    assert ": FAIL " in failed
    assert any(line.startswith("  ADV-01 (critical, ") and "[Committee_Roster!" in line
               for line in lines)
    passing = subprocess.run([program, *entry[1:], "--set", str(MINIMAL_SET), files[0]],
                             capture_output=True, text=True, check=False)
    assert passing.returncode == 0
    broken = subprocess.run([program, *entry[1:], "--set", str(MINIMAL_SET), files[0],
                             str(filings / "mco-003.csv")], capture_output=True, text=True,
                            check=False)
    assert broken.returncode == 2 and "mco-003.csv: could not be checked: " in broken.stderr


def _action_step(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    base = {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "HOME": str(cwd)}
    return subprocess.run([str(ROOT / "scripts" / "action-run")], cwd=cwd, env={**base, **env},
                          capture_output=True, text=True, check=False)


def test_the_action_runs_the_checker_without_pasting_inputs_into_scripts() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert any(str(s.get("uses", "")).startswith("actions/upload-artifact@") for s in steps)
    for step in steps:
        assert "${{" not in str(step.get("run", "")), step["name"]  # script injection


@pytest.mark.parametrize("command", ["batch", "check"])
def test_the_action_step_annotates_summarizes_and_keeps_the_exit_code(
        filings: Path, tmp_path: Path, command: str) -> None:
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    done = _action_step({"INPUT_PATHS": "filings\n", "INPUT_COMMAND": command,
                         "INPUT_SET": str(MINIMAL_SET), "INPUT_OUTPUT_DIR": "reports",
                         "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output)},
                        filings.parent)
    assert done.returncode == 0, done.stderr
    expected = "2" if command == "batch" else "1"  # only batch looks at the .csv
    assert output.read_text() == f"exit-code={expected}\n"
    assert any(line.startswith("::error file=filings/mco-002.xlsx,title=ADV-01 at ")
               for line in done.stdout.splitlines())
    text = summary.read_text()
    assert ("## Compliance batch" if command == "batch" else "## Gap report: ") in text
    assert (filings.parent / "reports").is_dir()


def test_incomplete_evidence_shows_in_summary_md_and_junit(run_cli: Run, tmp_path: Path) -> None:
    root = tmp_path / "q1"
    root.mkdir()
    sheets = compliant()
    sheets["Member_Demographics"] = [DEMOGRAPHICS_HEADER, ["race_eth", "white", "TBD"],
                                     *sheets["Member_Demographics"][2:]]
    write_workbook(root / "mco-001.xlsx", sheets)
    out = tmp_path / "out"
    run_cli("batch", root, "-o", out, "--set", MINIMAL_SET, "-j", "1")
    summary = (out / "summary.md").read_text()
    assert "1 incomplete" in summary and "| DEM-01 (incomplete) |" in summary
    root_xml = ET.parse(out / "junit.xml").getroot()
    failure = root_xml.find(".//testcase[@name='DEM-01 Race and ethnicity unknown share is low']"
                            "/failure")
    assert failure is not None and failure.get("type") == "incomplete"
