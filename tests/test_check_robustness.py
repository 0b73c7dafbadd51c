"""No filed value makes a check raise: every case's sheets refilled with arbitrary cells."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.evaluation.results import CheckOutcome
from tests.test_check_cases import CASES, run

RAW = st.one_of(
    st.none(), st.text(max_size=12), st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)),
    st.sampled_from(["N/A", "Suppressed", "CAC-1", "enrollee", "race_eth", "unknown", "51%"]),
)
EXAMPLES = int(os.environ.get("CHECK_FUZZ_EXAMPLES", "8"))
RUNNABLE = [(t, c) for t, c in CASES if not c["expect"].get("missing")]


def refill(case: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    """The case with every table row and form value replaced by arbitrary raw cells."""
    tables = {}
    for sheet, table in (case.get("tables") or {}).items():
        width = len(table["fields"])
        rows = data.draw(st.lists(st.lists(RAW, min_size=width, max_size=width), max_size=6))
        tables[sheet] = {**table, "rows": rows}
    forms = {sheet: {**form, "values": {k: data.draw(RAW) for k in form.get("values") or {}}}
             for sheet, form in (case.get("forms") or {}).items()}
    return {**case, "tables": tables, "forms": forms}


@pytest.mark.parametrize(("check_type", "case"), RUNNABLE,
                         ids=[f"{t}-{c['name']}" for t, c in RUNNABLE])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_never_raises_on_arbitrary_cells(check_type: str, case: dict[str, Any],
                                         data: st.DataObject) -> None:
    outcome, missing = run(check_type, refill(case, data))
    if missing is None:
        assert isinstance(outcome, CheckOutcome)
        assert outcome.score is None or 0.0 <= outcome.score <= 1.0
