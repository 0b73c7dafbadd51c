"""Two quarters of the same sample MCO: `diff` and `batch --previous` show what moved.

What should move is read from the samples' `.expected.yaml` files, so the tests follow
the samples when they are regenerated.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

SAMPLES = Path(__file__).resolve().parent.parent / "sample_submissions"
GAPS = {"not_met", "partially_met", "error"}
Run = Callable[..., Result]


def quarter_pairs() -> list[tuple[Path, Path]]:
    """(Q1, Q2) workbooks of every sample MCO filed in two quarters."""
    pairs = []
    for q2 in sorted(SAMPLES.glob("*/*-2026q2.xlsx")):
        q1 = q2.with_name(q2.name.replace("2026q2", "2026q1"))
        if q1.exists():
            pairs.append((q1, q2))
    return pairs


def expected(workbook: Path) -> dict[str, object]:
    data = yaml.safe_load(workbook.with_suffix(".expected.yaml").read_text())
    assert isinstance(data, dict)
    return data


def gaps(workbook: Path) -> set[str]:
    statuses = expected(workbook)["requirements"]
    assert isinstance(statuses, dict)
    return {rid for rid, status in statuses.items() if status in GAPS}


PAIRS = quarter_pairs()
pytestmark = pytest.mark.skipif(not PAIRS, reason="no sample MCO has two quarters yet")


@pytest.mark.parametrize(("q1", "q2"), PAIRS, ids=[q2.stem for _, q2 in PAIRS])
def test_diff_of_two_sample_quarters(run_cli: Run, q1: Path, q2: Path) -> None:
    set_id = str(expected(q2)["set"])
    result = run_cli("diff", q1, q2, "--set", set_id, "--format", "json")
    diff = json.loads(result.stdout)
    kinds = {kind: {r["id"] for r in diff["requirements"] if r["kind"] == kind}
             for kind in ("new", "resolved", "still_open")}
    assert kinds["new"] == gaps(q2) - gaps(q1)
    assert kinds["resolved"] == gaps(q1) - gaps(q2)
    assert kinds["still_open"] == gaps(q1) & gaps(q2)
    assert diff["old"]["mco_id"] == diff["new"]["mco_id"] and result.stderr == ""
    assert result.exit_code == (1 if diff["regression"] else 0)
    dropped = any(r["score_before"] is not None and r["score_after"] is not None
                  and r["score_after"] < r["score_before"] for r in diff["requirements"])
    assert diff["regression"] == (bool(kinds["new"]) or diff["score_delta"] < 0 or dropped)


def test_batch_trend_across_sample_quarters(run_cli: Run, tmp_path: Path) -> None:
    q1, q2 = PAIRS[0]
    set_id = str(expected(q2)["set"])
    for folder, workbook in (("q1", q1), ("q2", q2)):
        (tmp_path / folder).mkdir()
        shutil.copy(workbook, tmp_path / folder / workbook.name)
    run_cli("batch", tmp_path / "q1", "-o", tmp_path / "q1-out", "--set", set_id, "-q")
    run_cli("batch", tmp_path / "q2", "-o", tmp_path / "q2-out", "--set", set_id, "-q",
            "--previous", tmp_path / "q1-out")
    page = (tmp_path / "q2-out" / "index.html").read_text()
    cell = re.search(r'<td class="(?:fail)?">(.*?)</td>\s*<td class="(?:pass)?">', page)
    assert cell is not None
    text = re.sub(r"<[^>]+>", "", cell.group(1))
    shown = set() if text == "none" else set(text.split(", "))
    assert shown == gaps(q2) - gaps(q1)
    assert (tmp_path / "q2-out" / "diffs" / f"{q2.stem}.html").is_file()
