"""The findings workbook: one row per finding, with columns for the MCO's corrective action.

Sorted like the gap report (most severe first). The last four columns are left empty
for the MCO to fill in (owner, due date, action status from a drop-down, response), so
the file can go back and forth as a corrective action plan. Every text cell is written
through `xlsxsafe.put`, so nothing from the submission becomes a formula.
"""

from __future__ import annotations

from collections.abc import Iterator

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import Finding, RequirementResult
from compliance.render.basis import basis_text, legend
from compliance.render.pagesetup import set_page, wrapped_height
from compliance.render.suppress import suppress_finding
from compliance.render.text import GAP_STATUSES, gap_order, label
from compliance.render.xlsxsafe import put, saved_bytes, timestamp

COLUMNS = (("Requirement", 12), ("Title", 36), ("Domain", 18), ("Severity", 10), ("Status", 15),
           ("Citation", 22), ("Basis", 22), ("Code", 22), ("Sheet", 20), ("Cell", 12),
           ("Finding", 60), ("Expected", 22), ("Actual", 16), ("Remediation", 48), ("Owner", 18),
           ("Due date", 12), ("Action status", 15), ("MCO response", 48))
ACTION_STATUSES = ("Not started", "In progress", "Completed", "Disputed")
_WRAPPED = {"Title", "Basis", "Finding", "Remediation", "MCO response"}
FINDING_COLUMNS = [c for c, _ in COLUMNS].index("Remediation") + 1
"""The columns about the finding itself, before the corrective-action ones."""
_HEADER_FILL = PatternFill("solid", fgColor="1D4E89")
Row = tuple[str, ...]


def _finding_row(result: RequirementResult, domain: str, finding: Finding | None,
                 suppress: bool) -> Row:
    if finding is None:  # a gap without findings (an error) still gets its row
        finding = Finding(code="", message=result.reason or label(result.status).lower())
    message, actual = finding.message, finding.actual
    if suppress:
        message, actual = suppress_finding(message, actual)
    return (result.id, result.title, domain, result.severity, label(result.status).capitalize(),
            result.citation, basis_text(result), finding.code, finding.sheet or "",
            finding.cell or "", message, finding.expected or "", actual or "", result.what_to_do)


def finding_rows(doc: ResultDocument, suppress: bool) -> Iterator[Row]:
    """The data rows: each stored finding of each gap, most severe gap first."""
    titles = {d.id: d.title for d in doc.domains}
    gaps = sorted((r for r in doc.requirements if r.status in GAP_STATUSES), key=gap_order)
    for result in gaps:
        domain = titles.get(result.domain, result.domain)
        for finding in result.findings or (None,):
            yield _finding_row(result, domain, finding, suppress)
        unlisted = result.findings_total - len(result.findings)
        if unlisted > 0:
            yield _finding_row(result, domain, Finding(
                code="", message=f"and {unlisted:,} more findings of the same kinds, "
                                 "not itemised"), False)


def _header(sheet: Worksheet) -> None:
    for index, (title, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        put(cell, title)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2"


def _finish(sheet: Worksheet, last_row: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last_row}"
    status_column = get_column_letter([c for c, _ in COLUMNS].index("Action status") + 1)
    choices = DataValidation(type="list", formula1='"' + ",".join(ACTION_STATUSES) + '"',
                             allow_blank=True, showErrorMessage=True,
                             errorTitle="Action status", error="Choose a status from the list.")
    choices.add(f"{status_column}2:{status_column}{max(last_row, 2)}")
    sheet.add_data_validation(choices)
    due = get_column_letter([c for c, _ in COLUMNS].index("Due date") + 1)
    for (cell,) in sheet.iter_rows(min_row=2, max_row=last_row, min_col=sheet[f"{due}1"].column,
                                   max_col=sheet[f"{due}1"].column):
        cell.number_format = "yyyy-mm-dd"


def _about(book: Workbook, doc: ResultDocument, suppress: bool) -> None:
    sheet = book.create_sheet("About")
    rs, sub, summary = doc.requirement_set, doc.submission, doc.summary
    facts = [("Requirement set", f"{rs.title} ({rs.id} version {rs.version})"),
             ("MCO", " ".join(p for p in (sub.mco_name, sub.mco_id) if p)),
             ("Reporting period", f"{sub.period_start or '?'} to {sub.period_end or '?'}"),
             ("Compliance score", "n/a" if summary.score is None else
              f"{summary.score:g} (binding requirements; the gate reads this one)"),
             ("Advisory score", "n/a" if summary.advisory_score is None else
              f"{summary.advisory_score:g} (advisory requirements; never decides the gate)"),
             ("Gate", ("PASS" if summary.passed else "FAIL") + f": {summary.gate.rule}"),
             *((("Set mismatch", summary.set_mismatch),) if summary.set_mismatch else ()),
             *(("Basis" if i == 0 else "", line) for i, line in enumerate(
                 legend(doc.requirements))),
             ("Small counts", "member counts of 1 to 10 shown as <11" if suppress else "shown"),
             ("Tool version", doc.tool.version), ("Set SHA-256", rs.sha256),
             ("Workbook", sub.file), ("Workbook SHA-256", sub.sha256),
             ("Generated", doc.generated_at)]
    for row, (name, value) in enumerate(facts, start=1):
        put(sheet.cell(row=row, column=1), name)
        put(sheet.cell(row=row, column=2), value)
        sheet.cell(row=row, column=1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 90
    for row, (_, value) in enumerate(facts, start=1):
        sheet.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = wrapped_height([(value, 90)])
    set_page(sheet, landscape=False)


def render_xlsx(doc: ResultDocument, *, suppress: bool = True) -> bytes:
    """The findings workbook of a result document, as .xlsx bytes."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "Findings"
    _header(sheet)
    wrap = Alignment(wrap_text=True, vertical="top")
    wrapped = [i for i, (title, _) in enumerate(COLUMNS, start=1) if title in _WRAPPED]
    last = 1
    for last, values in enumerate(finding_rows(doc, suppress), start=2):
        for column, value in enumerate(values, start=1):
            put(sheet.cell(row=last, column=column), value)
        for column in wrapped:
            sheet.cell(row=last, column=column).alignment = wrap
        sheet.row_dimensions[last].height = wrapped_height(
            (values[column - 1], COLUMNS[column - 1][1]) for column in wrapped
            if column <= len(values))
    _finish(sheet, last)
    set_page(sheet, title_rows="1:1", landscape=True)
    _about(book, doc, suppress)
    book.properties.creator = "compliance"
    book.properties.created = timestamp(doc.generated_at)
    book.properties.title = f"Findings: {doc.submission.file}"
    return saved_bytes(book, timestamp(doc.generated_at))
