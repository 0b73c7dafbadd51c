"""cross_reference: every id used in one sheet is defined in another.

What it checks:
    Each filled value of `column` in `sheet` (rows matching `where`) must appear in
    `target_column` of `target_sheet`, comparing text without case or outer spaces.
    Blank cells and N/A or suppression tokens are not checked; an invalid value is
    looked up as written. Each id that does not resolve is a finding at its cell.

Why:
    A meeting logged for a committee that is not on the roster cannot be credited to any
    committee, so the roster and the meeting log must agree (ORS 414.575 requires both
    the membership and the meetings of each council).

Options:
    sheet / column: where the ids are used.
    target_sheet / target_column: where they are defined.
    where: which rows are checked (optional).
    target: share of ids that resolve, default `{at_least: 1.0, credit: {linear_from: 0}}`
        (the score is the share).
    when_empty: `not_applicable` (default) or `not_met` when there is no id to check.

Passing:
    type: cross_reference
    sheet: committee_meetings
    column: committee_id
    target_sheet: committee_roster
    target_column: committee_id

Failing:
    A meeting of `CAC-9`, which the roster does not list: `cross_reference.dangling` at A4.
"""

from __future__ import annotations

from typing import Literal

from compliance.checks.base import RecordCheck, graded_share, nothing_to_measure
from compliance.checks.evidence import require_rows
from compliance.checks.records import column_keys, key, records, shown
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Submission, Token
from compliance.model.base import Identifier

TYPE = "cross_reference"


class Params(RecordCheck):
    """Options of the `cross_reference` check."""

    type: Literal["cross_reference"]
    column: Identifier
    target_sheet: Identifier
    target_column: Identifier

    def reads(self) -> list[str | None]:
        """The column holding the ids."""
        return [self.column]

    def refs(self) -> list[tuple[str, str | None]]:
        """Both sheets and columns."""
        return [*super().refs(), (self.target_sheet, None), (self.target_sheet, self.target_column)]


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the share of ids defined in the target sheet."""
    rows = records(submission, params.sheet)
    chosen = require_rows(rows, params.where, [params.column])
    require_rows(records(submission, params.target_sheet), None, [params.target_column])
    ids = rows.values(params.column)
    defined = column_keys(submission, params.target_sheet, params.target_column)
    target_name = records(submission, params.target_sheet).name
    picked = [i for i in chosen if ids[i] is not None and not isinstance(ids[i], Token)]
    if not picked:
        return nothing_to_measure(params.when_empty, "cross_reference.no_rows", rows.name,
                                  "ids to check", params.expected("ids resolved"))
    findings = [Finding(code="cross_reference.dangling", sheet=rows.name,
                        cell=rows.cell(params.column, i), actual=shown(ids[i]),
                        expected=f"an id listed in '{target_name}'",
                        message=f"{rows.label(params.column)} '{shown(ids[i])}' is not in "
                                f"'{target_name}'.")
                for i in picked if key(ids[i]) not in defined]
    return graded_share(params.target, len(picked) - len(findings), len(picked),
                        "ids resolved", findings)
