"""`summary.csv`: one row per submission and requirement, safe to open in a spreadsheet.

Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` as a formula
(and some treat a leading tab or line break the same way), so text from a submission
could run a formula on the reader's machine. Rule: every text cell that starts with
one of `= + - @`, tab, carriage return or line feed gets a leading apostrophe, which
the spreadsheet shows as text. Numbers (scores) are written as plain numbers, which
no spreadsheet evaluates. A submission that could not be checked has one row, with
its reason in `error`. The file is UTF-8 with a byte-order mark, so Excel reads
accented names correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from compliance.batch.filings import describe
from compliance.batch.summary import Entry, RequirementRow

COLUMNS = ("file", "mco_id", "mco_name", "state", "period_start", "period_end", "resubmission",
           "set_id", "set_version", "submission_score", "gate", "requirement_id",
           "requirement_title", "domain", "severity", "status", "requirement_score", "measured",
           "waived_by", "notes", "report", "error")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")

Cell = str | float | None


def safe(value: Cell) -> Cell:
    """The value, with text that a spreadsheet would run as a formula defused."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def _points(score: float | None) -> float | None:
    return None if score is None else round(100 * score, 2)


def _rows(entry: Entry) -> Iterator[list[Cell]]:
    head: list[Cell] = [entry.file, entry.mco_id, entry.mco_name, entry.state,
                        entry.period_start, entry.period_end, describe(entry), entry.set_id,
                        entry.set_version,
                        entry.score, entry.outcome]
    tail: list[Cell] = [entry.reports.get("html") or entry.reports.get("json"), entry.error]
    requirements: list[RequirementRow | None] = list(entry.requirements) or [None]
    for req in requirements:
        middle: list[Cell] = [None] * 9 if req is None else [
            req.id, req.title, req.domain, req.severity, req.status.value, _points(req.score),
            req.measured, req.waived_by, "; ".join(req.notes) or None]
        yield head + middle + tail


def render_csv(entries: list[Entry]) -> str:
    """The CSV text, header first, with the CRLF line ends Excel expects."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        for row in _rows(entry):
            writer.writerow(["" if cell is None else safe(cell) for cell in row])
    return out.getvalue()
