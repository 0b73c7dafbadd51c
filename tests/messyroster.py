"""A seeded Oregon filing whose member roster holds thousands of rows with the faults filers make.

Blanks, N/A and Suppressed where they are and are not accepted, codes outside the list,
codes by label, by alias and in odd case, numbers stored as text, numbers out of range,
unreadable text where a number or a date belongs, and text dates. With `readable`, every
value a measure needs can be read, so the share and consistency checks measure the rows
instead of stopping at the first unreadable cell.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.filings import OREGON

FIRST_ROW = 4
FAULT_RATE = 0.06

CLEAN: dict[str, list[Any]] = {
    "county": ["Lane", "Linn", "Benton", "Marion", "Polk"],
    "race_eth": ["White", "Hispanic or Latino", "Black", "Asian", "AIAN", "Declined",
                 "Unknown", "unknown", " white ", "MENA", "Two or more races"],
    "race_eth_source": ["Self-reported", "Self-reported", "Imputed", "Proxy", "834",
                        "Unknown source", "self"],
    "ethnicity": ["Mexican", "Vietnamese", None, "Somali", "Hmong"],
    "language_spoken": ["English", "Spanish", "Vietnamese", "Russian"],
    "language_written": ["English", "Spanish", None],
    "interpreter_need": ["Has a disability", "No disability", "No disability", "Declined"],
    "disability": ["Has a disability", "No disability", "Declined", "Unknown"],
    "sexual_orientation": ["Straight or heterosexual", None, "Gay or lesbian", "Declined"],
    "gender_identity": ["Woman", "Man", "Nonbinary", None],
    "sex": ["Female", "Male", "F", "M", "U", "Unknown"],
    "respondent": ["Self", "Self", "Proxy", "Parent", "Unknown"],
}
# Faults a measure can still read: blank answers, accepted tokens, codes outside the list.
READABLE: dict[str, list[Any]] = {
    "member_key": [None],
    "county": [None, "N/A", "Other place"],
    "race_eth": [None],
    "race_eth_source": [None],
    "respondent": [None],
    "disability_onset_age": ["N/A"],
    "ethnicity": ["N/A", "Suppressed"],
}
# Faults that cannot be read: they make the measures that need them incomplete.
UNREADABLE: dict[str, list[Any]] = {
    "age": ["forty", "42", 130, -1, 42.5, "N/A", "Suppressed", None, "#REF!"],
    "race_eth": ["Other place", "unknown code", "N/A", "Suppressed"],
    "race_eth_source": ["garbage", "N/A"],
    "disability_onset_age": ["twelve", "12", 200, "Suppressed", None],
    "disability": ["maybe", None, "N/A"],
    "sex": ["X", None],
    "enrolled_on": ["2024-03-01", "31/02/2026", "soon", None, "N/A"],
    "respondent": ["Nobody", "N/A"],
}


def _value(field: str, row: int, rnd: random.Random, faults: dict[str, list[Any]]) -> Any:
    if field in faults and rnd.random() < FAULT_RATE:
        return rnd.choice(faults[field])
    if field == "member_key":
        return f"M{row % 2900:06d}"  # a few keys repeat
    if field == "age":
        return rnd.randint(0, 99)
    if field == "disability_onset_age":
        return rnd.choice(["N/A", rnd.randint(0, 60)])
    if field == "enrolled_on":
        return dt.datetime(2024, 1, 1) + dt.timedelta(days=rnd.randint(0, 450))
    return rnd.choice(CLEAN[field])


def build_messy_filing(path: Path, rows: int = 3000, *, readable: bool = False,
                       seed: int = 7) -> Path:
    """Write the Oregon sample with `rows` messy member rows to `path`."""
    rnd = random.Random(seed)
    faults = READABLE if readable else {**READABLE, **UNREADABLE}
    book = load_workbook(OREGON)
    sheet = book["Member_Roster"]
    fields = ["member_key", "age", "county", "race_eth", "race_eth_source", "ethnicity",
              "language_spoken", "language_written", "interpreter_need", "disability",
              "disability_onset_age", "sexual_orientation", "gender_identity", "sex",
              "enrolled_on", "respondent"]
    for row in range(FIRST_ROW, FIRST_ROW + rows):
        for col, field in enumerate(fields, start=1):
            sheet.cell(row=row, column=col, value=_value(field, row, rnd, faults))
    book.save(path)
    return path
