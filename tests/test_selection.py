"""Choosing the requirement set from a workbook's template stamp or its Cover sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from compliance.errors import UsageError
from compliance.reader.bind import STAMP_SHEET
from compliance.sets.selection import CANNOT, SetHeader, choose_set, pick_set
from tests.workbooks import write_workbook

Run = Callable[..., Result]
Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def cover_only(path: Path, **values: Any) -> Path:
    rows: list[list[Any]] = [["Field", "Value"], ["MCO name", "Test Plan"]]
    labels = {"state": "State", "program": "Program", "start": "Reporting period start",
              "end": "Reporting period end"}
    rows += [[labels[k], v] for k, v in values.items()]
    sheets = {"Cover": rows}
    return write_workbook(path, sheets)


@pytest.mark.parametrize(("state", "expected"), [
    ("OR", "oregon-cco"), ("Louisiana", "louisiana-healthy-la"),
    ("wa", "washington-apple-health"), ("MS", "mississippi-can"), ("PA", "pennsylvania-chc"),
])
def test_cover_state_picks_the_state_set(tmp_path: Path, state: str, expected: str) -> None:
    path = cover_only(tmp_path / "c.xlsx", state=state, start=Q1[0], end=Q1[1])
    assert choose_set(path) == expected


def test_stamp_wins_over_the_cover(tmp_path: Path) -> None:
    path = tmp_path / "stamped.xlsx"
    write_workbook(path, {"Cover": [["State", "OR"]],
                          STAMP_SHEET: [["set_id", "louisiana-healthy-la"],
                                        ["set_version", "2026.1"], ["set_hash", "x"]]})
    assert choose_set(path) == "louisiana-healthy-la"


def test_unknown_stamp_falls_back_to_the_cover(tmp_path: Path) -> None:
    path = tmp_path / "stamped.xlsx"
    write_workbook(path, {"Cover": [["State", "WA"]],
                          STAMP_SHEET: [["set_id", "retired-set"], ["set_version", "1"],
                                        ["set_hash", "x"]]})
    assert choose_set(path) == "washington-apple-health"


@pytest.mark.parametrize(("values", "reason"), [
    ({}, "the Cover sheet names no state; give --set"),
    ({"state": "Oregn"}, "the Cover sheet's state is not a state code; give --set"),
    ({"state": "NM"}, "no bundled set is for state NM; give --set (federal-baseline holds"),
    ({"state": "MS", "start": dt.date(2024, 1, 1), "end": dt.date(2024, 3, 31)},
     "no bundled set for MS is in effect for 2024-01-01 to 2024-03-31; give --set"),
])
def test_cannot_tell(tmp_path: Path, values: dict[str, Any], reason: str) -> None:
    path = cover_only(tmp_path / "c.xlsx", **values)
    with pytest.raises(UsageError) as caught:
        choose_set(path)
    assert caught.value.reason.startswith(f"{CANNOT}: {reason}")


def test_no_cover_and_no_stamp(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "x.xlsx", {"Sheet1": [["a", "b"]]})
    with pytest.raises(UsageError, match="no template stamp and no Cover sheet"):
        choose_set(path)


def test_program_breaks_a_tie() -> None:
    headers = [SetHeader("or-a", "OR", "Coordinated Care Organizations", None, None),
               SetHeader("or-b", "OR", "Open Card fee for service", None, None)]
    assert pick_set(headers, "OR", "CCO program: Coordinated Care Organizations", Q1) == "or-a"
    with pytest.raises(UsageError, match=r"several bundled sets fit OR \(or-a, or-b\)"):
        pick_set(headers, "OR", "Something else", Q1)


def test_effective_window_decides_between_versions() -> None:
    headers = [SetHeader("old", "OR", None, dt.date(2020, 1, 1), dt.date(2025, 12, 31)),
               SetHeader("new", "OR", None, dt.date(2026, 1, 1), None)]
    assert pick_set(headers, "OR", None, Q1) == "new"
    assert pick_set(headers, "OR", None, (dt.date(2025, 1, 1), dt.date(2025, 3, 31))) == "old"


def test_check_without_set_says_why_in_one_line(run_cli: Run, tmp_path: Path) -> None:
    path = cover_only(tmp_path / "c.xlsx", start=Q1[0], end=Q1[1])
    result = run_cli("check", path)
    assert result.exit_code == 2
    assert result.output.strip() == (f"error: {CANNOT}: the Cover sheet names no state; "
                                     "give --set")


def test_the_bundled_sets_keys_come_back_alike_from_the_set_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from compliance.sets import selection

    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(tmp_path / "cache"))
    selection._documents.cache_clear()
    parsed = selection._documents()
    selection._documents.cache_clear()
    monkeypatch.setattr(selection, "_parsed", lambda files: pytest.fail("parsed again"))
    assert selection._documents() == parsed
    assert parsed["oregon-cco"]["state"] == "OR"
    assert [s["id"] for s in parsed[selection.BASELINE]["workbook"]["sheets"]] == ["cover"]
    selection._documents.cache_clear()


def test_a_changed_bundled_set_is_read_again(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from compliance.resources import bundled_sets
    from compliance.sets import selection

    folder = tmp_path / "sets"
    folder.mkdir()
    for path in bundled_sets():
        shutil.copy(path, folder / path.name)
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(selection, "bundled_sets", lambda: sorted(folder.glob("*.yaml")))
    selection._documents.cache_clear()
    assert selection._documents()["oregon-cco"]["state"] == "OR"
    oregon = folder / "oregon-cco.yaml"
    oregon.write_text(oregon.read_text(encoding="utf-8").replace("\nstate: OR", "\nstate: ZZ"),
                      encoding="utf-8")
    selection._documents.cache_clear()
    assert selection._documents()["oregon-cco"]["state"] == "ZZ"
    selection._documents.cache_clear()
