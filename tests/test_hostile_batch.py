"""A batch with hostile files among good ones records every file's own result or reason."""

from __future__ import annotations

from pathlib import Path

from tests.hostilebatch import build, problems, run_batch


def test_hostile_files_do_not_cost_good_ones_their_results(tmp_path: Path) -> None:
    plan = build(tmp_path / "quarter", 16, 4, panics=False)
    assert run_batch(tmp_path / "quarter", tmp_path / "out", jobs=2) == 2
    assert problems(tmp_path / "out", plan) == []


def test_a_native_reader_panic_is_the_files_own_one_line_reason(tmp_path: Path) -> None:
    plan = build(tmp_path / "quarter", 10, 10)
    plan = {name: p for name, p in plan.items() if p.mutation in ("date_minus_inf",
                                                                   "date_huge_negative")}
    run_batch(tmp_path / "quarter", tmp_path / "out", jobs=1)
    assert plan and problems(tmp_path / "out", plan) == []
