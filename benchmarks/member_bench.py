"""A full check of large member-level filings against a bare python-calamine read.

Builds (once, seeded, cached in benchmarks/.cache) Oregon filings whose member roster
holds 100,000 and 1,000,000 rows, then prints in one run, each in a fresh process:

* a whole `compliance check --format json` of each filing against a script that only
  opens the same file with python-calamine and reads every sheet into Python (the
  baseline), as a ratio, with each process's peak memory;
* a small filing (a bundled sample) checked end to end, start-up included;
* `batch` over copies of the bundled samples with all cores against `--jobs 1`.

    python benchmarks/member_bench.py [--runs 3] [--no-million] [--files 100]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from filing import ROOT, build_filing

CACHE = Path(__file__).resolve().parent / ".cache"
SET = "oregon-cco"
# Children run from compiled bytecode, as an installed package does.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
BARE_READ = ("import sys, python_calamine as pc\n"
             "wb = pc.CalamineWorkbook.from_path(sys.argv[1])\n"
             "for name in wb.sheet_names:\n"
             "    wb.get_sheet_by_name(name).to_python()\n")


@dataclass(frozen=True)
class Run:
    """One child process: wall seconds, CPU seconds (user + system), peak resident MB."""

    wall: float
    cpu: float
    mb: float


def measure(command: list[str]) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=ENV)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"failed: {' '.join(command)}\n{error}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(runs: list[Run]) -> Run:
    """Median wall and CPU time, highest peak memory."""
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               max(r.mb for r in runs))


def paired(first: list[str], second: list[str], runs: int) -> tuple[Run, Run]:
    """Medians of alternating runs, so that a change in machine load hits both."""
    a, b = [], []
    for _ in range(runs):
        a.append(measure(first))
        b.append(measure(second))
    return median(a), median(b)


def check(path: Path) -> list[str]:
    return [sys.executable, "-m", "compliance", "check", str(path), "--set", SET,
            "--format", "json", "--output", os.devnull, "--quiet"]


def large(rows: int, runs: int) -> None:
    path = build_filing(CACHE / f"oregon-{rows}.xlsx", rows)
    read, full = paired([sys.executable, "-c", BARE_READ, str(path)], check(path), runs)
    print(f"{rows:>9,}  {read.wall:>7.2f} s  {full.wall:>7.2f} s  {full.wall / read.wall:>5.2f}x"
          f"  {read.cpu:>7.2f} s  {full.cpu:>7.2f} s  {full.cpu / read.cpu:>5.2f}x"
          f"  {read.mb:>5.0f} / {full.mb:<5.0f} MB")


def small(runs: int) -> None:
    sample = ROOT / "sample_submissions" / "oregon" / "cascade-community-health-2026q1.xlsx"
    bare = median([measure([sys.executable, "-c", "pass"]) for _ in range(runs)])
    whole = median([measure(check(sample)) for _ in range(runs)])
    print(f"small filing (a bundled sample), whole check: {whole.wall:.2f} s wall, "
          f"{whole.cpu:.2f} s CPU, peak {whole.mb:.0f} MB "
          f"(bare Python start-up {bare.wall:.2f} s wall, {bare.cpu:.2f} s CPU)")


def batch(files: int, runs: int) -> None:
    samples = sorted((ROOT / "sample_submissions").rglob("*.xlsx"))
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for n in range(files):
            sample = samples[n % len(samples)]
            shutil.copy(sample, folder / f"f{n:03d}-{sample.name}")

        def command(jobs: int) -> list[str]:
            return [sys.executable, "-m", "compliance", "batch", str(folder), "-o",
                    str(Path(tmp) / f"out-{jobs}"), "--jobs", str(jobs), "--quiet"]

        one, many = paired(command(1), command(cores), runs)
    print(f"batch of {files} filings: --jobs 1 {one.wall:.2f} s, --jobs {cores} "
          f"{many.wall:.2f} s: {one.wall / many.wall:.2f}x faster; "
          f"peak {one.mb:.0f} / {many.mb:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="paired runs per figure")
    parser.add_argument("--no-million", action="store_true", help="skip the 1,000,000 rows")
    parser.add_argument("--files", type=int, default=100, help="filings in the batch")
    args = parser.parse_args()
    print(f"{'roster':>9}  {'wall: read':>10}  {'check':>9}  {'ratio':>6}  {'CPU: read':>9}  "
          f"{'check':>9}  {'ratio':>6}  peak memory, read / check")
    large(100_000, args.runs)
    if not args.no_million:
        large(1_000_000, 1)
    small(max(args.runs, 5))
    batch(args.files, args.runs)


if __name__ == "__main__":
    main()
