"""A requirement's source version and status: advisory when proposed, gone when rescinded."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from compliance.api import check_workbook
from compliance.evaluation.results import Status
from compliance.render.html import render_html
from compliance.render.markdown import render_markdown
from compliance.render.text import render_text
from compliance.sets.loader import load_requirement_set
from tests.conftest import MINIMAL_SET

ADV = "ADV-04"


def _with(tmp_path: Path, **changes: str) -> Path:
    """The minimal set with ADV-04 changed, as a child set."""
    lines = "".join(f"    {key}: {value}\n" for key, value in changes.items())
    # A set extends a file in its own folder (or a bundled set).
    shutil.copyfile(MINIMAL_SET, tmp_path / "minimal.yaml")
    child = tmp_path / "child.yaml"
    child.write_text(f"id: child\ntitle: Child\nversion: '1'\njurisdiction: Test\n"
                     f"extends: minimal\noverrides:\n  {ADV}:\n{lines}", encoding="utf-8")
    return child


@pytest.mark.parametrize(("status", "binding"), [
    ("in_force", True), ("phased", True), ("proposed", False), ("unverified", False)])
def test_a_proposed_or_unverified_clause_is_advisory(tmp_path: Path, status: str,
                                                      binding: bool) -> None:
    rs = load_requirement_set(_with(tmp_path, basis="contract", confidence="T", status=status))
    req = rs.requirement(ADV)
    assert req is not None and req.is_binding is binding


def test_a_rescinded_clause_does_not_apply(tmp_path: Path,
                                           sample: Callable[[str], Path]) -> None:
    child = _with(tmp_path, status="rescinded", source_version="'2025 contract, Amendment 3'")
    doc = check_workbook(sample("failing"), child)
    result = next(r for r in doc.requirements if r.id == ADV)
    assert result.status == Status.NOT_APPLICABLE
    assert result.reason == "rescinded in its source (2025 contract, Amendment 3)"


def test_reports_show_the_source_version_and_status(tmp_path: Path,
                                                    sample: Callable[[str], Path]) -> None:
    child = _with(tmp_path, status="in_force", source_version="'2026 contract, Amendment 2'")
    doc = check_workbook(sample("failing"), child)
    result = next(r for r in doc.requirements if r.id == ADV)
    assert result.status == Status.NOT_MET
    assert (result.source_version, result.clause_status) == ("2026 contract, Amendment 2",
                                                             "in_force")
    assert "Source: 2026 contract, Amendment 2; in force" in render_text(doc)
    assert "Source: 2026 contract, Amendment 2; in force" in render_markdown(doc)
    assert "<dd>2026 contract, Amendment 2; in force</dd>" in render_html(doc)
    assert '"clause_status":"in_force"' in doc.model_dump_json()
