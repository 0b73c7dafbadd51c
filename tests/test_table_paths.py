"""The same table gives the same result read from its sheet or from a CSV export of it.

Each table sheet of every sample filing, and a generated messy roster, is exported as a
spreadsheet program would (dates as ISO text, whole numbers without a decimal point) and
checked through `--table` in place of the sheet: every requirement must get the same
status and score, and the same number of findings.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as parquet
import pytest

from compliance.api import check_workbook
from compliance.evaluation.document import ResultDocument
from compliance.evaluation.submission import Invalid
from compliance.reader.bind import read_submission
from compliance.reader.workbook import open_workbook
from compliance.sets.loader import load_requirement_set
from compliance.sets.selection import choose_set
from tests.test_samples import IDS, SAMPLES
from tests.workbooks import compliant, write_workbook


def exported(value: Any) -> Any:
    if isinstance(value, Invalid):
        return value.raw
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return value


def export(workbook: Path, sheet: str, target: Path) -> Path:
    raw = open_workbook(workbook)
    try:
        rows = list(raw.rows(sheet))
    finally:
        raw.close()
    width = max((len(cells) for _, cells in rows), default=0)
    grid: list[list[Any]] = []
    for number, cells in rows:
        while len(grid) < number - 1:
            grid.append([])
        grid.append([exported(c) for c in cells] + [""] * (width - len(cells)))
    with target.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(grid)
    return target


Outcome = dict[str, tuple[Any, ...]]


def outcome(doc: ResultDocument) -> Outcome:
    """Each requirement's status, score and findings (by code, cell and value), and notes."""
    found: Outcome = {
        r.id: (r.status.value, r.score, r.findings_total,
               [(f.code, f.cell, f.actual, f.expected) for f in r.findings])
        for r in doc.requirements}
    notes = doc.submission.notes
    found["notes"] = tuple(sorted((n.code, n.cell or "", n.actual or "") for n in notes
                                  if n.code != "reader.table_from_file"))
    return found


def table_sheets(workbook: Path, set_id: str) -> list[tuple[str, str]]:
    spec = load_requirement_set(set_id).workbook
    raw = open_workbook(workbook)
    try:
        names = {s.name for s in raw.sheets}
    finally:
        raw.close()
    return [(s.id, s.name) for s in spec.sheets if s.kind == "table" and s.name in names]


@pytest.mark.parametrize("path", SAMPLES, ids=IDS)
def test_every_table_of_a_sample_reads_alike_from_csv(path: Path, tmp_path: Path) -> None:
    set_id = choose_set(path)
    sheets = table_sheets(path, set_id)
    assert sheets
    tables = {sheet_id: export(path, name, tmp_path / f"{sheet_id}.csv")
              for sheet_id, name in sheets}
    assert outcome(check_workbook(path, set_id, tables=tables)) == outcome(
        check_workbook(path, set_id))


def messy_roster(rows: int, seed: int) -> list[list[Any]]:
    """Committee members as filers type them: mostly fine, some text numbers, tokens, odd
    dates, blanks and spacing, and a few values that fit no field."""
    rnd = random.Random(seed)
    roles = ["Current enrollee", "enrollee", "provider", "county_gov", "caregiver"]
    odd_roles = ["PROVIDER ", "", "N/A", "Suppressed", "someone", " Enrollee"]
    counties = ["Lane", "Linn", " Benton", "", "1,234", "#N/A", "2026-03-31", "N/A"]
    found: list[list[Any]] = [["Committee ID", "Role", "County"]]
    for _ in range(rows):
        odd = rnd.random() < 0.04
        found.append([rnd.choice(["CAC-1", "CAC-1", "cac-1", " CAC-1 ", ""] if odd else
                                 ["CAC-1"]),
                      rnd.choice(odd_roles if odd else roles), rnd.choice(counties)])
    return found


@pytest.mark.parametrize("seed", range(5))
def test_a_generated_messy_roster_reads_alike_from_csv(tmp_path: Path, seed: int) -> None:
    sheets = compliant()
    sheets["Committee_Roster"] = messy_roster(300, seed)
    workbook = write_workbook(tmp_path / "messy.xlsx", sheets)
    minimal = Path(__file__).parent / "fixtures" / "sets" / "minimal.yaml"
    roster = export(workbook, "Committee_Roster", tmp_path / "roster.csv")
    assert outcome(check_workbook(workbook, minimal, tables={"committee_roster": roster})) == (
        outcome(check_workbook(workbook, minimal)))


def export_parquet(workbook: Path, sheet: str, header_row: int, target: Path) -> Path:
    """The sheet as a state extract: its header as column names, every value as text."""
    raw = open_workbook(workbook)
    try:
        rows = [[exported(c) for c in cells] for n, cells in raw.rows(sheet) if n >= header_row]
    finally:
        raw.close()
    width = max(len(r) for r in rows)
    grid = [r + [""] * (width - len(r)) for r in rows]
    header = [str(h) or f"column {i}" for i, h in enumerate(grid[0])]
    parquet.write_table(pa.table({name: pa.array([None if r[i] == "" else str(r[i])
                                                  for r in grid[1:]], pa.string())
                                  for i, name in enumerate(header)}), target)
    return target


def without_cells(found: Outcome) -> Outcome:
    """Statuses, scores and findings by code and value: a Parquet file has no title rows,
    so its records stand in other row numbers than in the sheet."""
    return {key: (value[:3] + ([(f[0], f[2], f[3]) for f in value[3]],) if key != "notes"
                  else tuple((n[0], n[2]) for n in value))
            for key, value in found.items()}


@pytest.mark.parametrize("path", SAMPLES, ids=IDS)
def test_every_table_of_a_sample_reads_alike_from_parquet(path: Path, tmp_path: Path) -> None:
    set_id = choose_set(path)
    general = check_workbook(path, set_id)
    read = read_submission(path, load_requirement_set(set_id).workbook)
    tables = {sheet_id: export_parquet(path, table.name, table.header_row,
                                       tmp_path / f"{sheet_id}.parquet")
              for sheet_id, table in read.tables.items() if table.columns}
    assert tables
    assert without_cells(outcome(check_workbook(path, set_id, tables=tables))) == (
        without_cells(outcome(general)))


def test_a_typed_parquet_roster_is_read_with_its_types(tmp_path: Path) -> None:
    target = tmp_path / "roster.parquet"
    parquet.write_table(pa.table({"Committee ID": ["CAC-1"] * 8,
                                  "Role": ["Current enrollee"] * 6 + ["provider", "county_gov"],
                                  "County": ["Lane"] * 8, "Seats": list(range(8)),
                                  "Joined": [dt.date(2025, 1, 1 + n) for n in range(8)]}),
                        target)
    sheets = compliant()
    workbook = write_workbook(tmp_path / "book.xlsx", sheets)
    minimal = Path(__file__).parent / "fixtures" / "sets" / "minimal.yaml"
    by_file = check_workbook(workbook, minimal, tables={"committee_roster": target})
    assert outcome(by_file) == outcome(check_workbook(workbook, minimal))
    roster = next(n for n in by_file.submission.notes if n.code == "reader.table_from_file")
    assert "roster.parquet" in roster.message
