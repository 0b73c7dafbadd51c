"""What a filer must change in the workbook when a requirement's evidence is missing or misread.

A requirement that is incomplete is a problem with the workbook, not (yet) with the
program: "Column 'Committee ID' is missing" beside a header typed `Comittee ID`, or
"Recruit enrollees" as the fix, would send the filer the wrong way. The reader's notes
(near-miss and ambiguous headers, labels and sheet names) are joined to the finding of
the requirement they explain, and the fix says what to change in which cell.
"""

from __future__ import annotations

import re

from compliance.evaluation.results import Finding
from compliance.evaluation.submission import Submission

_QUOTED = re.compile(r"'([^']*)'")


def _quoted(text: str | None) -> list[str]:
    return _QUOTED.findall(text or "")


def _note(submission: Submission, code: str, sheet: str | None,
          wanted: str) -> Finding | None:
    for note in submission.notes:
        if note.code == code and (sheet is None or note.sheet == sheet) and (
                note.expected == wanted or wanted in _quoted(note.message)):
            return note
    return None


def _field_id(submission: Submission, sheet_name: str | None, label: str) -> str:
    for spec in submission.spec.sheets:
        if spec.name == sheet_name:
            found = next((f for f in spec.fields if f.label == label), None)
            return found.id if found else label
    return label


def explain(finding: Finding, submission: Submission) -> Finding:
    """The finding, told with the reader's note that explains it and how to fix the workbook."""
    names = _quoted(finding.expected)
    if not names:
        return finding
    wanted, sheet = names[0], finding.sheet
    if finding.code == "evidence.sheet_missing":
        near = _note(submission, "reader.near_miss_sheet", None, wanted)
        if near is not None:
            return finding.model_copy(update={
                "sheet": near.sheet, "actual": near.actual,
                "message": f"Sheet '{wanted}' is missing: the sheet '{near.actual}' looks like "
                           "it but its name does not match.",
                "fix": f"Rename the sheet '{near.actual}' to '{wanted}'."})
    if finding.code == "evidence.column_missing":
        near = _note(submission, "reader.near_miss_header", sheet, wanted)
        if near is not None:
            return finding.model_copy(update={
                "cell": near.cell, "actual": near.actual,
                "message": f"Column '{wanted}' is missing from sheet '{sheet}': the header "
                           f"'{near.actual}' at {sheet}!{near.cell} looks like it but does not "
                           "match.",
                "fix": f"Rename the header '{near.actual}' at {sheet}!{near.cell} to "
                       f"'{wanted}'."})
        twice = _note(submission, "reader.ambiguous_header", sheet,
                      _field_id(submission, sheet, wanted))
        if twice is not None:
            return finding.model_copy(update={
                "cell": twice.cell, "actual": "named more than once",
                "message": f"Column '{wanted}' on sheet '{sheet}' is named more than once, so "
                           "neither copy was read.",
                "fix": f"Keep one column headed '{wanted}' on sheet '{sheet}'."})
    if finding.code == "evidence.field_missing":
        twice = _note(submission, "reader.ambiguous_label", sheet, wanted)
        if twice is not None:
            return finding.model_copy(update={
                "cell": twice.cell, "actual": "labelled more than once",
                "message": f"'{wanted}' is labelled more than once on sheet '{sheet}', so "
                           "neither value was read.",
                "fix": f"Keep one row labelled '{wanted}' on sheet '{sheet}'."})
    return finding.model_copy(update={"fix": _add(finding)}) if finding.fix is None else finding


def workbook_fix(findings: tuple[Finding, ...]) -> str:
    """What to change in the workbook so the requirement can be measured."""
    steps: list[str] = []
    unreadable = [f for f in findings if f.code == "evidence.unreadable"]
    for finding in findings:
        if finding.fix and finding.code != "evidence.unreadable" and finding.fix not in steps:
            steps.append(finding.fix)
    if unreadable:
        cells = len(unreadable)
        which = ("the cells listed above and the others like them" if any(
            f.cell is None for f in unreadable) else
            "the cell listed above" if cells == 1 else f"the {cells} cells listed above")
        steps.append(f"Correct {which} so that each holds a value the checker can read: a "
                     "number, a date, or one of the listed codes (0 rather than a blank for a "
                     "count of none).")
    return " ".join(steps) + " Then check the workbook again." if steps else ""


def _add(finding: Finding) -> str | None:
    what = _quoted(finding.expected)
    name = what[0] if what else "it"
    if finding.code == "evidence.sheet_missing":
        return f"Add the sheet '{name}' (the template has it)."
    if finding.code == "evidence.column_missing":
        return f"Add a column headed '{name}' to sheet '{finding.sheet}'."
    if finding.code == "evidence.field_missing":
        return f"Add the row labelled '{name}' with its value beside it on sheet " \
               f"'{finding.sheet}'."
    return None
