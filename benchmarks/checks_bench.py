"""Time of evaluating the checks over a member roster against a bare read of the roster.

Builds (once, seeded, cached in benchmarks/.cache) the Oregon filing whose member roster
holds ROWS rows, reads it once with the checker, then times in the same process:

- baseline: python-calamine opening the file and reading the roster sheet into Python;
- `evaluate`: every requirement of the Oregon set against the submission already read,
  from fresh columns each run (nothing a check works out is kept between runs);
- each check type's share of it, its checks run one after another in the set's order.

Prints medians and each time's ratio to the baseline (below 1: evaluating the checks
takes less time than reading the roster's cells at all).

    python benchmarks/checks_bench.py [--rows 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import python_calamine as pc
from filing import ROOT, build_filing

sys.path.insert(0, str(ROOT))

from compliance.checks import CHECKS  # noqa: E402
from compliance.evaluation.engine import evaluate  # noqa: E402
from compliance.evaluation.submission import EvidenceMissing, Submission  # noqa: E402
from compliance.model.requirement import RequirementSet  # noqa: E402
from compliance.reader.bind import read_submission  # noqa: E402
from compliance.sets.loader import load_requirement_set  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"
SET = ROOT / "requirement_sets" / "oregon-cco.yaml"
ROSTER = "Member_Roster"


def fresh(submission: Submission) -> Submission:
    """The submission with new column objects: nothing worked out by an earlier run kept."""
    tables = {sheet_id: dataclasses.replace(table, columns={
        field_id: dataclasses.replace(column) for field_id, column in table.columns.items()})
        for sheet_id, table in submission.tables.items()}
    return dataclasses.replace(submission, tables=tables)


def timed(work: Callable[[], object], runs: int) -> float:
    """Median wall seconds of `runs` runs."""
    times = []
    for _ in range(runs):
        gc.collect()  # an earlier run's garbage is not this run's cost
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_read(path: Path) -> None:
    """The baseline: the roster sheet's cells as Python values, nothing else."""
    pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(ROSTER).to_python()


def by_type(rs: RequirementSet, submission: Submission, runs: int) -> dict[str, float]:
    """Median seconds per check type, each run over fresh columns."""
    totals: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):
        current: dict[str, float] = defaultdict(float)
        run = fresh(submission)
        gc.collect()
        for check in (c for req in rs.requirements for c in req.checks):
            start = time.perf_counter()
            try:
                CHECKS[check.type].check(check, run)
            except EvidenceMissing:
                pass  # the measure is incomplete; the time to find out is what counts
            current[check.type] += time.perf_counter() - start
        for name, seconds in current.items():
            totals[name].append(seconds)
    return {name: statistics.median(times) for name, times in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="member rows in the roster")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    args = parser.parse_args()
    path = build_filing(CACHE / f"oregon-{args.rows}.xlsx", args.rows)
    rs = load_requirement_set(SET)
    submission = read_submission(path, rs.workbook)
    read = timed(lambda: bare_read(path), args.runs)
    whole = timed(lambda: evaluate(rs, fresh(submission)), args.runs)
    print(f"Oregon filing, {len(submission.tables['member_roster']):,} roster rows, "
          f"median of {args.runs}")
    print(f"  bare read of the roster (python-calamine)  {read:7.3f} s  1.00x")
    print(f"  evaluate every requirement                 {whole:7.3f} s  {whole / read:.2f}x")
    for name, seconds in sorted(by_type(rs, submission, args.runs).items(),
                                key=lambda item: -item[1])[:8]:
        print(f"    {name:<40} {seconds:7.3f} s  {seconds / read:.2f}x")


if __name__ == "__main__":
    main()
