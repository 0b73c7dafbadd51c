"""Builds small .xlsx files for tests, deterministically (fixed timestamps)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook

FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
Rows = list[list[Any]]


def write_workbook(path: Path, sheets: dict[str, Rows], *, hidden: tuple[str, ...] = (),
                   merged: dict[str, list[str]] | None = None) -> Path:
    """Write `sheets` (name -> rows from A1) to `path`; returns the path."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
        for cell_range in (merged or {}).get(name, []):
            sheet.merge_cells(cell_range)
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.save(path)
    return path


def cover(**overrides: Any) -> Rows:
    """A Cover form for the minimal set."""
    values: dict[str, Any] = {
        "MCO name": "Cascade Community Health", "MCO ID": "MCO-001", "State": "OR",
        "Program": "Test program", "Reporting period start": dt.date(2026, 1, 1),
        "Reporting period end": dt.date(2026, 3, 31), "Submission date": dt.date(2026, 4, 20),
        "Enrollment": 52000,
    }
    values.update({k.replace("_", " "): v for k, v in overrides.items()})
    return [["Field", "Value"], *[[k, v] for k, v in values.items() if v is not ...]]


ROSTER_HEADER = ["Committee ID", "Role", "County"]
MEETINGS_HEADER = ["Committee ID", "Meeting date", "Members present", "Consumers present"]
DEMOGRAPHICS_HEADER = ["Element", "Category code", "Count"]


def compliant() -> dict[str, Rows]:
    """Every requirement of the minimal set met."""
    roster: Rows = [ROSTER_HEADER, *[["CAC-1", "Current enrollee", "Lane"]] * 6,
                    ["CAC-1", "provider", "Lane"], ["CAC-1", "county_gov", "Lane"]]
    meetings: Rows = [MEETINGS_HEADER, ["CAC-1", dt.date(2026, 2, 10), 8, 6]]
    demographics: Rows = [DEMOGRAPHICS_HEADER, ["race_eth", "white", 600],
                          ["race_eth", "black", 250], ["race_eth", "declined", 100],
                          ["race_eth", "unknown", 50]]
    return {"Cover": cover(), "Committee_Roster": roster, "Committee_Meetings": meetings,
            "Member_Demographics": demographics}


def failing() -> dict[str, Rows]:
    """Consumer share too low, a committee with no meeting, poor demographic completeness."""
    roster: Rows = [ROSTER_HEADER, *[["CAC-1", "enrollee", "Lane"]] * 4,
                    *[["CAC-1", "provider", "Lane"]] * 6, *[["CAC-2", "caregiver", "Linn"]] * 3]
    meetings: Rows = [MEETINGS_HEADER, ["CAC-2", dt.date(2026, 3, 2), 3, 3]]
    demographics: Rows = [DEMOGRAPHICS_HEADER, ["race_eth", "white", 500],
                          ["race_eth", "unknown", 500]]
    return {"Cover": cover(), "Committee_Roster": roster, "Committee_Meetings": meetings,
            "Member_Demographics": demographics}


def messy() -> dict[str, Rows]:
    """Valid but untidy: aliases, text numbers, blank rows, an extra and a hidden sheet."""
    roster = [["Advisory roster, Q1"], [], ["committee id ", " ROLE", "County"],
              ["CAC-1", "Current Enrollee ", "Lane"], [], ["CAC-1", "CAREGIVER", "Lane"],
              ["CAC-1", "provider", "Lane"]]
    meetings = [MEETINGS_HEADER, ["CAC-1", "02/10/2026", "3", "2"]]
    demographics = [DEMOGRAPHICS_HEADER, ["race_eth", "white", "1,200"],
                    ["race_eth", "asian", "Suppressed"], ["race_eth", "unknown", "40"]]
    return {"Cover": cover(Enrollment="52,000"), "Advisory Roster": roster,
            "Committee_Meetings": meetings, "Member_Demographics": demographics,
            "Notes": [["Anything the MCO wants to add"]]}
