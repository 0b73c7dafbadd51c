"""Large table sheets read column by column give exactly what the general reader gives.

The column-by-column path (`compliance.reader.columnar`) is taken by sheets of
`COLUMNAR_ROWS` rows or more. Here the threshold is lowered so that every table of
every sample filing, and generated member rosters full of what filers type, are read
both ways: the bound tables (rows, headers, values, unreadable cells) and the notes
must be equal, and so must the whole result of a check.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.api import check_workbook
from compliance.checks.records import shown
from compliance.errors import SubmissionError
from compliance.evaluation.submission import Invalid, Submission
from compliance.reader import bind as bind_module
from compliance.reader import columnar
from compliance.reader.bind import read_submission
from compliance.reader.celltypes import stored_cells
from compliance.reader.columnar import Frame
from compliance.reader.frames import SheetFrames
from compliance.reader.typedtext import typed_value
from compliance.reader.workbook import RawWorkbook, open_workbook, special_by_row
from compliance.sets.loader import load_requirement_set
from compliance.sets.selection import choose_set
from tests.test_samples import IDS, SAMPLES
from tests.workbooks import write_workbook

ROSTER = ["Member key", "Age", "County", "Race and ethnicity", "Race and ethnicity source",
          "Detailed ethnicity", "Preferred spoken language", "Disability",
          "Disability onset age", "Sex", "Enrolled on", "Respondent"]


class Spy:
    """Counts the tables bound column by column."""

    def __init__(self) -> None:
        self.calls = 0
        self.real = columnar.bind_frame

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.real(*args, **kwargs)


def both_ways(monkeypatch: pytest.MonkeyPatch, read: Any) -> tuple[Any, Any, int]:
    """`read()` by the general reader, then with every table sheet read column by column."""
    general = read()
    spy = Spy()
    with monkeypatch.context() as patch:
        patch.setattr(bind_module, "COLUMNAR_ROWS", 1)
        patch.setattr(columnar, "bind_frame", spy)
        by_column = read()
    return general, by_column, spy.calls


def as_filed(value: Any) -> Any:
    """An unreadable value by its reason and as findings show it.

    A text cell holding `45000` and a number cell holding 45000 both reach the column
    reader as the text `45000`; either is shown as `45000` wherever it is reported.
    """
    return (shown(value), value.reason) if isinstance(value, Invalid) else value


def tables_of(submission: Submission) -> dict[str, Any]:
    return {sheet_id: (t.name, t.header_row, t.rows,
                       {f: (c.letter, c.header, [as_filed(v) for v in c.values])
                        for f, c in t.columns.items()})
            for sheet_id, t in submission.tables.items()}


@pytest.mark.parametrize("path", SAMPLES, ids=IDS)
def test_every_sample_reads_alike_column_by_column(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_id = choose_set(path)
    spec = load_requirement_set(set_id).workbook
    general, by_column, calls = both_ways(monkeypatch, lambda: read_submission(path, spec))
    assert calls >= 3
    assert tables_of(by_column) == tables_of(general)
    assert by_column.notes == general.notes
    first, second, _ = both_ways(monkeypatch, lambda: check_workbook(path, set_id))
    assert second.model_dump(exclude={"generated_at"}) == first.model_dump(
        exclude={"generated_at"})


COUNTIES = ["Lane", "Linn", " Benton", "benton ", "\u00a0Marion", "", "1,234", "N/A", "n/a",
            "Suppressed", "45000", "0.5", 7, 1.5, 1.23e-7, 0.1 + 0.2, True, "TRUE",
            dt.date(2026, 3, 31), dt.datetime(2026, 3, 31, 14, 30), "Sunnyvale"]
AGES = [34, 34.0, "34", " 34 ", "forty", 130, -1, 2.5, "", "N/A", "1,000", True,
        dt.date(2024, 1, 2), "#DIV/0!", "=1/0"]
RACES = ["White", "white", "WHITE ", "Declined", "Unknown", "Hispanic or Latino", "Other place",
         "", "N/A", 3, "Black or African American"]
SOURCES = ["Self-reported", "Imputed", "Proxy", "self", "", "State file", "834", 834]
DATES = [dt.date(2024, 10, 22), dt.datetime(2024, 10, 22, 13, 45, 7), "2024-10-22",
         "10/22/2024", "October 22, 2024", "22/10/2024", "02/30/2024", 45000, 45000.75,
         dt.time(12, 30), "", "N/A", "soon", 0, "#N/A", "=TODAY()"]
ONSET = [3, "N/A", "n/a", "", 200, "unknown", 12.0]
SEX = ["F", "M", "Female", "male", "U", "x", "", "Suppressed"]


def messy_rows(count: int, seed: int) -> list[list[Any]]:
    rnd = random.Random(seed)
    rows: list[list[Any]] = []
    for n in range(count):
        odd = rnd.random() < 0.3
        rows.append([
            f"M{n:07d}" if rnd.random() > 0.02 else rnd.choice(["", "N/A", " M1 ", "Smith"]),
            rnd.choice(AGES) if odd else rnd.randint(0, 99),
            rnd.choice(COUNTIES), rnd.choice(RACES), rnd.choice(SOURCES),
            rnd.choice(["Mexican", "", "Somali", "N/A", "Hmong "]),
            rnd.choice(["English", "Spanish", "", "  "]),
            rnd.choice(["Yes", "No", "Declined", "", "yes", True]),
            rnd.choice(ONSET), rnd.choice(SEX),
            rnd.choice(DATES) if odd else dt.date(2024, 1 + n % 12, 1 + n % 28),
            rnd.choice(["Self", "Proxy", "Parent", "", "Unknown", "nobody"]),
        ])
        if rnd.random() < 0.03:
            rows.append([None] * len(ROSTER))  # a blank row between records
    return rows


def roster_workbook(path: Path, rows: list[list[Any]], *, title_rows: int = 0,
                    blank_columns: int = 0) -> Path:
    pad: list[Any] = [None] * blank_columns
    grid: list[list[Any]] = [[None]] * title_rows
    if title_rows:
        grid = [[*pad, "Member_Roster: one row per member"], *[[None]] * (title_rows - 1)]
    grid += [[*pad, *ROSTER], *[[*pad, *row] for row in rows]]
    return write_workbook(path, {"Member_Roster": grid})


def federal_spec() -> Any:
    return load_requirement_set("federal-baseline").workbook


def read_both_ways(monkeypatch: pytest.MonkeyPatch, path: Path) -> Submission:
    """A member roster read both ways: equal tables and notes; the column-read one."""
    spec = federal_spec()
    general, by_column, calls = both_ways(monkeypatch, lambda: read_submission(path, spec))
    assert calls == 1
    assert tables_of(by_column) == tables_of(general)
    assert by_column.notes == general.notes
    assert isinstance(by_column, Submission)
    return by_column


@pytest.mark.parametrize(("seed", "title_rows", "blank_columns"),
                         [(0, 0, 0), (1, 3, 0), (2, 0, 2), (3, 5, 1), (4, 2, 3)])
def test_a_messy_member_roster_reads_alike_column_by_column(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, title_rows: int,
        blank_columns: int) -> None:
    path = roster_workbook(tmp_path / "roster.xlsx", messy_rows(400, seed),
                           title_rows=title_rows, blank_columns=blank_columns)
    spec = federal_spec()
    general, by_column, calls = both_ways(monkeypatch, lambda: read_submission(path, spec))
    assert calls == 1
    roster = general.tables["member_roster"]
    assert len(roster) > 300
    assert tables_of(by_column) == tables_of(general)
    assert by_column.notes == general.notes


# Text in the shapes fastexcel gives typed cells: looked up in the sheet when it matters.
LOOKALIKES = ["true", "false", "2024-10-22 00:00:00", "1899-12-31 12:30:00", "45000", "1.5"]
CELLS = st.sampled_from([*COUNTIES, *AGES, *RACES, *DATES, *SEX, *LOOKALIKES, None])


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(st.lists(st.lists(CELLS, min_size=1, max_size=len(ROSTER)), min_size=1, max_size=30),
       st.integers(0, 4), st.integers(0, 2))
def test_any_grid_of_filed_values_reads_alike_column_by_column(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        rows: list[list[Any]], title_rows: int, blank_columns: int) -> None:
    path = roster_workbook(tmp_path_factory.mktemp("grid") / "grid.xlsx", rows,
                           title_rows=title_rows, blank_columns=blank_columns)
    read_both_ways(monkeypatch, path)


def test_a_roster_with_a_merged_title_over_its_header_reads_alike(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    grid: list[list[Any]] = [["Member details", None, None, "Demographics"],
                             ["Member key", "Age", "County", "Race and ethnicity"],
                             *[[f"M{n}", 30 + n % 5, "Lane", "White"] for n in range(50)]]
    path = write_workbook(tmp_path / "merged.xlsx", {"Member_Roster": grid},
                          merged={"Member_Roster": ["A1:C1"]})
    read_both_ways(monkeypatch, path)


def test_text_shaped_like_a_typed_cell_is_read_as_it_was_filed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows: list[list[Any]] = [
        ["M1", 30, "Lane", "White", "Self", "", "", "No", "N/A", "F", "45000", "Self"],
        ["M2", 30, "true", "White", "Self", "", "", "No", "N/A", "F", 45000, "Self"],
        ["M3", 30, True, "White", "Self", "", "", "No", "N/A", "F", "2024-10-22 00:00:00",
         "Self"],
    ]
    path = roster_workbook(tmp_path / "lookalikes.xlsx", rows)
    by_column = read_both_ways(monkeypatch, path)
    columns = by_column.tables["member_roster"].columns
    enrolled = columns["enrolled_on"].values
    assert isinstance(enrolled[0], Invalid) and enrolled[0].raw == "45000"
    assert enrolled[1] == dt.date(2023, 3, 15)
    assert enrolled[2] == dt.date(2024, 10, 22)
    assert columns["county"].values[:2] == ["Lane", "true"]


REAL = Path("/work/shared/real_xlsx")
WORKBOOKS = [*SAMPLES, *sorted(REAL.glob("*.xlsx"))]


def general_grid(raw: RawWorkbook, name: str) -> dict[tuple[int, int], Any]:
    return {(number, col): value for number, cells in raw.rows(name)
            for col, value in enumerate(cells) if value != "" and value is not None}


def frame_grid(frame: Frame) -> dict[tuple[int, int], Any]:
    found: dict[tuple[int, int], Any] = {}
    columns = [c.to_pylist() for c in frame.data.columns]
    for j, column in enumerate(columns):
        for i, text in enumerate(column):
            if text is not None and text != "":
                found[frame.first_row + i, frame.first_col + j] = text
    return found


@pytest.mark.parametrize("path", WORKBOOKS, ids=[p.name for p in WORKBOOKS])
def test_every_sheet_loads_as_the_grid_the_general_reader_sees(path: Path) -> None:
    """Cell for cell: same places, same values once typed, text as filed where in doubt."""
    try:
        raw = open_workbook(path)
    except SubmissionError:
        pytest.skip("refused by the preflight")
    try:
        frames = SheetFrames(raw.preflight)
        for part in raw.sheets:
            if part.first is None:
                continue
            frame = frames.load(part)
            if frame is None:
                continue
            general = general_grid(raw, part.name)
            texts = frame_grid(frame)
            special = {(n, c) for n, cells in special_by_row(part.special).items()
                       for c in cells}
            assert set(texts) - special <= set(general)
            early = "1904-03-01" if raw.preflight.date1904 else "1900-03-01"
            # A time of day or a date in the first two months of the epoch may be a duration:
            # the column reader leaves such a sheet to the general reader.
            doubtful = [cell for cell, text in texts.items()
                        if cell not in special and not (text[:4].isdigit() and text < early)
                        and typed_value(text, raw.preflight.date1904) != general[cell]]
            stored = stored_cells(str(path), part.part, doubtful)
            for cell in doubtful:
                found = stored[cell]
                assert general[cell] == (texts[cell] if found.text else float(found.value or "")
                                         ), cell
            assert {c for c, v in general.items() if not isinstance(v, Invalid)} <= set(texts)
    finally:
        raw.close()


def test_a_duration_sends_the_sheet_to_the_general_reader(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows: list[list[Any]] = [[f"M{n}", 30, "Lane", "White", "Self", "", "", "No", "N/A", "F",
                              dt.date(2024, 1, 1), "Self"] for n in range(20)]
    rows[5][10] = dt.timedelta(days=10, hours=3)
    rows[6][10] = dt.time(10, 30)
    path = roster_workbook(tmp_path / "durations.xlsx", rows)
    by_column = read_both_ways(monkeypatch, path)
    enrolled = by_column.tables["member_roster"].columns["enrolled_on"].values
    assert isinstance(enrolled[5], Invalid) and isinstance(enrolled[6], Invalid)


def test_a_date_cell_that_is_no_date_is_never_read_as_blank(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fastexcel shows a date-formatted 1e300 as empty: the general reader reads the sheet."""
    rows: list[list[Any]] = [[f"M{n}", 30, "Lane", "White", "Self", "", "", "No", "N/A", "F",
                              dt.date(2024, 1, 1), "Self"] for n in range(20)]
    path = roster_workbook(tmp_path / "huge.xlsx", rows)
    book = openpyxl.load_workbook(path)
    cell = book["Member_Roster"]["K5"]
    cell.value, cell.number_format = 1e300, "yyyy-mm-dd"
    book.save(path)
    spec = federal_spec()
    general, by_column, calls = both_ways(monkeypatch, lambda: read_submission(path, spec))
    assert calls == 0
    assert tables_of(by_column) == tables_of(general)
    enrolled = by_column.tables["member_roster"].columns["enrolled_on"].values
    assert isinstance(enrolled[3], Invalid)
