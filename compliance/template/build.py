"""Generates the blank workbook of a requirement set, from the set itself.

Every sheet, header, description, drop-down and number format comes from the set's
`workbook` spec, so the template cannot drift from the rules it is checked against.
Layout (the reader finds it by itself; nothing here is special-cased when checking):

* table sheets: row 1 the sheet's purpose, row 2 a description of each column, row 3
  the headers, records from row 4 (panes frozen below the headers);
* form sheets (the Cover): labels in column A and values in column B, each field
  followed by a grey line describing it (kept out of the four cells right of the label,
  where the reader looks for the value);
* an Instructions sheet first, and the stamp (set id, version, layout hash) on a
  very hidden sheet that also holds the drop-down lists.

The bytes are deterministic: fixed document timestamps and fixed zip entry times.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from compliance.model.requirement import RequirementSet
from compliance.model.workbook import FieldSpec, SheetSpec
from compliance.reader.bind import STAMP_SHEET
from compliance.render.files import write_report
from compliance.render.pagesetup import set_page
from compliance.template.stamp import workbook_hash
from compliance.template.text import field_hint, text_height, write_instructions

TITLE_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
FIRST_FORM_ROW = 4
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
LAST_ROW = 1048576
FORMATS = {"integer": "#,##0", "number": "#,##0.00", "percent": "0.0%", "date": "yyyy-mm-dd"}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="9BC2E6")
VALUE_FILL = PatternFill("solid", fgColor="FFF2CC")
BOLD, TITLE = Font(bold=True), Font(bold=True, size=13)
NOTE = Font(italic=True, color="595959", size=9)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_FIXED_W3C = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()


class _Lists:
    """Drop-down lists written to columns of the stamp sheet, one per choice field."""

    def __init__(self, sheet: Worksheet):
        self.sheet = sheet
        self.column = 4  # A and B hold the stamp; C stays empty as a separator

    def add(self, spec: FieldSpec) -> str:
        """The range formula of the field's list of codes (labels where given)."""
        options = [code.label or code.code for code in spec.code_list()]
        letter = get_column_letter(self.column)
        for row, option in enumerate(options, start=1):
            self.sheet.cell(row=row, column=self.column, value=option)
        self.column += 1
        return f"'{STAMP_SHEET}'!${letter}$1:${letter}${len(options)}"


def _validation(spec: FieldSpec, lists: _Lists) -> DataValidation | None:
    """A drop-down for choice and yes/no fields; a warning lets N/A and aliases through."""
    if spec.type == "choice":
        formula = lists.add(spec)
    elif spec.type == "yes_no":
        formula = '"Yes,No"'
    else:
        return None
    rule = DataValidation(type="list", formula1=formula, allow_blank=True, errorStyle="warning",
                          showErrorMessage=True,
                          error="Pick a value from the list (or a token the column accepts).",
                          errorTitle=spec.label[:32])
    rule.prompt, rule.promptTitle, rule.showInputMessage = field_hint(spec)[:255], \
        spec.label[:32], True
    return rule


def _table_sheet(sheet: Worksheet, spec: SheetSpec, lists: _Lists) -> None:
    sheet.cell(row=TITLE_ROW, column=1, value=f"{spec.name}: {spec.description}".strip(": "))
    sheet.cell(row=TITLE_ROW, column=1).font = TITLE
    tallest = 12.0
    for col, field in enumerate(spec.fields, start=1):
        letter = get_column_letter(col)
        note = sheet.cell(row=NOTE_ROW, column=col, value=field_hint(field))
        note.font, note.alignment = NOTE, WRAP_TOP
        head = sheet.cell(row=HEADER_ROW, column=col, value=field.label)
        head.font, head.fill = BOLD, REQUIRED_FILL if field.required else HEADER_FILL
        head.alignment = WRAP_TOP
        width = min(max(len(field.label) + 4, 16), 40)
        sheet.column_dimensions[letter].width = width
        if field.type in FORMATS:
            sheet.column_dimensions[letter].number_format = FORMATS[field.type]
        tallest = max(tallest, text_height(field_hint(field), width, line=12.0))
        rule = _validation(field, lists)
        if rule is not None:
            rule.add(f"{letter}{HEADER_ROW + 1}:{letter}{LAST_ROW}")
            sheet.add_data_validation(rule)
    sheet.row_dimensions[NOTE_ROW].height = min(tallest + 4, 160)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    set_page(sheet, title_rows=f"{HEADER_ROW}:{HEADER_ROW}", landscape=True)


def form_rows(spec: SheetSpec) -> dict[str, int]:
    """The row of each form field's label and value cell in the template."""
    return {field.id: FIRST_FORM_ROW + 2 * n for n, field in enumerate(spec.fields)}


def _form_sheet(sheet: Worksheet, spec: SheetSpec, lists: _Lists,
                prefill: dict[str, str]) -> None:
    sheet.cell(row=TITLE_ROW, column=1, value=spec.name).font = TITLE
    sheet.cell(row=NOTE_ROW, column=1, value=spec.description).font = NOTE
    for col, text in ((1, "Field"), (2, "Value")):
        sheet.cell(row=HEADER_ROW, column=col, value=text).font = BOLD
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 36, 42
    for field_id, row in form_rows(spec).items():
        field = spec.field(field_id)
        assert field is not None
        label = sheet.cell(row=row, column=1, value=field.label)
        label.font = BOLD if field.required else Font()
        known = prefill.get(field.id)
        code = next((c for c in field.code_list() if c.code == known), None)
        value = sheet.cell(row=row, column=2, value=code.label or code.code if code else known)
        value.fill, value.number_format = VALUE_FILL, FORMATS.get(field.type, "General")
        sheet.cell(row=row + 1, column=1, value=field_hint(field)).font = NOTE
        rule = _validation(field, lists)
        if rule is not None:
            rule.add(f"B{row}")
            sheet.add_data_validation(rule)
    set_page(sheet, landscape=False)


def _prefill(rs: RequirementSet) -> dict[str, str]:
    """Cover values the set already knows: its state, program and template version."""
    known = {"state": rs.state, "program": rs.program, "template_version": f"{rs.id} {rs.version}"}
    return {key: value for key, value in known.items() if value}


def build_template(rs: RequirementSet) -> Workbook:
    """The blank workbook for `rs`, as an openpyxl workbook (not yet saved)."""
    book = Workbook()
    write_instructions(book.active, rs)  # type: ignore[arg-type]
    set_page(book.active, title_rows="1:1", landscape=True)  # type: ignore[arg-type]
    stamp = book.create_sheet(STAMP_SHEET)
    lists = _Lists(stamp)
    for spec in rs.workbook.sheets:
        sheet = book.create_sheet(spec.name)
        if spec.kind == "form":
            _form_sheet(sheet, spec, lists, _prefill(rs))
        else:
            _table_sheet(sheet, spec, lists)
    for row, (key, value) in enumerate((("set_id", rs.id), ("set_version", rs.version),
                                        ("set_hash", workbook_hash(rs))), start=1):
        stamp.cell(row=row, column=1, value=key)
        stamp.cell(row=row, column=2, value=value)
    stamp.sheet_state = "veryHidden"
    book.move_sheet(stamp, offset=len(book.sheetnames))
    book.properties.creator = "compliance"
    book.properties.title = f"{rs.title} ({rs.id} {rs.version})"
    return book


def workbook_bytes(book: Workbook) -> bytes:
    """The saved workbook with fixed timestamps, so equal content gives equal bytes.

    openpyxl stamps the save time into docProps/core.xml and each zip entry; both are
    replaced by `FIXED_TIME`.
    """
    book.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + _FIXED_W3C + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            target.writestr(entry, data)
    return out.getvalue()


def write_template(rs: RequirementSet, path: Path) -> Path:
    """Write the blank workbook of `rs` to `path`; returns the path."""
    write_report(path, workbook_bytes(build_template(rs)), make_folder=False)
    return path
