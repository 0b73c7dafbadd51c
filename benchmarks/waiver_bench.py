"""Time to validate a waiver file as it grows: ten times the entries should take ten times as long.

Writes waiver files of N and 10 x N waivers (each for its own requirement) and of N
and 10 x N corrective action plans, loads each with `load_waivers` (what `waivers
lint` runs), and prints the times and the ratio of the large file's time to the small
one's. A ratio near 10 is linear; near 100 would be quadratic.

    python benchmarks/waiver_bench.py [--entries 600] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from compliance.waivers.file import load_waivers

WAIVER = ("  - {{requirement: ADV-{i:05d}, mco_id: MCO-001, from: 2026-01-01, to: 2026-06-30, "
          "justification: Committee re-formed after merger {i}, approved_by: J. Rivera, "
          "approved_on: 2026-02-03}}")
CAP = ("  - {{id: CAP-{i}, requirement: ADV-01, mco_id: MCO-001, opened: 2026-02-01, "
       "due: 2026-06-30, status: open}}")


def write(folder: Path, kind: str, count: int) -> Path:
    line = WAIVER if kind == "waivers" else CAP
    path = folder / f"{kind}-{count}.yaml"
    rows = ["mcos: [MCO-001, MCO-002]", f"{kind}:", *(line.format(i=i) for i in range(count))]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def timed(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        load_waivers(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for kind in ("waivers", "caps"):
            small = timed(write(Path(folder), kind, args.entries), args.runs)
            large = timed(write(Path(folder), kind, 10 * args.entries), args.runs)
            print(f"{kind:8} {args.entries:>6}: {small:7.3f} s   {10 * args.entries:>6}: "
                  f"{large:7.3f} s   ratio {large / small:5.1f} (10 is linear, 100 quadratic)")


if __name__ == "__main__":
    main()
