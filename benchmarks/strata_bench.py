"""Time of the stratified-results checks against a row-by-row check on the same sheet.

Builds one Stratified_Measures sheet of ROWS rows (measures of 1,000 strata each, one
suppressed, plus a total row) and times, on the same submission:

- baseline: `consistency` checking every row's rate against its counts (one pass);
- `strata_total` reconciling every group, and with `test: recoverable`;
- `disparity` comparing every group with the plan rate.

Prints each time and its ratio to the baseline; a ratio that grows with --rows would
mean a check is not linear in the sheet.

    python benchmarks/strata_bench.py [--rows 50000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIELDS: dict[str, Any] = {"measure_id": "text", "stratifier": "text", "stratum": "text",
          "denominator": {"type": "integer", "allow_suppressed": True},
          "numerator": {"type": "integer", "allow_suppressed": True},
          "rate": {"type": "percent", "allow_suppressed": True, "allow_na": True}}
CHECKS: dict[str, dict[str, Any]] = {
    "baseline (consistency)": {"type": "consistency", "sheet": "stratified_measures",
                               "rate": {"rate": "rate", "numerator": "numerator",
                                        "denominator": "denominator"}},
    "strata_total": {"type": "strata_total"},
    "strata_total recoverable": {"type": "strata_total", "test": "recoverable"},
    "disparity": {"type": "disparity", "stratifiers": ["race_eth"], "max_gap": 0.1},
}


def rows(count: int) -> list[list[Any]]:
    """Measures of 1,000 strata: 999 shown and one suppressed, under a total row."""
    found: list[list[Any]] = []
    for m in range(max(1, count // 1001)):
        found.append([f"M{m}", "total", "all", 50_000, 25_000, 0.5])
        found += [[f"M{m}", "race_eth", f"g{i}", 50, 20 + i % 10, (20 + i % 10) / 50]
                  for i in range(999)]
        found.append([f"M{m}", "race_eth", "x", "Suppressed", "Suppressed", "Suppressed"])
    return found


def main() -> None:
    """Time each check and print its ratio to the baseline."""
    from compliance.checks import CHECKS as REGISTRY
    from compliance.checks import CheckParams
    from tests.builders import make_submission

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sheet = rows(args.rows)
    submission = make_submission(tables={"stratified_measures": (FIELDS, sheet)})
    adapter: TypeAdapter[Any] = TypeAdapter(CheckParams)
    times = {}
    for name, raw in CHECKS.items():
        params = adapter.validate_python(raw)
        runs = []
        for _ in range(args.runs):
            start = time.perf_counter()
            REGISTRY[params.type].check(params, submission)
            runs.append(time.perf_counter() - start)
        times[name] = statistics.median(runs)
    base = times["baseline (consistency)"]
    print(f"{len(sheet):,} rows, median of {args.runs} runs")
    for name, seconds in times.items():
        print(f"  {name:26} {seconds:8.3f} s  x{seconds / base:5.2f}")


if __name__ == "__main__":
    main()
