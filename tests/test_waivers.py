"""Waiver files: strict loading, the waiver stage, CAP notes, and the CLI around them."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.api import check_workbook
from compliance.errors import RequirementSetError
from compliance.evaluation.results import RequirementResult, Status
from compliance.sets.loader import load_requirement_set
from compliance.waivers.apply import apply_waivers, for_set, requirement_problems
from compliance.waivers.file import WaiverFile, load_waivers
from tests.conftest import MINIMAL_SET

Run = Callable[..., Result]
Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))

WAIVER = """\
    - requirement: ADV-04
      mco_id: MCO-001
      {cover}
      justification: Committee re-formed after the merger.
      approved_by: J. Rivera
      approved_on: 2026-02-03
      {extra}
"""


def write(tmp_path: Path, text: str, name: str = "waivers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def waiver_file(tmp_path: Path, cover: str = "from: 2026-01-01", extra: str = "",
                caps: str = "") -> WaiverFile:
    body = "mcos: [MCO-001, MCO-002]\nwaivers:\n" + textwrap.dedent(
        WAIVER.format(cover=cover, extra=extra)) + caps
    return load_waivers(write(tmp_path, body))


def result(status: Status, score: float | None, rid: str = "ADV-04") -> RequirementResult:
    return RequirementResult(id=rid, title="t", domain="d", severity="major", weight=1,
                             citation="c", basis="b", remediation="r", status=status, score=score)


# --- loading ---------------------------------------------------------------------------------

def test_a_valid_file_loads_with_both_coverage_forms(tmp_path: Path) -> None:
    loaded = waiver_file(tmp_path, cover="periods: [{start: 2026-01-01, end: 2026-03-31}]")
    assert loaded.waivers[0].spans[0].end == dt.date(2026, 3, 31)
    open_ended = waiver_file(tmp_path, cover="from: 2026-01-01")
    assert open_ended.waivers[0].spans[0].end == dt.date.max


ENTRY = ("mcos: [MCO-001]\nwaivers:\n  - requirement: ADV-04\n    mco_id: MCO-001\n"
         "    from: 2026-01-01\n    justification: j\n    approved_by: X\n"
         "    approved_on: 2026-01-01\n")


@pytest.mark.parametrize(("body", "expected"), [
    (ENTRY.replace("justification: j", "justification: ''"),
     "waivers.yaml:6: waivers[0].justification:"),
    (ENTRY.replace("mco_id: MCO-001", "mco_id: MCO-009"),
     "waivers.yaml:3: waivers[0].mco_id: 'MCO-009' is not in mcos"),
    (ENTRY.replace("    from: 2026-01-01\n", ""), "give either periods or from"),
    (ENTRY + "    expires: 2026-06-01\n", "waivers.yaml:9: waivers[0].expires: unknown key"),
    (ENTRY.replace("requirement: ADV-04", "requirement: adv 4"),
     "waivers.yaml:3: waivers[0].requirement: 'adv 4' is not a requirement id"),
    ("mcos: [MCO-001]\ncaps:\n  - {id: CAP-1, requirement: ADV-01, mco_id: MCO-001,"
     " opened: 2026-05-01, due: 2026-04-01, status: open}\n", "opened is after due"),
    ("mcos: [MCO-001]\ncaps:\n  - {id: CAP-1, requirement: ADV-01, mco_id: MCO-001,"
     " opened: 2026-01-01, due: 2026-04-01, status: pending}\n", "caps[0].status"),
    ("waivers: []\n", "missing required key"),
    ("mcos: [MCO-001]\nmcos: [MCO-002]\n", "waivers.yaml:2: duplicate key 'mcos'"),
    ("- just a list\n", "must be a mapping"),
])
def test_bad_files_are_reported_with_file_and_line(tmp_path: Path, body: str,
                                                  expected: str) -> None:
    with pytest.raises(RequirementSetError) as caught:
        load_waivers(write(tmp_path, body))
    assert expected in "\n".join(caught.value.problems)


def test_overlapping_waivers_for_the_same_requirement_are_an_error(tmp_path: Path) -> None:
    entry = textwrap.dedent(WAIVER.format(cover="from: 2026-01-01", extra=""))
    body = "mcos: [MCO-001]\nwaivers:\n" + entry + entry.replace("2026-01-01", "2026-03-01", 1)
    with pytest.raises(RequirementSetError) as caught:
        load_waivers(write(tmp_path, body))
    assert "waivers[1]: covers the same periods as waivers[0]" in caught.value.one_line()


def test_requirements_are_checked_against_the_sets_used(tmp_path: Path) -> None:
    rs = load_requirement_set(MINIMAL_SET)
    good = waiver_file(tmp_path)
    assert requirement_problems(good, [rs]) == []
    bad = load_waivers(write(tmp_path, good.model_dump_json(by_alias=True, exclude={
        "source", "lines"}).replace("ADV-04", "ADV-99")))
    assert "has no requirement 'ADV-99'" in requirement_problems(bad, [rs])[0]
    elsewhere = bad.model_copy(update={"waivers": (bad.waivers[0].model_copy(
        update={"set": "other-state"}),)})
    assert requirement_problems(elsewhere, [rs]) == []  # it belongs to a set not in use
    assert for_set(elsewhere, rs).waivers == ()


# --- the waiver stage ------------------------------------------------------------------------

def test_a_waiver_turns_a_gap_into_waived_and_keeps_the_evidence(tmp_path: Path) -> None:
    before = result(Status.NOT_MET, 0.0)
    [after] = apply_waivers([before], waiver_file(tmp_path), "MCO-001", Q1)
    assert after.status == Status.WAIVED and after.score is None
    assert after.waiver is not None and after.waiver.approved_by == "J. Rivera"
    assert after.waiver.justification == "Committee re-formed after the merger."
    assert after.notes == ("without the waiver: not met, score 0",)


@pytest.mark.parametrize(("cover", "extra", "period", "why"), [
    ("from: 2026-01-01", "expires_on: 2026-03-01", Q1, "it expired on 2026-03-01"),
    ("from: 2026-04-01", "", Q1, "it is not yet in effect (from 2026-04-01)"),
    ("periods: [{start: 2025-01-01, end: 2025-12-31}]", "", Q1, "its periods ended on 2025-12-31"),
    ("periods: [{start: 2026-02-01, end: 2026-12-31}]", "", Q1, "covers only part"),
    ("from: 2026-01-01", "", (None, None), "the reporting period is unknown"),
])
def test_a_waiver_that_does_not_apply_says_why(tmp_path: Path, cover: str, extra: str,
                                              period: tuple[dt.date | None, dt.date | None],
                                              why: str) -> None:
    [after] = apply_waivers([result(Status.NOT_MET, 0.0)], waiver_file(tmp_path, cover, extra),
                            "MCO-001", period)
    assert after.status == Status.NOT_MET and after.waiver is None
    assert len(after.notes) == 1 and why in after.notes[0] and "does not apply" in after.notes[0]


def test_other_mcos_and_met_requirements_are_not_waived(tmp_path: Path) -> None:
    waivers = waiver_file(tmp_path)
    gap = result(Status.NOT_MET, 0.0)
    assert apply_waivers([gap], waivers, "MCO-002", Q1) == [gap]
    [met] = apply_waivers([result(Status.MET, 1.0)], waivers, "MCO-001", Q1)
    assert met.status == Status.MET and met.score == 1.0 and "not needed" in met.notes[0]


CAPS = """caps:
  - {id: CAP-2026-07, requirement: ADV-01, mco_id: MCO-001, opened: 2026-01-05,
     due: DUE, status: STATUS}
"""


@pytest.mark.parametrize(("due", "status", "before", "note"), [
    ("2026-06-30", "open", Status.NOT_MET, "CAP-2026-07 open until 2026-06-30"),
    ("2026-03-01", "open", Status.PARTIALLY_MET, "CAP-2026-07 open until 2026-03-01 (overdue)"),
    ("2026-03-01", "open", Status.MET, "CAP-2026-07 is open but the requirement is now met"),
    ("2026-03-01", "closed", Status.NOT_MET, None),
])
def test_caps_are_notes_and_never_change_the_score(tmp_path: Path, due: str, status: str,
                                                   before: Status, note: str | None) -> None:
    waivers = waiver_file(tmp_path, caps=CAPS.replace("DUE", due).replace("STATUS", status))
    original = result(before, 0.4, rid="ADV-01")
    [after] = apply_waivers([original], waivers, "MCO-001", Q1)
    assert (after.status, after.score) == (original.status, original.score)
    assert len(after.notes) == (1 if note else 0)
    assert all(n.startswith(note or "") for n in after.notes)


def test_overdue_falls_back_to_the_generation_date_without_a_period(tmp_path: Path) -> None:
    waivers = waiver_file(tmp_path, caps=CAPS.replace("DUE", "2026-03-01").replace(
        "STATUS", "open"))
    gap = result(Status.NOT_MET, 0.0, rid="ADV-01")
    [early] = apply_waivers([gap], waivers, "MCO-001", (None, None), as_of=dt.date(2026, 2, 1))
    [late] = apply_waivers([gap], waivers, "MCO-001", (None, None), as_of=dt.date(2026, 4, 1))
    assert not early.notes[0].endswith("(overdue)") and late.notes[0].endswith("(overdue)")


# --- through the API and the CLI ---------------------------------------------------------------

def test_waived_requirements_leave_the_score_and_the_gate(tmp_path: Path,
                                                         sample: Callable[[str], Path]) -> None:
    path = sample("failing")
    plain = check_workbook(path, MINIMAL_SET)
    waived = check_workbook(path, MINIMAL_SET, waivers=waiver_file(tmp_path))
    by_id = {r.id: r for r in waived.requirements}
    assert by_id["ADV-04"].status == Status.WAIVED
    assert waived.summary.counts["waived"] == 1 and len(waived.requirements) == 6
    assert waived.summary.score is not None and plain.summary.score is not None
    assert waived.summary.score > plain.summary.score
    assert not any("ADV-04" in reason for reason in waived.summary.gate.reasons)


def test_check_with_waivers_writes_them_into_the_json(run_cli: Run, tmp_path: Path,
                                                      sample: Callable[[str], Path]) -> None:
    waivers = write(tmp_path, "mcos: [MCO-001]\nwaivers:\n" + textwrap.dedent(
        WAIVER.format(cover="from: 2026-01-01", extra="")))
    result = run_cli("check", sample("failing"), "--set", MINIMAL_SET, "--waivers", waivers,
                     "--format", "json")
    adv04 = next(r for r in json.loads(result.stdout)["requirements"] if r["id"] == "ADV-04")
    assert adv04["status"] == "waived" and adv04["waiver"]["approved_by"] == "J. Rivera"


def test_a_waiver_for_an_unknown_requirement_stops_check_before_reading(
        run_cli: Run, tmp_path: Path) -> None:
    waivers = write(tmp_path, "mcos: [MCO-001]\nwaivers:\n" + textwrap.dedent(
        WAIVER.format(cover="from: 2026-01-01", extra="")).replace("ADV-04", "ADV-77"))
    unreadable = tmp_path / "broken.xlsx"
    unreadable.write_text("not a workbook")
    result = run_cli("check", unreadable, "--set", MINIMAL_SET, "--waivers", waivers)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "waivers.yaml:3: waivers[0].requirement" in lines[0]
    assert "ADV-77" in lines[0] and "broken.xlsx" not in lines[0]


def test_check_with_a_malformed_waiver_file_exits_2_in_one_line(run_cli: Run, tmp_path: Path,
                                                                 sample: Callable[[str], Path]
                                                                 ) -> None:
    waivers = write(tmp_path, "mcos: [MCO-001]\nwaivers:\n  - requirement: adv 4\n")
    result = run_cli("check", sample("failing"), "--set", MINIMAL_SET, "--waivers", waivers)
    assert result.exit_code == 2
    assert result.output.startswith("error: waivers.yaml:3:") and result.output.count("\n") == 1


def test_waivers_lint(run_cli: Run, tmp_path: Path) -> None:
    good = write(tmp_path, "mcos: [MCO-001]\nwaivers:\n" + textwrap.dedent(
        WAIVER.format(cover="from: 2026-01-01", extra="")))
    ok = run_cli("waivers", "lint", good, "--set", MINIMAL_SET)
    assert ok.exit_code == 0 and "ok:" in ok.output and "1 waivers" in ok.output
    unknown = write(tmp_path, good.read_text().replace("ADV-04", "ADV-77"), "unknown.yaml")
    unchecked = run_cli("waivers", "lint", unknown)  # no set given: every bundled set
    assert unchecked.exit_code == 1 and "'ADV-77' is a requirement of none of the" in (
        unchecked.stderr) and "oregon-cco" in unchecked.stderr
    flagged = run_cli("waivers", "lint", unknown, "--set", MINIMAL_SET)
    assert flagged.exit_code == 1 and "unknown.yaml:3:" in flagged.output
    broken = write(tmp_path, good.read_text().replace("  approved_by: J. Rivera\n", ""),
                   "broken.yaml")
    result = run_cli("waivers", "lint", broken)
    assert result.exit_code == 1
    assert result.output == "error: broken.yaml:3: waivers[0].approved_by: missing required key\n"
    twice = write(tmp_path, good.read_text().replace("MCO-001]", "MCO-001, MCO-001]"),
                  "twice.yaml")
    assert "twice.yaml:1: mcos: 'MCO-001' is listed twice" in run_cli(
        "waivers", "lint", twice).output
    assert run_cli("waivers", "lint", good, "--set", "no-such-set").exit_code == 2


def test_waivers_lint_reports_every_problem_in_one_run_in_plain_words(run_cli: Run,
                                                                      tmp_path: Path) -> None:
    body = """\
        mcos: [MCO-001]
        waivers:
          - requirement: ADV-99
            mco_id: MCO-001
            from: 2026-01-01
            justification: Merger
            approved_by: J. Rivera
            approved_on: 2026-13-01
          - requirement: DEM-01
            mco_id: MCO-007
            from: 2026-01-01
            justification: x
            approved_by: y
            approved_on: 2026-01-15
        caps:
          - {id: CAP-1, requirement: ADV-01, mco_id: MCO-001, opened: 2026-02-01,
             due: 2026-03-01, status: pending}
          - {id: CAP-1, requirement: ADV-1, mco_id: MCO-001, opened: 2026-02-01,
             due: 2026-03-01, status: open}
        """
    result = run_cli("waivers", "lint", write(tmp_path, body))
    assert result.exit_code == 1 and result.stdout == ""
    problems = result.stderr.splitlines()
    assert [p.split(": ")[2] for p in problems] == [
        "waivers[0].requirement", "waivers[0].approved_on", "waivers[1].mco_id",
        "caps[0].status", "caps[1].requirement", "caps[1].id"]
    assert problems[0].startswith("error: waivers.yaml:3: ")
    assert "'2026-13-01' is not a date; write it as YYYY-MM-DD" in problems[1]
    assert "'MCO-007' is not in mcos (MCO-001)" in problems[2]
    assert "did you mean 'ADV-01'?" in problems[4]
    assert "internal error" not in result.stderr
    scoped = run_cli("waivers", "lint", write(tmp_path, body), "--set", MINIMAL_SET)
    assert "set 'minimal' has no requirement 'ADV-99'" in scoped.stderr


def test_structural_problems_are_worded_for_people(run_cli: Run, tmp_path: Path) -> None:
    body = ENTRY.replace("mcos: [MCO-001]", "mcos: []").replace(
        "justification: j", "justification: ''").replace(
        "    from: 2026-01-01\n", "    periods: 2026-Q1\n")
    problems = run_cli("waivers", "lint", write(tmp_path, body)).stderr
    assert "mcos: must list at least one" in problems
    assert "waivers[0].justification: must not be empty" in problems
    assert "waivers[0].periods: must be a list" in problems
    assert "should" not in problems and "Tuple" not in problems
