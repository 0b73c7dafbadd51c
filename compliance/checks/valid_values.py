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

from itertools import compress
from typing import Any, Literal, cast

from pydantic import Field, model_validator

from compliance.checks.base import RecordCheck, as_number, graded_share, nothing_to_measure, num
from compliance.checks.records import Records, key, plain, records, shown
from compliance.evaluation.results import LISTED_FINDINGS, CheckOutcome, Finding
from compliance.evaluation.submission import Invalid, Submission, Table, Token
from compliance.evaluation.valueindex import Mask, indexes
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


Problem = dict[str, str]
"""A finding's code, message, expected and actual: the same for every cell holding a value."""


def _problem(rows: Records, column: str, value: Any, rules: list[Rule],
             required: bool) -> Problem | None:
    """What is wrong with a value of the column, else None (valid, or not checked)."""
    if isinstance(value, Token) or (value is None and not required) or (
            not rules and plain(value)):
        return None  # most cells: nothing is built for them (rosters are large)
    label = rows.label(column)
    if isinstance(value, Invalid):
        return {"code": "valid_values.invalid", "message": f"{label} '{shown(value)}': "
                f"{value.reason}.", "expected": f"a valid {label}", "actual": shown(value)}
    if value is None:
        return {"code": "valid_values.blank", "message": f"{label} is blank.",
                "expected": "a value", "actual": "blank"}
    for rule in rules:
        broken = rule.problem(value)
        if broken:
            code, expected = broken
            if code == "valid_values.not_allowed" and rule.codes:
                # The set's labels, as the template's drop-down shows them.
                expected = f"one of {', '.join(rows.said(column, c) for c in rule.codes)}"
            # A drop-down answer by its label; typed text as it was typed.
            spec = rows.source.spec.field(column)
            found = rows.said(column, value) if spec and spec.type == "choice" else shown(value)
            return {"code": code, "expected": expected, "actual": found,
                    "message": f"{label} '{found}': expected {expected}."}
    return None


def _failing(rows: Records, column: str, rules: list[Rule], required: bool,
             picked: Mask | None) -> tuple[list[int], list[Problem]]:
    """The checked records whose value fails, in row order, and the problem of each."""
    def judge(value: Any) -> Problem | None:
        return _problem(rows, column, value, rules, required)

    index = rows.index(column)
    if rules:  # each distinct value is judged once
        every = index.map(judge)
        failing = indexes(every)
        problems = list(map(every.__getitem__, failing))
    else:  # only an unreadable value, or a blank where one is required, can fail
        failing = index.positions((Invalid, type(None)) if required else Invalid)
        problems = index.map_at(judge, failing)
    # Every value found above has a problem (an unreadable value always has one).
    if picked is not None:
        kept = list(map(picked.__getitem__, failing))
        failing, problems = list(compress(failing, kept)), list(compress(problems, kept))
    return failing, cast(list[Problem], problems)


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the share of records whose values are all valid."""
    rows = records(submission, params.sheet)
    present = rows.source.columns if isinstance(rows.source, Table) else rows.source.values
    named = params.columns if params.columns is not None else list(present)
    ruled = [r.column for r in params.rules]
    checked = list(dict.fromkeys([*named, *params.required_columns, *ruled]))
    for column in checked:
        rows.values(column)  # a missing column is missing evidence, before anything is graded
    mask = rows.mask(params.where)
    total = len(rows) if mask is None else sum(mask)
    if not total:
        return nothing_to_measure(params.when_empty, "valid_values.no_rows", rows.name,
                                  "records to check", params.expected("records valid"))
    places: list[int] = []  # record index times the number of columns, plus the column's
    found: list[tuple[str, list[int], list[Problem]]] = []
    for position, column in enumerate(checked):
        rules = [r for r in params.rules if r.column == column]
        failing, problems = _failing(rows, column, rules, column in params.required_columns,
                                     mask)
        places += [i * len(checked) + position for i in failing]
        found += [(column, failing, problems)]
    bad_rows = len({place // len(checked) for place in places})
    return graded_share(params.target, total - bad_rows, total, "records valid",
                        _findings(rows, found, places)).model_copy(
        update={"unlisted": max(len(places) - LISTED_FINDINGS, 0)})


def _findings(rows: Records, found: list[tuple[str, list[int], list[Problem]]],
              places: list[int]) -> list[Finding]:
    """The findings a result lists, a record's together in column order; the rest are counted.

    A roster can hold thousands of invalid values: each is counted, few are shown.
    """
    problems = [p for _, _, listed in found for p in listed]
    columns = [column for column, failing, _ in found for _ in failing]
    order = sorted(range(len(places)), key=places.__getitem__)[:LISTED_FINDINGS]
    width = len(found)
    return [Finding(sheet=rows.name, cell=rows.cells_at(columns[k], [places[k] // width])[0],
                    **problems[k]) for k in order]
