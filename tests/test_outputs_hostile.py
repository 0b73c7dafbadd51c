"""Outputs are written whole, never through a link, never over an input; a stopped batch says so."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.batch import run as batch_run
from tests.workbooks import compliant, write_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_submissions" / "oregon" / "willamette-valley-cco-2026q1.xlsx"
VICTIM = b"a file the user never meant to change\n"
Run = Callable[..., Result]


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "filing.xlsx"
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_bytes(VICTIM)
    return path


def test_check_refuses_an_output_that_is_a_hard_link_to_the_workbook(
        run_cli: Run, workbook: Path) -> None:
    before = workbook.read_bytes()
    link = workbook.parent / "result.json"
    os.link(workbook, link)
    result = run_cli("check", workbook, "--format", "json", "--output", link)
    assert result.exit_code == 2 and "refusing to write over the input" in result.output
    assert workbook.read_bytes() == before


def test_check_replaces_a_symlink_at_the_output_instead_of_following_it(
        run_cli: Run, workbook: Path, victim: Path) -> None:
    link = workbook.parent / "result.json"
    link.symlink_to(victim)
    assert run_cli("check", workbook, "--format", "json", "--output", link).exit_code in (0, 1)
    assert victim.read_bytes() == VICTIM
    assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith("{")


def test_diff_never_writes_over_its_own_input(run_cli: Run, workbook: Path,
                                              victim: Path) -> None:
    old = workbook.parent / "old.json"
    run_cli("check", workbook, "--format", "json", "--output", old)
    before = old.read_bytes()
    result = run_cli("diff", old, old, "--output", old)
    assert result.exit_code == 2 and old.read_bytes() == before
    link = workbook.parent / "diff.txt"
    link.symlink_to(victim)
    assert run_cli("diff", old, old, "--output", link).exit_code == 0
    assert victim.read_bytes() == VICTIM and not link.is_symlink()


def test_annotate_refuses_a_hard_link_to_the_workbook(run_cli: Run, workbook: Path) -> None:
    before = workbook.read_bytes()
    link = workbook.parent / "copy.xlsx"
    os.link(workbook, link)
    result = run_cli("check", workbook, "--annotate", link)
    assert result.exit_code == 2 and workbook.read_bytes() == before


@pytest.fixture
def batch_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    write_workbook(folder / "mco-001.xlsx", compliant())
    return folder


def test_batch_replaces_planted_links_in_its_output_folder(
        run_cli: Run, batch_folder: Path, victim: Path, minimal_set: Path) -> None:
    out = batch_folder.parent / "out"
    (out / "reports").mkdir(parents=True)
    for planted in (out / "summary.json", out / "index.html", out / "reports" / "mco-001.json"):
        planted.symlink_to(victim)
    result = run_cli("batch", batch_folder, "--set", minimal_set, "-o", out, "-q")
    assert result.exit_code == 0
    assert victim.read_bytes() == VICTIM
    assert not (out / "summary.json").is_symlink() and not (out / "reports").is_symlink()


def test_batch_refuses_a_reports_folder_that_is_a_link(
        run_cli: Run, batch_folder: Path, tmp_path: Path, minimal_set: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "reports").symlink_to(elsewhere)
    result = run_cli("batch", batch_folder, "--set", minimal_set, "-o", out, "-q")
    assert result.exit_code == 2 and "symbolic link" in result.output
    assert not any(elsewhere.iterdir())


def test_a_stopped_rerun_leaves_no_earlier_portfolio_behind(
        run_cli: Run, batch_folder: Path, minimal_set: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = batch_folder.parent / "out"
    assert run_cli("batch", batch_folder, "--set", minimal_set, "-o", out, "-q").exit_code == 0
    assert (out / "summary.json").exists()

    def stopped(*args: object) -> None:
        raise KeyboardInterrupt  # what the run sees of a stop part-way through

    monkeypatch.setattr(batch_run, "run_jobs", stopped)
    stopped_run = run_cli("batch", batch_folder, "--set", minimal_set, "-o", out, "-q")
    assert stopped_run.exit_code != 0 and "Aborted" in stopped_run.output
    assert not (out / "summary.json").exists() and not (out / "summary.csv").exists()
    assert "has not finished" in (out / "index.html").read_text(encoding="utf-8")
    later = run_cli("batch", batch_folder, "--set", minimal_set, "-o", out.parent / "q2",
                    "--previous", out, "-q")
    assert later.exit_code == 2 and "did not finish" in later.output


def _processes_naming(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker in (entry / "cmdline").read_bytes().decode(
                    "utf-8", "replace"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_killing_a_batch_stops_its_workers(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(80):
        shutil.copy(SAMPLE, folder / f"filing-{n:03d}.xlsx")
    out = tmp_path / "killed-batch-out"
    parent = subprocess.Popen([sys.executable, "-m", "compliance", "batch", str(folder), "-o",
                               str(out), "--jobs", "2", "-q"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not list((out / "reports").glob("*.json")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert parent.poll() is None, "the batch finished before it could be stopped"
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 3  # workers look for their parent five times a second
    while _processes_naming(str(out)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_naming(str(out)) == []
    written = sorted((out / "reports").iterdir())
    time.sleep(1)
    assert sorted((out / "reports").iterdir()) == written
    assert not (out / "summary.json").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_an_output_that_is_a_pipe_is_written_into_and_stays_a_pipe(
        workbook: Path, tmp_path: Path, run_cli: Run) -> None:
    import stat
    import threading

    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    time.sleep(0.2)  # the reader holds the pipe open before the check writes
    result = run_cli("check", workbook, "--format", "json", "--output", pipe, "--quiet")
    reader.join(10)
    assert result.exit_code in (0, 1)
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert b'"summary"' in received[0]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report.pipe")]
