"""required_cells: every field the workbook marks required is filled in, wherever it occurs.

What it checks:
    On every sheet of the workbook spec that the filing has (or those in `sheets`), each
    field marked `required: true` must be filled in: on a form, its value; on a table,
    its cell on every record. An accepted N/A or suppression token counts as an answer.
    A blank, or a value that cannot be read, is a finding at its cell; the score is the
    share of required cells filled.
    Missing sheets and columns are left to the requirements that read them.

Why:
    A plan certifies its data complete (42 CFR 438.606). A member roster whose member key
    is blank on 1,220 rows cannot be matched to enrollment, and no other requirement
    would say so: each one reads only the columns it measures.

Options:
    sheets: sheet ids to check (default: every sheet in the workbook spec).
    target: share of required cells filled (default: the share itself is the score).

Passing:
    type: required_cells
    sheets: [cover, member_roster]

Failing:
    Member_Roster's 'Member key' is blank at A7 and A12: 99.8% of required cells filled.
"""

from __future__ import annotations

from typing import Literal

from compliance.checks.base import PROPORTIONAL, CheckBase, FractionTarget, graded_share
from compliance.checks.records import Records, shown
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Invalid, Submission
from compliance.model.base import Identifier

TYPE = "required_cells"
LISTED = 200


class Params(CheckBase):
    """Options of the `required_cells` check."""

    type: Literal["required_cells"]
    sheets: list[Identifier] | None = None
    target: FractionTarget = PROPORTIONAL

    def refs(self) -> list[tuple[str, str | None]]:
        """The sheets named (their required fields are found when the check runs)."""
        return [(sheet, None) for sheet in self.sheets or []]


def _present(submission: Submission, sheet_id: str) -> Records | None:
    if sheet_id in submission.tables:
        return Records(submission.tables[sheet_id])
    if sheet_id in submission.forms:
        return Records(submission.forms[sheet_id])
    return None


def _blanks(rows: Records, field_id: str, findings: list[Finding]) -> tuple[int, int]:
    """(filled, total) required cells of one field; a finding per blank cell."""
    values = rows.values(field_id)
    blank = rows.index(field_id).positions((Invalid, type(None)))
    label = rows.label(field_id)
    for i in blank:
        if len(findings) >= LISTED:
            break
        cell, value = rows.cell(field_id, i), values[i]
        what = "blank" if value is None else f"'{shown(value)}', which cannot be read"
        findings.append(Finding(
            code="required_cells.blank", sheet=rows.name, cell=cell, actual=shown(value),
            expected=f"'{label}' filled in", message=f"'{label}' is required and {what} at "
                                                      f"{rows.name}!{cell}."))
    return len(values) - len(blank), len(values)


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the share of required cells filled in."""
    wanted = params.sheets or [s.id for s in submission.spec.sheets]
    findings: list[Finding] = []
    filled = total = 0
    for sheet_id in wanted:
        rows = _present(submission, sheet_id)
        spec = submission.spec.sheet(sheet_id)
        if rows is None or spec is None:
            continue
        for field in spec.fields:
            if field.required and rows.has(field.id):
                done, of = _blanks(rows, field.id, findings)
                filled, total = filled + done, total + of
    if not total:
        return CheckOutcome(score=None, na_reason="no required fields on the sheets filed",
                            expected=params.target.describe_fraction())
    outcome = graded_share(params.target, filled, total, "required cells filled", findings)
    if filled < total and len(findings) >= LISTED:
        more = Finding(code="required_cells.blank", sheet=findings[-1].sheet,
                       expected="every required cell filled in", actual="blank",
                       message=f"{total - filled - LISTED} more required cells are blank.")
        return outcome.model_copy(update={"findings": (*outcome.findings, more)})
    return outcome
