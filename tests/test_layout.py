"""The layout scan finds the same first cell, value count and merged ranges however the
part is cut into chunks."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.errors import SubmissionError
from compliance.reader.layout import LayoutScan
from compliance.reader.preflight import inspect
from tests.test_columnar import REAL
from tests.test_samples import SAMPLES

SHEET = (b'<?xml version="1.0"?><worksheet xmlns="x"><sheetData>'
         b'<row r="2"><c r="B2" s="1"/><c r="C2" t="s"><v>0</v></c><c r="D2"><f>A1</f></c></row>'
         b'<row r="3"><c r="B3"><v>4.5</v></c><c r="C3" t="inlineStr"><is><t>x</t></is></c></row>'
         b'</sheetData><mergeCells count="2"><mergeCell ref="A1:C1"/>'
         b'<mergeCell ref="D2:E3"/></mergeCells></worksheet>\n')


def scan(data: bytes, cuts: list[int]) -> LayoutScan:
    found = LayoutScan(count=True)
    start = 0
    for cut in sorted({c % (len(data) + 1) for c in cuts}) + [len(data)]:
        if cut > start:
            found.feed(data[start:cut])
            start = cut
    found.close()
    return found


def test_a_whole_part() -> None:
    found = scan(SHEET, [])
    assert found.first == (2, 3)
    assert found.values == 3
    assert found.merged == [((0, 0), (0, 2)), ((1, 3), (2, 4))]
    assert found.complete


@given(st.lists(st.integers(0, len(SHEET)), max_size=40))
def test_any_chunking_finds_the_same(cuts: list[int]) -> None:
    whole, cut = scan(SHEET, []), scan(SHEET, cuts)
    assert (cut.first, cut.values, cut.merged, cut.complete) == (
        whole.first, whole.values, whole.merged, whole.complete)


def test_a_part_cut_short_is_not_complete() -> None:
    found = scan(SHEET[:-40], [])
    assert not found.complete and found.first is None


def test_an_empty_sheet_still_gives_its_merged_ranges() -> None:
    found = scan(b'<worksheet><sheetData/><mergeCells><mergeCell ref="A1:B2"/>'
                 b"</mergeCells></worksheet>", [10, 30])
    assert found.first is None and found.values == 0
    assert found.merged == [((0, 0), (1, 1))]


@pytest.mark.parametrize("path", [*SAMPLES, *sorted(REAL.glob("*.xlsx"))],
                         ids=lambda p: p.name)
def test_the_preflight_counts_the_values_every_scan_would(path: Path) -> None:
    """The row-shape and byte scans count the cells holding a value as a plain count does."""
    try:
        parts = inspect(path).sheets
    except SubmissionError:
        pytest.skip("refused by the preflight")
    with zipfile.ZipFile(path) as archive:
        for part in parts:
            data = archive.read(part.part)
            assert part.values == data.count(b"<v>") + data.count(b"<is>"), part.name
