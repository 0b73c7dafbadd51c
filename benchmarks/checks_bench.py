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
from dataclasses import dataclass
from pathlib import Path

import python_calamine as pc
from filing import ROOT, build_filing

sys.path.insert(0, str(ROOT))

from compliance.checks import CHECKS  # noqa: E402
from compliance.evaluation.engine import evaluate  # noqa: E402
from compliance.evaluation.submission import Column, EvidenceMissing, Submission  # noqa: E402
from compliance.model.requirement import RequirementSet  # noqa: E402
from compliance.reader.bind import read_submission  # noqa: E402
from compliance.sets.loader import load_requirement_set  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"
SET = ROOT / "requirement_sets" / "oregon-cco.yaml"
ROSTER = "Member_Roster"


def fresh(submission: Submission) -> Submission:
    """The submission with new column objects: nothing worked out by an earlier run kept."""
    tables = {sheet_id: dataclasses.replace(table, columns={
        field_id: Column(column.spec, column.letter, column.header, column.values)
        for field_id, column in table.columns.items()})
        for sheet_id, table in submission.tables.items()}
    return dataclasses.replace(submission, tables=tables)


@dataclass(frozen=True)
class Time:
    """Median wall and CPU seconds of some runs (CPU time is steadier on a busy machine)."""

    wall: float
    cpu: float

    def __truediv__(self, other: Time) -> Time:
        return Time(self.wall / other.wall, self.cpu / other.cpu)


def timed(work: Callable[[], object], runs: int) -> Time:
    """Median wall and CPU seconds of `runs` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        gc.collect()  # an earlier run's garbage is not this run's cost
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return Time(statistics.median(walls), statistics.median(cpus))


def bare_read(path: Path) -> None:
    """The baseline: the roster sheet's cells as Python values, nothing else."""
    pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(ROSTER).to_python()


def by_type(rs: RequirementSet, submission: Submission, runs: int) -> dict[str, Time]:
    """Median time per check type, each run over fresh columns."""
    walls: dict[str, list[float]] = defaultdict(list)
    cpus: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):
        wall: dict[str, float] = defaultdict(float)
        cpu: dict[str, float] = defaultdict(float)
        run = fresh(submission)
        gc.collect()
        for check in (c for req in rs.requirements for c in req.checks):
            started, used = time.perf_counter(), time.process_time()
            try:
                CHECKS[check.type].check(check, run)
            except EvidenceMissing:
                pass  # the measure is incomplete; the time to find out is what counts
            wall[check.type] += time.perf_counter() - started
            cpu[check.type] += time.process_time() - used
        for name in wall:
            walls[name].append(wall[name])
            cpus[name].append(cpu[name])
    return {name: Time(statistics.median(walls[name]), statistics.median(cpus[name]))
            for name in walls}


def line(what: str, spent: Time, read: Time) -> str:
    """One figure: wall and CPU seconds, each with its ratio to the bare read."""
    ratio = spent / read
    return (f"{what:<44} {spent.wall:7.3f} s {ratio.wall:6.2f}x   "
            f"{spent.cpu:7.3f} s {ratio.cpu:6.2f}x")


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
          f"median of {args.runs} runs")
    print(f"{'':<44} {'wall':>9} {'ratio':>7}   {'CPU':>9} {'ratio':>7}")
    print(line("bare read of the roster (python-calamine)", read, read))
    print(line("evaluate every requirement", whole, read))
    for name, spent in sorted(by_type(rs, submission, args.runs).items(),
                              key=lambda item: -item[1].cpu)[:8]:
        print(line(f"  {name}", spent, read))


if __name__ == "__main__":
    main()
