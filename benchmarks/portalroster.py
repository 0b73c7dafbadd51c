"""A filed Oregon workbook whose Member_Roster sheet holds 100,000 members, for the portal.

The sheet's XML is written directly (inline strings) into a copy of a bundled sample, so a
roster of any size is made in seconds and little memory. Cached in benchmarks/.cache.
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
SOURCE = HERE.parent / "sample_submissions" / "oregon" / "willamette-valley-cco-2026q2.xlsx"
SHEET = "Member_Roster"
HEADERS = ["Member key", "Age", "County", "Race and ethnicity", "Race and ethnicity source",
           "Detailed ethnicity", "Preferred spoken language", "Preferred written language",
           "Interpreter need", "Disability", "Disability onset age", "Sexual orientation",
           "Gender identity", "Sex", "Enrolled on", "Respondent"]
RACES = ["aian", "asian", "black", "hispanic", "mena", "nhpi", "white", "multiracial",
         "declined", "unknown"]


def _cell(column: int, row: int, value: object) -> str:
    ref = f"{chr(65 + column)}{row}"
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def _member(rnd: random.Random, i: int) -> list[object]:
    disabled = rnd.random() < 0.2
    return [f"M{i:07d}", rnd.randint(0, 99), rnd.choice(["Marion", "Polk"]),
            rnd.choice(RACES), rnd.choice(["self", "self", "proxy", "imputed"]),
            rnd.choice(["Mexican", "Hmong", "Somali", "Ukrainian"]),
            rnd.choice(["English", "Spanish", "Russian"]), rnd.choice(["English", "Spanish"]),
            rnd.choice(["yes", "no"]), "yes" if disabled else "no",
            rnd.randint(1, 60) if disabled else "N/A", rnd.choice(["Declined", "Unknown"]),
            rnd.choice(["Declined", "Unknown"]), rnd.choice(["female", "male"]),
            f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
            rnd.choice(["self", "proxy"])]


def sheet_xml(rows: int) -> bytes:
    """The Member_Roster worksheet: a title, a hint row, headers, then `rows` members."""
    rnd = random.Random(rows)
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
             f'<dimension ref="A1:P{rows + 3}"/><sheetData>',
             f'<row r="1">{_cell(0, 1, "Member_Roster")}</row>',
             f'<row r="2">{_cell(0, 2, "Member-level extract.")}</row>',
             '<row r="3">' + "".join(_cell(c, 3, h) for c, h in enumerate(HEADERS)) + "</row>"]
    for i in range(rows):
        r = i + 4
        lines.append(f'<row r="{r}">' + "".join(
            _cell(c, r, v) for c, v in enumerate(_member(rnd, i))) + "</row>")
    lines.append("</sheetData></worksheet>")
    return "".join(lines).encode("utf-8")


def _sheet_part(archive: zipfile.ZipFile) -> str:
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    rid = re.search(rf'<sheet [^>]*name="{SHEET}"[^>]*r:id="([^"]+)"', workbook)
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    assert rid is not None
    target = re.search(rf'<Relationship [^>]*Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) \
        or re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
    assert target is not None
    return "xl/" + target.group(1).removeprefix("/xl/")


def make_roster_filing(rows: int = 100_000) -> Path:
    """The sample filing with `rows` members on its roster (written once per size)."""
    path = CACHE / f"portal-roster-{rows}.xlsx"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(SOURCE) as source, zipfile.ZipFile(tmp, "w",
                                                            zipfile.ZIP_DEFLATED) as out:
        part = _sheet_part(source)
        for info in source.infolist():
            data = sheet_xml(rows) if info.filename == part else source.read(info.filename)
            out.writestr(info.filename, data)
    tmp.rename(path)
    return path
