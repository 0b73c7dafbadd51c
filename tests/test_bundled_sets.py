"""The bundled requirement sets: valid, documented, honest about their sources, complete."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from compliance.model.requirement import RequirementSet
from compliance.model.workbook import DEFAULT_DATE_FORMATS
from compliance.reader.values import Tokens, parse_value
from compliance.resources import bundled_sets
from compliance.sets.lint import lint_warnings
from compliance.sets.loader import load_requirement_set

Run = Callable[..., Result]
# `compliance.cli` re-exports the command under the module's name; fetch the module itself.
EXPLAIN_MODULE = importlib.import_module("compliance.cli.explain")
SET_FILES = bundled_sets()
SETS = {path.stem: load_requirement_set(path) for path in SET_FILES}
BASELINE = SETS["federal-baseline"]
LIBRARY = SETS["model-clauses"]
STATE_SETS = [rs for rs in SETS.values() if rs.state and "federal-baseline" in rs.lineage[:-1]]
VERIFIED = {"statute", "regulation", "contract", "guidance"}
NEUTRAL = ("GEN-", "ADV-", "DEM-", "HEP-", "HEO-", "TRN-", "THW-", "LNG-", "STR-", "WHD-",
           "ACC-", "NET-", "GRV-", "PCP-", "SNP-")

# Clause family -> requirement ids (or id prefixes) that belong to it.
FAMILIES: dict[str, tuple[str, ...]] = {
    "advisory committees": ("ADV-", "OR-CAC-", "PA-PAC-"),
    "community health workers": ("THW-03", "THW-07", "THW-08", "THW-09"),
    "doulas": ("THW-01", "THW-02", "THW-04", "THW-05", "THW-06", "WA-DOU-"),
    "demographic data": ("DEM-",),
    "health equity plan": ("HEP-",),
    "health equity officer": ("HEO-",),
    "training": ("TRN-",),
    "language access": ("LNG-",),
    "stratified measures": ("STR-", "WA-DIS-"),
    "equity withholds": ("WHD-",),
    "health equity accreditation": ("ACC-",),
}


def in_family(req_id: str, family: str) -> bool:
    return any(req_id == p or (p.endswith("-") and req_id.startswith(p))
               for p in FAMILIES[family])


def test_the_expected_sets_are_bundled() -> None:
    assert {"federal-baseline", "oregon-cco", "louisiana-healthy-la", "washington-apple-health",
            "mississippi-can", "pennsylvania-chc"} <= set(SETS)
    assert {rs.state for rs in STATE_SETS} >= {"OR", "LA", "WA", "MS", "PA"}


@pytest.mark.parametrize("path", SET_FILES, ids=[p.stem for p in SET_FILES])
def test_set_lints_clean(path: Path) -> None:
    assert lint_warnings(SETS[path.stem], path) == []


def test_sets_lint_command_is_clean(run_cli: Run) -> None:
    result = run_cli("sets", "lint", *SET_FILES)
    assert result.exit_code == 0
    assert "warning" not in result.output and "error" not in result.output


@pytest.mark.parametrize("rs", SETS.values(), ids=list(SETS))
def test_every_requirement_is_documented(rs: RequirementSet) -> None:
    for req in rs.requirements:
        assert req.citation.strip() and req.remediation.strip() and req.basis, req.id
        if req.basis in ("illustrative", "unverified"):
            assert req.note.strip(), f"{rs.id} {req.id}: say what is not verified"


@pytest.mark.parametrize("rs", SETS.values(), ids=list(SETS))
def test_only_verified_text_is_encoded_as_real(rs: RequirementSet) -> None:
    loose = [req.id for req in rs.requirements
             if req.basis in VERIFIED and req.confidence != "T"]
    assert loose == [], f"{rs.id}: not read from the source text, so not {VERIFIED}"


@pytest.mark.parametrize("rs", STATE_SETS, ids=[rs.id for rs in STATE_SETS])
@pytest.mark.parametrize("family", list(FAMILIES))
def test_state_set_covers_or_drops_each_family(rs: RequirementSet, family: str) -> None:
    present = [r.id for r in rs.requirements if in_family(r.id, family)]
    if present:
        return
    inherited = [r.id for r in LIBRARY.requirements if in_family(r.id, family)]
    assert inherited, f"the model clauses have no {family} requirement to drop"
    for req_id in inherited:
        reason = rs.drop_reasons.get(req_id, "")
        assert reason.strip(), f"{rs.id}: {req_id} dropped without a reason"


def test_the_federal_baseline_holds_no_model_clause() -> None:
    # A state without a set of its own is checked against the baseline alone: nothing in
    # it may present a model clause (accreditation, a committee share) as federal law.
    clauses = [r.id for r in BASELINE.requirements if "model clause" in r.citation.lower()]
    assert clauses == []
    assert BASELINE.requirement("ACC-01") is None and BASELINE.requirement("ADV-01") is None
    assert LIBRARY.requirement("ACC-01") is not None


def test_state_sets_adopt_the_model_clauses() -> None:
    for rs in STATE_SETS:
        assert "model-clauses" in rs.lineage, rs.id


@pytest.mark.parametrize("path", [p for p in SET_FILES if p.stem != "federal-baseline"],
                         ids=[p.stem for p in SET_FILES if p.stem != "federal-baseline"])
def test_every_drop_has_a_reason(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(data.get("drop", [])) <= set(data.get("drop_reasons", {}))


@pytest.mark.parametrize("rs", STATE_SETS, ids=[rs.id for rs in STATE_SETS])
def test_state_ids_are_neutral_or_state_prefixed(rs: RequirementSet) -> None:
    own = [r.id for r in rs.requirements if LIBRARY.requirement(r.id) is None]
    odd = [i for i in own if not (i.startswith(NEUTRAL) or i.startswith(f"{rs.state}-"))]
    assert odd == []


@pytest.mark.parametrize("rs", SETS.values(), ids=list(SETS))
def test_every_set_shares_the_canonical_workbook(rs: RequirementSet) -> None:
    # A state set may add a sheet of its own (Oregon's governing body meetings), after the
    # canonical ones, which it keeps in order.
    canonical = [s.id for s in BASELINE.workbook.sheets]
    assert [s.id for s in rs.workbook.sheets][: len(canonical)] == canonical
    for sheet in rs.workbook.sheets:
        assert sheet.description.strip(), sheet.id
        assert all(f.description.strip() for f in sheet.fields), sheet.id


def test_member_roster_is_optional_and_its_requirements_apply_only_when_filed() -> None:
    roster = BASELINE.workbook.sheet("member_roster")
    assert roster is not None and roster.required is False
    readers = [r for r in BASELINE.requirements
               if any(sheet == "member_roster" for c in r.checks for sheet, _ in c.refs())]
    assert readers
    for req in readers:
        assert req.applies_when is not None and "member_roster.rows" in str(req.applies_when)


def test_federal_phase_in_dates() -> None:
    waits, mena, legacy = (BASELINE.requirement(i) for i in ("NET-01", "DEM-11", "DEM-12"))
    assert waits and waits.effective_from and waits.effective_from >= dt.date(2027, 1, 1)
    assert mena and mena.effective_from == dt.date(2029, 9, 28)
    assert legacy and legacy.effective_to == dt.date(2029, 9, 27)
    assert legacy.severity == "info" and legacy.weight == 0


@pytest.mark.parametrize(("written", "code"), [
    ("Health Equity Accreditation", "health_equity"),
    ("Health Outcomes Accreditation", "health_equity"),
    ("NCQA Multicultural Health Care Distinction", "health_equity"),
    ("Health Equity Accreditation Plus", "health_equity_plus"),
    ("Community-Focused Care Accreditation", "health_equity_plus"),
])
def test_old_and_renamed_ncqa_programs_are_accepted(written: str, code: str) -> None:
    sheet = BASELINE.workbook.sheet("accreditation")
    assert sheet is not None
    program = sheet.field("program")
    assert program is not None
    tokens = Tokens.of((), (), DEFAULT_DATE_FORMATS)
    assert parse_value(written, program, tokens) == code


@pytest.mark.parametrize("rs", SETS.values(), ids=list(SETS))
def test_explain_works_for_every_requirement(run_cli: Run, rs: RequirementSet,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_cli("explain", rs.requirements[0].id, "--set", rs.id).exit_code == 0
    # The set is loaded once above; the command is then run for every id without reloading.
    monkeypatch.setattr(EXPLAIN_MODULE, "load_requirement_set", lambda ref: SETS[ref])
    for req in rs.requirements:
        result = run_cli("explain", req.id, "--set", rs.id)
        assert result.exit_code == 0, req.id
        assert result.output.startswith(f"{req.id}: ") and req.citation in result.output


@pytest.mark.parametrize("rs", SETS.values(), ids=list(SETS))
def test_the_state_enrollment_file_counts_as_a_direct_answer_everywhere(
        rs: RequirementSet) -> None:
    # Race on the state file is the member's own answer on the Medicaid application: a
    # requirement that accepts self-reported answers accepts it too.
    for req in rs.requirements:
        for check in req.checks:
            text = check.model_dump_json()
            if '["self","proxy"' in text:
                assert "state_file" in text, f"{rs.id} {req.id}"


def test_the_readme_counts_each_sets_requirements_and_binding_ones() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for rs in SETS.values():
        binding = sum(r.is_binding for r in rs.requirements)
        row = f"| `{rs.id}` | {len(rs.requirements)} | {binding}"
        assert row in readme, f"README's bundled-sets table: expected a row starting {row!r}"
