"""`compliance batch`: discovery, per-file failures, exit codes, summary, portfolio, trend."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from compliance.batch.discover import Found, find_submissions, report_stems
from compliance.batch.progress import Progress
from compliance.batch.runner import chunk_size, largest_first, run_jobs
from compliance.batch.table import safe
from compliance.batch.worker import Job, Settings
from tests.conftest import MINIMAL_SET
from tests.workbooks import ROSTER_HEADER, compliant, cover, failing, write_workbook

Run = Callable[..., Result]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three MCOs (one failing), an unreadable file, a lock file and a non-workbook."""
    root = tmp_path / "q1"
    (root / "north").mkdir(parents=True)
    write_workbook(root / "mco-001.xlsx", compliant())
    sheets = failing()
    sheets["Cover"] = cover(MCO_ID="MCO-002", MCO_name="@SUM(1) <b>Bold</b>")
    write_workbook(root / "north" / "mco-002.xlsx", sheets)
    sheets = compliant()
    sheets["Cover"] = cover(MCO_ID="MCO-003", MCO_name="Willamette Health")
    write_workbook(root / "north" / "mco-003.xlsm", sheets)
    (root / "broken.xlsx").write_text("name,value\n")
    (root / "~$mco-001.xlsx").write_bytes(b"lock")
    (root / "readme.txt").write_text("not a submission")
    return root


def summary(out: Path) -> dict[str, Any]:
    data = json.loads((out / "summary.json").read_text())
    return {entry["file"]: entry for entry in data["submissions"]}


def test_batch_checks_everything_and_records_unreadable_files(run_cli: Run, folder: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("batch", folder, "--output-dir", out, "--set", MINIMAL_SET, "--jobs", "1")
    assert result.exit_code == 2  # one file could not be checked
    entries = summary(out)
    assert sorted(entries) == ["broken.xlsx", "mco-001.xlsx", "north/mco-002.xlsx",
                               "north/mco-003.xlsm", "readme.txt"]
    assert "not an Excel workbook" in str(entries["broken.xlsx"]["error"])
    assert entries["north/mco-002.xlsx"]["passed"] is False
    assert entries["mco-001.xlsx"]["reports"]["json"] == "reports/mco-001.json"
    report = json.loads((out / "reports" / "north__mco-002.json").read_text())
    assert report["submission"]["mco_id"] == "MCO-002"
    assert "Checked 5 files: 2 pass, 1 fail, 2 could not be checked" in result.stdout


@pytest.mark.parametrize(("names", "code"), [(["mco-001.xlsx"], 0),
                                             (["mco-001.xlsx", "north/mco-002.xlsx"], 1)])
def test_exit_codes_follow_check(run_cli: Run, folder: Path, tmp_path: Path, names: list[str],
                                 code: int) -> None:
    files = [folder / name for name in names]
    result = run_cli("batch", *files, "-o", tmp_path / "out", "--set", MINIMAL_SET, "-q")
    assert result.exit_code == code and result.output == ""


def test_a_worker_pool_gives_the_same_results(run_cli: Run, folder: Path, tmp_path: Path) -> None:
    run_cli("batch", folder, "-o", tmp_path / "one", "--set", MINIMAL_SET, "-j", "1")
    result = run_cli("batch", folder, "-o", tmp_path / "two", "--set", MINIMAL_SET, "-j", "2")
    assert result.exit_code == 2

    def scores(out: Path) -> dict[str, object]:
        return {name: e["score"] for name, e in summary(out).items()}

    assert scores(tmp_path / "one") == scores(tmp_path / "two")
    assert len(scores(tmp_path / "two")) == 5


def test_progress_is_quiet_when_stderr_is_not_a_terminal(run_cli: Run, folder: Path,
                                                         tmp_path: Path) -> None:
    result = run_cli("batch", folder, "-o", tmp_path / "out", "--set", MINIMAL_SET)
    assert result.stderr == "" and "Checking" not in result.output


def test_progress_line_on_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(4, enabled=True, stream=stream)
    progress.advance("a.xlsx")
    progress.advance("north/b.xlsx")
    progress.close()
    text = stream.getvalue()
    assert "Checking 1/4 [######" in text and " 25%  a.xlsx" in text
    assert "Checking 2/4 [############" in text and "north/b.xlsx" in text
    assert text.endswith("\r")
    silent = io.StringIO()
    quiet = Progress(4, enabled=False, stream=silent)
    quiet.advance("a.xlsx")
    quiet.close()
    assert silent.getvalue() == ""


def test_output_inside_the_input_folder_is_skipped(run_cli: Run, folder: Path) -> None:
    out = folder / "portfolio"
    run_cli("batch", folder, "-o", out, "--set", MINIMAL_SET)
    write_workbook(out / "stray.xlsx", compliant())
    run_cli("batch", folder, "-o", out, "--set", MINIMAL_SET)
    assert "portfolio/stray.xlsx" not in summary(out)


def test_discovery_and_report_names(folder: Path, tmp_path: Path) -> None:
    found = find_submissions([folder, folder / "mco-001.xlsx"], skip=tmp_path / "out")
    assert [f.name for f in found if f.workbook] == [
        "broken.xlsx", "mco-001.xlsx", "north/mco-002.xlsx", "north/mco-003.xlsm"]
    assert [f.name for f in found if not f.workbook] == ["readme.txt"]
    stems = report_stems([Found(Path("a"), "Q1/MCO 1.xlsx"), Found(Path("b"), "q1/mco_1.xlsx"),
                          Found(Path("c"), "Q1/MCO-1.xlsx"), Found(Path("d"), "q1__mco 1.xlsx"),
                          Found(Path("e"), "../../etc/passwd.xlsx")])
    assert stems == ["Q1__MCO_1", "q1__mco_1-2", "Q1__MCO-1", "q1__mco_1-3",
                     "__..__etc__passwd"]
    assert all("/" not in stem for stem in stems)


def test_summary_csv_is_one_row_per_requirement_and_injection_safe(run_cli: Run, folder: Path,
                                                                    tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli("batch", folder, "-o", out, "--set", MINIMAL_SET)
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 3 * 6 + 2  # three checked submissions x six requirements, two failures
    names = {row["mco_name"] for row in rows}
    assert "'@SUM(1) <b>Bold</b>" in names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    broken = next(row for row in rows if row["file"] == "broken.xlsx")
    assert broken["gate"] == "error" and broken["requirement_id"] == "" and broken["error"]


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("plain", "plain"), (-2.5, -2.5), (None, None)])
def test_csv_cells_are_defused(value: str | float | None, expected: str | float | None) -> None:
    assert safe(value) == expected


def test_portfolio_is_self_contained_escaped_and_linked(run_cli: Run, folder: Path,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli("batch", folder, "-o", out, "--set", MINIMAL_SET)
    page = (out / "index.html").read_text()
    assert "<b>Bold</b>" not in page and "&lt;b&gt;Bold&lt;/b&gt;" in page
    assert "<script" not in page and "src=" not in page and "http://" not in page
    assert "Could not be checked (2)" in page and "not an Excel workbook" in page
    assert "Community engagement" in page and "Willamette Health" in page
    links = [part.split('"')[0] for part in page.split('href="')[1:]]
    assert links and all(not link.startswith(("/", "http", "..")) for link in links)
    assert all((out / link).is_file() for link in links)
    gaps = page[page.index("Most common gaps"):]
    assert "ADV-04" in gaps and "MCO-002" in gaps


def test_no_workbooks_and_bad_inputs_exit_2(run_cli: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("batch", empty, "-o", tmp_path / "out", "--set", MINIMAL_SET)
    assert result.exit_code == 2 and "no files found" in result.output
    assert run_cli("batch", tmp_path / "nope", "-o", tmp_path / "out",
                   "--set", MINIMAL_SET).exit_code == 2
    write_workbook(empty / "a.xlsx", compliant())
    bad_set = run_cli("batch", empty, "-o", tmp_path / "out", "--set", "no-such-set")
    assert bad_set.exit_code == 2 and not (tmp_path / "out" / "summary.json").exists()
    bad_format = run_cli("batch", empty, "-o", tmp_path / "out", "--set", MINIMAL_SET,
                         "--format", "pdf")
    assert bad_format.exit_code == 2 and "unknown format 'pdf'" in bad_format.output


def test_waivers_in_a_batch(run_cli: Run, folder: Path, tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "mcos: [MCO-001, MCO-002]\nwaivers:\n  - {requirement: ADV-04, mco_id: MCO-002, "
        "from: 2026-01-01, justification: Merger, approved_by: J. Rivera, "
        "approved_on: 2026-01-15}\ncaps:\n  - {id: CAP-9, requirement: DEM-01, mco_id: MCO-002,"
        " opened: 2026-01-02, due: 2026-02-01, status: open}\n")
    out = tmp_path / "out"
    run_cli("batch", folder, "-o", out, "--set", MINIMAL_SET, "--waivers", waivers)
    rows = {r["id"]: r for r in summary(out)["north/mco-002.xlsx"]["requirements"]}
    assert rows["ADV-04"]["status"] == "waived" and rows["ADV-04"]["waived_by"] == "J. Rivera"
    assert rows["DEM-01"]["notes"] == ["CAP-9 open until 2026-02-01 (overdue)"]
    page = (out / "index.html").read_text()
    assert "Overdue corrective action plans (1)" in page


def test_a_bad_waiver_file_stops_the_batch_before_checking(run_cli: Run, folder: Path,
                                                            tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("mcos: [MCO-001]\nwaivers:\n  - {requirement: ADV-99, mco_id: MCO-001, "
                       "from: 2026-01-01, justification: x, approved_by: y, "
                       "approved_on: 2026-01-15}\n")
    out = tmp_path / "out"
    result = run_cli("batch", folder, "-o", out, "--set", MINIMAL_SET, "--waivers", waivers)
    assert result.exit_code == 2
    assert "waivers.yaml:3:" in result.output and "ADV-99" in result.output
    assert not (out / "reports").exists()


def test_previous_quarter_adds_the_trend(run_cli: Run, folder: Path, tmp_path: Path) -> None:
    run_cli("batch", folder, "-o", tmp_path / "q1-out", "--set", MINIMAL_SET)
    q2 = tmp_path / "q2"
    q2.mkdir()
    improved = compliant()
    improved["Cover"] = cover(MCO_ID="MCO-002", Reporting_period_start=dt.date(2026, 4, 1),
                              Reporting_period_end=dt.date(2026, 6, 30))
    improved["Committee_Roster"] = [ROSTER_HEADER] + [["CAC-1", "enrollee", "Lane"]] * 4 + [
        ["CAC-1", "provider", "Lane"]] * 4
    write_workbook(q2 / "mco-002.xlsx", improved)
    write_workbook(q2 / "mco-009.xlsx", {**compliant(), "Cover": cover(MCO_ID="MCO-009")})
    out = tmp_path / "q2-out"
    result = run_cli("batch", q2, "-o", out, "--set", MINIMAL_SET, "--previous",
                     tmp_path / "q1-out")
    # Better than last quarter, yet 50% consumers is not the critical majority: it fails.
    assert result.exit_code == 1
    page = (out / "index.html").read_text()
    assert "compared with q1-out" in page and "no match last quarter" in page
    row = page[page.index("mco-002.xlsx"):]
    resolved = '<span class="nowrap">ADV-04</span>, <span class="nowrap">DEM-01</span>'
    assert resolved in row  # resolved since last quarter
    assert 'href="diffs/mco-002.html"' in page
    detail = (out / "diffs" / "mco-002.html").read_text()
    assert "Resolved (2)" in detail and "40% (weakest of 2 groups) &rarr; 50%" in detail


def test_previous_must_be_a_batch_folder(run_cli: Run, folder: Path, tmp_path: Path) -> None:
    result = run_cli("batch", folder, "-o", tmp_path / "out", "--set", MINIMAL_SET,
                     "--previous", tmp_path)
    assert result.exit_code == 2 and "summary.json" in result.output
    same = run_cli("batch", folder, "-o", tmp_path / "out", "--set", MINIMAL_SET,
                   "--previous", tmp_path / "out")
    assert same.exit_code == 2


def test_chunks_keep_every_worker_busy() -> None:
    assert chunk_size(200, 2) == 4
    assert chunk_size(10, 8) == 1
    assert chunk_size(100_000, 4) == 16


def test_the_largest_workbooks_go_first_and_entries_keep_job_order(tmp_path: Path) -> None:
    sizes = [3, 40, 1, 40, 25, 0]
    jobs = []
    for n, size in enumerate(sizes):
        path = tmp_path / f"f{n}.xlsx"
        path.write_bytes(b"x" * size)
        jobs.append(Job(path=str(path), file=path.name, stem=path.stem, set_ref=None))
    jobs.append(Job(path=str(tmp_path / "gone.xlsx"), file="gone.xlsx", stem="gone",
                    set_ref=None))
    assert largest_first(jobs) == [1, 3, 4, 0, 2, 5, 6]
    settings = Settings(out_dir=str(tmp_path / "out"), formats=(), waivers=None,
                        fail_under=None, fail_on=None, suppress=True,
                        generated_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    entries = run_jobs(jobs, settings, 2, Progress(len(jobs), enabled=False))
    assert [entry.file for entry in entries] == [job.file for job in jobs]
    assert all(entry.error for entry in entries)  # none is a workbook


def test_without_set_each_workbook_gets_its_own(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    write_workbook(folder / "oregon.xlsx", compliant())
    write_workbook(folder / "nowhere.xlsx", {**compliant(), "Cover": cover(State="ZZ")})
    result = run_cli("batch", folder, "-o", tmp_path / "out", "-j", "1")
    assert result.exit_code == 2
    entries = summary(tmp_path / "out")
    assert entries["oregon.xlsx"]["set_id"] == "oregon-cco"
    assert "cannot tell which requirement set applies" in entries["nowhere.xlsx"]["error"]


def test_report_stems_keep_accented_letters_as_plain_ones() -> None:
    stems = report_stems([Found(Path("a"), "Plan Ñandú – Q2 (final).xlsx"),
                          Found(Path("b"), "Salud Ñ.xlsx")])
    assert stems == ["Plan_Nandu_Q2_final_", "Salud_N"]


def test_every_file_in_the_folder_is_accounted_for(run_cli: Run, tmp_path: Path) -> None:
    import zipfile

    root = tmp_path / "intake"
    (root / ".git").mkdir(parents=True)
    write_workbook(root / "mco-001.xlsx", compliant())
    (root / "mco-002.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
                                       + "Workbook".encode("utf-16-le") + b"\0\0")
    (root / "mco-003.csv").write_text("Field,Value\nMCO ID,MCO-003\n")
    (root / "mco-004.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\n")
    with zipfile.ZipFile(root / "mco-005.ods", "w") as ods:  # what Calc writes first
        ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        ods.writestr("content.xml", "<office:document-content/>")
    (root / "~$mco-001.xlsx").write_bytes(b"lock")
    (root / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    out = tmp_path / "out"
    result = run_cli("batch", root, "-o", out, "--set", MINIMAL_SET, "-j", "1")
    assert result.exit_code == 2
    entries = summary(out)
    expected = {"mco-002.xls": "legacy .xls (Excel 97-2003) workbook",
                "mco-003.csv": "text (CSV?) file", "mco-004.pdf": "PDF document",
                "mco-005.ods": "OpenDocument spreadsheet (.ods)"}
    assert sorted(entries) == sorted(["mco-001.xlsx", *expected])
    for name, reason in expected.items():
        assert reason in entries[name]["error"] and entries[name]["reports"] == {}
        assert re.search(rf"^  \S*{re.escape(name)}: is an? {re.escape(reason)}",
                         result.stdout, re.M)  # the terminal names it too
    page = (out / "index.html").read_text()
    assert f"Could not be checked ({len(expected)})" in page
    assert all(name in page for name in expected)
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text("utf-8-sig"))))
    assert {r["file"] for r in rows if r["gate"] == "error"} == set(expected)


def test_resubmissions_are_flagged_newest_first(run_cli: Run, tmp_path: Path) -> None:
    root = tmp_path / "q1"
    root.mkdir()
    for name, submitted in (("first.xlsx", dt.date(2026, 4, 10)),
                            ("corrected.xlsx", dt.date(2026, 4, 25)),
                            ("again.xlsx", dt.date(2026, 4, 18))):
        write_workbook(root / name, {**compliant(), "Cover": cover(Submission_date=submitted)})
    write_workbook(root / "other.xlsx", {**compliant(), "Cover": cover(MCO_ID="MCO-002")})
    out = tmp_path / "out"
    result = run_cli("batch", root, "-o", out, "--set", MINIMAL_SET, "-j", "1")
    assert result.exit_code == 0
    entries = summary(out)
    ranks = {name: entries[name]["resubmission"] for name in entries}
    assert ranks["other.xlsx"] is None
    assert [ranks[n]["rank"] for n in ("corrected.xlsx", "again.xlsx", "first.xlsx")] == [1, 2, 3]
    assert {ranks[n]["newest"] for n in ("again.xlsx", "first.xlsx")} == {"corrected.xlsx"}
    page = (out / "index.html").read_text()
    order = [page.index(f"<small>{n}</small>") for n in
             ("corrected.xlsx", "again.xlsx", "first.xlsx")]
    assert order == sorted(order)
    assert "Resubmission: newest of 3 filings for this period" in page
    assert "Resubmission: filing 3 of 3, replaced by corrected.xlsx" in page
    assert "first.xlsx: MCO-001, 2026-01-01 to 2026-03-31: filing 3 of 3" in result.stdout
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text("utf-8-sig"))))
    assert {r["resubmission"] for r in rows if r["file"] == "again.xlsx"} == {
        "filing 2 of 3, replaced by corrected.xlsx"}


def test_same_names_in_two_folders_never_collide(run_cli: Run, tmp_path: Path) -> None:
    for quarter, mco in (("q1", "MCO-001"), ("q2", "MCO-002")):
        (tmp_path / quarter).mkdir()
        write_workbook(tmp_path / quarter / "plan.xlsx",
                       {**compliant(), "Cover": cover(MCO_ID=mco)})
    write_workbook(tmp_path / "q2" / "Plan.xlsm", {**compliant(), "Cover": cover(MCO_ID="MCO-3")})
    out = tmp_path / "out"
    run_cli("batch", tmp_path / "q1", tmp_path / "q2", "-o", out, "--set", MINIMAL_SET, "-j", "1")
    entries = summary(out)
    assert sorted(entries) == ["Plan.xlsm", "plan.xlsx", "q2/plan.xlsx"]
    reports = [entries[name]["reports"]["json"] for name in entries]
    assert len(set(reports)) == 3
    owners = {json.loads((out / entries[name]["reports"]["json"]).read_text())["submission"][
        "mco_id"] for name in entries}
    assert owners == {"MCO-001", "MCO-002", "MCO-3"}


def test_the_trend_compares_with_last_quarters_newest_filing(run_cli: Run,
                                                             tmp_path: Path) -> None:
    q1 = tmp_path / "q1"
    q1.mkdir()
    write_workbook(q1 / "a-first.xlsx", {**failing(), "Cover": cover(
        Submission_date=dt.date(2026, 4, 10))})
    write_workbook(q1 / "b-corrected.xlsx", {**compliant(), "Cover": cover(
        Submission_date=dt.date(2026, 4, 25))})
    run_cli("batch", q1, "-o", tmp_path / "q1-out", "--set", MINIMAL_SET, "-j", "1")
    q2 = tmp_path / "q2"
    q2.mkdir()
    write_workbook(q2 / "q2.xlsx", {**compliant(), "Cover": cover(
        Reporting_period_start=dt.date(2026, 4, 1), Reporting_period_end=dt.date(2026, 6, 30))})
    out = tmp_path / "q2-out"
    run_cli("batch", q2, "-o", out, "--set", MINIMAL_SET, "--previous", tmp_path / "q1-out")
    page = (out / "index.html").read_text()
    row = page[page.index("<small>q2.xlsx</small>"):]
    assert "from 100" in row  # the corrected filing, not the first one at 48.98


def test_a_folder_of_only_non_workbooks_is_still_a_portfolio(run_cli: Run,
                                                             tmp_path: Path) -> None:
    folder = tmp_path / "q1"
    folder.mkdir()
    (folder / "mco-001.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    out = tmp_path / "out"
    result = run_cli("batch", folder, "-o", out, "--set", MINIMAL_SET)
    assert result.exit_code == 2 and "Could not be checked (1):" in result.stdout
    assert "mco-001.xls" in summary(out) and "Could not be checked (1)" in (
        out / "index.html").read_text()


def test_a_roster_beside_a_workbook_is_read_with_it(run_cli: Run, tmp_path: Path) -> None:
    root = tmp_path / "intake"
    root.mkdir()
    book = compliant()
    write_workbook(root / "mco-001.xlsx", book)
    lines = [",".join(map(str, row)) for row in
             [ROSTER_HEADER, ["CAC-1", "provider", "Lane"]]]
    (root / "mco-001.Committee_Roster.csv").write_text("\n".join(lines) + "\n")
    (root / "mco-001.notes.csv").write_text("not a roster\n")
    out = tmp_path / "out"
    result = run_cli("batch", root, "-o", out, "--set", MINIMAL_SET, "-j", "1")
    entries = summary(out)
    assert sorted(entries) == ["mco-001.notes.csv", "mco-001.xlsx"]
    assert "text (CSV?) file" in entries["mco-001.notes.csv"]["error"]
    report = json.loads((out / entries["mco-001.xlsx"]["reports"]["json"]).read_text())
    notes = [n["message"] for n in report["submission"]["notes"]]
    assert any("read from the file mco-001.Committee_Roster.csv" in n for n in notes)
    assert result.exit_code == 2
