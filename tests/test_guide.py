"""The requirements guide: golden pages, the CLI command, escaping and completeness."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from compliance.guide import build_guide, render_guide_html, render_guide_markdown
from compliance.resources import bundled_sets
from compliance.sets.loader import load_requirement_set

GOLDEN_DIR = Path(__file__).parent / "golden"
MINIMAL = Path(__file__).parent / "fixtures" / "sets" / "minimal.yaml"
CASES = {"guide__louisiana": "louisiana-healthy-la", "guide__minimal": str(MINIMAL)}
Run = Callable[..., Result]


@pytest.mark.parametrize("name", CASES)
def test_guide_matches_golden(name: str, update_golden: bool) -> None:
    guide = build_guide(load_requirement_set(CASES[name]))
    outputs = {"md": render_guide_markdown(guide), "html": render_guide_html(guide)}
    differing = []
    for suffix, text in outputs.items():
        golden = GOLDEN_DIR / f"{name}.{suffix}"
        if update_golden:
            golden.write_text(text, encoding="utf-8")
        elif golden.read_text(encoding="utf-8") != text:
            differing.append(suffix)
    assert not differing, f"{name}: {differing} differ; rerun with --update-golden if intended"


@pytest.mark.parametrize("set_id", [p.stem for p in bundled_sets()])
def test_guide_lists_every_requirement_with_its_standing(set_id: str) -> None:
    rs = load_requirement_set(set_id)
    guide = build_guide(rs)
    assert [e.id for e in guide.entries] == [r.id for r in rs.requirements]
    assert guide.binding_count == sum(r.is_binding for r in rs.requirements)
    text = render_guide_markdown(guide)
    for req in rs.requirements:
        assert f"### {req.id}:" in text
    assert all(entry.evidence and entry.checks for entry in guide.entries)


def test_guide_says_binding_or_advisory_and_where_evidence_is() -> None:
    guide = build_guide(load_requirement_set("model-clauses"))
    by_id = {e.id: e for e in guide.entries}
    assert by_id["STR-03"].binding and not by_id["STR-06"].binding
    assert [ev.sheet for ev in by_id["STR-06"].evidence] == ["Stratified_Measures",
                                                             "Measure_Baselines"]
    assert "Stratum" in by_id["STR-06"].evidence[0].columns
    text = render_guide_markdown(guide)
    assert "Advisory: reported and scored apart, never decides the gate" in text
    assert "How to fix a gap: Report the baseline year on Measure_Baselines" in text


def test_set_text_is_escaped(tmp_path: Path) -> None:
    doc = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    doc["title"] = "<script>alert(1)</script> set"
    doc["requirements"][0]["remediation"] = "Fix <b>this</b> | [link](javascript:x)"
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    guide = build_guide(load_requirement_set(str(path)))
    html = render_guide_html(guide)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html
    markdown = render_guide_markdown(guide)
    assert "\\<script>" in markdown and "\\[link\\]" in markdown


def test_cli_writes_markdown_to_stdout(run_cli: Run) -> None:
    result = run_cli("guide", "--set", "oregon-cco", "--format", "md")
    assert result.exit_code == 0
    assert result.output.startswith("# Requirements guide: ")
    assert "### STR-03: Strata add up to each measure's total" in result.output


def test_cli_writes_html_to_a_file(run_cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "guide.html"
    result = run_cli("guide", "--set", "washington-apple-health", "-o", target)
    assert result.exit_code == 0 and "wrote" in result.output
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "http" not in \
        page.replace("http-equiv", "")


def test_cli_bad_set_and_bad_output_exit_2(run_cli: Run, tmp_path: Path) -> None:
    unknown = run_cli("guide", "--set", "no-such-set")
    assert unknown.exit_code == 2 and "error:" in unknown.output
    assert len(unknown.output.strip().splitlines()) == 1
    folder = tmp_path / "missing" / "guide.md"
    unwritable = run_cli("guide", "--set", "oregon-cco", "--format", "md", "-o", folder)
    assert unwritable.exit_code == 2 and "cannot write" in unwritable.output


def test_status_version_and_window_are_shown(tmp_path: Path) -> None:
    doc = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    doc["requirements"][0]["effective_from"] = "2025-01-01"
    path = tmp_path / "dated.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    entry = build_guide(load_requirement_set(str(path))).entries[0]
    assert entry.in_force == "in effect from 2025-01-01"
    assert "Status: " + entry.in_force in render_guide_markdown(
        build_guide(load_requirement_set(str(path))))
