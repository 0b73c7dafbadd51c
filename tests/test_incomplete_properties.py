"""Property: a cell a measure cannot read never raises a check's score, nor turns it met.

Every case of every check type (tests/cases/) is rerun with one of its filed values
replaced by an unreadable one (an error value, as calamine leaves `#REF!`). The check
may ignore the cell, or become incomplete (score 0), but never do better than before.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.evaluation.submission import Invalid
from tests.test_check_cases import CASES, run

UNREADABLE = (Invalid("#REF!", "error value #REF!"),
              Invalid("=B4-C4", "formula without a calculated value"),
              Invalid("TBD", "not a whole number"))

Place = tuple[str, str, int | str, int]
"""(tables|forms, sheet, row index or field id, column index)."""


def _places(case: dict[str, Any]) -> list[Place]:
    found: list[Place] = []
    for sheet, table in (case.get("tables") or {}).items():
        for r, row in enumerate(table.get("rows") or []):
            if isinstance(row, list):
                found += [("tables", sheet, r, c) for c in range(len(row))]
    for sheet, form in (case.get("forms") or {}).items():
        found += [("forms", sheet, name, 0) for name in (form.get("values") or {})]
    return found


WITH_CELLS = [(t, c) for t, c in CASES if _places(c) and not c["expect"].get("missing")]


def _score(check_type: str, case: dict[str, Any]) -> float | None:
    outcome, missing = run(check_type, case)
    if missing is not None:
        return 0.0
    assert outcome is not None
    return outcome.score


def _replace(case: dict[str, Any], place: Place, value: Invalid) -> dict[str, Any]:
    changed = copy.deepcopy(case)
    kind, sheet, at, column = place
    if kind == "tables":
        assert isinstance(at, int)
        changed["tables"][sheet]["rows"][at][column] = value
    else:
        changed["forms"][sheet]["values"][at] = value
    return changed


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_an_unreadable_cell_never_raises_a_score(data: st.DataObject) -> None:
    check_type, case = data.draw(st.sampled_from(WITH_CELLS), label="case")
    place = data.draw(st.sampled_from(_places(case)), label="cell")
    value = data.draw(st.sampled_from(UNREADABLE), label="value")
    before = _score(check_type, case)
    after = _score(check_type, _replace(case, place, value))
    if after is None:  # the cell took the check out of scope, never into a pass
        return
    if before is None:
        assert after < 1.0, "an unreadable cell made a check with nothing to measure pass"
        return
    assert after <= before + 1e-9
    if before < 1.0:
        assert after < 1.0


def test_every_check_type_is_exercised() -> None:
    from compliance.checks import CHECKS

    assert {t for t, _ in WITH_CELLS} == set(CHECKS)
