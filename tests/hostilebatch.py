"""A quarter's folder with hostile files among good ones, and what its batch must record.

Good files are copies of the sample filings under new names; hostile files are
mutations of them that `check` refuses. After `compliance batch`, every good file
must carry the result it gets when checked alone, and every hostile file its own
one-line reason (never another file's failure, a lost worker or an internal error).
Used by `tests/test_hostile_batch.py` (a small folder) and
`scripts/hostile_batch.py` (200 files, 20 of them hostile).
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from compliance.api import check_workbook
from compliance.sets.choice import set_for
from tests.mutate import Case

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_submissions").rglob("*.xlsx"))
HOSTILE = ("truncated_file", "bit_flips", "duplicate_member", "garbage_part", "truncated_part",
           "bad_sst_text", "bad_sst_huge", "missing_workbook_rels", "date_minus_inf",
           "date_huge_negative")
# a date cell holding -inf or a serial below about -1.07e11 makes the native reader panic
NATIVE_PANICS = frozenset({"date_minus_inf", "date_huge_negative"})


@dataclass(frozen=True)
class Planned:
    """One file of the folder: the sample it came from and its mutation (None: good)."""

    sample: Path
    mutation: str | None


def build(folder: Path, total: int, hostile: int, *, panics: bool = True) -> dict[str, Planned]:
    """Write `total` files, `hostile` of them mutated, spread through the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    kinds = [m for m in HOSTILE if panics or m not in NATIVE_PANICS]
    step = max(total // max(hostile, 1), 1)
    plan: dict[str, Planned] = {}
    for n in range(total):
        sample = SAMPLES[n % len(SAMPLES)]
        bad = n % step == step - 1 and n // step < hostile
        mutation = kinds[(n // step) % len(kinds)] if bad else None
        name = f"{n:03d}-{sample.stem}" + (f"-{mutation}" if mutation else "") + ".xlsx"
        data = Case(sample, mutation, n).build() if mutation else sample.read_bytes()
        (folder / name).write_bytes(data)
        plan[name] = Planned(sample, mutation)
    return plan


def run_batch(folder: Path, out: Path, jobs: int) -> int:
    """`compliance batch` as a command; its exit code."""
    done = subprocess.run([sys.executable, "-m", "compliance", "batch", str(folder), "-o",
                           str(out), "--jobs", str(jobs), "-q"], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=1800)
    if "Traceback" in done.stderr:
        raise AssertionError(done.stderr)
    return done.returncode


def alone(samples: set[Path]) -> dict[str, tuple[float | None, bool]]:
    """Each sample's (score, passed) when checked on its own."""
    found = {}
    for sample in samples:
        doc = check_workbook(sample, set_for(sample, None))
        found[sample.name] = (doc.summary.score, doc.summary.passed)
    return found


def problems(out: Path, plan: dict[str, Planned]) -> list[str]:
    """What the batch summary got wrong; empty when every file is accounted for."""
    entries = {e["file"]: e for e in json.loads((out / "summary.json").read_text())["submissions"]}
    expected = alone({p.sample for p in plan.values() if p.mutation is None})
    found = [f"{name}: missing from the summary" for name in plan if name not in entries]
    for name, planned in plan.items():
        entry = entries.get(name)
        if entry is None:
            continue
        error = entry.get("error")
        if planned.mutation is None:
            if error is not None or (entry["score"], entry["passed"]) != expected[
                    planned.sample.name]:
                found.append(f"{name}: good file recorded as {error or entry['score']}")
        elif error is None or "\n" in error or any(
                bad in error for bad in ("worker failed", "internal error")):
            found.append(f"{name}: hostile file ({planned.mutation}) recorded as {error!r}")
    return found
