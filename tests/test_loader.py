"""Loading requirement sets: validation messages, inheritance and safety."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.errors import RequirementSetError
from compliance.sets.loader import load_requirement_set
from tests.conftest import FIXTURES

SETS = FIXTURES / "sets"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def minimal_text() -> str:
    return (SETS / "minimal.yaml").read_text(encoding="utf-8")


def test_minimal_set_loads_with_lineage_and_hash() -> None:
    rs = load_requirement_set(SETS / "minimal.yaml")
    assert rs.id == "minimal"
    assert rs.lineage == ("minimal",)
    assert len(rs.sha256) == 64
    assert [r.id for r in rs.requirements][:2] == ["GEN-01", "ADV-01"]


def test_child_inherits_overrides_and_drops() -> None:
    rs = load_requirement_set(SETS / "child.yaml")
    ids = [r.id for r in rs.requirements]
    assert "BIG-01" not in ids and "LNG-01" in ids and "GEN-01" in ids
    adv = rs.requirement("ADV-01")
    assert adv is not None and adv.severity == "major" and adv.weight == 5
    assert adv.checks[0].target.at_least == 0.6  # type: ignore[union-attr]
    assert adv.checks[0].target.credit.linear_from == 0.3  # type: ignore[union-attr]
    roster = rs.workbook.sheet("committee_roster")
    assert roster is not None and roster.name == "CAC_Roster"
    assert "Committee_Roster" in roster.aliases
    assert rs.lineage == ("minimal", "child")
    assert rs.drop_reasons["BIG-01"] == "Not part of this program."


def test_error_names_file_line_and_key_path(tmp_path: Path) -> None:
    text = minimal_text().replace("target: {at_least: 0.51,", "target: {at_least: 1.51,")
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(RequirementSetError) as caught:
        load_requirement_set(path)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "1.51" in row)
    assert caught.value.problems[0].startswith(
        f"bad.yaml:{line}: requirements[1].checks[0].target.at_least: must be less than or equal")


def test_unknown_key_is_rejected_with_its_path(tmp_path: Path) -> None:
    text = minimal_text().replace("    severity: critical\n    weight: 3",
                                  "    severity: critical\n    wieght: 3")
    with pytest.raises(RequirementSetError, match=r"requirements\[1\]\.wieght: unknown key"):
        load_requirement_set(write(tmp_path, "typo.yaml", text))


@pytest.mark.parametrize(("text", "message"), [
    ("id: a\nid: b\n", "duplicate key 'id'"),
    ("id: !!python/object/apply:os.system [echo]\n", "is not allowed"),
    ("a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
     "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
     "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n", "bomb"),
    ("", "is empty"),
    ("- just\n- a list\n", "must be a mapping"),
    ("id: [unclosed\n", "invalid YAML"),
])
def test_unsafe_or_malformed_yaml_is_rejected(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(RequirementSetError, match=message):
        load_requirement_set(write(tmp_path, "x.yaml", text))


def test_oversized_file_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "big.yaml", "# " + "x" * (3 * 1024 * 1024))
    with pytest.raises(RequirementSetError, match="larger than"):
        load_requirement_set(path)


def test_dangling_sheet_reference_is_reported(tmp_path: Path) -> None:
    text = minimal_text().replace("sheet: committee_meetings\n        group_by",
                                  "sheet: meetings\n        group_by")
    with pytest.raises(RequirementSetError, match=r"ADV-04.*no sheet 'meetings'"):
        load_requirement_set(write(tmp_path, "dangling.yaml", text))


def test_dangling_field_in_condition_is_reported(tmp_path: Path) -> None:
    text = minimal_text().replace("{field: role, op: in", "{field: rolle, op: in")
    with pytest.raises(RequirementSetError, match="has no field 'rolle'"):
        load_requirement_set(write(tmp_path, "field.yaml", text))


def test_extends_cycle_is_rejected(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "id: a\ntitle: A\nversion: '1'\njurisdiction: X\nextends: b\n")
    write(tmp_path, "b.yaml", "id: b\ntitle: B\nversion: '1'\njurisdiction: X\nextends: a\n")
    with pytest.raises(RequirementSetError, match="extends itself"):
        load_requirement_set(tmp_path / "a.yaml")


def test_override_of_unknown_requirement_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "minimal.yaml").write_text(minimal_text(), encoding="utf-8")
    write(tmp_path, "kid.yaml", "id: kid\ntitle: K\nversion: '1'\njurisdiction: X\n"
          "extends: minimal\noverrides:\n  NOPE-01: {weight: 2}\n")
    with pytest.raises(RequirementSetError, match="no inherited requirement 'NOPE-01'"):
        load_requirement_set(tmp_path / "kid.yaml")


def test_override_that_breaks_a_check_is_reported(tmp_path: Path) -> None:
    (tmp_path / "minimal.yaml").write_text(minimal_text(), encoding="utf-8")
    write(tmp_path, "kid.yaml", "id: kid\ntitle: K\nversion: '1'\njurisdiction: X\n"
          "extends: minimal\noverrides:\n  ADV-01:\n    checks:\n"
          "      consumer_share: {target: {at_least: 7}}\n")
    with pytest.raises(RequirementSetError, match="at_least"):
        load_requirement_set(tmp_path / "kid.yaml")


def test_unknown_set_id_says_how_to_list_sets() -> None:
    with pytest.raises(RequirementSetError, match="compliance sets list"):
        load_requirement_set("no-such-set")


def test_condition_needs_matching_operand(tmp_path: Path) -> None:
    text = minimal_text().replace("{field: role, op: in, value: [enrollee, former_enrollee, "
                                  "caregiver]}", "{field: role, op: in, value: enrollee}")
    with pytest.raises(RequirementSetError, match="needs a list value"):
        load_requirement_set(write(tmp_path, "op.yaml", text))


def test_a_set_draws_on_two_parents(tmp_path: Path) -> None:
    (tmp_path / "minimal.yaml").write_text(minimal_text(), encoding="utf-8")
    write(tmp_path, "library.yaml", "id: library\ntitle: L\nversion: '1'\njurisdiction: X\n"
          "extends: minimal\noverrides:\n  ADV-01: {weight: 9}\n"
          "requirements:\n  - id: LIB-01\n    title: Lib\n    domain: community_engagement\n"
          "    citation: Model clause\n    basis: illustrative\n    note: Illustrative.\n"
          "    severity: minor\n    checks:\n      - {type: row_count, sheet: committee_roster,"
          " target: {at_least: 1}}\n    remediation: Do it.\n")
    write(tmp_path, "kid.yaml", "id: kid\ntitle: K\nversion: '1'\njurisdiction: X\n"
          "extends: [minimal, library]\noverrides:\n  LIB-01: {severity: major}\n")
    rs = load_requirement_set(tmp_path / "kid.yaml")
    assert rs.lineage == ("minimal", "library", "kid")
    lib = rs.requirement("LIB-01")
    assert lib is not None and lib.severity == "major"
    # The first parent wins where both have a requirement: the library's change is not taken.
    adv = rs.requirement("ADV-01")
    assert adv is not None and adv.weight != 9


def test_two_parents_may_not_form_a_cycle(tmp_path: Path) -> None:
    (tmp_path / "minimal.yaml").write_text(minimal_text(), encoding="utf-8")
    write(tmp_path, "a.yaml", "id: a\ntitle: A\nversion: '1'\njurisdiction: X\n"
          "extends: [minimal, b]\n")
    write(tmp_path, "b.yaml", "id: b\ntitle: B\nversion: '1'\njurisdiction: X\nextends: a\n")
    with pytest.raises(RequirementSetError, match="extends itself"):
        load_requirement_set(tmp_path / "a.yaml")
