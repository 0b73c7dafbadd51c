from __future__ import annotations

import functools
import tempfile
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import python_calamine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.errors import SubmissionError
from compliance.reader import fastscan
from compliance.reader.cellfacts import SheetFacts, column_letters
from compliance.reader.exactscan import ExactScan
from compliance.reader.fastscan import FastScan, NeedsParser
from compliance.reader.preflight import Preflight, inspect
from tests.hostile import DECL, MAIN, Sheet, cells, package, sheet_xml

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
SST = f'<sst xmlns="{MAIN}"><si><t>x</t></si></sst>'.encode()


def inspect_or_reject(path: Path) -> Preflight | None:
    """The property: a result or a SubmissionError, never another exception."""
    try:
        return inspect(path)
    except SubmissionError as exc:
        assert exc.reason and "\n" not in exc.reason
        return None


@functools.cache
def valid_package() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        rows = cells(("A1", "1"), ("B2", "2")) + '<c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        path = package(Path(folder) / "ok.xlsx", [Sheet("S", sheet_xml(rows))],
                       shared_strings=SST)
        return path.read_bytes()


@FUZZ
@given(st.one_of(st.binary(max_size=3000),
                 st.binary(max_size=3000).map(lambda b: b"PK\x03\x04" + b),
                 st.binary(max_size=3000).map(lambda b: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b)))
def test_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(data)
    assert inspect_or_reject(path) is None or data.startswith(b"PK\x03\x04")


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6),
       st.floats(0.05, 1.0))
def test_damaged_packages(tmp_path: Path, flips: list[tuple[int, int]], keep: float) -> None:
    data = bytearray(valid_package())
    for at, value in flips:
        data[at % len(data)] = value
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data[:max(1, int(len(data) * keep))]))
    inspect_or_reject(path)


XML_BITS = ['<c r="A1">', '<c r="XFD1048576">', '<c r="B2" t="e">', "<c>", "</c>", "<c/>",
            "<v>1</v>", "<v>#N/A</v>", "<v>", "</v>", "<f>SUM(A1)</f>", '<f t="shared" si="0"/>',
            '<row r="3">', "<row>", "</row>", "<x:c>", "</x:c>", '<is><t>a</t></is>', "<!--",
            "-->", "<!DOCTYPE x>", "<", ">", '"', "'", " ", "\n", "&amp;", "&bogus;", "]]>",
            "<![CDATA[", 'r="', "é", "\x00"]


@FUZZ
@given(st.one_of(st.binary(max_size=2000),
                 st.lists(st.sampled_from(XML_BITS), max_size=60).map(
                     lambda bits: "".join(bits).encode("utf-8", "surrogatepass"))),
       st.booleans())
def test_arbitrary_sheet_content(tmp_path: Path, body: bytes, wrap: bool) -> None:
    xml = (DECL + f'<worksheet xmlns="{MAIN}"><sheetData>').encode() + body + (
        b"</sheetData></worksheet>") if wrap else body
    inspect_or_reject(package(tmp_path / "sheet.xlsx", [Sheet("S", xml)]))


# --- generated sheets: fast scan == exact scan, and never below the reader's range ------

KINDS = ["num", "shared", "inline", "inline_empty", "bool", "empty", "empty_open", "f_value",
         "f_novalue", "f_emptyv", "error", "error_f", "error_f_novalue", "child_value",
         "child_novalue", "str_f", "nan", "bad_index", "str_nan"]
FORMULA_ONLY = {"f_novalue", "f_emptyv", "error_f_novalue", "child_novalue"}
ERRORS = ["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"]


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    kind: str
    error: str


def content(cell: Cell) -> tuple[str, str | None]:
    """The attributes and children (None: a self-closing tag) of a cell of this kind."""
    return {
        "num": ("", "<v>1.5</v>"), "shared": (' t="s"', "<v>0</v>"),
        "bool": (' t="b"', "<v>1</v>"),
        "inline": (' t="inlineStr"', "<is><t>a &amp; b</t></is>"),
        "inline_empty": (' t="inlineStr"', "<is><t></t></is>"),
        "empty": (' s="1"', None), "empty_open": (' s="1"', ""),
        "f_value": ("", "<f>A1+1</f><v>2</v>"),
        "f_novalue": ("", '<f>IF(A1&lt;2,"&amp;",1)</f>'),
        "f_emptyv": ("", "<f>A1*2</f><v />"),
        "error": (' t="e"', f"<v>{cell.error}</v>"),
        "error_f": (' t="e"', f"<f>1/0</f><v>{cell.error}</v>"),
        "error_f_novalue": (' t="e"', "<f>NA()</f>"),
        "child_value": ("", '<f t="shared" si="0"/><v>3</v>'),
        "child_novalue": ("", '<f t="shared" si="0"/>'),
        "str_f": (' t="str"', "<f>T(A1)</f><v>x</v>"),
        "nan": ("", "<v>NaN</v>"), "bad_index": (' t="s"', "<v>-1</v>"),
        "str_nan": (' t="str"', "<f>T(A1)</f><v>nan</v>"),
    }[cell.kind]


def render(cells_: list[Cell], *, space: str, referenced: bool, prefix: str) -> bytes:
    """Rows in generation order (not sorted), each holding its cells in order."""
    p = prefix
    master = (f'<{p}row r="1"><{p}c r="A1"><{p}f t="shared" ref="A1:A9" si="0">B1*2</{p}f>'
              f"<{p}v>2</{p}v></{p}c></{p}row>")
    rows: dict[int, list[Cell]] = {}
    for cell in cells_:
        rows.setdefault(cell.row, []).append(cell)
    out = [master]
    for row, members in rows.items():
        body = []
        for cell in members:
            ref = f' r="{column_letters(cell.col)}{cell.row}"' if referenced else ""
            attrs, children = content(cell)
            if children is None:
                body.append(f"<{p}c{ref}{attrs}/>")
            else:
                inner = children.replace("</", "\0").replace("<", f"<{p}").replace(
                    "\0", f"</{p}")
                body.append(f"<{p}c{ref}{attrs}>{inner}</{p}c>")
        row_ref = f' r="{row}"' if referenced else ""
        out.append(f"<{p}row{row_ref}>{space}{space.join(body)}{space}</{p}row>")
    xmlns = f'xmlns:{p[:-1]}="{MAIN}"' if p else f'xmlns="{MAIN}"'
    return (f"{DECL}<{p}worksheet {xmlns}><{p}sheetData>{space.join(out)}</{p}sheetData>"
            f"</{p}worksheet>").encode()


cell_strategy = st.builds(
    Cell,
    row=st.one_of(st.integers(2, 40), st.sampled_from([99, 100, 1000, 65536, 1048576])),
    col=st.one_of(st.integers(1, 30), st.sampled_from([26, 27, 52, 702, 703, 16384])),
    kind=st.sampled_from(KINDS),
    error=st.sampled_from(ERRORS),
)
sheet_cells = st.lists(cell_strategy, max_size=40, unique_by=lambda c: (c.row, c.col))


def scan(scanner: type[FastScan] | type[ExactScan], xml: bytes, cuts: list[int]) -> SheetFacts:
    facts = SheetFacts("S", max_cells=10**12, max_special=10**6)
    scanner_ = scanner(facts)
    bounds = sorted({0, len(xml), *(c % (len(xml) + 1) for c in cuts)})
    with mock.patch.object(fastscan, "_BATCH", 1):
        for start, end in zip(bounds, bounds[1:], strict=False):
            scanner_.feed(xml[start:end])
        scanner_.close()
    return facts


@settings(max_examples=300, deadline=None)
@given(sheet_cells, st.sampled_from(["", "\n  "]), st.lists(st.integers(0, 10**5), max_size=8))
def test_fast_scan_matches_exact_scan(cells_: list[Cell], space: str, cuts: list[int]) -> None:
    xml = render(cells_, space=space, referenced=True, prefix="")
    exact = scan(ExactScan, xml, [])
    try:
        fast = scan(FastScan, xml, cuts)
    except NeedsParser:
        # The byte scan leaves rows that go backwards to the exact scan (a duplicate cell
        # could hide anywhere before them), and so a row cut across more than two stretches
        # (only the forced cuts here make stretches that small); the preflight then uses
        # the exact scan alone.
        rows = [1, *dict.fromkeys(c.row for c in cells_)]
        assert rows != sorted(rows) or cuts
        fast = exact
    assert (fast.max_row, fast.max_col) == (exact.max_row, exact.max_col)
    assert fast.special == exact.special
    assert (exact.max_row, exact.max_col) == (
        max(c.row for c in [Cell(1, 1, "", ""), *cells_] if c.kind not in ("empty", "empty_open")),
        max(c.col for c in [Cell(1, 1, "", ""), *cells_] if c.kind not in ("empty", "empty_open")))
    expected_errors = {f"{column_letters(c.col)}{c.row}": c.error for c in cells_
                       if c.kind in ("error", "error_f")}
    assert {ref: s.text for ref, s in exact.special.items() if s.kind == "error"} == expected_errors
    assert {ref for ref, s in exact.special.items() if s.kind == "formula_without_value"} == {
        f"{column_letters(c.col)}{c.row}" for c in cells_ if c.kind in FORMULA_ONLY}
    for kind, special in (("nan", "not_a_number"), ("bad_index", "bad_string_index")):
        assert {ref for ref, s in exact.special.items() if s.kind == special} == {
            f"{column_letters(c.col)}{c.row}" for c in cells_ if c.kind == kind}


@settings(max_examples=100, deadline=None)
@given(st.lists(cell_strategy.filter(lambda c: c.kind not in ("empty", "empty_open")),
                min_size=1, max_size=30, unique_by=lambda c: (c.row, c.col)),
       st.data(), st.lists(st.integers(0, 10**5), max_size=8))
def test_a_cell_stored_twice_is_refused_by_both_scans(cells_: list[Cell], data: st.DataObject,
                                                      cuts: list[int]) -> None:
    twin = data.draw(st.sampled_from(cells_))
    xml = render([*cells_, twin], space="", referenced=True, prefix="")
    for scanner, at in ((ExactScan, []), (FastScan, cuts)):
        try:
            scan(scanner, xml, at)
        except NeedsParser:
            continue  # rows going backwards: the preflight uses the exact scan alone
        except SubmissionError as exc:
            assert "twice" in exc.reason
            continue
        raise AssertionError(f"{scanner.__name__} let a cell stored twice through")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(cell_strategy.filter(lambda c: c.row <= 200 and c.col <= 60), max_size=25,
                unique_by=lambda c: (c.row, c.col)),
       st.sampled_from([(True, ""), (False, ""), (True, "x:"), (False, "x:")]))
def test_extent_never_below_the_readers_range(tmp_path: Path, cells_: list[Cell],
                                             layout: tuple[bool, str]) -> None:
    referenced, prefix = layout
    xml = render(cells_, space="", referenced=referenced, prefix=prefix)
    path = package(tmp_path / "gen.xlsx", [Sheet("S", xml)], shared_strings=SST)
    facts = inspect(path).sheets[0]
    reader = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("S")
    reader.to_python()
    end = reader.end or (-1, -1)
    assert facts.max_row >= end[0] + 1 and facts.max_col >= end[1] + 1
    if not any(c.kind in FORMULA_ONLY for c in cells_):
        assert (facts.max_row, facts.max_col) == (end[0] + 1, end[1] + 1)
