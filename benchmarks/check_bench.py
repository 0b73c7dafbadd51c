"""Speed and memory of a full check on large member rosters, against python-calamine.

Prints, for rosters of 10k and 100k rows x 15 columns (and 1M with --million):
the median wall time of python-calamine merely reading the sheet (the baseline, in a
fresh process), of a whole `compliance check` process on the same file, their ratio,
and each process's peak memory. Then a small submission's whole check process against
a bare Python start-up. Times on shared machines are noisy; the ratios are the figures
to compare. Generated workbooks are cached in benchmarks/.cache.

    python benchmarks/check_bench.py [--runs 3] [--million]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
SET = HERE / "roster-set.yaml"
RACES = ["aian", "asian", "black", "hispanic", "mena", "nhpi", "white", "multiple", "declined",
         "unknown"]


def make_roster(rows: int) -> Path:
    """A member roster workbook, written once per size with openpyxl's streaming writer."""
    from openpyxl import Workbook

    path = CACHE / f"roster-{rows}.xlsx"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    rnd = random.Random(rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Member_Roster")
    sheet.append(["Member key", "Age", "County", "Race and ethnicity", "Race and ethnicity source",
                  "Ethnicity detail", "Language spoken", "Language written", "Interpreter needed",
                  "Disability", "Sexual orientation", "Gender identity", "Sex", "Enrolled on",
                  "Respondent"])
    for i in range(rows):
        sheet.append([f"M{i:07d}", rnd.randint(0, 99), rnd.choice(["Lane", "Linn", "Benton"]),
                      rnd.choice(RACES), rnd.choice(["self", "self", "self", "imputed", "proxy"]),
                      rnd.choice(["Mexican", "Vietnamese", "", "Somali"]),
                      rnd.choice(["English", "Spanish", "Vietnamese"]),
                      rnd.choice(["English", "Spanish", ""]), rnd.choice(["Y", "N"]),
                      rnd.choice(["yes", "no", "declined"]), rnd.choice(["straight", "", "gay"]),
                      rnd.choice(["woman", "man", "nonbinary", ""]), rnd.choice(["f", "m", "x"]),
                      f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                      rnd.choice(["self", "proxy"])])
    tmp = path.with_suffix(".tmp")
    book.save(tmp)
    tmp.rename(path)
    return path


def measure(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")  # type: ignore[union-attr]
    return elapsed, usage.ru_maxrss / 1024


def median_of(command: list[str], runs: int) -> tuple[float, float]:
    samples = [measure(command) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def calamine_read(path: Path) -> list[str]:
    code = ("import python_calamine as pc, sys; wb = pc.CalamineWorkbook.from_path(sys.argv[1]); "
            "sum(1 for _ in wb.get_sheet_by_name('Member_Roster').iter_rows())")
    return [sys.executable, "-c", code, str(path)]


def full_check(path: Path, set_path: Path) -> list[str]:
    return [sys.executable, "-m", "compliance", "check", str(path), "--set", str(set_path),
            "--format", "json", "--output", os.devnull, "--quiet"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--million", action="store_true", help="also measure 1,000,000 rows")
    args = parser.parse_args()
    sizes = [10_000, 100_000] + ([1_000_000] if args.million else [])
    print(f"{'rows':>9}  {'calamine read':>13}  {'full check':>10}  {'ratio':>5}  "
          f"{'peak MB (read / check)':>22}")
    for rows in sizes:
        path = make_roster(rows)
        base, base_mb = median_of(calamine_read(path), args.runs)
        full, full_mb = median_of(full_check(path, SET), args.runs)
        print(f"{rows:>9}  {base:>12.2f}s  {full:>9.2f}s  {full / base:>5.2f}  "
              f"{base_mb:>10.0f} / {full_mb:<10.0f}")
    small = make_small()
    bare, _ = median_of([sys.executable, "-c", "pass"], 5)
    whole, small_mb = median_of(full_check(small, HERE.parent / "tests/fixtures/sets/minimal.yaml"),
                                5)
    print(f"small submission: whole check process {whole:.2f}s, bare Python start-up {bare:.2f}s "
          f"(ratio {whole / bare:.1f}), peak {small_mb:.0f} MB")


def make_small() -> Path:
    sys.path.insert(0, str(HERE.parent))
    from tests.workbooks import compliant, write_workbook

    CACHE.mkdir(exist_ok=True)
    return write_workbook(CACHE / "small.xlsx", compliant())


if __name__ == "__main__":
    main()
