"""Wall time of `compliance batch` on 200 small submissions, against one-by-one checks.

Makes 200 varied, sample-sized workbooks for the minimal test set (rosters of 4-40
members, 0-3 meetings, a few demographic rows, some with a sheet missing), then
times:

- one by one: `check_workbook` and its JSON report for each file in turn, in this one
  process (no start-up cost per file: the best case for a loop);
- batch, in this process: `run_batch` (what `compliance batch` runs) with one worker
  per core (or --jobs), writing JSON reports, summary.json, summary.csv and index.html;
- batch, as a command: a whole `compliance batch` process, start-up included.

Prints the three times, the ratios to one-by-one and the cores used. Workbooks are cached in
benchmarks/.cache/batch-200.

    python benchmarks/batch_bench.py [--files 200] [--jobs N] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SET = ROOT / "tests/fixtures/sets/minimal.yaml"
ROLES = ["Current enrollee", "enrollee", "caregiver", "provider", "county_gov", "other"]
RACES = ["white", "black", "asian", "hispanic", "declined", "unknown"]

sys.path.insert(0, str(ROOT))


def submission(rnd: random.Random, n: int) -> dict[str, list[list[Any]]]:
    """One small workbook's sheets; varied sizes and outcomes."""
    from tests.workbooks import DEMOGRAPHICS_HEADER, MEETINGS_HEADER, ROSTER_HEADER, cover

    committees = [f"CAC-{i + 1}" for i in range(rnd.randint(1, 3))]
    roster = [ROSTER_HEADER] + [[rnd.choice(committees), rnd.choice(ROLES), "Lane"]
                                for _ in range(rnd.randint(4, 40))]
    meetings = [MEETINGS_HEADER] + [[rnd.choice(committees), dt.date(2026, rnd.randint(1, 3), 10),
                                     rnd.randint(3, 12), rnd.randint(1, 8)]
                                    for _ in range(rnd.randint(0, 3))]
    demographics = [DEMOGRAPHICS_HEADER] + [["race_eth", race, rnd.randint(0, 900)]
                                            for race in RACES]
    sheets: dict[str, list[list[Any]]] = {
        "Cover": cover(MCO_ID=f"MCO-{n:03d}", Enrollment=rnd.randint(1000, 200000)),
        "Committee_Roster": roster, "Committee_Meetings": meetings,
        "Member_Demographics": demographics}
    if rnd.random() < 0.1:
        del sheets[rnd.choice(["Committee_Meetings", "Member_Demographics"])]
    return sheets


def make_folder(files: int) -> Path:
    """The cached folder of `files` workbooks."""
    from tests.workbooks import write_workbook

    folder = HERE / ".cache" / f"batch-{files}"
    if folder.is_dir() and len(list(folder.glob("*.xlsx"))) == files:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rnd = random.Random(files)
    for n in range(files):
        write_workbook(folder / f"mco-{n:03d}.xlsx", submission(rnd, n))
    return folder


def one_by_one(folder: Path, out: Path, _jobs: int) -> float:
    """Seconds to check every workbook in turn in this process, writing each JSON report."""
    from compliance.api import check_workbook
    from compliance.render.json import render_json
    from compliance.sets.loader import load_requirement_set

    start = time.perf_counter()
    rs = load_requirement_set(SET)
    for path in sorted(folder.glob("*.xlsx")):
        (out / f"{path.stem}.json").write_text(render_json(check_workbook(path, rs)))
    return time.perf_counter() - start


def batch_in_process(folder: Path, out: Path, jobs: int) -> float:
    """Seconds for `run_batch` over the folder in this process."""
    from compliance.batch.run import BatchRequest, now, run_batch
    from compliance.batch.worker import Settings

    settings = Settings(out_dir=str(out), formats=(), waivers=None, fail_under=None,
                        fail_on=None, suppress=True, generated_at=now())
    start = time.perf_counter()
    run_batch(BatchRequest(inputs=(folder,), settings=settings, set_ref=str(SET), workers=jobs))
    return time.perf_counter() - start


def batch_command(folder: Path, out: Path, jobs: int) -> float:
    """Seconds for a whole `compliance batch` process."""
    command = [sys.executable, "-m", "compliance", "batch", str(folder), "--output-dir", str(out),
               "--set", str(SET), "--format", "json", "--jobs", str(jobs), "--quiet"]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"batch failed ({done.returncode}): {done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = make_folder(args.files)
    times: dict[str, list[float]] = {"loop": [], "batch": [], "command": []}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            for name, run in (("loop", one_by_one), ("batch", batch_in_process),
                              ("command", batch_command)):
                out = Path(tmp) / name
                out.mkdir()
                times[name].append(run(folder, out, args.jobs))
    loop, pool, command = (statistics.median(times[k]) for k in ("loop", "batch", "command"))
    print(f"{args.files} submissions, median of {args.runs} runs, {args.jobs} worker(s) "
          f"on {os.cpu_count()} core(s)")
    for label, value in (("one by one, in one process", loop),
                         ("batch (run_batch), in process", pool),
                         ("compliance batch command", command)):
        print(f"  {label:<30} {value:6.2f}s  {1000 * value / args.files:5.1f} ms/file  "
              f"speed-up {loop / value:4.2f}x")


if __name__ == "__main__":
    main()
