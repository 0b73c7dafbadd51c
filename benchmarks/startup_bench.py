"""Whole-process time of a small filing's check, and of a batch with every core against one.

In one run, alternating the commands so that the machine's load falls on each alike:

- a bare `python -c pass` (the floor every command pays);
- `compliance check` of a bundled sample (`--format json`), start-up included, with the
  set cache warm (as for every check after the first) and turned off (`COMPLIANCE_NO_CACHE`);
- `compliance batch` of 100 copies of the bundled samples, `--jobs 1` against
  `--jobs N` (N = the cores), in pairs; each pair's ratio is printed, then the median.

Prints medians of wall and CPU time, with the fastest and slowest run, and the load
average before and after (on a shared machine, a second core may not be free).

    python benchmarks/startup_bench.py [--runs 10] [--batch-runs 3] [--files 100] [--no-batch]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_submissions" / "oregon" / "cascade-community-health-2026q1.xlsx"


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one process; exits 0 or 1 as a check does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def line(label: str, runs: list[tuple[float, float]]) -> str:
    walls = sorted(w for w, _ in runs)
    cpu = statistics.median(c for _, c in runs)
    return (f"  {label:<34} wall {statistics.median(walls):.3f} s (fastest {walls[0]:.3f}, "
            f"slowest {walls[-1]:.3f})  CPU {cpu:.3f} s")


def small(runs: int, tmp: Path) -> None:
    output = str(tmp / "result.json")
    check = [sys.executable, "-m", "compliance", "check", str(SAMPLE), "--set", "oregon-cco",
             "--format", "json", "--output", output, "--quiet"]
    warm = {**os.environ, "COMPLIANCE_CACHE_DIR": str(tmp / "cache")}
    warm.pop("COMPLIANCE_NO_CACHE", None)
    cold = {**os.environ, "COMPLIANCE_NO_CACHE": "1"}
    timed(check, warm)  # fills the cache
    commands = {"python -c pass": ([sys.executable, "-c", "pass"], warm),
                "check, set cache warm": (check, warm), "check, set cache off": (check, cold)}
    found: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, (command, env) in commands.items():
            found[label].append(timed(command, env))
    print(f"small filing ({SAMPLE.name}), whole process, median of {runs}:")
    for label, times in found.items():
        print(line(label, times))


def batch(files: int, runs: int, tmp: Path) -> None:
    samples = sorted((ROOT / "sample_submissions").rglob("*.xlsx"))
    folder = tmp / "filings"
    folder.mkdir()
    for n in range(files):
        sample = samples[n % len(samples)]
        shutil.copy(sample, folder / f"f{n:03d}-{sample.name}")
    cores = os.cpu_count() or 1
    env = {**os.environ, "COMPLIANCE_CACHE_DIR": str(tmp / "cache")}

    def command(jobs: int, run: int) -> list[str]:
        return [sys.executable, "-m", "compliance", "batch", str(folder), "-o",
                str(tmp / f"out-{jobs}-{run}"), "--jobs", str(jobs), "--quiet"]

    pairs = [(timed(command(1, n), env), timed(command(cores, n), env)) for n in range(runs)]
    ratios = [one[0] / many[0] for one, many in pairs]
    print(f"batch of {files} filings, {runs} pairs, --jobs 1 against --jobs {cores}:")
    print(line("--jobs 1", [one for one, _ in pairs]))
    print(line(f"--jobs {cores}", [many for _, many in pairs]))
    print(f"  speed-up per pair: {', '.join(f'{r:.2f}x' for r in ratios)}; "
          f"median {statistics.median(ratios):.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--batch-runs", type=int, default=3)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--no-batch", action="store_true")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        small(args.runs, Path(tmp))
        if not args.no_batch:
            batch(args.files, args.batch_runs, Path(tmp))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
