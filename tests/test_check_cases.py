"""Runs the YAML cases in tests/cases/<type>.yaml, one pytest id per case: `<type>-<name>`.

Case format: each file is a list of cases for the check type named by the file.

    - name: committee_below_majority      # unique in the file; the test id's second half
      params:                             # the check's options (`type` comes from the file)
        sheet: roster
        condition: {field: role, op: eq, value: enrollee}
        target: {at_least: 0.51}
      period: [2026-01-01, 2026-03-31]    # optional: adds the cover's period start and end
      tables:                             # optional: table sheets by id
        roster:
          fields: {committee_id: text, role: {type: choice, codes: [enrollee, provider]}}
          rows:                           # a list per row in field order, or a mapping
            - [CAC-1, enrollee]
            - {committee_id: CAC-1, role: provider}
          absent: [county]                # optional: declared fields that have no column
      forms:                              # optional: form sheets by id
        cover:
          fields: {mco_id: text, enrollment: integer}
          values: {mco_id: MCO-1}         # a field left out has no label on the sheet
      program:                            # optional: the state's program-file entry
        counties: [Lane, Linn]            # also populations, prevalent_languages, due_dates
      expect:
        score: 0.5          # omitted when na is true
        codes: [share.below]              # finding codes, in order ([] for none)
        na: false           # optional: the check does not apply (score None)
        missing: false      # optional: the check raised EvidenceMissing; codes holds its code
        measure: 0.5        # optional
        cells: [B2:B3]      # optional: finding cells, in order
        locations: [Roster!B2:B3]        # optional: finding sheets and cells, in order
        measured: 50% (1 of 2 rows)      # optional: the outcome's measured text, exactly
        messages: [...]     # optional: finding messages, in order, exactly

Cell values are raw, as a filer types them, and are parsed the way the reader parses
cells: `N/A` needs `allow_na: true` on the field, `51%` in a percent field is 0.51.
Params are validated through the registry's discriminated union, as a set loader does.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from compliance.checks import CHECKS, CheckParams
from compliance.evaluation.results import CheckOutcome
from compliance.evaluation.submission import EvidenceMissing, Submission
from compliance.model.program import ProgramEntry
from tests.builders import make_submission

CASES_DIR = Path(__file__).parent / "cases"
CASE_KEYS = {"name", "params", "period", "tables", "forms", "program", "expect"}
EXPECT_KEYS = {"score", "codes", "na", "missing", "measure", "cells", "locations", "measured",
               "messages"}
PARAMS: TypeAdapter[Any] = TypeAdapter(CheckParams)


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    """(check type, case) for every case of every file."""
    found = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            found.append((path.stem, case))
    return found


def build(case: dict[str, Any]) -> Submission:
    tables = {k: (v["fields"], v.get("rows") or []) for k, v in (case.get("tables") or {}).items()}
    forms = {k: (v["fields"], v.get("values") or {}) for k, v in (case.get("forms") or {}).items()}
    absent = {k: v.get("absent", []) for k, v in (case.get("tables") or {}).items()}
    period = tuple(case["period"]) if case.get("period") else None
    submission = make_submission(tables=tables, forms=forms, period=period, absent=absent)
    if case.get("program") is None:
        return submission
    entry = {"program": "Test program", "mco_id": "MCO-1", "counties": [], "populations": [],
             "prevalent_languages": [], "due_dates": {}, **case["program"]}
    return dataclasses.replace(submission, program=ProgramEntry.model_validate(entry))


Ran = tuple[CheckOutcome | None, EvidenceMissing | None]


def run(check_type: str, case: dict[str, Any]) -> Ran:
    params = PARAMS.validate_python({"type": check_type, **case["params"]})
    try:
        return CHECKS[check_type].check(params, build(case)), None
    except EvidenceMissing as missing:
        return None, missing


CASES = load_cases()


@pytest.mark.parametrize(("check_type", "case"), CASES,
                         ids=[f"{t}-{c['name']}" for t, c in CASES])
def test_case(check_type: str, case: dict[str, Any]) -> None:
    expect = case["expect"]
    assert set(case) <= CASE_KEYS and set(expect) <= EXPECT_KEYS, "unknown key in the case"
    outcome, missing = run(check_type, case)
    if expect.get("missing"):
        assert missing is not None, f"expected EvidenceMissing, got {outcome}"
        assert [f.code for f in missing.findings] == expect["codes"]
        assert all(f.sheet for f in missing.findings)
        if "messages" in expect:
            assert [f.message for f in missing.findings] == expect["messages"]
        if "cells" in expect:
            assert [f.cell for f in missing.findings] == expect["cells"]
        return
    assert missing is None, f"unexpected EvidenceMissing: {missing.findings if missing else ''}"
    assert outcome is not None
    codes = [f.code for f in outcome.findings]
    assert codes == expect["codes"], [f.message for f in outcome.findings]
    if expect.get("na"):
        assert outcome.score is None and outcome.na_reason
        return
    assert outcome.score == pytest.approx(expect["score"], abs=1e-6)
    assert outcome.measured and outcome.expected, "an outcome says what it measured against what"
    assert all(f.sheet and f.code.startswith(f"{check_type}.") for f in outcome.findings)
    if "measure" in expect:
        assert outcome.measure == pytest.approx(expect["measure"], abs=1e-6)
    if "cells" in expect:
        assert [f.cell for f in outcome.findings] == expect["cells"]
    if "locations" in expect:
        assert [f.location for f in outcome.findings] == expect["locations"]
    if "messages" in expect:
        assert [f.message for f in outcome.findings] == expect["messages"]
    if "measured" in expect:
        assert outcome.measured == expect["measured"]


def test_case_names_are_unique_per_type() -> None:
    ids = [f"{t}-{c['name']}" for t, c in CASES]
    assert len(ids) == len(set(ids))
