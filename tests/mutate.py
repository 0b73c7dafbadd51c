"""A seeded mutator over sample filings, requirement sets and waiver files.

Each mutation is a named, deterministic damage: given the same seed, the same bytes.
Workbook mutations work on the zip members (XML level), on the archive (zip level) or
on cell values (value level). `DAMAGING` names the mutations that destroy evidence
(a value that cannot be read): after one, no requirement may be met that was not met
before.
"""

from __future__ import annotations

import io
import random
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Parts = dict[str, bytes]
PartsMutation = Callable[[Parts, random.Random], Parts]

_NUMBER_CELL = re.compile(rb'(<c r="[A-Z]+\d+"(?: s="\d+")? t="n"><v>)([^<]*)(</v>)')
_TEXT_CELL = re.compile(rb'<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is><t>([^<]*)</t></is></c>')
# a number styled as a date in the samples: a serial between 1982 and 2036
_DATE_CELL = re.compile(rb'(<c r="[A-Z]+\d+" s="\d+" t="n"><v>)([34]\d{4})(</v>)')
_ANY_CELL = re.compile(rb'<c r="[A-Z]+\d+"[^>]*>.*?</c>')
_STYLE = re.compile(rb'(<c r="[A-Z]+\d+" s=")\d+(")')
_SHEET_NAME = re.compile(rb'(<sheet name=")([^"]+)(")')


def _sheets(parts: Parts) -> list[str]:
    return sorted(name for name in parts if name.startswith("xl/worksheets/sheet"))


def _replace_one(pattern: re.Pattern[bytes], parts: Parts, rng: random.Random,
                 make: Callable[[re.Match[bytes]], bytes]) -> Parts:
    """Replace one match of `pattern`, chosen by `rng` among all sheets."""
    hits = [(name, m) for name in _sheets(parts) for m in pattern.finditer(parts[name])]
    if not hits:
        return parts
    name, match = rng.choice(hits)
    data = parts[name]
    return {**parts, name: data[:match.start()] + make(match) + data[match.end():]}


def _value(text: bytes) -> PartsMutation:
    def mutate(parts: Parts, rng: random.Random) -> Parts:
        return _replace_one(_NUMBER_CELL, parts, rng, lambda m: m[1] + text + m[3])
    return mutate


def _date_value(text: bytes) -> PartsMutation:
    def mutate(parts: Parts, rng: random.Random) -> Parts:
        return _replace_one(_DATE_CELL, parts, rng, lambda m: m[1] + text + m[3])
    return mutate


def _shared_string(index: bytes) -> PartsMutation:
    def mutate(parts: Parts, rng: random.Random) -> Parts:
        return _replace_one(_TEXT_CELL, parts, rng,
                            lambda m: b'<c r="' + m[1] + b'"' + (m[2] or b"") + b' t="s"><v>'
                            + index + b"</v></c>")
    return mutate


def _duplicate_cell(parts: Parts, rng: random.Random) -> Parts:
    return _replace_one(_ANY_CELL, parts, rng, lambda m: m[0] + m[0].replace(
        b"<v>", b"<v>9").replace(b"<t>", b"<t>copy "))


def _bad_style(parts: Parts, rng: random.Random) -> Parts:
    return _replace_one(_STYLE, parts, rng, lambda m: m[1] + b"9999" + m[2])


def _sheet_name(parts: Parts, rng: random.Random) -> Parts:
    names = list(_SHEET_NAME.finditer(parts["xl/workbook.xml"]))
    match = rng.choice(names)
    bad = match[2][:20] + rng.choice([b"/", b"[1]", b":", b"*", b"?", b"\\"])
    data = parts["xl/workbook.xml"]
    return {**parts, "xl/workbook.xml": data[:match.start(2)] + bad + data[match.end(2):]}


def _duplicate_sheet(parts: Parts, rng: random.Random) -> Parts:
    names = list(_SHEET_NAME.finditer(parts["xl/workbook.xml"]))
    first, second = rng.sample(names, 2)
    data = parts["xl/workbook.xml"]
    return {**parts, "xl/workbook.xml": data[:second.start(2)] + first[2] + data[second.end(2):]}


def _whole_grid_merge(parts: Parts, rng: random.Random) -> Parts:
    name = rng.choice(_sheets(parts))
    merge = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    return {**parts, name: parts[name].replace(b"</sheetData>", b"</sheetData>" + merge, 1)}


def _drop(member: str) -> PartsMutation:
    def mutate(parts: Parts, rng: random.Random) -> Parts:
        return {name: data for name, data in parts.items() if name != member}
    return mutate


def _docprops_dtd(parts: Parts, rng: random.Random) -> Parts:
    dtd = b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">]>\n'
    return {**parts, "docProps/core.xml": dtd + parts["docProps/core.xml"]}


def _truncate_part(parts: Parts, rng: random.Random) -> Parts:
    name = rng.choice(_sheets(parts) + ["xl/workbook.xml", "xl/styles.xml"])
    return {**parts, name: parts[name][:rng.randrange(1, len(parts[name]))]}


def _read_sheets(parts: Parts) -> list[str]:
    """The sheets the checker reads: a template's leading Instructions sheet is never read,
    so damage there changes nothing and is no hostile file."""
    sheets = _sheets(parts)
    first = re.search(rb'<sheet [^>]*name="([^"]*)"', parts.get("xl/workbook.xml", b""))
    if first and first[1] == b"Instructions" and len(sheets) > 1:
        return [s for s in sheets if s != "xl/worksheets/sheet1.xml"]
    return sheets


def _garbage_part(parts: Parts, rng: random.Random) -> Parts:
    name = rng.choice(_read_sheets(parts))
    data = bytearray(parts[name])
    for _ in range(8):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return {**parts, name: bytes(data)}


PARTS_MUTATIONS: dict[str, PartsMutation] = {
    "nan": _value(b"NaN"), "inf": _value(b"INF"), "minus_inf": _value(b"-inf"),
    "huge_serial": _value(b"1e308"), "negative_serial": _value(b"-107000000000"),
    "date_nan": _date_value(b"NaN"), "date_minus_inf": _date_value(b"-inf"),
    "date_huge_negative": _date_value(b"-1.1e11"), "date_huge": _date_value(b"1e300"),
    "bad_sst_minus_one": _shared_string(b"-1"), "bad_sst_text": _shared_string(b"abc"),
    "bad_sst_fraction": _shared_string(b"1.5"),
    "bad_sst_huge": _shared_string(b"18446744073709551616"),
    "duplicate_cell": _duplicate_cell, "duplicate_sheet": _duplicate_sheet,
    "bad_style": _bad_style, "sheet_name_chars": _sheet_name,
    "missing_styles": _drop("xl/styles.xml"), "docprops_dtd": _docprops_dtd,
    "whole_grid_merge": _whole_grid_merge, "truncated_part": _truncate_part,
    "garbage_part": _garbage_part, "missing_workbook_rels": _drop("xl/_rels/workbook.xml.rels"),
}
ZIP_MUTATIONS = ("truncated_file", "bit_flips", "duplicate_member")
MUTATIONS = (*PARTS_MUTATIONS, *ZIP_MUTATIONS)
DAMAGING = frozenset({"nan", "inf", "minus_inf", "date_nan", "date_minus_inf",
                      "date_huge_negative", "date_huge", "bad_sst_minus_one", "bad_sst_text",
                      "bad_sst_fraction", "bad_sst_huge", "truncated_part", "garbage_part",
                      "truncated_file", "bit_flips", "missing_workbook_rels"})


def read_parts(path: Path) -> Parts:
    """Every member of a workbook, by name, in archive order."""
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_parts(parts: Parts, extra: list[tuple[str, bytes]] | None = None) -> bytes:
    """A zip archive of `parts` (and `extra` members, even under a name already used)."""
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore", UserWarning)  # a repeated name is the point
        for name, data in [*parts.items(), *(extra or [])]:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def _zip_mutation(name: str, parts: Parts, rng: random.Random) -> bytes:
    data = bytearray(write_parts(parts))
    if name == "truncated_file":
        return bytes(data[:rng.randrange(1, len(data))])
    if name == "bit_flips":
        for _ in range(rng.randrange(1, 16)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return bytes(data)
    sheet = rng.choice(_sheets(parts))
    return write_parts(parts, [(sheet, parts[sheet].replace(b"<v>", b"<v>7"))])


@dataclass(frozen=True)
class Case:
    """One mutated filing: which sample, which mutation, which seed."""

    sample: Path
    mutation: str
    seed: int

    @property
    def id(self) -> str:
        """A pytest id: `willamette-valley-cco-2026q1-nan-3`."""
        return f"{self.sample.stem}-{self.mutation}-{self.seed}"

    def build(self) -> bytes:
        """The mutated workbook's bytes; the same for the same case."""
        rng = random.Random(f"{self.sample.name}:{self.mutation}:{self.seed}")
        parts = read_parts(self.sample)
        if self.mutation in PARTS_MUTATIONS:
            return write_parts(PARTS_MUTATIONS[self.mutation](parts, rng))
        return _zip_mutation(self.mutation, parts, rng)


def cases(samples: list[Path], count: int, seed: int = 2026) -> list[Case]:
    """`count` cases cycling through every mutation, on samples chosen by `seed`."""
    rng = random.Random(seed)
    return [Case(rng.choice(samples), MUTATIONS[n % len(MUTATIONS)], rng.randrange(10_000))
            for n in range(count)]


# Requirement sets and waiver files: text-level damage a careless or hostile editor makes.
TEXT_MUTATIONS: tuple[tuple[str, bytes, bytes], ...] = (
    ("pass_mark_text", b"pass_mark: 80", b'pass_mark: "80"'),
    ("weight_bool", b"weight: 2", b"weight: true"),
    ("nan_target", b"at_least: 0.51", b"at_least: .nan"),
    ("inf_target", b"at_least: 0.51", b"at_least: .inf"),
    ("bad_pattern", b'pattern: "', b'pattern: "('),
    ("deep_nesting", b"requirements:", b"x: " + b"[" * 200 + b"]" * 200 + b"\nrequirements:"),
    ("alias_bomb", b"requirements:", b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, "
     b"*a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
     b"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, "
     b"*d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nrequirements:"),
    ("python_tag", b"requirements:", b"x: !!python/object/apply:os.system [echo]\nrequirements:"),
    ("extends_outside", b"id: ", b"extends: /etc/passwd\nid: "),
    ("tab_indent", b"\n  ", b"\n\t"),
    ("bidi", b"title: ", b"title: \xe2\x80\xae"),
    ("nul", b"title: ", b"title: \x00"),
    ("latin1", b"title: ", b"title: \xe9\xff "),
    ("duplicate_key", b"title: ", b"title: a\ntitle: "),
)


_ODD_VALUES = (b".nan", b"-.inf", b'"x"', b"[]", b"{}", b"-1", b"1e309", b"null", b"true",
               b"2026-02-30", b'"\\u202e"', b"*nothing", b"!!binary AAAA")
_KEY_VALUE = re.compile(rb"(?m)^(\s*-?\s*\w+: )(\S.*)$")


def _swap_value(data: bytes, rng: random.Random) -> bytes:
    """Replace one `key: value` by an odd value of another type."""
    found = list(_KEY_VALUE.finditer(data))
    if not found:
        return data
    match = rng.choice(found)
    return data[:match.start(2)] + rng.choice(_ODD_VALUES) + data[match.end(2):]


def mutate_text(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One text mutation (named) of a set or waiver file, or a blind truncation or byte flip."""
    choice = rng.randrange(len(TEXT_MUTATIONS) + 4)
    if choice > len(TEXT_MUTATIONS) + 1:
        return "odd_value", _swap_value(data, rng)
    if choice == len(TEXT_MUTATIONS):
        return "truncated", data[:rng.randrange(len(data) + 1)]
    if choice == len(TEXT_MUTATIONS) + 1:
        flipped = bytearray(data)
        for _ in range(rng.randrange(1, 8)):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        return "byte_flips", bytes(flipped)
    name, old, new = TEXT_MUTATIONS[choice]
    return name, data.replace(old, new, 1)
