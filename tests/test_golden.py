"""Every output format compared with its golden file; `pytest --update-golden` rewrites them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.goldenfiles import GOLDEN_DIR, Case, compare, rendered, result_for

MINIMAL = Path(__file__).parent / "fixtures" / "sets" / "minimal.yaml"
SAMPLES = Path(__file__).parent.parent / "sample_submissions"

CASES = [
    Case("minimal__failing", MINIMAL, "failing"),
    Case("minimal__messy", MINIMAL, "messy"),
    Case("minimal__compliant", MINIMAL, "compliant"),
    Case("oregon__willamette-q1", "oregon-cco",
         SAMPLES / "oregon" / "willamette-valley-cco-2026q1.xlsx"),
    Case("louisiana__pelican-q1", "louisiana-healthy-la",
         SAMPLES / "louisiana" / "pelican-care-2026q1.xlsx"),
    Case("washington__evergreen-q1", "washington-apple-health",
         SAMPLES / "washington" / "evergreen-family-health-2026q1.xlsx"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_output_matches_golden(case: Case, tmp_path: Path, update_golden: bool) -> None:
    differing = compare(case, rendered(result_for(case, tmp_path)), update_golden)
    assert not differing, (f"{case.name}: {', '.join(differing)} differ from {GOLDEN_DIR}; "
                           "rerun with --update-golden if the change is intended")


def test_golden_output_is_stable(tmp_path: Path) -> None:
    first = rendered(result_for(CASES[0], tmp_path / "a"))
    second = rendered(result_for(CASES[0], tmp_path / "b"))
    assert first == second
