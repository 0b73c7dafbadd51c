"""Page setup for the workbooks the checker writes, so that they print as people expect.

A sheet is printed one page wide and as many pages tall as it takes, in the orientation
its width needs, with its header rows repeated at the top of every page, narrow margins,
the sheet's name in the page header and "Page n of N" in the footer. Excel does not
grow the rows of a workbook written by a program to fit wrapped text, so rows that wrap
get a height that shows their text whole (up to Excel's largest row height).
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.header_footer import _HeaderFooterPart as _Part
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

LINE_POINTS = 15.0
MAX_ROW_POINTS = 409.0  # Excel refuses taller rows
LANDSCAPE_FROM = 110.0  # total column width, in characters, that no longer fits portrait


def set_page(sheet: Worksheet, *, title_rows: str | None = None,
             landscape: bool | None = None) -> None:
    """Fit `sheet` to one page wide; repeat `title_rows` (`"1:3"`) on every page.

    Without `landscape`, the orientation follows the sheet's total column width.
    """
    if landscape is None:
        landscape = sum(d.width or 0 for d in sheet.column_dimensions.values()) > LANDSCAPE_FROM
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as needed
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3,
                                     footer=0.3)
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.HeaderFooter.oddHeader = HeaderFooterItem(left=_Part(text="&A"))
    sheet.HeaderFooter.oddFooter = HeaderFooterItem(center=_Part(text="Page &P of &N"))


def wrapped_height(cells: Iterable[tuple[str, float]], line: float = LINE_POINTS) -> float:
    """Row height (points) that shows each (text, column width) of a row wrapped whole."""
    lines = 1
    for text, width in cells:
        per_line = max(int(width * 1.1), 1)
        lines = max(lines, sum(max(1, -(-len(part) // per_line))
                               for part in str(text).split("\n")))
    return min(line * lines, MAX_ROW_POINTS)
