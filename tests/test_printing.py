"""Generated workbooks print sensibly: the blank template and the findings workbook.

Each sheet is one page wide in the orientation its width needs, repeats its header row
on every page and has a page header and numbered footer; rows of wrapped text are tall
enough to show it. One test prints the findings workbook through LibreOffice.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from compliance.evaluation.results import Finding, Status
from compliance.render.xlsx import render_xlsx
from compliance.sets.loader import load_requirement_set
from compliance.template.build import write_template
from tests.reportdocs import failing_doc, requirement, row_findings, with_requirements

SOFFICE = shutil.which("soffice")


def _printable(sheet: Worksheet, orientation: str, titles: str | None) -> None:
    setup = sheet.page_setup
    assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == (orientation, 1, 0)
    assert sheet.sheet_properties.pageSetUpPr is not None
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == titles
    footer = sheet.HeaderFooter.oddFooter
    assert footer is not None and footer.center is not None
    assert footer.center.text == "Page &P of &N"


def test_the_template_prints_one_page_wide_with_its_headers(tmp_path: Path) -> None:
    rs = load_requirement_set("oregon-cco")
    book = load_workbook(write_template(rs, tmp_path / "blank.xlsx"))
    _printable(book["Instructions"], "landscape", "$1:$1")
    _printable(book["Cover"], "portrait", None)
    tables = [spec.name for spec in rs.workbook.sheets if spec.kind != "form"]
    assert tables
    for name in tables:
        _printable(book[name], "landscape", "$3:$3")  # the column headers


def _findings_book(tmp_path: Path) -> bytes:
    long = Finding(code="valid_values.invalid", message="word " * 120, sheet="Committee_Roster",
                   cell="B7")
    doc = with_requirements(failing_doc(tmp_path),
                            requirement("BIG-01", Status.NOT_MET, [long, *row_findings(40)]))
    return render_xlsx(doc)


def test_the_findings_workbook_prints_landscape_with_rows_tall_enough(tmp_path: Path) -> None:
    book = load_workbook(io.BytesIO(_findings_book(tmp_path)))
    findings = book["Findings"]
    _printable(findings, "landscape", "$1:$1")
    _printable(book["About"], "portrait", None)
    heights = {row: findings.row_dimensions[row].height for row in range(2, findings.max_row)}
    long_row = next(row for row in heights if str(findings.cell(row, 11).value).startswith(
        "word word"))
    # 600 characters in the 60-character Finding column: about 10 lines of 15 points
    assert (heights[long_row] or 0) >= 8 * 15
    assert all((h or 0) >= 15 for h in heights.values())


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_the_findings_on_landscape_pages_one_page_wide(
        tmp_path: Path) -> None:
    source = tmp_path / "findings.xlsx"
    source.write_bytes(_findings_book(tmp_path))
    done = subprocess.run([str(SOFFICE), f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                           str(source)], capture_output=True, text=True, timeout=180,
                          check=False)
    pdf = (tmp_path / "findings.pdf").read_bytes()
    assert done.returncode == 0 and pdf.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page\b", pdf)
    boxes = [tuple(float(n) for n in box.split()) for box in
             re.findall(rb"/MediaBox\s*\[\s*([\d. ]+?)\s*\]", pdf)]
    landscape = [b for b in boxes if b[2] > b[3]]
    assert landscape, boxes
    # 18 columns on one page wide: the findings take a few pages, not one per column group
    assert len(pages) <= 6, len(pages)
