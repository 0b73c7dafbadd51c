"""Quarter over quarter: the comparison, its formats, and `compliance diff` exit codes."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from compliance.api import check_workbook
from compliance.diff.compare import compare
from compliance.errors import UsageError
from compliance.evaluation.document import ResultDocument
from compliance.render.json import render_json
from tests.conftest import MINIMAL_SET
from tests.workbooks import ROSTER_HEADER, compliant, cover, failing, write_workbook

Run = Callable[..., Result]
Q2 = {"Reporting_period_start": dt.date(2026, 4, 1), "Reporting_period_end": dt.date(2026, 6, 30)}


def second_quarter(**cover_fields: Any) -> dict[str, list[list[Any]]]:
    """Q1's failing MCO a quarter later: meetings held, data fixed, consumers 4 of 8."""
    sheets = compliant()
    sheets["Cover"] = cover(**{**Q2, **cover_fields})
    sheets["Committee_Roster"] = [ROSTER_HEADER] + [["CAC-1", "enrollee", "Lane"]] * 4 + [
        ["CAC-1", "provider", "Lane"]] * 4
    return sheets


@pytest.fixture
def quarters(tmp_path: Path) -> tuple[Path, Path]:
    return (write_workbook(tmp_path / "q1.xlsx", failing()),
            write_workbook(tmp_path / "q2.xlsx", second_quarter()))


def saved(doc: ResultDocument, path: Path) -> Path:
    path.write_text(render_json(doc))
    return path


@pytest.fixture
def results(quarters: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    q1, q2 = quarters
    return (saved(check_workbook(q1, MINIMAL_SET), tmp_path / "q1.json"),
            saved(check_workbook(q2, MINIMAL_SET), tmp_path / "q2.json"))


def test_improvement_is_resolved_gaps_and_moved_values(quarters: tuple[Path, Path]) -> None:
    old, new = (check_workbook(q, MINIMAL_SET) for q in quarters)
    diff = compare(old, new)
    assert [c.id for c in diff.of_kind("resolved")] == ["ADV-04", "DEM-01"]
    assert [c.id for c in diff.of_kind("still_open")] == ["ADV-01"]
    assert diff.of_kind("new") == [] and not diff.regression and diff.warnings == ()
    [share] = diff.of_kind("still_open")[0].moves
    assert (share.before, share.after) == ("40% (weakest of 2 groups)", "50%")
    assert share.delta == pytest.approx(0.1)
    engagement = next(d for d in diff.domains if d.id == "community_engagement")
    assert engagement.before is not None and engagement.after is not None
    assert engagement.delta == pytest.approx(engagement.after - engagement.before, abs=0.01)


def test_going_backwards_is_a_regression(quarters: tuple[Path, Path]) -> None:
    q1, q2 = (check_workbook(q, MINIMAL_SET) for q in quarters)
    diff = compare(q2, q1)
    assert [c.id for c in diff.of_kind("new")] == ["ADV-04", "DEM-01"]
    assert diff.regression and diff.score_delta is not None and diff.score_delta < 0
    assert any("periods are not in order" in w for w in diff.warnings)


def test_a_lower_score_alone_is_a_regression(tmp_path: Path) -> None:
    better = second_quarter()
    worse = second_quarter()
    worse["Committee_Roster"] = [ROSTER_HEADER] + [["CAC-1", "enrollee", "Lane"]] * 3 + [
        ["CAC-1", "provider", "Lane"]] * 5
    old = check_workbook(write_workbook(tmp_path / "a.xlsx", better), MINIMAL_SET)
    new = check_workbook(write_workbook(tmp_path / "b.xlsx", worse), MINIMAL_SET)
    diff = compare(old, new)
    assert diff.of_kind("new") == [] and diff.regression
    assert compare(old, old).regression is False


def test_different_sets_cannot_be_compared(quarters: tuple[Path, Path], tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(MINIMAL_SET.read_text().replace("id: minimal", "id: other-set", 1))
    old = check_workbook(quarters[0], MINIMAL_SET)
    new = check_workbook(quarters[1], other)
    with pytest.raises(UsageError, match="different requirement sets"):
        compare(old, new)


def test_cli_json_to_json(run_cli: Run, results: tuple[Path, Path]) -> None:
    result = run_cli("diff", *results)
    assert result.exit_code == 0 and result.stderr == ""
    out = result.stdout
    assert "Resolved (2)" in out and "Still open (1)" in out and "New gaps" not in out
    assert "share: 40% (weakest of 2 groups) -> 50%" in out
    assert "Score: 48.98 -> " in out and out.rstrip().endswith("No regression.")


def test_cli_xlsx_to_xlsx_and_exit_1_on_regression(run_cli: Run,
                                                  quarters: tuple[Path, Path]) -> None:
    q1, q2 = quarters
    assert run_cli("diff", q1, q2, "--set", MINIMAL_SET).exit_code == 0
    backwards = run_cli("diff", q2, q1, "--set", MINIMAL_SET)
    assert backwards.exit_code == 1 and "New gaps (2)" in backwards.stdout
    assert backwards.stderr.startswith("warning: the periods are not in order")
    assert len(backwards.stderr.splitlines()) == 1


def test_cli_mixed_inputs_and_mco_warning(run_cli: Run, results: tuple[Path, Path],
                                          tmp_path: Path) -> None:
    other = write_workbook(tmp_path / "other.xlsx", second_quarter(MCO_ID="MCO-002"))
    result = run_cli("diff", results[0], other, "--set", MINIMAL_SET)
    assert result.exit_code == 0
    assert "warning: the MCO ids differ: OLD is MCO-001, NEW is MCO-002" in result.stderr


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_cli_formats_escape_submission_text(run_cli: Run, tmp_path: Path, fmt: str,
                                            results: tuple[Path, Path]) -> None:
    hostile = write_workbook(tmp_path / "h.xlsx", second_quarter(
        MCO_name="<script>alert(1)</script> | *x* http://evil.example _y_"))
    out = tmp_path / f"diff.{fmt}"
    result = run_cli("diff", results[0], hostile, "--set", MINIMAL_SET, "--format", fmt,
                     "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    text = out.read_text()
    if fmt == "json":
        assert json.loads(text)["new"]["mco_name"].startswith("<script>")
        assert json.loads(text)["regression"] is False
        return
    if fmt == "md":
        assert re.search(r"(?<!\\)[<\[]", text) is None  # no HTML, link or image can start
        assert "http://" not in text  # no automatic link either
        assert r"\<script>alert(1)\</script> \| \*x\* http\://evil.example \_y\_" in text
        return
    assert "<script>" not in text and "&lt;script&gt;" in text
    if fmt == "html":
        shown = text.replace("http-equiv", "").replace("*x* http://evil.example _y_", "")
        assert "http" not in shown  # nothing fetched from elsewhere, no link
        assert "Resolved (2)" in text and "40% (weakest of 2 groups) &rarr; 50%" in text


def test_cli_waivers_apply_to_workbook_inputs(run_cli: Run, quarters: tuple[Path, Path],
                                              tmp_path: Path) -> None:
    waivers = tmp_path / "w.yaml"
    waivers.write_text("mcos: [MCO-001]\nwaivers:\n  - {requirement: DEM-01, mco_id: MCO-001, "
                       "from: 2026-01-01, justification: New vendor, approved_by: J. Rivera, "
                       "approved_on: 2026-01-15}\n")
    result = run_cli("diff", *quarters, "--set", MINIMAL_SET, "--waivers", waivers)
    assert result.exit_code == 0 and "waived -> met" in result.stdout


def test_cli_unusable_inputs_exit_2(run_cli: Run, results: tuple[Path, Path],
                                    tmp_path: Path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text('{"hello": 1}')
    result = run_cli("diff", results[0], junk)
    assert result.exit_code == 2 and "junk.json: not a result" in result.output
    assert result.output.count("\n") == 1
    assert run_cli("diff", results[0], tmp_path / "missing.json").exit_code == 2
    assert run_cli("diff", results[0], tmp_path / "notes.csv").exit_code == 2
    other = tmp_path / "other.yaml"
    other.write_text(MINIMAL_SET.read_text().replace("id: minimal", "id: other-set", 1))
    q2 = tmp_path / "q2.xlsx"
    mismatch = run_cli("diff", results[0], q2, "--set", other)
    assert mismatch.exit_code == 2 and "different requirement sets" in mismatch.output


def test_text_shows_control_characters_as_replacements(run_cli: Run, tmp_path: Path,
                                                       results: tuple[Path, Path]) -> None:
    # `_x001B_` is how a workbook stores ESC; printed raw it would retitle the terminal.
    hostile = write_workbook(tmp_path / "h.xlsx", second_quarter(
        MCO_name="Plan _x001B_]0;owned_x0007_"))
    result = run_cli("diff", results[0], hostile, "--set", MINIMAL_SET)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Plan \ufffd]0;owned\ufffd" in result.stdout


def test_a_resubmission_of_the_same_period_is_not_out_of_order(tmp_path: Path) -> None:
    first = check_workbook(write_workbook(tmp_path / "a.xlsx", second_quarter()), MINIMAL_SET)
    again = check_workbook(write_workbook(tmp_path / "b.xlsx", second_quarter()), MINIMAL_SET)
    assert compare(first, again).warnings == ()
