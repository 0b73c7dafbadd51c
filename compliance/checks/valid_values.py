"""valid_values: every value fits its column's type, codes and range, plus any tighter rules.

What it checks:
    Each record of `sheet` (those matching `where`) is valid when none of its checked
    values is invalid for its field (not a date, not one of the codes, below the field's
    minimum, N/A where N/A is not accepted...), no column in `required_columns` is blank,
    and every extra `rules` entry holds. Accepted N/A and suppression tokens are valid.
    On a form sheet, the form is one record and columns are its fields.

Why:
    42 CFR 438.242(b) requires a plan's information system to collect valid data, and
    438.606 makes the plan certify its accuracy; a value outside the state's code list
    cannot be aggregated.

Options:
    sheet: table or form sheet id.
    columns: the columns to check (default: every column on the sheet).
    required_columns: columns that must also be filled in on every record.
    rules: tighter per-column rules, each `{column, codes?, min?, max?, pattern?, meaning?}`
        (`meaning` says in words what `pattern` allows, for findings).
    where: which records to check (optional).
    target: share of valid records, default `{at_least: 1.0, credit: {linear_from: 0}}`
        (the score is the share).
    when_empty: `not_applicable` (default) or `not_met` when no record is checked.

Passing:
    type: valid_values
    sheet: committee_meetings
    required_columns: [meeting_date]
    rules: [{column: members_present, min: 1}]

Failing:
    A meeting dated `31/02/2026`: the record is invalid (`valid_values.invalid` at B3).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from compliance.checks.base import RecordCheck, as_number, graded_share, nothing_to_measure, num
from compliance.checks.records import Records, key, plain, records, shown
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Invalid, Submission, Table, Token
from compliance.model.base import Identifier, ShortText, Strict
from compliance.model.pattern import RegexText, fullmatch

TYPE = "valid_values"


class Rule(Strict):
    """A tighter rule for one column than its field spec states."""

    column: Identifier
    codes: list[ShortText] | None = None
    min: float | None = None
    max: float | None = None
    pattern: RegexText | None = None
    meaning: ShortText | None = Field(
        default=None, description="What a `pattern` allows, in words, for findings.")

    @model_validator(mode="after")
    def _says_something(self) -> Rule:
        if self.codes is None and self.min is None and self.max is None and not self.pattern:
            raise ValueError("a rule needs codes, min, max or pattern")
        return self

    def problem(self, value: Any) -> tuple[str, str] | None:
        """(finding code, what was expected) when a plain value breaks the rule."""
        if self.codes is not None and key(value) not in {key(c) for c in self.codes}:
            return "valid_values.not_allowed", f"one of {', '.join(self.codes)}"
        number = as_number(value)
        if number is not None and ((self.min is not None and number < self.min)
                                   or (self.max is not None and number > self.max)):
            low = "" if self.min is None else f">= {num(self.min)}"
            high = "" if self.max is None else f"<= {num(self.max)}"
            return "valid_values.out_of_range", " and ".join(b for b in (low, high) if b)
        if self.pattern and isinstance(value, str) and not fullmatch(self.pattern, value):
            return "valid_values.pattern", self.meaning or f"text matching {self.pattern}"
        return None


class Params(RecordCheck):
    """Options of the `valid_values` check."""

    type: Literal["valid_values"]
    columns: list[Identifier] | None = None
    required_columns: list[Identifier] = []
    rules: list[Rule] = []

    def reads(self) -> list[str | None]:
        """Columns named by the options."""
        return [*(self.columns or []), *self.required_columns, *(r.column for r in self.rules)]


def _finding(rows: Records, column: str, i: int, rules: list[Rule],
             required: bool) -> Finding | None:
    """The finding for one value that fails, else None."""
    value, label, cell = rows.values(column)[i], rows.label(column), rows.cell(column, i)
    if isinstance(value, Invalid):
        return Finding(code="valid_values.invalid", sheet=rows.name, cell=cell,
                       message=f"{label} '{shown(value)}': {value.reason}.",
                       expected=f"a valid {label}", actual=shown(value))
    if value is None:
        return Finding(code="valid_values.blank", sheet=rows.name, cell=cell,
                       message=f"{label} is blank.", expected="a value",
                       actual="blank") if required else None
    for rule in rules if plain(value) else []:
        broken = rule.problem(value)
        if broken:
            code, expected = broken
            if code == "valid_values.not_allowed" and rule.codes:
                # The set's labels, as the template's drop-down shows them.
                expected = f"one of {', '.join(rows.said(column, c) for c in rule.codes)}"
            # A drop-down answer by its label; typed text as it was typed.
            spec = rows.source.spec.field(column)
            found = rows.said(column, value) if spec and spec.type == "choice" else shown(value)
            return Finding(code=code, sheet=rows.name, cell=cell, expected=expected,
                           actual=found, message=f"{label} '{found}': expected {expected}.")
    return None


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the share of records whose values are all valid."""
    rows = records(submission, params.sheet)
    present = rows.source.columns if isinstance(rows.source, Table) else rows.source.values
    named = params.columns if params.columns is not None else list(present)
    ruled = [r.column for r in params.rules]
    checked = list(dict.fromkeys([*named, *params.required_columns, *ruled]))
    for column in checked:
        rows.values(column)  # a missing column is missing evidence, before anything is graded
    included = rows.test(params.where)
    picked = [i for i in range(len(rows)) if included(i)]
    if not picked:
        return nothing_to_measure(params.when_empty, "valid_values.no_rows", rows.name,
                                  "records to check", params.expected("records valid"))
    rules = {c: [r for r in params.rules if r.column == c] for c in checked}
    found: list[tuple[int, int, Finding]] = []
    for position, column in enumerate(checked):
        values, column_rules = rows.values(column), rules[column]
        required = column in params.required_columns
        for i in picked:
            value = values[i]
            # Most cells are valid: skip them without building anything (rosters are large).
            if ((value is None and not required) or (not column_rules and plain(value))
                    or isinstance(value, Token)):
                continue
            problem = _finding(rows, column, i, column_rules, required)
            if problem is not None:
                found.append((i, position, problem))
    found.sort(key=lambda item: (item[0], item[1]))
    findings = [item[2] for item in found]
    bad_rows = len({item[0] for item in found})
    return graded_share(params.target, len(picked) - bad_rows, len(picked), "records valid",
                        findings)
