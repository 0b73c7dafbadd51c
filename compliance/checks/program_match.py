"""program_match: the filing's list agrees with the state's program file.

What it checks:
    The distinct values of `column` on `sheet` (a table column, or a form field holding a
    list such as `Lane, Linn`) are compared with one of the lists the state keeps for this
    plan in its program file (`against`: `counties`, `populations` or
    `prevalent_languages`), without case or outer spaces. Every value on the state's list
    that the filing lacks, and every filed value the state's list lacks, is a finding; the
    score is the share of values on both lists. Without a program file (`--program`) the
    check does not apply.

Why:
    The state, not the plan, decides a plan's service area (its contract), the populations
    it covers and the prevalent languages (42 CFR 438.10). A plan that leaves a county or
    a language off its own lists would otherwise escape every check keyed on them.

Options:
    sheet: table or form sheet id.
    column: the column or form field holding the list.
    against: `counties`, `populations` or `prevalent_languages`.
    where: which records count (optional, tables).

Passing:
    type: program_match
    sheet: service_area
    column: county
    against: counties

Failing:
    The program file lists Lane, Linn and Benton; Service_Area has Lane and Linn: 2 of 3
    counties agree (score 0.67) and Benton is a finding.
"""

from __future__ import annotations

from typing import Literal

from compliance.checks.base import CheckBase, condition_refs
from compliance.checks.evidence import require_rows
from compliance.checks.records import column_keys, key, plain, records
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Submission
from compliance.model.base import Identifier
from compliance.model.condition import Condition
from compliance.model.program import StateList

TYPE = "program_match"


class Params(CheckBase):
    """Options of the `program_match` check."""

    type: Literal["program_match"]
    sheet: Identifier
    column: Identifier
    against: StateList
    where: Condition | None = None

    def refs(self) -> list[tuple[str, str | None]]:
        """The sheet and column compared, with the fields of `where`."""
        return [(self.sheet, self.column), *condition_refs(self.sheet, self.where)]


def _filed(params: Params, submission: Submission) -> dict[str, object]:
    rows = records(submission, params.sheet)
    picked = require_rows(rows, params.where, [params.column])
    if params.where is None:
        return column_keys(submission, params.sheet, params.column)
    values = rows.values(params.column)
    return {key(values[i]): values[i] for i in picked
            if plain(values[i]) and str(values[i]).strip()}


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the agreement between the filed list and the state's."""
    what = params.against.replace("_", " ")
    if submission.program is None:
        return CheckOutcome(score=None, na_reason="no program file was given (--program)",
                            expected=f"the {what} of the state's program file")
    state = {key(v): v for v in submission.program.state_list(params.against)}
    filed = _filed(params, submission)
    rows = records(submission, params.sheet)
    where = rows.span(params.column)
    findings = [Finding(code="program_match.missing", sheet=rows.name, cell=where,
                        expected=f"{value} (on the state's list)", actual="not filed",
                        message=f"{value} is on the state's list of {what} but not in the filing.")
                for k, value in state.items() if k not in filed]
    findings += [Finding(code="program_match.extra", sheet=rows.name, cell=where,
                         expected=f"only the state's {what}", actual=str(value),
                         message=f"{value} is filed but is not on the state's list of {what}.")
                 for k, value in filed.items() if k not in state]
    union = len(state.keys() | filed.keys())
    agree = union - len(findings)
    share = agree / union if union else 1.0
    return CheckOutcome(score=share, findings=tuple(findings), measure=share,
                        measured=f"{agree} of {union} {what} agree",
                        expected=f"the {what} of the state's program file")
