"""Hostile side inputs: pipes for files, long waiver files, results edited to lie."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from compliance.errors import RequirementSetError
from compliance.terminal import printable
from compliance.waivers import file as waiver_file
from tests.workbooks import compliant, cover, write_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_submissions" / "oregon" / "willamette-valley-cco-2026q1.xlsx"
WAIVER = ("  - {{requirement: ADV-{i:05d}, mco_id: MCO-001, from: 2026-01-01, to: 2026-06-30, "
          "justification: Reason {i}, approved_by: J. Rivera, approved_on: 2026-02-03}}")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The command in its own process: a blocked open must fail the test, not hang it."""
    return subprocess.run([sys.executable, "-m", "compliance", *args], capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


@needs_fifo
@pytest.mark.parametrize("command", [
    ["waivers", "lint", "{fifo}.yaml"],
    ["sets", "lint", "{fifo}.yaml"],
    ["check", str(SAMPLE), "--waivers", "{fifo}.yaml"],
    ["diff", "{fifo}.json", "{fifo}.json"],
])
def test_a_pipe_given_as_a_file_is_refused_in_one_line(tmp_path: Path,
                                                       command: list[str]) -> None:
    for suffix in (".yaml", ".json"):
        os.mkfifo(tmp_path / f"pipe{suffix}")
    done = run(*(part.replace("{fifo}", str(tmp_path / "pipe")) for part in command),
               timeout=30)
    assert done.returncode in (1, 2)
    lines = (done.stdout + done.stderr).strip().splitlines()
    assert len(lines) == 1 and "not a regular file" in lines[0], lines


def _waivers(count: int) -> str:
    rows = ["mcos: [MCO-001]", "waivers:", *(WAIVER.format(i=i) for i in range(count))]
    return "\n".join(rows) + "\n"


def _cpu_seconds(path: Path) -> float:
    """The best of three CPU times, the collector off: what the code costs, not the noise."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            waiver_file.load_waivers(path)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def test_waiver_validation_grows_linearly(tmp_path: Path) -> None:
    # A ratio of CPU times in one run, not a time limit: ten times the waivers may take
    # about ten times as long (a quadratic check took about a hundred times as long).
    small, large = tmp_path / "small.yaml", tmp_path / "large.yaml"
    small.write_text(_waivers(300), encoding="utf-8")
    large.write_text(_waivers(3000), encoding="utf-8")
    waiver_file.load_waivers(small)  # imports and caches are paid for before timing
    ratio = _cpu_seconds(large) / _cpu_seconds(small)
    assert ratio < 35, f"3000 waivers took {ratio:.0f} times as long as 300"


def test_overlapping_and_repeated_entries_are_still_found(tmp_path: Path) -> None:
    text = _waivers(3) + WAIVER.format(i=1) + "\n" + (
        "caps:\n" + "".join(f"  - {{id: CAP-{n % 2}, requirement: ADV-01, mco_id: MCO-001, "
                            "opened: 2026-02-01, due: 2026-06-30, status: open}\n"
                            for n in range(3)))
    path = tmp_path / "dupes.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RequirementSetError) as caught:
        waiver_file.load_waivers(path)
    problems = caught.value.problems
    assert any("waivers[3]: covers the same periods as waivers[1]" in p for p in problems)
    assert any("caps[2].id: 'CAP-0' is used twice" in p for p in problems)
    assert len(problems) == 2


@pytest.fixture(scope="module")
def result_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("result") / "r.json"
    done = run("check", str(SAMPLE), "--format", "json", "--output", str(out), "--quiet")
    assert done.returncode in (0, 1), done.stderr
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _nan_score(doc: dict[str, Any]) -> None:
    doc["summary"]["score"] = float("nan")


def _no_requirements(doc: dict[str, Any]) -> None:
    doc["requirements"] = []


def _score_two(doc: dict[str, Any]) -> None:
    doc["requirements"][0]["score"] = 2.0


def _duplicate_id(doc: dict[str, Any]) -> None:
    doc["requirements"][1]["id"] = doc["requirements"][0]["id"]


@pytest.mark.parametrize(("damage", "reason"), [
    (_nan_score, "summary.score nan"), (_no_requirements, "lists no requirements"),
    (_score_two, "score 2.0 is not from 0 to 1"), (_duplicate_id, "is listed twice")])
def test_diff_refuses_a_result_that_cannot_be_true(
        tmp_path: Path, run_cli: Callable[..., Result], result_json: dict[str, Any],
        damage: Callable[[dict[str, Any]], None], reason: str) -> None:
    good = tmp_path / "old.json"
    good.write_text(json.dumps(result_json), encoding="utf-8")
    bad_doc = json.loads(json.dumps(result_json))
    damage(bad_doc)
    bad = tmp_path / "new.json"
    bad.write_text(json.dumps(bad_doc), encoding="utf-8")  # NaN is written as NaN
    for old, new in ((good, bad), (bad, good)):
        result = run_cli("diff", old, new)
        assert result.exit_code == 2
        assert reason in result.output and "new.json" in result.output
    assert run_cli("diff", good, good).exit_code == 0


BIDI = "\u202e\u2066\u200f"


def test_bidi_controls_from_a_workbook_are_neutralised_on_the_terminal(
        tmp_path: Path, run_cli: Callable[..., Result], minimal_set: Path) -> None:
    sheets = compliant()
    sheets["Cover"] = cover(MCO_name=f"Evil{BIDI[0]}gpj.exe plan")
    workbook = write_workbook(tmp_path / f"bidi{BIDI[0]}name.xlsx", sheets)
    result = run_cli("check", workbook, "--set", minimal_set)
    assert "Evil\ufffdgpj.exe plan" in result.output
    assert not any(mark in result.output for mark in BIDI)
    markdown = run_cli("check", workbook, "--set", minimal_set, "--format", "md")
    assert not any(mark in markdown.output for mark in BIDI)
    assert printable(f"a{BIDI}b") == "a\ufffd\ufffd\ufffdb"


def test_an_impossible_date_is_a_problem_at_its_line(tmp_path: Path,
                                                     run_cli: Callable[..., Result]) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(_waivers(2).replace("from: 2026-01-01", "from: 2026-02-30", 1),
                    encoding="utf-8")
    result = run_cli("waivers", "lint", path)
    assert result.exit_code == 1 and "internal error" not in result.output
    # listed with every other problem of the file, in plain words, at the key's line
    assert "waivers.yaml:3: waivers[0].from: '2026-02-30' is not a date" in result.output
