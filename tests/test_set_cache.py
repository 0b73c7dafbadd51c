"""The set cache is invisible: a kept set is the set a fresh load gives, or it is not used."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.api import check_workbook
from compliance.errors import RequirementSetError
from compliance.model.base import Strict
from compliance.model.requirement import RequirementSet
from compliance.resources import bundled_sets
from compliance.sets import cache, loader, snapshot
from compliance.sets.loader import load_requirement_set
from tests.conftest import FIXTURES

SETS = [*bundled_sets(), FIXTURES / "sets" / "minimal.yaml", FIXTURES / "sets" / "child.yaml"]
SAMPLES = sorted(Path("sample_submissions").rglob("*.xlsx"))
AT = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(folder))
    return folder


def fresh(reference: str | Path) -> RequirementSet:
    """The set loaded from its YAML, the cache turned off."""
    os.environ[cache.ENV_OFF] = "1"
    try:
        return load_requirement_set(reference)
    finally:
        del os.environ[cache.ENV_OFF]


def kept(reference: str | Path, monkeypatch: pytest.MonkeyPatch) -> RequirementSet:
    """The set as the cache gives it; fails when the YAML would be read again."""
    def no_yaml(*_args: Any) -> Any:
        raise AssertionError("the set was loaded from its YAML, not from the cache")

    with monkeypatch.context() as patch:
        patch.setattr(loader, "_validated", no_yaml)
        return load_requirement_set(reference)


def same(a: Any, b: Any, where: str = "set") -> None:
    """Equal values of the same types all the way down, with the same fields marked set."""
    assert type(a) is type(b), where
    if isinstance(a, Strict):
        assert a.model_fields_set == b.model_fields_set, where
        assert list(a.__dict__) == list(b.__dict__), where
        for key in a.__dict__:
            same(a.__dict__[key], b.__dict__[key], f"{where}.{key}")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), where
        for n, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{n}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            same(a[key], b[key], f"{where}.{key}")
    else:
        assert a == b, where


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_a_kept_set_is_the_fresh_set(path: Path, cache_dir: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_requirement_set(path)
    again = kept(path, monkeypatch)
    same(fresh(path), first)
    same(fresh(path), again)
    assert again == first and again.model_dump() == first.model_dump()


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_a_kept_set_gives_the_same_results(path: Path, cache_dir: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from compliance.sets.selection import choose_set

    reference = choose_set(path)
    load_requirement_set(reference)
    uncached = check_workbook(path, fresh(reference), generated_at=AT)
    cached = check_workbook(path, kept(reference, monkeypatch), generated_at=AT)
    assert cached.model_dump_json() == uncached.model_dump_json()


def copy_child(tmp_path: Path) -> Path:
    for name in ("minimal.yaml", "child.yaml"):
        shutil.copy(FIXTURES / "sets" / name, tmp_path / name)
    return tmp_path / "child.yaml"


def test_a_changed_parent_is_read_again(tmp_path: Path, cache_dir: Path) -> None:
    child = copy_child(tmp_path)
    assert load_requirement_set(child).title == "Child set (test fixture)"
    parent = tmp_path / "minimal.yaml"
    text = parent.read_text(encoding="utf-8")
    parent.write_text(text.replace("title: Cover sheet identifies the MCO",
                                   "title: The Cover names the MCO"), encoding="utf-8")
    requirement = load_requirement_set(child).requirement("GEN-01")
    assert requirement is not None and requirement.title.startswith("The Cover names")
    same(load_requirement_set(child), fresh(child))


def test_a_parent_that_now_resolves_elsewhere_is_read_again(
        tmp_path: Path, cache_dir: Path) -> None:
    child = tmp_path / "state.yaml"
    child.write_text("id: state\ntitle: A state\nversion: '1'\njurisdiction: Somewhere\n"
                     "extends: federal-baseline\n", encoding="utf-8")
    bundled = load_requirement_set(child)
    baseline = next(p for p in bundled_sets() if p.stem == "federal-baseline")
    local = tmp_path / "federal-baseline.yaml"
    local.write_text("# a copy beside the state's set\n" + baseline.read_text(encoding="utf-8"),
                     encoding="utf-8")
    assert load_requirement_set(child).sha256 != bundled.sha256
    same(load_requirement_set(child), fresh(child))


@pytest.mark.parametrize("damage", [b"not json", b"{}", b'{"format": 1}', b"[1, 2]"])
def test_a_damaged_entry_is_a_miss(damage: bytes, cache_dir: Path) -> None:
    path = FIXTURES / "sets" / "child.yaml"
    load_requirement_set(path)
    for entry in cache_dir.glob("*.json"):
        entry.write_bytes(damage)
    same(load_requirement_set(path), fresh(path))


@pytest.mark.parametrize("name", ["os.system", "compliance.model.requirement.Missing",
                                  "builtins.dict"])
def test_an_entry_naming_another_class_is_a_miss(name: str, cache_dir: Path) -> None:
    path = FIXTURES / "sets" / "minimal.yaml"
    load_requirement_set(path)
    (entry,) = cache_dir.glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["set"]["$m"] = name
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert cache.recall(path, lambda ref, child: child) is None
    same(load_requirement_set(path), fresh(path))


def test_a_folder_others_can_write_is_not_used(cache_dir: Path) -> None:
    path = FIXTURES / "sets" / "minimal.yaml"
    load_requirement_set(path)
    cache_dir.chmod(0o777)
    assert cache.recall(path, lambda ref, child: child) is None
    cache_dir.chmod(0o700)
    assert cache.recall(path, lambda ref, child: child) is not None


def test_a_set_with_an_error_is_never_kept(tmp_path: Path, cache_dir: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: Bad\nversion: '1'\njurisdiction: X\nextra: 1\n",
                   encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RequirementSetError, match="extra"):
            load_requirement_set(bad)
    assert not list(cache_dir.glob("*.json"))


def test_the_cache_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_OFF, "1")
    load_requirement_set(FIXTURES / "sets" / "minimal.yaml")
    assert not cache_dir.exists()


@pytest.mark.parametrize("value", [{1, 2}, {1: "a"}, float("nan"), b"bytes",
                                   dt.datetime(2026, 1, 1)])
def test_a_value_the_snapshot_cannot_keep_exactly_is_refused(value: Any) -> None:
    with pytest.raises(snapshot.SnapshotError):
        snapshot.dump(value)


@pytest.mark.parametrize("data", [{"$x": 1}, {"$t": "abc"}, {"$d": 5}, {"a": 1, "b": 2},
                                  {"$m": "compliance.model.requirement.Gate", "v": {}, "s": []}])
def test_data_the_snapshot_did_not_write_is_refused(data: Any) -> None:
    with pytest.raises(snapshot.SnapshotError):
        snapshot.load(data)


_leaves = st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.dates() | (
    st.floats(allow_nan=False, allow_infinity=False))
_values = st.recursive(_leaves, lambda inner: st.lists(inner, max_size=3)
                       | st.lists(inner, max_size=3).map(tuple)
                       | st.dictionaries(st.text(max_size=3), inner, max_size=3), max_leaves=12)


@given(_values)
def test_plain_values_come_back_as_they_were(value: Any) -> None:
    same(snapshot.load(json.loads(json.dumps(snapshot.dump(value)))), value, "value")
