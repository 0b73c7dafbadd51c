"""A table sheet read from a CSV roster beside the workbook: same checks, same findings."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as parquet
import pytest
from click.testing import Result

from tests.conftest import MINIMAL_SET
from tests.workbooks import compliant, failing, write_workbook

Run = Callable[..., Result]


def write_csv(path: Path, rows: list[list[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(
            [[v.isoformat() if isinstance(v, dt.date) else v for v in row] for row in rows])
    return path


def result(run_cli: Run, workbook: Path, *extra: Any) -> dict[str, Any]:
    out = workbook.with_suffix(".json")
    run = run_cli("check", workbook, "--set", MINIMAL_SET, "--format", "json", "-o", out,
                  *extra)
    assert run.exit_code in (0, 1), run.output
    data: dict[str, Any] = json.loads(out.read_text())
    return data


def statuses(data: dict[str, Any]) -> dict[str, str]:
    return {r["id"]: r["status"] for r in data["requirements"]}


@pytest.mark.parametrize("sheets", [compliant, failing])
def test_a_csv_roster_is_checked_as_the_sheet_would_be(run_cli: Run, tmp_path: Path,
                                                      sheets: Callable[[], Any]) -> None:
    book = sheets()
    whole = write_workbook(tmp_path / "whole.xlsx", book)
    roster = write_csv(tmp_path / "roster.csv", [["Filed by the plan"], *book["Committee_Roster"]])
    without = dict(book)
    del without["Committee_Roster"]
    split = write_workbook(tmp_path / "split.xlsx", without)
    expected, got = result(run_cli, whole), result(run_cli, split, "--table",
                                                  f"committee_roster={roster}")
    assert statuses(got) == statuses(expected)
    assert "roster.csv" in json.dumps(got["submission"])


def test_findings_point_at_the_file_and_row(run_cli: Run, tmp_path: Path) -> None:
    book = compliant()
    rows = [*book["Committee_Roster"], ["CAC-1", "not a role", "Lane"]]
    roster = write_csv(tmp_path / "roster.csv", rows)
    data = result(run_cli, write_workbook(tmp_path / "wb.xlsx", book), "--table",
                  f"Committee Roster={roster}")
    text = json.dumps(data)
    assert '"roster.csv"' in text and f'"B{len(rows)}"' in text
    assert "the workbook's own sheet 'Committee_Roster' was not checked" in text


@pytest.mark.parametrize(("content", "reason"), [
    (b"PK\x03\x04 a workbook renamed", "not a CSV text file"),
    (b"a,b\n\xff\xfe,1\n", "not UTF-8 text"),
    (b'a,b\n"unclosed,1\n', "not a readable CSV file"),
])
def test_a_file_that_is_no_csv_roster_is_refused(run_cli: Run, tmp_path: Path, content: bytes,
                                                 reason: str) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes(content)
    book = write_workbook(tmp_path / "wb.xlsx", compliant())
    run = run_cli("check", book, "--set", MINIMAL_SET, "--table", f"committee_roster={roster}")
    assert run.exit_code == 2 and reason in run.output and "Traceback" not in run.output


@pytest.mark.parametrize(("option", "reason"), [("cover=r.csv", "not a table sheet"),
                                                ("nonsense", "is not SHEET=FILE")])
def test_a_table_option_that_names_no_table_is_a_usage_error(run_cli: Run, tmp_path: Path,
                                                             option: str, reason: str) -> None:
    (tmp_path / "r.csv").write_text("a\n")
    book = write_workbook(tmp_path / "wb.xlsx", compliant())
    run = run_cli("check", book, "--set", MINIMAL_SET, "--table",
                  option.replace("r.csv", str(tmp_path / "r.csv")))
    assert run.exit_code == 2 and reason in run.output


def test_a_ragged_csv_roster_is_read_as_a_spreadsheet_program_reads_it(
        run_cli: Run, tmp_path: Path) -> None:
    book = compliant()
    lines = [",".join(str(v) for v in row) for row in book["Committee_Roster"]]
    lines[2] += ",an extra note"  # a record longer than the header
    roster = tmp_path / "roster.csv"
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    workbook = write_workbook(tmp_path / "wb.xlsx", book)
    assert statuses(result(run_cli, workbook, "--table", f"committee_roster={roster}")) == (
        statuses(result(run_cli, workbook)))


def test_a_parquet_roster_is_checked_as_the_sheet_would_be(run_cli: Run,
                                                          tmp_path: Path) -> None:
    book = failing()
    header, *records = book["Committee_Roster"]
    roster = tmp_path / "roster.parquet"
    parquet.write_table(pa.table({str(name): [str(r[i]) for r in records]
                                  for i, name in enumerate(header)}), roster)
    workbook = write_workbook(tmp_path / "wb.xlsx", book)
    by_file = result(run_cli, workbook, "--table", f"Committee_Roster={roster}")
    assert statuses(by_file) == statuses(result(run_cli, workbook))
    assert '"roster.parquet"' in json.dumps(by_file)


@pytest.mark.parametrize(("content", "reason"), [
    (b"a,b\n1,2\n", "is not a Parquet file"),
    (b"PAR1 and then nothing a reader could use", "is not a readable roster file"),
])
def test_a_file_that_is_no_parquet_roster_is_refused(run_cli: Run, tmp_path: Path,
                                                     content: bytes, reason: str) -> None:
    roster = tmp_path / "roster.parquet"
    roster.write_bytes(content)
    book = write_workbook(tmp_path / "wb.xlsx", compliant())
    run = run_cli("check", book, "--set", MINIMAL_SET, "--table", f"committee_roster={roster}")
    assert run.exit_code == 2 and reason in run.output and "Traceback" not in run.output


def test_a_parquet_column_of_nested_values_is_refused(run_cli: Run, tmp_path: Path) -> None:
    roster = tmp_path / "roster.parquet"
    parquet.write_table(pa.table({"Committee ID": ["CAC-1"], "Role": [["a", "b"]]}), roster)
    book = write_workbook(tmp_path / "wb.xlsx", compliant())
    run = run_cli("check", book, "--set", MINIMAL_SET, "--table", f"committee_roster={roster}")
    assert run.exit_code == 2 and "column 'Role' holds list" in run.output


def test_a_roster_filed_beside_the_workbook_is_read_in_place_of_its_sheet(
        run_cli: Run, tmp_path: Path) -> None:
    book = compliant()
    workbook = write_workbook(tmp_path / "acme-2026q1.xlsx", book)
    alone = statuses(result(run_cli, workbook))
    rows = [*book["Committee_Roster"][:1], ["CAC-1", "provider", "Lane"]]
    write_csv(tmp_path / "acme-2026q1.Committee Roster.csv", rows)
    write_csv(tmp_path / "acme-2026q1.notes.csv", [["anything"]])
    beside = result(run_cli, workbook)
    text = json.dumps(beside)
    assert "'Committee_Roster' was read from the file acme-2026q1.Committee Roster.csv" in text
    assert statuses(beside) != alone  # one provider: no consumer majority
    explicit = write_csv(tmp_path / "other.csv", book["Committee_Roster"])
    assert statuses(result(run_cli, workbook, "--table", f"committee_roster={explicit}")) == (
        alone)


def test_two_rosters_beside_for_one_sheet_are_refused(run_cli: Run, tmp_path: Path) -> None:
    book = compliant()
    workbook = write_workbook(tmp_path / "acme.xlsx", book)
    write_csv(tmp_path / "acme.committee_roster.csv", book["Committee_Roster"])
    write_csv(tmp_path / "acme.Committee_Roster.parquet", book["Committee_Roster"])
    run = run_cli("check", workbook, "--set", MINIMAL_SET)
    assert run.exit_code == 2 and "two roster files beside acme.xlsx" in run.output


def test_a_parquet_roster_too_large_to_read_is_refused(run_cli: Run, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from compliance.reader import frames

    monkeypatch.setattr(frames, "MAX_PARQUET_ROWS", 5)
    roster = tmp_path / "roster.parquet"
    parquet.write_table(pa.table({"Committee ID": ["CAC-1"] * 8}), roster)
    book = write_workbook(tmp_path / "wb.xlsx", compliant())
    run = run_cli("check", book, "--set", MINIMAL_SET, "--table", f"committee_roster={roster}")
    assert run.exit_code == 2 and "over the limit" in run.output
    assert len(run.output.strip().splitlines()) == 1
