"""A minimal-set workbook whose text tries to become markup, links, templates or formulas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from compliance.render.xlsxsafe import put
from tests import workbooks

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "javascript:alert(1)"
MD_LINK = "[click](javascript:alert(1))"
JINJA = "{{ 7*7 }}"
JINJA_BLOCK = "{% raw %}x{% endraw %}"
FORMULAS = ('=HYPERLINK("http://evil","x")', "=cmd|' /C calc'!A0", "@SUM(1)", "+1+1", "-2+3")
URLS = "http://evil.example/x www.evil.example a@evil.example"
PAYLOADS = (SCRIPT, IMG, JS_LINK, MD_LINK, JINJA, JINJA_BLOCK, "http://evil.example/x",
            *FORMULAS)
SVG = "<svg onload=alert(1)>"
EXTRA_SHEETS = (SVG, "=cmd|' -C calc'!A0 {{ 7+7 }}")  # no / or * in a sheet name
NEAR_MISS_HEADER = 'County"><i>'
# How a workbook stores ESC and BEL: readers decode `_x001B_` to the character itself.
CONTROL = "_x001B_]0;owned_x0007__x001B_[2J"
CONTROL_DECODED = "\x1b]0;owned\x07\x1b[2J"
FILE_NAME = "hostile {{ 7*7 }} <img src=x onerror=alert(1)>.xlsx"


def _sheets() -> dict[str, workbooks.Rows]:
    roster: workbooks.Rows = [["Committee ID", "Role", NEAR_MISS_HEADER]]
    roster += [[payload, "provider", payload] for payload in PAYLOADS]
    roster += [["CAC-1", SCRIPT, "Lane"], ["CAC-1", "enrollee", "Lane"], [CONTROL, "x", "Lane"],
               ["CAC-1", FORMULAS[0], "Lane"]]
    meetings: workbooks.Rows = [workbooks.MEETINGS_HEADER,
                                [SCRIPT, dt.date(2026, 2, 1), 3, JINJA],
                                [FORMULAS[0], "not a date " + IMG, 2, 1]]
    cover = workbooks.cover(MCO_name=f"Evil {IMG} {JINJA} {JINJA_BLOCK} {CONTROL}", State=SCRIPT,
                            Program=f"{MD_LINK} {JS_LINK} {URLS}")
    demographics: workbooks.Rows = [workbooks.DEMOGRAPHICS_HEADER,
                                    ["race_eth", FORMULAS[1], 40], ["race_eth", "white", 5]]
    sheets = {
        "Cover": cover, "Committee_Roster": roster, "Committee_Meetings": meetings,
        "Member_Demographics": demographics}
    sheets.update({name: [[JINJA, SCRIPT]] for name in EXTRA_SHEETS})
    return sheets


def write_hostile(folder: Path) -> Path:
    """Write the hostile workbook (every payload stored as text, not a formula)."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in _sheets().items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                put(sheet.cell(row=r, column=c), value)
    path = folder / FILE_NAME
    book.save(path)
    return path
