"""Hostile and careless requirement sets: patterns, loose values, paths in `extends`."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.errors import RequirementSetError
from compliance.model.pattern import fullmatch, search
from compliance.sets.loader import load_requirement_set
from tests.conftest import MINIMAL_SET

ROOT = Path(__file__).resolve().parent.parent
WASHINGTON = ROOT / "requirement_sets" / "washington-apple-health.yaml"
EVERGREEN = ROOT / "sample_submissions" / "washington" / "evergreen-family-health-2026q1.xlsx"
RULE = 'rules: [{column: worker_key, pattern: "\\\\d{10}"}]'
WHERE = "where: {field: worker_type, op: eq, value: doula}\n        columns: [worker_key"


def washington(tmp_path: Path, old: str, new: str) -> Path:
    text = WASHINGTON.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "wa.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize(("pattern", "reason"), [
    ("(", "invalid regular expression"),
    ("[z-a]", "invalid regular expression"),
    ("(?P<a>x)(?P<a>y)", "invalid regular expression"),
    ("(a)\\\\1", "not supported"),
    ("(?<=a)b", "not supported"),
])
def test_a_bad_pattern_fails_lint_with_file_and_line(
        tmp_path: Path, run_cli: Callable[..., Result], pattern: str, reason: str) -> None:
    path = washington(tmp_path, RULE, f'rules: [{{column: worker_key, pattern: "{pattern}"}}]')
    result = run_cli("sets", "lint", path)
    assert result.exit_code == 1
    assert f"error: wa.yaml:{line_of(path, 'pattern: ')}:" in result.output
    assert reason in result.output and "internal error" not in result.output


def test_a_bad_matches_pattern_is_refused_before_check(
        tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    path = washington(tmp_path, WHERE, WHERE.replace("op: eq, value: doula",
                                                     'op: matches, value: "[z-a"'))
    result = run_cli("check", EVERGREEN, "--set", path)
    assert result.exit_code == 2
    assert "wa.yaml:" in result.output and "invalid regular expression" in result.output


def test_catastrophic_patterns_match_in_linear_time() -> None:
    # With a backtracking engine each of these takes longer than the age of the universe.
    assert not search(r"^(\w+\s?)*X$", "community health worker " * 40)
    assert not fullmatch(r"(\d+)+x", "1" * 5000)
    assert fullmatch(r"\d{10}", "0123456789") and not fullmatch(r"\d{10}", "01234567890")


def test_text_longer_than_a_cell_never_matches() -> None:
    assert search("a", "a" * 100) and not search("a", "a" * 40_000)


def test_check_with_a_catastrophic_pattern_finishes(tmp_path: Path) -> None:
    path = washington(tmp_path, WHERE, WHERE.replace(
        "op: eq, value: doula", 'op: matches, value: "^(\\\\w+\\\\s?)*X$"'))
    done = subprocess.run([sys.executable, "-m", "compliance", "check", str(EVERGREEN),
                           "--set", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr


@pytest.mark.parametrize(("old", "new", "key"), [
    ("pass_mark: 80", 'pass_mark: "80"', "pass_mark: must be a number, not str"),
    ("    weight: 2", "    weight: true", "weight: must be a number, not bool"),
    ("credit: {linear_from: 0.3}", "credit: {linear_from: .nan}", "finite number"),
    ("credit: {linear_from: 0.3}", "credit: {linear_from: .inf}", "finite number"),
])
def test_loose_values_are_refused(tmp_path: Path, run_cli: Callable[..., Result],
                                  old: str, new: str, key: str) -> None:
    text = MINIMAL_SET.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "loose.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_cli("sets", "lint", path)
    assert result.exit_code == 1
    assert result.output.startswith("error: loose.yaml:") and key in result.output


def _child(folder: Path, extends: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "child.yaml"
    path.write_text(f"id: child\ntitle: Child\nversion: '1'\njurisdiction: Test\n"
                    f"extends: {extends}\n", encoding="utf-8")
    return path


def test_a_path_in_extends_is_taken_from_the_sets_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sets = tmp_path / "sets"
    child = _child(sets, "parent/minimal.yaml")
    (sets / "parent").mkdir()
    (sets / "parent" / "minimal.yaml").write_text(MINIMAL_SET.read_text(encoding="utf-8"),
                                                  encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the working folder has no parent/ of its own
    assert load_requirement_set(child).lineage == ("minimal", "child")


@pytest.mark.parametrize("extends", ["/proc/self/environ", "../outside.yaml",
                                     "/etc/passwd", "../../../../../../etc/hostname.yaml"])
def test_a_path_in_extends_outside_the_set_folders_is_refused(
        tmp_path: Path, extends: str) -> None:
    (tmp_path / "outside.yaml").write_text(MINIMAL_SET.read_text(encoding="utf-8"),
                                           encoding="utf-8")
    child = _child(tmp_path / "sets", extends)
    with pytest.raises(RequirementSetError, match="outside the set's folder"):
        load_requirement_set(child)
