"""The workbook preflight against a plain inflate of the same file, measured in one run.

Builds (once, seeded, cached in benchmarks/.cache) the Oregon filings whose member roster
holds 100,000 and 1,000,000 rows, then for each, in this process and alternating run by
run, measures the CPU time of:

* the baseline: inflating every part of the package with `zipfile` (zlib inflate and the
  CRC check, as any reader of the file does), reading 1 MiB at a time;
* `compliance.reader.preflight.inspect` on the same file (it inflates every part once,
  verifies it and scans every worksheet).

and prints the medians and their ratio (preflight / inflate).

    python benchmarks/preflight_bench.py [--runs 5] [--no-million]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from filing import ROOT, build_filing

sys.path.insert(0, str(ROOT))

from compliance.reader.preflight import inspect  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"


def inflate_all(path: Path) -> None:
    """Decompress every member, checking its CRC, and keep nothing."""
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            with archive.open(info) as member:
                while member.read(1 << 20):
                    pass


def cpu_seconds(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def filing(rows: int) -> Path:
    path = CACHE / f"oregon-{rows}.xlsx"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        build_filing(path, rows)
    return path


def compare(rows: int, runs: int) -> None:
    path = filing(rows)
    inspect(path)  # warm the page cache and the imports
    inflate, preflight = [], []
    for _ in range(runs):
        inflate.append(cpu_seconds(lambda: inflate_all(path)))
        preflight.append(cpu_seconds(lambda: inspect(path)))
    base, ours = statistics.median(inflate), statistics.median(preflight)
    size = path.stat().st_size / 1e6
    print(f"{rows:>9,} rows ({size:5.1f} MB)  inflate {base:6.3f} s  preflight {ours:6.3f} s  "
          f"ratio {ours / base:5.2f}x  (CPU, median of {runs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-million", action="store_true")
    args = parser.parse_args()
    for rows in (100_000,) if args.no_million else (100_000, 1_000_000):
        compare(rows, args.runs)


if __name__ == "__main__":
    main()
