"""Stored values the native reader would misread or crash on, and cells stored twice.

Each case is a value written straight into a worksheet part, as a damaged or hostile
file carries it. None may become a plausible date, number or text, and none may crash.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from compliance.errors import SubmissionError
from compliance.evaluation.submission import Invalid
from compliance.reader.values import Tokens, parse_value
from compliance.reader.workbook import open_workbook
from tests.builders import field_specs
from tests.conftest import MINIMAL_SET
from tests.hostile import DECL, MAIN, Sheet, package, sheet_xml
from tests.workbooks import compliant, write_workbook

Run = Callable[..., Result]
# Style 1 shows its number as a date (built-in format 14), as a date column does.
STYLES = (f'{DECL}<styleSheet xmlns="{MAIN}"><fonts count="1"><font/></fonts><fills count="1">'
          '<fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/>'
          '</cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" '
          'applyNumberFormat="1"/></cellXfs></styleSheet>').encode()
SST = (f'{DECL}<sst xmlns="{MAIN}" count="2" uniqueCount="2"><si><t>zero</t></si>'
       '<si><t>one</t></si></sst>').encode()


def book(tmp_path: Path, rows: str, *, names: tuple[str, ...] = ("S",),
         prefix: str = "") -> Path:
    xml = sheet_xml(rows)
    if prefix:
        xml = xml.replace(b"<", b"<x:").replace(b"<x:/", b"</x:").replace(b"<x:?", b"<?")
        xml = xml.replace(b'x:worksheet xmlns=', b'x:worksheet xmlns:x=')
    return package(tmp_path / "book.xlsx", [Sheet(n, xml) for n in names],
                   shared_strings=SST, extra={"xl/styles.xml": STYLES})


def first_row(path: Path) -> list[Any]:
    raw = open_workbook(path)
    try:
        return next(raw.rows("S"))[1]
    finally:
        raw.close()


@pytest.mark.parametrize("prefix", ["", "x"])
@pytest.mark.parametrize("stored", ["NaN", "nan", "inf", "+Infinity"])
def test_a_number_cell_that_stores_no_number_is_unreadable_at_its_cell(
        tmp_path: Path, stored: str, prefix: str) -> None:
    path = book(tmp_path, f'<row r="1"><c r="A1" s="1"><v>{stored}</v></c>'
                          f'<c r="B1" t="n"><v>{stored}</v></c><c r="C1"><v>7</v></c></row>',
                prefix=prefix)
    date_cell, number_cell, fine = first_row(path)
    assert isinstance(date_cell, Invalid) and date_cell.raw == stored.strip()
    assert isinstance(number_cell, Invalid)
    assert fine == 7


def test_nan_text_in_a_text_cell_stays_text(tmp_path: Path) -> None:
    path = book(tmp_path, '<row r="1"><c r="A1" t="str"><f>T("NaN")</f><v>NaN</v></c>'
                          '<c r="B1" t="inlineStr"><is><t>inf</t></is></c></row>')
    assert first_row(path) == ["NaN", "inf"]


@pytest.mark.parametrize("prefix", ["", "x"])
@pytest.mark.parametrize("typed", ['t="s"', 't="s" s="0"', "t='s'", 's="0"\n t="s"'])
@pytest.mark.parametrize("index", ["-1", "abc", "1.5", str(2**64), " ", "+1"])
def test_a_shared_string_index_that_is_no_index_is_unreadable(
        tmp_path: Path, index: str, typed: str, prefix: str) -> None:
    path = book(tmp_path, f'<row r="1"><c r="A1" {typed}><v>{index}</v></c>'
                          '<c r="B1" t="s"><v>1</v></c></row>', prefix=prefix)
    cell, good = first_row(path)
    assert isinstance(cell, Invalid) and "does not exist" in cell.reason
    assert good == "one"


@pytest.mark.parametrize("rows", [
    '<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row>',
    '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>5</v></c></row>'
    '<row r="2"><c r="A2"><v>3</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>',
    '<row r="1"><c r="A1"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>',
])
@pytest.mark.parametrize("prefix", ["", "x"])
def test_a_cell_stored_twice_refuses_the_file(tmp_path: Path, rows: str, prefix: str) -> None:
    with pytest.raises(SubmissionError, match=r"stores (cell A1|row 1) twice"):
        open_workbook(book(tmp_path, rows, prefix=prefix))


@pytest.mark.parametrize("tail", ['<row r="7"><c r="A7"><v>0</v></c></row>',
                                  '<row r="200001"><c r="A7"><v>0</v></c></row>'])
def test_a_cell_stored_twice_far_apart_in_a_long_sheet_is_found(tmp_path: Path,
                                                               tail: str) -> None:
    body = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 200_001))
    rows = body + tail
    with pytest.raises(SubmissionError, match="twice"):
        open_workbook(book(tmp_path, rows))


def test_empty_cells_stored_twice_change_nothing_and_pass(tmp_path: Path) -> None:
    path = book(tmp_path, '<row r="1"><c r="A1" s="1"/><c r="A1" s="1"/>'
                          '<c r="B1"><v>2</v></c></row>')
    assert first_row(path) == ["", 2]


@pytest.mark.parametrize("names", [("S", "S"), ("S", "s")])
def test_two_sheets_of_one_name_refuse_the_file(tmp_path: Path, names: tuple[str, ...]) -> None:
    with pytest.raises(SubmissionError, match="two sheets named"):
        open_workbook(book(tmp_path, '<row r="1"><c r="A1"><v>1</v></c></row>', names=names))


@pytest.mark.parametrize("raw", [float("nan"), float("inf"), float("-inf"),
                                 dt.datetime(1899, 12, 30), dt.datetime(1, 1, 1), dt.time(0, 0)])
@pytest.mark.parametrize("kind", ["date", "number", "integer", "percent"])
def test_no_odd_raw_value_parses_as_a_value(raw: Any, kind: str) -> None:
    spec = field_specs({"x": kind})[0]
    assert isinstance(parse_value(raw, spec, Tokens.of((), (), ("%Y-%m-%d",))), Invalid)


@pytest.mark.parametrize("raw", [dt.date(1899, 12, 30), dt.date(1, 1, 1), "0001-01-01",
                                 "1899-12-31"])
def test_a_date_before_1900_is_unreadable_however_it_is_stored(raw: Any) -> None:
    spec = field_specs({"x": "date"})[0]
    assert isinstance(parse_value(raw, spec, Tokens.of((), (), ("%Y-%m-%d",))), Invalid)
    assert parse_value("1900-01-01", spec, Tokens.of((), (), ("%Y-%m-%d",))) == dt.date(
        1900, 1, 1)


def with_meeting_date(tmp_path: Path, name: str, stored: str) -> Path:
    """The compliant workbook, its meeting date cell storing `stored`."""
    path = write_workbook(tmp_path / name, compliant())
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    part = next(p for p, data in parts.items() if b"Meeting date" in data or p.endswith(
        "sheet3.xml"))
    parts[part] = re.sub(rb'(<c r="B2"[^>]*>)<v>[^<]*</v>', rb"\1<v>" + stored.encode() + b"</v>",
                         parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member, data in parts.items():
            target.writestr(member, data)
    return path


def test_a_reader_panic_is_a_one_line_refusal(run_cli: Run, tmp_path: Path) -> None:
    path = with_meeting_date(tmp_path, "panic.xlsx", "-inf")
    result = run_cli("check", path, "--set", MINIMAL_SET)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert "could not be read; B2 holds '-inf'" in result.output


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_panic_in_a_batch_loses_no_other_file(run_cli: Run, tmp_path: Path,
                                                       jobs: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        write_workbook(folder / f"good-{n}.xlsx", compliant())
    with_meeting_date(folder, "panic.xlsx", "-1.2e11")
    out = tmp_path / "out"
    result = run_cli("batch", folder, "-o", out, "--set", MINIMAL_SET, "-j", jobs, "-q")
    assert result.exit_code == 2
    import json
    entries = {e["file"]: e for e in json.loads((out / "summary.json").read_text())["submissions"]}
    assert [entries[f"good-{n}.xlsx"]["passed"] for n in range(3)] == [True, True, True]
    assert "could not be read" in entries["panic.xlsx"]["error"]
