"""Text from a submission stays inert in every output: no markup, links, templates or formulas."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import load_workbook

from tests.hostileworkbook import (
    CONTROL_DECODED,
    EXTRA_SHEETS,
    FILE_NAME,
    FORMULAS,
    IMG,
    JINJA,
    JINJA_BLOCK,
    NEAR_MISS_HEADER,
    SCRIPT,
    SVG,
    write_hostile,
)

MINIMAL = Path(__file__).parent / "fixtures" / "sets" / "minimal.yaml"
OUR_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "main", "footer",
            "section", "article", "h1", "h2", "h3", "h4", "p", "dl", "dt", "dd", "div", "ul",
            "li", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "span",
            "strong", "svg", "rect"}
MARKUP = (SCRIPT, IMG, SVG, NEAR_MISS_HEADER)
_VOLATILE = re.compile(r"[0-9a-f]{64}|\d{4}-\d\d-\d\dT[\d:+]+")


def _no_49(text: str) -> bool:
    """True when no `49` appears outside hashes and times (so `{{ 7*7 }}` was not run)."""
    return "49" not in _VOLATILE.sub("", text)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from click.testing import CliRunner

    from compliance.cli import cli

    folder = tmp_path_factory.mktemp("hostile")
    workbook = write_hostile(folder)
    out = folder / "out"
    result: Result = CliRunner().invoke(cli, [
        "check", str(workbook), "--set", str(MINIMAL), "--format", "html,md,json,junit,xlsx,text",
        "--output-dir", str(out), "--annotate", str(folder / "annotated.xlsx"), "--quiet"],
        catch_exceptions=False)
    assert result.exit_code == 1, result.output
    stem = workbook.stem
    files = {name: out / f"{stem}.{ext}" for name, ext in (
        ("html", "html"), ("md", "md"), ("json", "json"), ("junit", "junit.xml"),
        ("xlsx", "findings.xlsx"), ("text", "txt"))}
    return {**files, "annotated": folder / "annotated.xlsx", "workbook": workbook}


def test_the_findings_echo_the_payloads(outputs: dict[str, Path]) -> None:
    doc = json.loads(outputs["json"].read_text())
    messages = " ".join(f["message"] for r in doc["requirements"] for f in r["findings"])
    notes = " ".join(n["message"] for n in doc["submission"]["notes"])
    for payload in (SCRIPT, IMG, JINJA, *FORMULAS):
        assert payload in messages
    for payload in (NEAR_MISS_HEADER, *EXTRA_SHEETS):
        assert payload in notes


def test_html_holds_no_markup_from_the_submission(outputs: dict[str, Path]) -> None:
    page = outputs["html"].read_text()
    parser = _Tags()
    parser.feed(page)
    assert {tag for tag, _ in parser.tags} <= OUR_TAGS
    attributes = {name for _, attrs in parser.tags for name, _ in attrs}
    assert not {a for a in attributes if a.startswith("on")} | ({"href", "src"} & attributes)
    for payload in MARKUP:
        assert payload not in page
    text = "".join(parser.text)
    for payload in (SCRIPT, IMG, SVG, NEAR_MISS_HEADER, JINJA, JINJA_BLOCK, FILE_NAME):
        assert payload in text  # shown, as text
    assert _no_49(text)


def test_markdown_escapes_markup_links_and_templates(outputs: dict[str, Path]) -> None:
    text = outputs["md"].read_text()
    assert re.search(r"(?<!\\)<", text) is None  # no raw HTML can start
    assert re.search(r"(?<!\\)\[", text) is None  # no link or image can start
    assert re.search(r"(?<!\\)\]\(", text) is None
    assert "http://" not in text and "www." not in text and "a@evil" not in text  # no autolink
    assert r"http\://evil.example/x www\.evil.example a\@evil.example" in text
    assert r"Evil \<img src=x onerror=alert(1)> {{ 7\*7 }}" in text
    assert _no_49(text)


def test_junit_is_valid_xml_that_keeps_the_text(outputs: dict[str, Path]) -> None:
    root = ET.parse(outputs["junit"]).getroot()
    failures = [f.get("message", "") + (f.text or "") for f in root.iter("failure")]
    joined = " ".join(failures)
    for payload in (SCRIPT, IMG, *FORMULAS[:2]):
        assert payload in joined


@pytest.mark.parametrize("name", ["xlsx", "annotated"])
def test_workbooks_hold_no_formula(outputs: dict[str, Path], name: str) -> None:
    book = load_workbook(io.BytesIO(outputs[name].read_bytes()))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value for c in cells if isinstance(c.value, str)}
    for formula in FORMULAS:
        assert any(formula in t for t in texts), formula
    quoted = [c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "@"))]
    assert quoted and all(c.quotePrefix for c in quoted if c.parent.title.startswith("Find"))


def test_the_annotated_copy_leaves_the_original_alone(outputs: dict[str, Path],
                                                       run_cli: Callable[..., Result]) -> None:
    before = outputs["workbook"].read_bytes()
    result = run_cli("check", outputs["workbook"], "--set", MINIMAL, "--annotate",
                     outputs["workbook"], "--quiet")
    assert result.exit_code == 2 and "cannot replace" in result.output
    assert outputs["workbook"].read_bytes() == before


def test_control_characters_reach_no_terminal_or_package(outputs: dict[str, Path]) -> None:
    doc = json.loads(outputs["json"].read_text())
    assert doc["submission"]["mco_name"].endswith(CONTROL_DECODED)  # read as filed
    shown = CONTROL_DECODED.replace("\x1b", "\ufffd").replace("\x07", "\ufffd")
    for name in ("text", "md"):
        text = outputs[name].read_text(encoding="utf-8")
        assert "\x1b" not in text and "\x07" not in text, name
    assert shown in outputs["text"].read_text(encoding="utf-8")
    book = load_workbook(outputs["annotated"])  # a raw control character makes it unreadable
    comments = [c.comment.text for s in book.worksheets for row in s.iter_rows() for c in row
                if c.comment is not None]
    assert any("owned" in text for text in comments)
    assert not any("\x1b" in text for text in comments)
