"""The report formats: HTML structure and contrast, JUnit, Markdown, the findings workbook, CLI."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import load_workbook

from compliance.evaluation.results import Finding, Status, Waiver
from compliance.render.findings import in_words
from compliance.render.html import render_html
from compliance.render.junit import render_junit
from compliance.render.markdown import md, render_markdown
from compliance.render.xlsx import ACTION_STATUSES, render_xlsx
from compliance.resources import bundled_dir
from tests.reportdocs import failing_doc, large_doc, requirement, row_findings, with_requirements

MINIMAL = Path(__file__).parent / "fixtures" / "sets" / "minimal.yaml"
STYLES = (bundled_dir("report_templates") / "_styles.css.j2").read_text()


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize("status", [s.value for s in Status])
def test_status_badges_meet_wcag_aa(status: str) -> None:
    background = re.search(rf"\.badge\.{status} {{ background: (#[0-9a-f]{{6}}); }}", STYLES)
    assert background, f"no badge colour for {status}"
    assert contrast(background[1], "#ffffff") >= 4.5


def test_text_colours_meet_wcag_aa() -> None:
    ink, muted, panel = (re.search(rf"--{name}: (#[0-9a-f]{{6}})", STYLES)[1]  # type: ignore[index]
                         for name in ("ink", "muted", "panel"))
    zero = re.search(r"td\.zero { color: (#[0-9a-f]{6}); }", STYLES)[1]  # type: ignore[index]
    for colour in (ink, muted, zero):
        assert contrast(colour, "#ffffff") >= 4.5 and contrast(colour, panel) >= 4.5


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables = self.captions = 0
        self.th_without_scope: list[str] = []
        self.headings: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        self.tables += tag == "table"
        self.captions += tag == "caption"
        if tag == "th" and "scope" not in names:
            self.th_without_scope.append(str(attrs))
        if re.fullmatch(r"h\d", tag):
            self.headings.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("href", "src", "action")]


def test_html_is_self_contained_and_accessible(tmp_path: Path) -> None:
    page = render_html(failing_doc(tmp_path))
    structure = _Structure()
    structure.feed(page)
    assert structure.tables == structure.captions >= 5
    assert structure.th_without_scope == [] and structure.urls == []
    levels = [int(h[1]) for h in structure.headings]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    for external in ("<script", "<link", "<img", "url(", "@import", "http:", "https:"):
        assert external not in page
    assert "default-src 'none'" in page and "break-inside: avoid" in page
    assert "@media print" in page and '<html lang="en">' in page


def test_html_states_status_in_words(tmp_path: Path) -> None:
    page = render_html(failing_doc(tmp_path))
    for words in ("PARTIALLY MET", "NOT MET", "NOT APPLICABLE", ">FAIL<"):
        assert words in page


def test_no_suppress_shows_small_counts(tmp_path: Path) -> None:
    doc = failing_doc(tmp_path)
    assert "(4 of 10)" in render_html(doc, suppress=False)
    assert "(4 of 10)" not in render_html(doc) and "(&lt;11 of &lt;11)" in render_html(doc)
    assert "(4 of 10)" in render_markdown(doc, suppress=False)


def test_junit_counts_and_outcomes(tmp_path: Path) -> None:
    waiver = Waiver(justification="Approved plan", approved_by="OHA", approved_on="2026-01-05")
    doc = with_requirements(
        failing_doc(tmp_path),
        requirement("ERR-01", Status.ERROR, [], reason="the sheet could not be read"),
        requirement("WAV-01", Status.WAIVED, [], reason="waived").model_copy(
            update={"waiver": waiver}))
    root = ET.fromstring(render_junit(doc))
    suite = root.find("testsuite")
    assert suite is not None
    assert {k: suite.get(k) for k in ("tests", "failures", "errors", "skipped")} == {
        "tests": "8", "failures": "3", "errors": "1", "skipped": "3"}
    cases = {case.get("name", "").split()[0]: case for case in suite.iter("testcase")}
    assert cases["ADV-01"].get("classname") == "community_engagement"
    failure = cases["ADV-01"].find("failure")
    assert failure is not None and failure.get("message", "").startswith("CAC-1: 40% (<11")
    assert "What to do: Recruit" in (failure.text or "")
    assert cases["ERR-01"].find("error") is not None
    skipped = cases["NET-01"].find("skipped")
    assert skipped is not None and "2027-07-09" in skipped.get("message", "")
    assert cases["GEN-01"].find("*") is None


def test_junit_replaces_characters_xml_cannot_hold(tmp_path: Path) -> None:
    bad = [Finding(code="x.y", message="bell \x07 and nul \x00", sheet="S", cell="A1")]
    doc = with_requirements(failing_doc(tmp_path), requirement("BAD-01", Status.NOT_MET, bad))
    failure = ET.fromstring(render_junit(doc)).find(".//testcase[@name='BAD-01 Requirement "
                                                    "BAD-01']/failure")
    assert failure is not None and failure.get("message") == "bell \ufffd and nul \ufffd [S!A1]"


@pytest.mark.parametrize(("text", "escaped"), [
    ("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`"),
    ("Committee_Roster!B7", "Committee_Roster!B7"),
    ("a | b", r"a \| b"),
    ("<b>x</b> &amp;", r"\<b>x\</b> \&amp;"),
    ("[x](javascript:y) ![i](u)", r"\[x\](javascript:y) !\[i\](u)"),
    ("https://a.b www.c.d e@f.g", r"https\://a.b www\.c.d e\@f.g"),
    ("#12 $x$ ~~s~~", r"\#12 \$x\$ \~\~s\~\~"),
    ("line\nbreak\ttab", "line break tab"),
])
def test_markdown_escaping(text: str, escaped: str) -> None:
    assert md(text) == escaped


def test_targets_read_as_words() -> None:
    assert [in_words(t) for t in (">= 51%", "<= 10", "> 0", "< 5", "between 1 and 2")] == [
        "at least 51%", "at most 10", "more than 0", "less than 5", "between 1 and 2"]


def test_findings_workbook_is_ready_for_a_corrective_action_plan(tmp_path: Path) -> None:
    doc = failing_doc(tmp_path)
    content = render_xlsx(doc)
    assert render_xlsx(doc) == content  # byte for byte
    book = load_workbook(io.BytesIO(content))
    sheet = book["Findings"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Requirement", "Title", "Domain", "Severity", "Status"]
    assert header[-4:] == ["Owner", "Due date", "Action status", "MCO response"]
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == "A1:R4"
    assert all(cell.font.bold for cell in sheet[1])
    (validation,) = sheet.data_validations.dataValidation
    assert str(validation.sqref) == "Q2:Q4"
    assert validation.formula1 == '"' + ",".join(ACTION_STATUSES) + '"'
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "ADV-01", "ADV-04", "DEM-01"]
    assert book.properties.created == book.properties.modified
    assert book.properties.created.isoformat() == "2026-04-21T09:30:00"


def test_large_results_render_small(tmp_path: Path) -> None:
    # Render time is measured by benchmarks/report_bench.py; here, the size stays bounded.
    doc = large_doc(tmp_path)
    assert sum(len(r.findings) for r in doc.requirements) >= 10_000
    for render, size in ((render_html, 1_000_000), (render_markdown, 500_000),
                         (render_junit, 2_000_000), (render_xlsx, 5_000_000)):
        out = render(doc)
        assert len(out) < size, (render.__name__, len(out))


def test_one_requirement_with_ten_thousand_findings_is_aggregated(tmp_path: Path) -> None:
    doc = with_requirements(failing_doc(tmp_path),
                            requirement("ONE", Status.NOT_MET, row_findings(10_000)))
    page = render_html(doc)
    assert len(page) < 100_000
    assert "and 6,663 more like these" in page and "and 6,654 more" in page


def test_check_writes_every_format_and_an_annotated_copy(
        sample: Callable[[str], Path], run_cli: Callable[..., Result], tmp_path: Path) -> None:
    workbook = sample("failing")
    out, annotated = tmp_path / "out", tmp_path / "marked.xlsx"
    result = run_cli("check", workbook, "--set", MINIMAL, "--format", "html,md,json,junit,xlsx",
                     "--output-dir", out, "--annotate", annotated)
    assert result.exit_code == 1 and "Gaps (3)" in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "failing.findings.xlsx", "failing.html", "failing.json", "failing.junit.xml",
        "failing.md"]
    book = load_workbook(annotated)
    assert book.sheetnames[-1] == "Findings"
    assert book.active is not None and book.active.title == "Findings"
    # Only the cells that caused each finding: CAC-1's provider seats, not CAC-2's rows.
    comment = book["Committee_Roster"]["B6"].comment
    assert comment is not None and comment.text.startswith("ADV-01 (partially met, critical)")
    assert book["Committee_Roster"]["B11"].fill.fgColor.rgb.endswith("FFEB9C")
    assert book["Committee_Roster"]["B12"].fill.fgColor.rgb == "00000000"
    assert book["Committee_Roster"]["A14"].fill.fgColor.rgb == "00000000"
    # CAC-1 has no meeting: its roster rows carry the finding, no other committee's.
    meeting = book["Committee_Roster"]["A2"].comment
    assert meeting is not None and meeting.text.startswith("ADV-04 (not met")
    assert book["Member_Demographics"]["B3"].fill.fgColor.rgb.endswith("FFC7CE")
    assert book["Member_Demographics"]["B2"].fill.fgColor.rgb == "00000000"  # reported
    assert book["Cover"]["B2"].fill.fgColor.rgb == "00000000"  # nothing wrong there


def test_the_annotated_copy_keeps_the_filers_formulas_and_comments(
        tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    from openpyxl.comments import Comment

    from tests import workbooks

    path = workbooks.write_workbook(tmp_path / "own.xlsx", workbooks.failing())
    book = load_workbook(path)
    book["Member_Demographics"]["E1"] = "=SUM(C2:C3)"
    book["Member_Demographics"]["B3"].comment = Comment("Checked by Ana", "Ana")
    book.save(path)
    annotated = tmp_path / "marked.xlsx"
    assert run_cli("check", path, "--set", MINIMAL, "--annotate", annotated, "-q").exit_code == 1
    copy = load_workbook(annotated)
    assert copy["Member_Demographics"]["E1"].value == "=SUM(C2:C3)"
    text = copy["Member_Demographics"]["B3"].comment.text
    assert text.startswith("Checked by Ana\n\nDEM-01 (not met, major)")
    formulas = [c.coordinate for s in copy.worksheets for row in s.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == ["E1"]


@pytest.mark.parametrize("out_name", ["failing.xlsx", "./failing.xlsx", "copy.csv"])
def test_annotate_refuses_the_input_or_a_non_xlsx_output(
        sample: Callable[[str], Path], run_cli: Callable[..., Result], out_name: str) -> None:
    workbook = sample("failing")
    before = workbook.read_bytes()
    result = run_cli("check", workbook, "--set", MINIMAL, "--annotate",
                     workbook.parent / out_name)
    assert result.exit_code == 2 and workbook.read_bytes() == before
