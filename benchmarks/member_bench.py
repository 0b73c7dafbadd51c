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
from pathlib import Path

from filing import ROOT, build_filing

CACHE = Path(__file__).resolve().parent / ".cache"
SET = "oregon-cco"
BARE_READ = ("import sys, python_calamine as pc\n"
             "wb = pc.CalamineWorkbook.from_path(sys.argv[1])\n"
             "for name in wb.sheet_names:\n"
             "    wb.get_sheet_by_name(name).to_python()\n")


def measure(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"failed: {' '.join(command)}\n{error}")
    return elapsed, usage.ru_maxrss / 1024


def paired(first: list[str], second: list[str], runs: int) -> tuple[float, float, float, float]:
    """Medians of alternating runs (so that load drift hits both), and peak memories."""
    a, b = [], []
    for _ in range(runs):
        a.append(measure(first))
        b.append(measure(second))
    return (statistics.median(s[0] for s in a), max(s[1] for s in a),
            statistics.median(s[0] for s in b), max(s[1] for s in b))


def check(path: Path) -> list[str]:
    return [sys.executable, "-m", "compliance", "check", str(path), "--set", SET,
            "--format", "json", "--output", os.devnull, "--quiet"]


def large(rows: int, runs: int) -> None:
    path = build_filing(CACHE / f"oregon-{rows}.xlsx", rows)
    read, read_mb, full, full_mb = paired([sys.executable, "-c", BARE_READ, str(path)],
                                          check(path), runs)
    print(f"{rows:>9,}  {read:>8.2f} s  {full:>8.2f} s  {full / read:>5.2f}x  "
          f"{read_mb:>6.0f} / {full_mb:<6.0f} MB")


def small(runs: int) -> None:
    sample = ROOT / "sample_submissions" / "oregon" / "cascade-community-health-2026q1.xlsx"
    bare = statistics.median(measure([sys.executable, "-c", "pass"])[0] for _ in range(runs))
    whole = [measure(check(sample)) for _ in range(runs)]
    print(f"small filing (a bundled sample): whole check "
          f"{statistics.median(w[0] for w in whole):.2f} s (bare Python start-up {bare:.2f} s), "
          f"peak {max(w[1] for w in whole):.0f} MB")


def batch(files: int, runs: int) -> None:
    samples = sorted((ROOT / "sample_submissions").rglob("*.xlsx"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for n in range(files):
            sample = samples[n % len(samples)]
            shutil.copy(sample, folder / f"f{n:03d}-{sample.name}")

        def run(jobs: int) -> list[str]:
            out = Path(tmp) / f"out-{jobs}"
            return [sys.executable, "-m", "compliance", "batch", str(folder), "-o", str(out),
                    "--jobs", str(jobs), "--quiet"]

        cores = os.cpu_count() or 1
        one, one_mb, many, many_mb = paired(run(1), run(cores), runs)
    print(f"batch of {files} filings: --jobs 1 {one:.2f} s, --jobs {cores} {many:.2f} s, "
          f"{one / many:.2f}x faster; peak {one_mb:.0f} / {many_mb:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="paired runs per figure")
    parser.add_argument("--no-million", action="store_true", help="skip the 1,000,000 rows")
    parser.add_argument("--files", type=int, default=100, help="filings in the batch")
    args = parser.parse_args()
    print(f"{'roster':>9}  {'bare read':>10}  {'check':>10}  {'ratio':>6}  peak, read / check")
    large(100_000, args.runs)
    if not args.no_million:
        large(1_000_000, 1)
    small(max(args.runs, 5))
    batch(args.files, args.runs)


if __name__ == "__main__":
    main()
