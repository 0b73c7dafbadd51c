"""Fuzzing: mutated filings, requirement sets and waiver files must keep the checker's promises.

Every case is seeded, so a failure is reproduced by its id. The normal suite runs a
fixed small number of cases; `COMPLIANCE_FUZZ_CASES=500` runs more of each kind.

The promises: exit 0, 1 or 2; no traceback or internal error; a refusal is one line;
bounded time and memory; the input is never changed; and a mutation that damages
evidence never raises a requirement to met.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from compliance.cli import cli
from compliance.reader import bind as bind_module
from tests.mutate import DAMAGING, MUTATIONS, Case, cases, mutate_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_submissions").rglob("*.xlsx"))
OREGON = ROOT / "sample_submissions" / "oregon" / "willamette-valley-cco-2026q1.xlsx"
EXTENDED = bool(os.environ.get("COMPLIANCE_FUZZ_CASES"))
COUNT = int(os.environ.get("COMPLIANCE_FUZZ_CASES", "0")) or len(MUTATIONS)
TEXT_COUNT = int(os.environ.get("COMPLIANCE_FUZZ_CASES", "0")) or 16
SECONDS = 60  # per case; a loaded CI machine is slow, but a hang is endless
MEMORY = 1024**3  # address space a case may add to what this process already uses
# the normal suite: every mutation once, over three filings of different states
FEW = [p for p in SAMPLES if p.stem in ("willamette-valley-cco-2026q1",
                                        "evergreen-family-health-2026q1",
                                        "bayou-health-partners-2026q1")]
WORKBOOK_CASES = cases(SAMPLES if os.environ.get("COMPLIANCE_FUZZ_CASES") else FEW, COUNT)
# Value-level damage the reader does not guard yet: marked here, never deleted.
PANIC = ("a date cell holding -inf or a serial below about -1.07e11 makes the native reader "
         "panic: the file is refused in one line, but the panic's message and backtrace "
         "still reach stderr")
READER_PENDING: dict[str, str] = {}
"""Normal-suite cases that fail until the reader guards them, by id."""
WAIVERS = """\
mcos: [OR-CCO-0522, MCO-002]
waivers:
  - requirement: ADV-04
    mco_id: OR-CCO-0522
    from: 2026-01-01
    to: 2026-06-30
    justification: Committee re-formed after the merger; first meeting in July.
    approved_by: J. Rivera, Contract Manager
    approved_on: 2026-02-03
caps:
  - {id: CAP-2026-07, requirement: HEP-01, mco_id: OR-CCO-0522, opened: 2026-02-01,
     due: 2026-06-30, status: open}
"""


@dataclass(frozen=True)
class Outcome:
    """What `check` did with a file: the last exit code and output, the statuses found."""

    code: int | None
    stderr: str
    seconds: float
    unchanged: bool
    statuses: dict[str, str]
    check_code: int | None = None


def _address_space() -> int:
    """This process's address space now: the child's limit is set above it."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _child(args: list[str], log: Path, limit: int) -> None:
    """Run the command line in a forked process, as `compliance` would, output to `log`."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.stdout = sys.stderr = open(2, "w", closefd=False)
    if limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        cli.main(args, prog_name="compliance", standalone_mode=True)
    except SystemExit as exc:
        sys.stderr.flush()
        os._exit(exc.code if isinstance(exc.code, int) else int(exc.code is not None))


def _fork(args: list[str], log: Path) -> tuple[int | None, str]:
    """(exit code or None after the time bound, output) of the command line, forked.

    Forking from this process skips the interpreter start-up a new process would pay
    for each case; an uncaught exception still ends the child with a traceback.
    """
    limit = _address_space() + MEMORY if _address_space() else 0
    child = multiprocessing.get_context("fork").Process(target=_child, args=(args, log, limit))
    child.start()
    child.join(SECONDS)
    code = child.exitcode
    if child.is_alive():
        child.kill()
        child.join()
        code = None
    return code, log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


def _run_check(path: Path, annotate: bool = True) -> Outcome:
    """`check --format json`, then (when it could check) `check --annotate`, on `path`."""
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = path.with_suffix(".json")
    start = time.monotonic()
    code, stderr = _fork(["check", str(path), "--format", "json", "--output", str(result),
                          "--quiet"], path.with_suffix(".log"))
    statuses = {}
    check_code = code
    checked = code in (0, 1) and result.exists()
    if checked:
        doc = json.loads(result.read_text(encoding="utf-8"))
        statuses = {r["id"]: r["status"] for r in doc["requirements"]}
    if checked and annotate:
        annotated = path.with_suffix(".annotated.xlsx")
        code, stderr = _fork(["check", str(path), "--annotate", str(annotated), "--quiet"],
                             path.with_suffix(".annotate.log"))
    unchanged = hashlib.sha256(path.read_bytes()).hexdigest() == before
    return Outcome(code, stderr, time.monotonic() - start, unchanged, statuses, check_code)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every workbook case and every sample unmutated, two processes at a time."""
    folder = tmp_path_factory.mktemp("fuzz")
    paths = {}
    for sample in sorted({case.sample for case in WORKBOOK_CASES}):
        paths[f"baseline:{sample.name}"] = folder / f"baseline-{sample.name}"
        paths[f"baseline:{sample.name}"].write_bytes(sample.read_bytes())
    for case in WORKBOOK_CASES:
        paths[case.id] = folder / f"{case.id}.xlsx"
        paths[case.id].write_bytes(case.build())
    return {key: _run_check(path) for key, path in paths.items()}


@pytest.fixture(scope="module")
def outcomes_by_column(outcomes: dict[str, Outcome],
                       tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """The same cases with every table sheet read column by column (`columnar`)."""
    folder = tmp_path_factory.mktemp("fuzz-columns")
    found = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bind_module, "COLUMNAR_ROWS", 1)
        for case in WORKBOOK_CASES:
            path = folder / f"{case.id}.xlsx"
            path.write_bytes(case.build())
            found[case.id] = _run_check(path, annotate=False)
    return found


def _params() -> list[Any]:
    return [pytest.param(case, id=case.id, marks=[pytest.mark.xfail(
        strict=True, reason=READER_PENDING[case.id])] if case.id in READER_PENDING
        else []) for case in WORKBOOK_CASES]


@pytest.mark.parametrize("case", _params())
def test_a_mutated_filing_keeps_the_promises(case: Case,
                                             outcomes: dict[str, Outcome]) -> None:
    got = outcomes[case.id]
    if EXTENDED and case.id not in READER_PENDING and "panicked at" in got.stderr:
        pytest.xfail(PANIC)  # the same reader defect as the pending cases, on another cell
    assert got.code in (0, 1, 2), got.stderr
    assert "Traceback" not in got.stderr and "internal error" not in got.stderr, got.stderr
    assert got.unchanged
    if got.code == 2:
        lines = got.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), got.stderr
    if case.mutation in DAMAGING and got.statuses:
        before = outcomes[f"baseline:{case.sample.name}"].statuses
        raised = [rid for rid, status in got.statuses.items()
                  if status == "met" and before.get(rid, "met") != "met"]
        assert raised == [], f"damaged evidence made {raised} met"


@pytest.mark.parametrize("case", _params())
def test_a_mutated_filing_reads_alike_column_by_column(
        case: Case, outcomes: dict[str, Outcome],
        outcomes_by_column: dict[str, Outcome]) -> None:
    general, by_column = outcomes[case.id], outcomes_by_column[case.id]
    assert by_column.check_code == general.check_code, by_column.stderr
    assert by_column.statuses == general.statuses
    assert "Traceback" not in by_column.stderr and by_column.unchanged


def test_every_mutation_is_in_the_normal_suite() -> None:
    assert {case.mutation for case in cases(SAMPLES, len(MUTATIONS))} == set(MUTATIONS)


def test_mutations_are_reproducible() -> None:
    case = WORKBOOK_CASES[0]
    assert Case(case.sample, case.mutation, case.seed).build() == case.build()


def _assert_clean(result: Result, codes: tuple[int, ...]) -> None:
    assert result.exit_code in codes, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output


def _text_cases(kind: str) -> list[Any]:
    rng = random.Random(f"{kind}:2026")
    return [pytest.param(rng.randrange(10_000), id=f"{kind}-{n}") for n in range(TEXT_COUNT)]


@pytest.mark.parametrize("seed", _text_cases("set"))
def test_a_mutated_requirement_set_keeps_the_promises(
        seed: int, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    source = ROOT / "requirement_sets" / "oregon-cco.yaml"
    name, data = mutate_text(source.read_bytes(), random.Random(seed))
    path = tmp_path / "oregon-cco.yaml"
    path.write_bytes(data)
    start = time.monotonic()
    _assert_clean(run_cli("sets", "lint", path), (0, 1))
    _assert_clean(run_cli("check", OREGON, "--set", path, "--quiet"), (0, 1, 2))
    assert time.monotonic() - start < SECONDS, name
    assert path.read_bytes() == data


@pytest.mark.parametrize("seed", _text_cases("waivers"))
def test_a_mutated_waiver_file_keeps_the_promises(
        seed: int, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    name, data = mutate_text(WAIVERS.encode(), random.Random(seed))
    path = tmp_path / "waivers.yaml"
    path.write_bytes(data)
    start = time.monotonic()
    _assert_clean(run_cli("waivers", "lint", path), (0, 1))
    _assert_clean(run_cli("check", OREGON, "--waivers", path, "--quiet"), (0, 1, 2))
    assert time.monotonic() - start < SECONDS, name
    assert path.read_bytes() == data
