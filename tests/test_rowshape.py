"""The row-shape scan: exact on the rows it accepts, declining everything it cannot vouch for."""

from __future__ import annotations

from dataclasses import dataclass
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.errors import SubmissionError
from compliance.reader import fastscan
from compliance.reader.cellfacts import SheetFacts, column_letters
from compliance.reader.exactscan import ExactScan
from compliance.reader.fastscan import FastScan, NeedsParser
from compliance.reader.rowshape import RowShapes
from tests.hostile import DECL, MAIN


def sheet(rows: str, after: str = "") -> bytes:
    return (f'{DECL}<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData>{after}'
            "</worksheet>").encode()


def exact(xml: bytes) -> SheetFacts:
    facts = SheetFacts("S", max_cells=10**12, max_special=10**6)
    scan = ExactScan(facts)
    scan.feed(xml)
    scan.close()
    return facts


def by_rows(xml: bytes, floor: int = 0) -> tuple[int, int] | None:
    return RowShapes().scan(xml, len(xml), floor)


EXCEL = ('<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" s="1" t="s"><v>0</v></c>'
         '<c r="C1" s="2"><v>45642.5</v></c></row>'
         '<row r="2" spans="1:3"><c r="A2" t="s"><v>12</v></c><c r="B2" t="b"><v>1</v></c>'
         "</row>")
LIBREOFFICE = ('<row r="7" customFormat="false" ht="12.8" hidden="false" customHeight="false" '
               'outlineLevel="0" collapsed="false"><c r="A7" s="0" t="n"><v>-1.5E-3</v></c>'
               '<c r="B7" s="1"/><c r="AA7" s="0" t="s"><v>3</v></c><c r="AB7" s="4"/></row>'
               '<row r="9" s="2" customFormat="true"><c r="D9" s="3"/></row>')
OPENPYXL = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Member &amp; key</t></is></c>'
            '<c r="XFD1" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c></row>'
            '<row r="100"><c r="B100" t="d"><v>2026-01-31T00:00:00</v></c></row><row r="101"/>')


@pytest.mark.parametrize(("rows", "extent"), [(EXCEL, (2, 3)), (LIBREOFFICE, (7, 27)),
                                              (OPENPYXL, (100, 16384))])
def test_rows_as_writers_save_them_are_scanned_exactly(rows: str, extent: tuple[int, int]) -> None:
    xml = sheet(rows)
    facts = exact(xml)
    assert by_rows(xml) == extent == (facts.max_row, facts.max_col)
    assert not facts.special


def test_what_follows_the_rows_is_not_taken_for_a_reference() -> None:
    xml = sheet('<row r="5"><c r="A5"><v>1</v></c></row>',
                '<hyperlinks><hyperlink ref="A5" display="B5"/></hyperlinks>')
    assert by_rows(xml) == (5, 1)


@pytest.mark.parametrize("rows", [
    '<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row>',
    '<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>',
    '<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="B1"><v>2</v></c></row>',
    '<row r="1"><c r="A1"><v>1</v></c></row><row r="1"><c r="B1"><v>2</v></c></row>',
    '<row r="1"><c r="A2"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>',
    '<row r="5"><c r="A05"><v>1</v></c></row>',
    '<row r="05"><c r="A5"><v>1</v></c></row>',
    '<row r=""><c r="A5"><v>1</v></c></row>',
    '<row r="5"><c r="A5B5"><v>1</v></c></row>',
    '<row r="5"><c r="5A"><v>1</v></c></row>',
    '<row r="5"><c r="A"><v>1</v></c></row>',
    '<row r="5"><c r="a5"><v>1</v></c></row>',
    '<row r="5"><c r="A5" t="e"><v>#N/A</v></c></row>',
    '<row r="5"><c r="A5"><f>1+1</f></c></row>',
    '<row r="5"><c r="A5"><f>1+1</f><v>2</v></c></row>',
    '<row r="5"><c r="A5"><v>NaN</v></c></row>',
    '<row r="5"><c r="A5" t="n"><v>-inf</v></c></row>',
    '<row r="5"><c r="A5"><v>&#78;aN</v></c></row>',
    '<row r="5"><c r="A5"><v></v></c></row>',
    '<row r="5"><c r="A5" t="s"><v></v></c></row>',
    '<row r="5"><c r="A5" t="s"><v>1234567890123456</v></c></row>',
    '<row r="5"><c r="A5" t="s"><v>-1</v></c></row>',
    '<row r="5"><c r="A5" t="s"><v> 1</v></c></row>',
    '<row r="5"><c r="A5" t="inlineStr"><v>1</v></c></row>',
    '<row r="5"><c r="A5" t="inlineStr"><is><r><t>a</t></r></is></c></row>',
    '<row r="5"><c r="A5" t="inlineStr"><is><t>say "B5"</t></is></c></row>',
    '<row r="5"><c r="A5" t="x"><v>1</v></c></row>',
    '<row r="5"><c r="A5" x="B5"><v>1</v></c></row>',
    '<row r="5" x="B5"><c r="A5"><v>1</v></c></row>',
    '<row r="5"><c r="A5" r="B5"><v>1</v></c></row>',
    '<row r="5" r="6"><c r="A5"><v>1</v></c></row>',
    "<row r=\"5\"><c r=\"A5\" t='s'><v>1</v></c></row>",
    '<row r="5"><x:c r="A5"><v>1</v></x:c></row>',
    '<row r="5"><c  r="A5"><v>1</v></c></row>',
    '<row r="5"><c><v>1</v></c></row>',
    '<c r="A5"><v>1</v></c>',
    '<row r="5"><c r="A5"><v>1</v></c></row><row><c r="A6"><v>1</v></c></row>',
    '<row r="5"><c r="A5"><v>1</v></c></row><row r0="6"><c r="A6"><v>1</v></c></row>',
    '<row r="5"><c r="A5"><v>1</v></c></row><ro0w r="6"><c r="A6"><v>1</v></c></ro0w>',
    '<row r="5"><c r="A5"><v>1</v></c></row><c r="A6"><v>1</v></c>',
    '<row r="5"><!-- <c r="B5"/> --><c r="A5"><v>1</v></c></row>',
    '<row r="5"><c r="A5"><v><![CDATA[1]]></v></c></row>',
    '<row r="1048577"><c r="A1048577"><v>1</v></c></row>',
    '<row r="5"><c r="XFE5"><v>1</v></c></row>',
    '<row r="5"><c r="A5"><v>1</v><v>2</v></c></row>',
    '<row r="5"><c r="A5"><v>1</v></row>',
])
def test_rows_it_cannot_vouch_for_are_left_to_the_byte_scan(rows: str) -> None:
    assert by_rows(sheet(rows)) is None


def test_rows_must_come_after_those_already_holding_values() -> None:
    xml = sheet('<row r="5"><c r="A5"><v>1</v></c></row>')
    assert by_rows(xml, floor=4) == (5, 1)
    assert by_rows(xml, floor=5) is None


def test_a_stretch_without_rows_holds_nothing() -> None:
    assert by_rows(b"</sheetData><pageMargins left=\"0.7\"/></worksheet>") == (0, 0)
    assert by_rows(b'</sheetData><c r="A1"><v>1</v></c>') is None


def test_rows_that_differ_in_more_than_digits_stop_the_scan() -> None:
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{"x" * n}</t></is></c></row>'
                   for n in range(1, 5000))
    scanner = RowShapes()
    assert scanner.scan(sheet(rows), len(sheet(rows)), 0) is None
    assert not scanner.enabled


# --- generated sheets ----------------------------------------------------------------

PLAIN = ["num", "shared", "inline", "bool", "empty", "empty_open", "date"]
SPECIAL = ["formula", "error", "nan", "bad_index"]


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    kind: str


def render_cell(cell: Cell) -> str:
    ref = f"{column_letters(cell.col)}{cell.row}"
    return {
        "num": f'<c r="{ref}" s="3"><v>{cell.row * 7 % 1000}.25</v></c>',
        "shared": f'<c r="{ref}" t="s"><v>{cell.col}</v></c>',
        "inline": f'<c r="{ref}" t="inlineStr"><is><t>Ann {cell.col}</t></is></c>',
        "bool": f'<c r="{ref}" t="b"><v>1</v></c>',
        "empty": f'<c r="{ref}" s="1"/>',
        "empty_open": f'<c r="{ref}" s="1"></c>',
        "date": f'<c r="{ref}" t="d"><v>2026-0{cell.col % 9 + 1}-01</v></c>',
        "formula": f'<c r="{ref}"><f>A1+{cell.col}</f></c>',
        "error": f'<c r="{ref}" t="e"><v>#DIV/0!</v></c>',
        "nan": f'<c r="{ref}"><v>NaN</v></c>',
        "bad_index": f'<c r="{ref}" t="s"><v>-{cell.col}</v></c>',
    }[cell.kind]


def render(cells: list[Cell]) -> bytes:
    """Rows ascending and cells ascending within them, as writers save them."""
    rows: dict[int, list[Cell]] = {}
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        rows.setdefault(cell.row, []).append(cell)
    body = "".join(f'<row r="{row}" spans="1:9">{"".join(map(render_cell, members))}</row>'
                   for row, members in rows.items())
    return sheet(body)


def cell_lists(kinds: list[str]) -> st.SearchStrategy[list[Cell]]:
    cell = st.builds(Cell, row=st.one_of(st.integers(1, 60), st.sampled_from([999, 1000, 65536])),
                     col=st.one_of(st.integers(1, 30), st.sampled_from([26, 27, 702, 703, 16384])),
                     kind=st.sampled_from(kinds))
    return st.lists(cell, max_size=40, unique_by=lambda c: (c.row, c.col))


@settings(max_examples=200, deadline=None)
@given(cell_lists(PLAIN))
def test_plain_rows_are_scanned_and_agree_with_the_exact_scan(cells: list[Cell]) -> None:
    xml = render(cells)
    facts = exact(xml)
    assert by_rows(xml) == (facts.max_row, facts.max_col)


def feed(xml: bytes, cuts: list[int]) -> SheetFacts:
    facts = SheetFacts("S", max_cells=10**12, max_special=10**6)
    scan = FastScan(facts)
    bounds = sorted({0, len(xml), *(c % (len(xml) + 1) for c in cuts)})
    with mock.patch.object(fastscan, "_BATCH", 1):
        for start, end in zip(bounds, bounds[1:], strict=False):
            scan.feed(xml[start:end])
        scan.close()
    return facts


@settings(max_examples=200, deadline=None)
@given(cell_lists(PLAIN * 4 + SPECIAL), st.lists(st.integers(0, 10**5), max_size=8))
def test_stretches_of_either_scan_add_up_to_the_exact_scan(cells: list[Cell],
                                                           cuts: list[int]) -> None:
    xml = render(cells)
    facts = exact(xml)
    try:
        fast = feed(xml, cuts)
    except NeedsParser:
        return  # the preflight then scans the sheet exactly
    assert (fast.max_row, fast.max_col, fast.special) == (
        facts.max_row, facts.max_col, facts.special)


@settings(max_examples=150, deadline=None)
@given(cell_lists(PLAIN).filter(lambda cells: any(c.kind not in ("empty", "empty_open")
                                                  for c in cells)),
       st.data(), st.lists(st.integers(0, 10**5), max_size=8))
def test_a_cell_stored_twice_is_never_let_through(cells: list[Cell], data: st.DataObject,
                                                  cuts: list[int]) -> None:
    twin = data.draw(st.sampled_from([c for c in cells if c.kind not in ("empty", "empty_open")]))
    other = data.draw(st.sampled_from(cells))
    # The copy goes into another row's element (or its own), as a damaged file has it.
    xml = render(cells).replace(f'<row r="{other.row}" spans="1:9">'.encode(),
                                f'<row r="{other.row}" spans="1:9">{render_cell(twin)}'.encode(), 1)
    assert by_rows(xml) is None
    with pytest.raises((SubmissionError, NeedsParser)) as caught:
        feed(xml, cuts)
    assert caught.type is NeedsParser or "twice" in str(caught.value)


MUTATIONS = st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(
    [b"0", b"1", b"5", b"9", b"A", b"Z", b'"', b" ", b"<", b"/", b"#", b""]), st.booleans()),
    min_size=1, max_size=3)


COPIES = st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 60), st.integers(0, 10**6)),
                  max_size=2)


@settings(max_examples=400, deadline=None)
@given(cell_lists(PLAIN + SPECIAL), MUTATIONS, COPIES)
def test_whatever_it_accepts_the_exact_scan_reads_no_wider(
        cells: list[Cell], mutations: list[tuple[int, bytes, bool]],
        copies: list[tuple[int, int, int]]) -> None:
    data = bytearray(render(cells))
    start = data.index(b"<sheetData>") + len(b"<sheetData>")

    def inside(at: int) -> int:
        return start + at % max(1, len(data) - start - len(b"</sheetData></worksheet>"))

    for source, length, target in copies:  # a stretch of the sheet repeated elsewhere
        piece = bytes(data[inside(source):inside(source) + length])
        data[inside(target):inside(target)] = piece
    for at, byte, insert in mutations:
        data[inside(at):inside(at) if insert else inside(at) + 1] = byte
    xml = bytes(data)
    extent = by_rows(xml)
    if extent is None:
        return
    try:
        facts = exact(xml)
    except SubmissionError as exc:
        assert "damaged XML" in exc.reason  # the scan only vouches for positions and values
        return
    assert not facts.special
    assert facts.max_row <= extent[0] and facts.max_col <= extent[1]


def test_a_long_roster_is_scanned_by_row_shape_alone() -> None:
    rows = "".join(f'<row r="{n}" spans="1:3"><c r="A{n}" t="s"><v>{n % 40}</v></c>'
                   f'<c r="B{n}" s="2"><v>{n * 3}</v></c><c r="C{n}" s="1"/></row>'
                   for n in range(2, 120_000))
    xml = sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>Key</t></is></c></row>' + rows)
    facts = SheetFacts("S", max_cells=10**12, max_special=10**6)
    scan = FastScan(facts)
    with mock.patch.object(FastScan, "_extent", side_effect=AssertionError("byte scan used")):
        for at in range(0, len(xml), 1 << 20):
            scan.feed(xml[at:at + (1 << 20)])
        scan.close()
    assert (facts.max_row, facts.max_col, facts.special) == (119_999, 2, {})
