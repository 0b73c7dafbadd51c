"""The annotated copy: the filed workbook with each finding marked on its cells.

The copy is loaded with openpyxl from the original file (never saved over it) and
checked against the hash in the result, so the marks belong to the workbook that was
checked. Offending cells get a fill by status and a comment naming the requirement,
the finding and the fix; a Findings sheet lists them all. The filer's own formulas and
comments are kept; nothing this adds is a formula. Counts are not suppressed here:
the copy holds the filer's own data. openpyxl does not carry charts, images or pivot
tables into the copy.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections import defaultdict
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from compliance.errors import ReportError, UsageError
from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import Finding, RequirementResult
from compliance.render.annotatable import check_annotatable
from compliance.render.basis import basis_text
from compliance.render.files import write_report
from compliance.render.text import GAP_STATUSES, gap_order
from compliance.render.xlsx import COLUMNS, FINDING_COLUMNS, finding_rows
from compliance.render.xlsxsafe import put, saved_bytes, timestamp, xml_safe

OPENPYXL_SUFFIXES = (".xlsx", ".xlsm")
MAX_MARKED_CELLS = 2000
MAX_NOTES_PER_CELL = 10
_FILLS = {"not_met": "FFC7CE", "incomplete": "F4C7D9", "partially_met": "FFEB9C",
          "error": "E4D2F0"}
Anchor = tuple[str, str]


def check_paths(source: Path, out: Path) -> None:
    """Refuse an output that is the source itself, or a workbook openpyxl cannot copy."""
    same = out.exists() and source.exists() and out.samefile(source)
    if same or out.resolve() == source.resolve():
        raise UsageError("the annotated copy cannot replace the workbook it annotates",
                         file=str(out))
    if source.suffix.lower() not in OPENPYXL_SUFFIXES:
        raise UsageError("only an .xlsx or .xlsm workbook can be annotated", file=str(source))
    if out.suffix.lower() != ".xlsx":
        raise UsageError("the annotated copy must be an .xlsx file", file=str(out))


def _checked_bytes(source: Path, doc: ResultDocument) -> bytes:
    """The workbook's bytes, read once: the copy is made of exactly what was checked."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ReportError(f"cannot read the workbook: {exc.strerror}", file=str(source)) from exc
    if hashlib.sha256(data).hexdigest() != doc.submission.sha256:
        raise ReportError("the workbook has changed since it was checked", file=str(source))
    return data


def _load(data: bytes) -> Workbook:
    with warnings.catch_warnings():
        # openpyxl warns on stderr about what it skips (a date serial out of range, an
        # unknown extension); the reader has already reported what matters at its cell
        warnings.simplefilter("ignore")
        return load_workbook(io.BytesIO(data), keep_vba=False, keep_links=False)


def _anchor(sheet: Worksheet, refs: str) -> tuple[Cell, list[Cell]]:
    """The cell carrying the comment and the cells to fill.

    The comment goes on the top-left cell of the first range (out of any merge); every
    range of `B4:B9, B12` is filled: only the rows that caused the finding.
    """
    parts = [_range(sheet, ref.strip()) for ref in refs.split(",") if ref.strip()]
    if not parts:
        raise ValueError(f"no cell to comment at {refs}")
    return parts[0][0], [cell for _, cells in parts for cell in cells][:MAX_MARKED_CELLS]


def _range(sheet: Worksheet, ref: str) -> tuple[Cell, list[Cell]]:
    min_col, min_row, max_col, max_row = (b or 1 for b in range_boundaries(ref))
    # Cap before touching cells: openpyxl creates every cell it is asked for.
    max_row = min(max_row, min_row + MAX_MARKED_CELLS // (max_col - min_col + 1))
    cells = [c for row in sheet.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col,
                                          max_col=max_col) for c in row]
    top = sheet.cell(row=min_row, column=min_col)
    if isinstance(top, MergedCell):
        merged = next(r for r in sheet.merged_cells.ranges if top.coordinate in r)
        top = sheet.cell(row=merged.min_row, column=merged.min_col)
    if not isinstance(top, Cell):
        raise ValueError(f"no cell to comment at {ref}")
    return top, [c for c in cells if isinstance(c, Cell)]


def _note(result: RequirementResult, finding: Finding) -> str:
    expected = f"\nExpected: {finding.expected}" if finding.expected else ""
    return (f"{result.id} ({result.status.value.replace('_', ' ')}, {result.severity}): "
            f"{finding.message}{expected}\nCitation: {result.citation} ({basis_text(result)})"
            f"\nWhat to do: {result.what_to_do}")


def _mark(book: Workbook, doc: ResultDocument) -> dict[Anchor, list[str]]:
    notes: dict[Anchor, list[str]] = defaultdict(list)
    gaps = sorted((r for r in doc.requirements if r.status in GAP_STATUSES), key=gap_order)
    for result in gaps:
        fill = PatternFill("solid", fgColor=_FILLS[result.status.value])
        for finding in result.findings:
            sheet = book[finding.sheet] if finding.sheet in book.sheetnames else None
            if not isinstance(sheet, Worksheet) or not finding.cell:
                continue
            try:
                top, cells = _anchor(sheet, finding.cell)
            except ValueError:  # a cell reference openpyxl cannot place
                continue
            for cell in cells:
                cell.fill = fill
            notes[(sheet.title, top.coordinate)].append(_note(result, finding))
    return notes


def _comment(book: Workbook, anchor: Anchor, texts: list[str]) -> None:
    cell = book[anchor[0]][anchor[1]]
    shown = texts[:MAX_NOTES_PER_CELL]
    if len(texts) > len(shown):
        shown.append(f"and {len(texts) - len(shown)} more findings on this cell")
    own = cell.comment.text + "\n\n" if cell.comment is not None else ""
    text = (own + "\n\n".join(shown))[:32000]  # Excel's limit on a comment
    cell.comment = Comment(xml_safe(text), "compliance", height=220, width=360)


def _findings_sheet(book: Workbook, doc: ResultDocument) -> None:
    title, number = "Findings", 1
    while title in book.sheetnames:
        number += 1
        title = f"Findings ({number})"
    sheet = book.create_sheet(title)
    width = FINDING_COLUMNS
    for column, (name, size) in enumerate(COLUMNS[:width], start=1):
        put(sheet.cell(row=1, column=column), name)
        sheet.cell(row=1, column=column).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = size
    for row, values in enumerate(finding_rows(doc, suppress=False), start=2):
        for column, value in enumerate(values[:width], start=1):
            put(sheet.cell(row=row, column=column), value)
    sheet.freeze_panes = "A2"
    for other in book.worksheets:
        other.sheet_view.tabSelected = False
    book.active = sheet
    sheet.sheet_view.tabSelected = True


def annotated_copy(source: Path, doc: ResultDocument) -> bytes:
    """The bytes of a copy of `source` with the findings of `doc` marked on it.

    Raises:
        ReportError: The copy cannot be made; the reason is one line.
    """
    data = _checked_bytes(source, doc)
    check_annotatable(data, source)
    try:
        book = _load(data)
        for anchor, texts in _mark(book, doc).items():
            _comment(book, anchor, texts)
        _findings_sheet(book, doc)
        return saved_bytes(book, timestamp(doc.generated_at))
    except ReportError:
        raise
    except Exception as exc:  # openpyxl is stricter than the reader about a workbook's parts
        reason = " ".join(str(exc).split("\n", 1)[0].split())[:200]
        raise ReportError(f"cannot annotate: openpyxl cannot copy this workbook "
                          f"({type(exc).__name__}: {reason}); check it without --annotate",
                          file=str(source)) from exc


def annotate_workbook(source: Path, doc: ResultDocument, out: Path) -> Path:
    """Write a copy of `source` with the findings of `doc` marked on it to `out`."""
    check_paths(source, out)
    write_report(out, annotated_copy(source, doc), inputs=(source,))
    return out
