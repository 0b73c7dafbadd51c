"""The words of a generated template: column hints and the Instructions sheet."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from compliance.model.requirement import RequirementSet
from compliance.model.workbook import FieldSpec, SheetSpec
from compliance.reader.bind import INSTRUCTIONS_SHEET

_TYPE_HINTS = {
    "integer": "Whole number.",
    "number": "Number.",
    "percent": "Percentage (51% or 0.51).",
    "date": "Date (YYYY-MM-DD).",
    "yes_no": "Yes or No.",
    "choice": "Pick from the list.",
    "email": "Email address.",
    "url": "Web address (https://...).",
}
_DATE_SHOWN = {"%Y-%m-%d": "YYYY-MM-DD", "%m/%d/%Y": "MM/DD/YYYY", "%m/%d/%y": "MM/DD/YY",
               "%m-%d-%Y": "MM-DD-YYYY", "%d %b %Y": "31 Mar 2026", "%b %d, %Y": "Mar 31, 2026"}
BOLD, TITLE = Font(bold=True), Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
WIDTHS = (26, 22, 70, 50)


def field_hint(spec: FieldSpec) -> str:
    """One line telling a filer what goes in a column or form field."""
    parts = ["Required." if spec.required else "", spec.description.strip(),
             _TYPE_HINTS.get(spec.type, "")]
    if spec.allow_na:
        parts.append("N/A accepted.")
    if spec.allow_suppressed:
        parts.append("Write Suppressed for 1 to 10.")
    return " ".join(part for part in parts if part)


def _requirements_by_sheet(rs: RequirementSet) -> dict[str, list[tuple[str, str, str]]]:
    """Sheet id -> (requirement id, title, citation) of every requirement reading it."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for req in rs.requirements:
        sheets = {sheet for check in req.checks for sheet, _ in check.refs()}
        for sheet in sorted(sheets):
            found.setdefault(sheet, []).append((req.id, req.title, req.citation))
    return found


def text_height(text: str, width: float, line: float = 15.0) -> float:
    """Row height (points) that shows `text` wrapped in a column `width` characters wide."""
    per_line = max(int(width * 1.1), 1)
    return line * max(1, -(-len(text) // per_line))


def _put(sheet: Worksheet, row: int, values: list[str], font: Font | None = None) -> None:
    height = 15.0
    for col, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=col, value=value or None)
        cell.alignment = WRAP
        if font is not None:
            cell.font = font
        height = max(height, text_height(value, WIDTHS[col - 1]))
    sheet.row_dimensions[row].height = height


def _token_lines(rs: RequirementSet) -> list[list[str]]:
    spec = rs.workbook
    dates = ", ".join(_DATE_SHOWN.get(f, f) for f in spec.date_formats)
    return [["N/A", "", "Where a column says N/A is accepted: " + ", ".join(spec.na_tokens)],
            ["Suppressed", "", "Instead of a count from 1 to 10, where accepted: "
             + ", ".join(spec.suppressed_tokens)],
            ["Dates", "", f"Any of: {dates} (or an Excel date)."],
            ["Percentages", "", "51%, 51 or 0.51 all mean 51%."],
            ["Yes / No", "", "Yes, No, Y or N."]]


def _sheet_rows(spec: SheetSpec, reqs: list[tuple[str, str, str]]) -> list[list[str]]:
    status = "Required" if spec.required else "Optional"
    rows = [[spec.name, status, spec.description.strip(), ""]]
    rows += [["", req_id, title, citation] for req_id, title, citation in reqs]
    return rows


def write_instructions(sheet: Worksheet, rs: RequirementSet) -> None:
    """Fill the Instructions sheet: purpose, tokens, and each sheet with its requirements."""
    sheet.title = INSTRUCTIONS_SHEET
    sheet.cell(row=1, column=1, value=rs.title).font = TITLE
    _put(sheet, 2, ["Requirement set", "", f"{rs.id} version {rs.version}"])
    row = 3
    if rs.workbook.instructions:
        _put(sheet, row, ["How to fill it in", "", rs.workbook.instructions])
        row += 1
    for line in _token_lines(rs):
        _put(sheet, row, line)
        row += 1
    row += 1
    _put(sheet, row, ["Sheet", "Requirement", "What it is for", "Citation"], BOLD)
    by_sheet = _requirements_by_sheet(rs)
    for spec in rs.workbook.sheets:
        for n, values in enumerate(_sheet_rows(spec, by_sheet.get(spec.id, []))):
            row += 1
            _put(sheet, row, values, BOLD if n == 0 else None)
    for letter, width in zip("ABCD", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
