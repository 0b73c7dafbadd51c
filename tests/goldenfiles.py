"""Golden-file support: render a case in every format, normalised, and compare or rewrite.

A case is a requirement set (a bundled id or a path) and a workbook (the name of a
builder in tests/workbooks.py, or a path to a file). Output is made stable by a fixed
generation time, a placeholder tool version and, for workbooks built at test time
(whose bytes carry the save time), a placeholder workbook hash.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

import click
from openpyxl import load_workbook

from compliance.api import check_workbook
from compliance.evaluation.document import ResultDocument, ToolInfo
from compliance.render.formats import FORMATS, RenderOptions
from tests import workbooks

GOLDEN_DIR = Path(__file__).parent / "golden"
GENERATED_AT = dt.datetime(2026, 4, 21, 9, 30, tzinfo=dt.UTC)
TOOL_VERSION = "0.0.0+golden"
BUILT_SHA256 = "0" * 64
TEXT_FORMATS = {"text": "txt", "json": "json", "html": "html", "md": "md", "junit": "junit.xml"}


@dataclass(frozen=True)
class Case:
    """One golden case: `workbook` is a tests/workbooks.py builder name or a file path."""

    name: str
    requirement_set: str | Path
    workbook: str | Path


def result_for(case: Case, tmp_path: Path) -> ResultDocument:
    """The case's result document, normalised for comparison."""
    built = isinstance(case.workbook, str)
    if isinstance(case.workbook, str):
        tmp_path.mkdir(parents=True, exist_ok=True)
        sheets = getattr(workbooks, case.workbook)()
        hidden = ("Notes",) if case.workbook == "messy" else ()
        path = workbooks.write_workbook(tmp_path / f"{case.workbook}.xlsx", sheets, hidden=hidden)
    else:
        path = case.workbook
    doc = check_workbook(path, case.requirement_set, generated_at=GENERATED_AT)
    submission = doc.submission.model_copy(update={"sha256": BUILT_SHA256}) if built else (
        doc.submission)
    return doc.model_copy(update={"tool": ToolInfo(version=TOOL_VERSION),
                                  "submission": submission})


def xlsx_values(content: bytes) -> str:
    """A workbook's cell values, a sheet heading then one JSON row a line (to compare xlsx)."""
    book = load_workbook(io.BytesIO(content))
    lines = []
    for sheet in book.worksheets:
        lines.append(f"== {sheet.title}")
        lines += [json.dumps(list(row), default=str) for row in sheet.iter_rows(values_only=True)]
    return "\n".join(lines) + "\n"


def rendered(doc: ResultDocument) -> dict[str, str]:
    """Every golden format of a document: file suffix -> text."""
    options = RenderOptions()
    out = {suffix: str(FORMATS[name].render(doc, options)) for name, suffix in TEXT_FORMATS.items()}
    out["txt"] = click.unstyle(out["txt"])
    xlsx = FORMATS["xlsx"].render(doc, options)
    assert isinstance(xlsx, bytes)
    out["findings.xlsx.txt"] = xlsx_values(xlsx)
    return out


def compare(case: Case, outputs: dict[str, str], update: bool) -> list[str]:
    """Rewrite the golden files when `update`, else the suffixes whose output differs."""
    differing = []
    for suffix, text in outputs.items():
        golden = GOLDEN_DIR / f"{case.name}.{suffix}"
        if update:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        elif not golden.is_file() or golden.read_text(encoding="utf-8") != text:
            differing.append(suffix)
    return differing
