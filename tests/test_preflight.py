from __future__ import annotations

import hashlib
import os
import random
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from compliance.errors import SubmissionError
from compliance.reader import fastscan
from compliance.reader.limits import MB
from compliance.reader.preflight import DEFAULT_LIMITS, Limits, Preflight, SpecialCell, inspect
from tests.hostile import (
    BILLION_LAUGHS,
    DECL,
    MAIN,
    PKG_REL,
    REL,
    XXE,
    Sheet,
    cells,
    flip_crc,
    lying_sizes,
    package,
    sheet_xml,
    truncate,
    zip_of,
)

# Real workbooks saved by Excel, LibreOffice, gnumeric and Google Sheets, kept in the
# shared folder beside the checkout.
REAL = next((p for p in (Path(__file__).resolve().parents[2] / "shared" / "real_xlsx",
                         Path("/work/shared/real_xlsx")) if p.is_dir()),
            Path("/work/shared/real_xlsx"))
NOT_XLSX = REAL / "not_xlsx"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="real workbook corpus not present")


def run(path: Path, limits: Limits = DEFAULT_LIMITS, budget: float = 30.0) -> Preflight:
    """inspect(), asserting it ends (no hang) and leaves the file untouched."""
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    start = time.perf_counter()
    try:
        return inspect(path, limits)
    finally:
        assert time.perf_counter() - start < budget
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def rejected(path: Path, limits: Limits = DEFAULT_LIMITS, budget: float = 30.0) -> str:
    with pytest.raises(SubmissionError) as caught:
        run(path, limits, budget)
    assert caught.value.file == str(path)
    assert "\n" not in str(caught.value)
    return caught.value.reason


def simple(path: Path, rows: str = cells(("A1", "1"), ("B2", "2")), *,
           shared_strings: bytes | None = None, replace: dict[str, bytes] | None = None,
           extra: dict[str, bytes] | None = None) -> Path:
    return package(path, [Sheet("Data", sheet_xml(rows))], shared_strings=shared_strings,
                   replace=replace, extra=extra)


# --- not a workbook at all -------------------------------------------------------------

def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert "is empty" in rejected(path)


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.xlsx"
    path.write_bytes(random.Random(7).randbytes(5000))
    assert "unrecognised file format" in rejected(path)


@pytest.mark.parametrize(("content", "expected"), [
    (b"member_id,race,age\r\nM001,White,34\r\n", "text (CSV?) file"),
    (b"PKG_ID,plan\r\n1,A\r\n", "text (CSV?) file"),
    ("id;nom\r\n1;Fran\u00e7ois\r\n".encode("cp1252"), "text (CSV?) file"),
    ("\ufeffid,name\r\n1,Zo\u00eb\r\n".encode(), "text (CSV?) file"),
    (b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>",
     "web page (HTML)"),
    (b"<table><tr><td>exported</td></tr></table>", "web page (HTML)"),
    (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
     "Excel 2003 XML spreadsheet"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
])
def test_renamed_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(content)
    assert expected in rejected(path)


@needs_real
@pytest.mark.parametrize(("name", "expected"), [
    ("calamine_pass_protected.xlsx", "password-protected"),
    ("pycalamine_password.xlsx", "password-protected"),
    ("pycalamine_base.xls", "legacy .xls (Excel 97-2003)"),
    ("pycalamine_base.xlsb", "Excel binary workbook (.xlsb)"),
    ("pycalamine_base.ods", "OpenDocument spreadsheet (.ods)"),
])
def test_real_files_that_are_not_xlsx(name: str, expected: str) -> None:
    reason = rejected(NOT_XLSX / name)
    assert expected in reason
    assert "save" in reason


def test_other_ole_document(tmp_path: Path) -> None:
    path = tmp_path / "memo.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
                     + "WordDocument".encode("utf-16-le"))
    assert "older Microsoft Office (OLE) document" in rejected(path)


@pytest.mark.parametrize(("members", "expected"), [
    ({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<T/>"}, "Word document"),
    ({"ppt/presentation.xml": b"<p/>"}, "PowerPoint presentation"),
    ({"data.csv": b"a,b\n1,2\n"}, "zip archive, not a spreadsheet"),
    ({"mimetype": b"application/vnd.oasis.opendocument.text"}, "OpenDocument file"),
    ({}, "zip archive, not a spreadsheet"),
])
def test_other_zips(tmp_path: Path, members: dict[str, bytes], expected: str) -> None:
    assert expected in rejected(zip_of(tmp_path / "other.xlsx", members))


def test_missing_and_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(SubmissionError, match="does not exist"):
        inspect(tmp_path / "absent.xlsx")
    with pytest.raises(SubmissionError, match="is a folder, not a workbook"):
        inspect(tmp_path)
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(SubmissionError, match="not a regular file"):
        inspect(fifo)


# --- damaged packages ------------------------------------------------------------------

def numbers(count: int) -> str:
    return cells(*[(f"A{i}", str(i)) for i in range(1, count)])


def test_truncated_package(tmp_path: Path) -> None:
    path = truncate(simple(tmp_path / "cut.xlsx", numbers(3000)))
    assert "damaged or incomplete" in rejected(path)


def test_corrupted_member_crc(tmp_path: Path) -> None:
    path = flip_crc(simple(tmp_path / "crc.xlsx"), "xl/worksheets/sheet1.xml")
    assert "damaged or incomplete" in rejected(path)


def test_corrupted_member_bytes(tmp_path: Path) -> None:
    path = simple(tmp_path / "flipped.xlsx", numbers(2000))
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    data[info.header_offset + 30 + len(info.filename) + 200] ^= 0xFF
    path.write_bytes(bytes(data))
    assert "damaged" in rejected(path)


def test_duplicate_part_names(tmp_path: Path) -> None:
    path = simple(tmp_path / "twice.xlsx", extra={"XL/Workbook.xml": b"<workbook/>"})
    assert "contains the part 'xl/workbook.xml' twice" in rejected(path)


def test_missing_sheet_part(tmp_path: Path) -> None:
    path = simple(tmp_path / "nosheet.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp_path / "x.xlsx", "w") as dst:
        for info in src.infolist():
            if "worksheets" not in info.filename:
                dst.writestr(info, src.read(info))
    assert "missing the part of sheet 'Data'" in rejected(tmp_path / "x.xlsx")


# --- zip bombs -------------------------------------------------------------------------

def big_rows(count: int) -> str:
    return "".join(f'<row r="{r}"><c r="A{r}" s="1"/></row>' for r in range(1, count))


def test_part_over_member_limit(tmp_path: Path) -> None:
    path = simple(tmp_path / "bomb.xlsx", big_rows(60_000))
    reason = rejected(path, Limits(max_member_uncompressed=1 * MB))
    assert "expands to more than 1 MB when decompressed (possible zip bomb)" in reason


def test_total_over_limit(tmp_path: Path) -> None:
    path = package(tmp_path / "bombs.xlsx", [Sheet(f"S{i}", sheet_xml(big_rows(20_000)))
                                              for i in range(4)])
    assert "possible zip bomb" in rejected(path, Limits(max_total_uncompressed=2 * MB))


def test_compression_ratio(tmp_path: Path) -> None:
    padding = '<c r="A1" s="1"/>' * 400_000
    path = simple(tmp_path / "ratio.xlsx", f'<row r="1">{padding}</row>')
    assert "expands" in rejected(path, Limits(max_ratio=50))
    assert run(path, Limits(max_ratio=10_000)).sheets[0].max_row == 0


def test_header_that_lies_about_size(tmp_path: Path) -> None:
    path = lying_sizes(simple(tmp_path / "liar.xlsx", big_rows(50_000)),
                       "xl/worksheets/sheet1.xml", declared=1000)
    with zipfile.ZipFile(path) as archive:  # Python's zipfile trusts the header
        assert len(archive.read("xl/worksheets/sheet1.xml")) == 1000
    assert "larger than its zip header declares" in rejected(path)


def test_too_many_members(tmp_path: Path) -> None:
    path = simple(tmp_path / "many.xlsx", extra={f"xl/media/x{i}.bin": b"" for i in range(50)})
    assert "zip entries" in rejected(path, Limits(max_members=20))


def test_file_size_limit(tmp_path: Path) -> None:
    path = simple(tmp_path / "big.xlsx")
    assert "MB limit" in rejected(path, Limits(max_file_bytes=100))


# --- XML attacks -----------------------------------------------------------------------

DTD_REASON = "document type declaration (DTD)"


def test_billion_laughs_in_shared_strings(tmp_path: Path) -> None:
    sst = (BILLION_LAUGHS + f'<sst xmlns="{MAIN}"><si><t>&lol3;</t></si></sst>').encode()
    path = simple(tmp_path / "lol.xlsx", '<c r="A1" t="s"><v>0</v></c>', shared_strings=sst)
    reason = rejected(path)
    assert DTD_REASON in reason and "xl/sharedstrings.xml" in reason


def test_billion_laughs_in_sheet(tmp_path: Path) -> None:
    xml = sheet_xml('<c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c>', prolog=BILLION_LAUGHS)
    assert DTD_REASON in rejected(package(tmp_path / "lol.xlsx", [Sheet("S", xml)]))


def test_external_entity_in_workbook(tmp_path: Path) -> None:
    workbook = (XXE + f'<workbook xmlns="{MAIN}"><sheets/>&xxe;</workbook>').encode()
    path = simple(tmp_path / "xxe.xlsx", replace={"xl/workbook.xml": workbook})
    assert DTD_REASON in rejected(path)


def test_dtd_in_relationships(tmp_path: Path) -> None:
    rels = (XXE + '<Relationships xmlns="x"/>').encode()
    path = simple(tmp_path / "rels.xlsx", replace={"_rels/.rels": rels})
    assert DTD_REASON in rejected(path)


def test_dtd_behind_a_long_comment(tmp_path: Path) -> None:
    prolog = DECL + "<!--" + "x" * 3_000_000 + "-->" + BILLION_LAUGHS.split("\n", 1)[1]
    path = package(tmp_path / "hidden.xlsx", [Sheet("S", sheet_xml("", prolog=prolog))])
    assert "is not XML (no root element)" in rejected(path, Limits(max_ratio=10_000))


def test_dtd_in_unparsed_part_is_ignored(tmp_path: Path) -> None:
    path = simple(tmp_path / "custom.xlsx", extra={"customXml/item1.xml": XXE.encode() + b"<r/>"})
    assert run(path).sheets[0].max_row == 2


def test_unparsed_parts_need_not_be_xml(tmp_path: Path) -> None:
    path = simple(tmp_path / "odd.xlsx", extra={"xl/calcChain.xml": b"",
                                                 "xl/printerSettings/x.xml": b"\x00\x01binary"})
    assert run(path).sheets[0].max_row == 2


def test_empty_sheet_part_is_damaged(tmp_path: Path) -> None:
    path = package(tmp_path / "blank.xlsx", [Sheet("S", b"")])
    assert "is not XML (no root element)" in rejected(path)


def test_utf16_sheet_is_refused(tmp_path: Path) -> None:
    text = (f'<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="{MAIN}">'
            "<sheetData/></worksheet>")
    path = package(tmp_path / "wide.xlsx", [Sheet("S", text.encode("utf-16"))])
    assert "UTF-16" in rejected(path)


# --- package structure -----------------------------------------------------------------

def test_only_a_chartsheet(tmp_path: Path) -> None:
    chart = b'<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    path = package(tmp_path / "chart.xlsx", [Sheet("Chart1", chart, kind="chartsheet")])
    assert "has no readable worksheets" in rejected(path)


def test_no_sheets(tmp_path: Path) -> None:
    assert "has no readable worksheets" in rejected(package(tmp_path / "none.xlsx", []))


def test_chartsheets_are_left_out(tmp_path: Path) -> None:
    chart = b'<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    path = package(tmp_path / "mixed.xlsx", [Sheet("Chart1", chart, kind="chartsheet"),
                                             Sheet("Data", sheet_xml(cells(("C3", "1"))))])
    assert [(s.name, s.max_row, s.max_col) for s in run(path).sheets] == [("Data", 3, 3)]


def test_workbook_part_elsewhere_is_refused(tmp_path: Path) -> None:
    rels = (f'{DECL}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/wb.xml"/></Relationships>').encode()
    path = simple(tmp_path / "moved.xlsx", replace={"_rels/.rels": rels})
    assert "keeps its workbook in 'xl/wb.xml' instead of xl/workbook.xml" in rejected(path)


def test_strict_namespace_relationships(tmp_path: Path) -> None:
    strict = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    rels = (f'{DECL}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
            f'Type="{strict}/officeDocument" Target="/xl/workbook.xml"/></Relationships>')
    workbook = (f'{DECL}<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" '
                f'xmlns:r="{strict}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>'
                "</workbook>")
    sheet_rels = (f'{DECL}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
                  f'Type="{strict}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    path = simple(tmp_path / "strict.xlsx", replace={
        "_rels/.rels": rels.encode(), "xl/workbook.xml": workbook.encode(),
        "xl/_rels/workbook.xml.rels": sheet_rels.encode()})
    assert [(s.name, s.max_row) for s in run(path).sheets] == [("S", 2)]


def test_sheet_typed_as_chart_is_still_scanned(tmp_path: Path) -> None:
    rels = (f'{DECL}<Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/chartsheet" Target="worksheets/sheet2.xml"/>'
            "</Relationships>").encode()
    path = package(tmp_path / "disguised.xlsx", [
        Sheet("Data", sheet_xml(cells(("A1", "1")))),
        Sheet("Chart", sheet_xml(cells(("A1", "1"), ("XFD1048576", "1"))))],
        replace={"xl/_rels/workbook.xml.rels": rels})
    assert "declares a used range" in rejected(path)


def test_states_date_system_digest(tmp_path: Path) -> None:
    path = package(tmp_path / "states.xlsx", [
        Sheet("Shown", sheet_xml(cells(("A1", "1")))),
        Sheet("Hidden", sheet_xml(""), state="hidden"),
        Sheet("Secret", sheet_xml(""), state="veryHidden"),
    ], workbook_pr='<workbookPr date1904="1"/>')
    facts = run(path)
    assert [(s.name, s.state) for s in facts.sheets] == [
        ("Shown", "visible"), ("Hidden", "hidden"), ("Secret", "veryHidden")]
    assert facts.date1904 is True
    assert facts.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert facts.size == path.stat().st_size
    assert facts.sheets[0].part == "xl/worksheets/sheet1.xml"


def test_unknown_sheet_state(tmp_path: Path) -> None:
    path = package(tmp_path / "odd.xlsx", [Sheet("S", sheet_xml(""), state="ghostly")])
    assert "unknown visibility 'ghostly'" in rejected(path)


def test_macro_enabled_workbook_is_fine(tmp_path: Path) -> None:
    path = simple(tmp_path / "macros.xlsm", extra={"xl/vbaProject.bin": b"\x00" * 100})
    assert run(path).sheets[0].name == "Data"


# --- extent ----------------------------------------------------------------------------

def test_dense_extent_is_refused_fast(tmp_path: Path) -> None:
    path = simple(tmp_path / "dense.xlsx", cells(("A1", "1"), ("XFD1048576", "2")))
    reason = rejected(path, budget=1.0)
    assert "17,179,869,184 cells (1,048,576 rows x 16,384 columns)" in reason
    assert "delete empty formatted rows/columns" in reason


def test_extent_limit_is_configurable(tmp_path: Path) -> None:
    path = simple(tmp_path / "wide.xlsx", cells(("A1", "1"), ("J100", "2")))
    assert run(path, Limits(max_cells=1000)).sheets[0].max_col == 10
    assert "1,000 cells" in rejected(path, Limits(max_cells=999))


def test_empty_styled_cells_do_not_count(tmp_path: Path) -> None:
    empty_row = "".join(f'<c r="{col}1048576" s="2"/>' for col in ("A", "Q", "AB", "XFD"))
    rows = (f'<row r="1"><c r="A1"><v>1</v></c><c r="C1" s="1"></c></row>'
            f'<row r="2"><c r="B2"><v></v></c></row>'
            f'<row r="1048576">{empty_row}</row>')
    sheet = run(simple(tmp_path / "styled.xlsx", rows)).sheets[0]
    assert (sheet.max_row, sheet.max_col) == (2, 2)  # B2's empty <v> counts: over, not under


def test_cells_outside_the_grid(tmp_path: Path) -> None:
    path = simple(tmp_path / "grid.xlsx", cells(("A1048577", "1")))
    assert "outside Excel's grid" in rejected(path)


def test_rows_in_descending_order(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{r}"><c r="B{r}"><v>{r}</v></c></row>' for r in range(500, 0, -1))
    sheet = run(simple(tmp_path / "desc.xlsx", rows)).sheets[0]
    assert (sheet.max_row, sheet.max_col) == (500, 2)


def test_positional_and_prefixed_cells(tmp_path: Path) -> None:
    rows = ('<x:row><x:c><x:v>1</x:v></x:c><x:c/><x:c><x:v>3</x:v></x:c></x:row>'
            '<x:row r="7"><x:c r="E7"><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row>')
    xml = (f'{DECL}<x:worksheet xmlns:x="{MAIN}"><x:sheetData>{rows}</x:sheetData>'
           '</x:worksheet>').encode()
    sheet = run(package(tmp_path / "sdk.xlsx", [Sheet("S", xml)])).sheets[0]
    assert (sheet.max_row, sheet.max_col) == (7, 6)


def test_hidden_cell_in_attribute_value_is_not_missed(tmp_path: Path) -> None:
    rows = '<row r="1"><c r="A1"><v>1</v></c><c r="Z100" x=\'<c r="A1"\'><v>2</v></c></row>'
    path = simple(tmp_path / "trick.xlsx", rows)
    try:
        sheet = run(path).sheets[0]
    except SubmissionError as exc:
        assert "damaged XML" in exc.reason
    else:
        assert (sheet.max_row, sheet.max_col) == (100, 26)


def test_second_reference_attribute_is_not_missed(tmp_path: Path) -> None:
    path = simple(tmp_path / "dup.xlsx", '<c r="A1" r="XFD1048576"><v>1</v></c>')
    assert "damaged XML" in rejected(path)


def test_oversized_element(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastscan, "_HARD_CARRY", 64 * 1024)
    monkeypatch.setattr(fastscan, "_BATCH", 1)
    text = "x" * 3 * MB
    path = simple(tmp_path / "huge.xlsx", f'<c r="A1" t="inlineStr"><is><t>{text}</t></is></c>')
    assert "single XML element" in rejected(path, Limits(max_ratio=10_000))


# --- special cells ---------------------------------------------------------------------

def test_formulas_without_values_and_errors_from_openpyxl(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Calc"
    sheet["A1"], sheet["A2"], sheet["A3"] = 1, 2, 3
    sheet["B2"] = "=SUM(A1:A3)"
    sheet["B3"] = '=IF(A1<2,"a&b","c")'
    sheet["C4"] = "#N/A"
    sheet["D5"] = "#DIV/0!"
    book.save(tmp_path / "calc.xlsx")
    facts = run(tmp_path / "calc.xlsx").sheets[0]
    assert facts.special == {
        "B2": SpecialCell("formula_without_value", "SUM(A1:A3)"),
        "B3": SpecialCell("formula_without_value", 'IF(A1<2,"a&b","c")'),
        "C4": SpecialCell("error", "#N/A"),
        "D5": SpecialCell("error", "#DIV/0!"),
    }
    assert (facts.max_row, facts.max_col) == (5, 4)


def test_shared_formulas(tmp_path: Path) -> None:
    rows = ('<row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1*2</f><v>2</v></c></row>'
            '<row r="2"><c r="A2"><f t="shared" si="0"/><v>4</v></c></row>'
            '<row r="3"><c r="A3"><f t="shared" si="0"/></c></row>'
            '<row r="4"><c r="A4" t="str"><f>T("x")</f><v>x</v></c>'
            '<c r="B4" t="inlineStr"><f>1</f><is><t>1</t></is></c></row>')
    facts = run(simple(tmp_path / "shared.xlsx", rows)).sheets[0]
    assert facts.special == {"A3": SpecialCell("formula_without_value", "B1*2")}


def test_error_cell_needs_a_value_and_t_e_in_text_is_not_an_error(tmp_path: Path) -> None:
    rows = ('<row r="1"><c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
            '<c r="B1" t="inlineStr"><is><t>t="e"</t></is></c>'
            '<c r="C1" s="3" t="e"/><c r="D1" t="e"><v></v></c></row>')
    facts = run(simple(tmp_path / "errors.xlsx", rows)).sheets[0]
    assert facts.special == {"A1": SpecialCell("error", "#DIV/0!")}


def test_special_cell_limit(tmp_path: Path) -> None:
    rows = "".join(f'<c r="A{r}" t="e"><v>#N/A</v></c>' for r in range(1, 60))
    path = simple(tmp_path / "many.xlsx", rows)
    assert len(run(path).sheets[0].special) == 59
    assert "more than 50 cells with error values" in rejected(path, Limits(max_special_cells=50))


# --- extent --------------------------------------------------------------------------

def test_twenty_thousand_rows(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}" t="n"><v>{r}</v></c>'
                                               for c in "ABCDEFGHIJKLMNO") + "</row>"
                   for r in range(1, 20_001))
    sheet = run(simple(tmp_path / "rows.xlsx", rows)).sheets[0]
    assert (sheet.max_row, sheet.max_col) == (20_000, 15)


# --- real workbooks --------------------------------------------------------------------

REAL_SHEETS = {
    "calamine_date.xlsx": [("Sheet1", "visible", 3, 2)],
    "calamine_errors.xlsx": [("Feuil1", "visible", 7, 1), ("Feuil2", "visible", 0, 0),
                             ("Feuil3", "visible", 0, 0)],
    "calamine_has_x000D_.xlsx": [("Sheet1", "visible", 1, 1)],
    "calamine_issue_174.xlsx": [("Sheet1", "visible", 2, 11)],
    "calamine_issue_261_fixed_by_excel.xlsx": [("Some Sheet", "visible", 66, 7)],
    "calamine_issue_530.xlsx": [("出勤分类组织汇总表", "visible", 5, 14)],
    "calamine_merged_range.xlsx": [("Sheet1", "visible", 4, 8), ("Sheet2", "visible", 4, 6)],
    "calamine_readings.xlsx": [("Sheet1", "visible", 4, 4)],
    "calamine_strict_iso_paths.xlsx": [("ml_out", "visible", 76, 18)],
    "exceljs_1904.xlsx": [("Sheet1", "visible", 4, 2), ("Sheet2", "visible", 0, 0),
                          ("Sheet3", "visible", 0, 0)],
    "exceljs_bogus-defined-name.xlsx": [("Sheet1", "visible", 1, 1)],
    "exceljs_google-sheets.xlsx": [("Sheet1", "visible", 3, 3)],
    "exceljs_invalid-xml.xlsx": [("Sheet1", "visible", 1, 2)],
    "pycalamine_base.xlsx": [("Sheet1", "visible", 2, 10), ("Sheet2", "visible", 0, 0),
                             ("Sheet3", "visible", 4, 4), ("Merged Cells", "visible", 0, 0)],
    "pycalamine_issue139.xlsx": [("bad_xlsx_dates", "visible", 2, 1)],
}


@needs_real
def test_every_real_workbook_is_listed() -> None:
    assert sorted(p.name for p in REAL.glob("*.xlsx")) == sorted(REAL_SHEETS)


@needs_real
@pytest.mark.parametrize("name", sorted(REAL_SHEETS))
def test_real_workbooks(name: str) -> None:
    facts = run(REAL / name, budget=2.0)
    got = [(s.name, s.state, s.max_row, s.max_col) for s in facts.sheets]
    assert got == REAL_SHEETS[name]
    assert facts.date1904 is (name == "exceljs_1904.xlsx")


@needs_real
def test_real_error_cells() -> None:
    feuil1 = run(REAL / "calamine_errors.xlsx").sheets[0]
    codes = ["#DIV/0!", "#NAME?", "#VALUE!", "#NULL!", "#REF!", "#NUM!", "#N/A"]
    assert feuil1.special == {f"A{i}": SpecialCell("error", code)
                              for i, code in enumerate(codes, start=1)}


@needs_real
def test_real_backslash_part_names() -> None:
    assert run(REAL / "calamine_issue_530.xlsx").sheets[0].part == "xl\\worksheets\\sheet26.xml"
