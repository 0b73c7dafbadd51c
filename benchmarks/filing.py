"""Builds large Oregon filings from the bundled sample filing (made from the set's template).

The Member_Roster sheet of the sample, which holds only the template's header, gets N
seeded member rows. Text goes into a shared-string table and dates are date-formatted
serial numbers, as Excel and LibreOffice write them. About 2% of rows carry the faults
filers make: a blank answer, an age stored as text, a code outside the list, N/A.
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_submissions" / "oregon" / "cascade-community-health-2026q1.xlsx"
ROSTER_PART = "xl/worksheets/sheet7.xml"
FIRST_ROW = 4  # the template's roster: title, guidance and header rows above
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"

CHOICES: list[list[str]] = [
    ["Lane", "Linn", "Benton", "Marion", "Polk"],
    ["White", "Hispanic or Latino", "Black or African American", "Asian",
     "American Indian or Alaska Native", "Declined", "Unknown"],
    ["Self-reported", "Self-reported", "Imputed"],
    ["Mexican", "Vietnamese", "", "Somali", "Hmong"],
    ["English", "Spanish", "Vietnamese", "Russian"],
    ["English", "Spanish", ""],
    ["Yes", "No", "No"],
    ["Yes", "No", "No", "Declined"],
]
TAIL: list[list[str]] = [
    ["Straight or heterosexual", "", "Gay or lesbian", "Declined"],
    ["Woman", "Man", "Nonbinary", ""],
    ["Female", "Male", "Unknown"],
]
FAULTS = ["", "forty", "N/A", "Other place", "unknown code"]


def _cell(ref: str, index: int) -> str:
    return f'<c r="{ref}" t="s"><v>{index}</v></c>'


class _Strings:
    """The shared-string table, filled as rows are written."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def xml(self) -> bytes:
        items = "".join(f"<si><t>{escape(t)}</t></si>" for t in self.index)
        count = len(self.index)
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN}" '
                f'count="{count}" uniqueCount="{count}">{items}</sst>').encode()


def _row(number: int, rnd: random.Random, strings: _Strings, date_style: int) -> str:
    cells = [_cell(f"A{number}", strings(f"M{number:08d}")),
             f'<c r="B{number}"><v>{rnd.randint(0, 99)}</v></c>']
    for col, options in zip("CDEFGHIJ", CHOICES, strict=True):
        text = rnd.choice(options)
        if rnd.random() < 0.003:
            text = rnd.choice(FAULTS)
        if text:
            cells.append(_cell(f"{col}{number}", strings(text)))
    onset = rnd.choice(["N/A", "", str(rnd.randint(0, 40))])
    if onset.isdigit():
        cells.append(f'<c r="K{number}"><v>{onset}</v></c>')
    elif onset:
        cells.append(_cell(f"K{number}", strings(onset)))
    for col, options in zip("LMN", TAIL, strict=True):
        text = rnd.choice(options)
        if text:
            cells.append(_cell(f"{col}{number}", strings(text)))
    serial = 45292 + rnd.randint(0, 450)  # 2024-01-01 onwards
    cells.append(f'<c r="O{number}" s="{date_style}"><v>{serial}</v></c>')
    cells.append(_cell(f"P{number}", strings(rnd.choice(["Self", "Self", "Proxy"]))))
    return f'<row r="{number}">{"".join(cells)}</row>'


def _date_style(styles: bytes) -> int:
    text = styles.decode()
    formats = {m.group(1) for m in re.finditer(r'<numFmt numFmtId="(\d+)" formatCode="[^"]*yy',
                                                 text)}
    xfs = re.findall(r"<xf [^>]*>", text[text.index("<cellXfs"):])
    return next(i for i, xf in enumerate(xfs)
                if (m := re.search(r'numFmtId="(\d+)"', xf)) and m.group(1) in formats)


def _roster(template: bytes, rows: int, seed: int, date_style: int,
            strings: _Strings) -> bytes:
    rnd = random.Random(seed)
    head, _, rest = template.decode().partition("</sheetData>")
    body = "".join(_row(n, rnd, strings, date_style) for n in range(FIRST_ROW,
                                                                    FIRST_ROW + rows))
    rest = re.sub(r"<dataValidations.*</dataValidations>", "", rest)
    head = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:P{FIRST_ROW + rows - 1}"',
                  head)
    return (head + body + "</sheetData>" + rest).encode()


def build_filing(path: Path, rows: int, seed: int = 12) -> Path:
    """Write the Oregon sample with `rows` member rows to `path` (kept if present)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    strings = _Strings()
    with zipfile.ZipFile(SAMPLE) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[ROSTER_PART] = _roster(parts[ROSTER_PART], rows, seed,
                                 _date_style(parts["xl/styles.xml"]), strings)
    parts["xl/sharedStrings.xml"] = strings.xml()
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Type="{REL}" Target="/xl/sharedStrings.xml" Id="rIdSST" />'
        "</Relationships>".encode())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}" />'
        "</Types>".encode())
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    tmp.rename(path)
    return path
