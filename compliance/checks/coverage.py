"""coverage: every required key (a measure and stratifier, a committee...) has a row.

What it checks:
    The required keys are the cross product of `dimensions` (column -> listed values) and
    of the values found in `keys_from` (a column of another sheet, or a form field holding
    a list such as `Lane, Linn`). Each key must appear in some row of `sheet` matching
    `where`, comparing text without case or outer spaces. The share of keys present must
    meet `target`; each missing key is a finding.

Why:
    States must report the Child Core Set stratified (42 CFR part 437, from 2024), which
    depends on plans reporting each measure by race and ethnicity, sex and geography; a
    missing stratum is a measure not reported. Likewise every committee on a roster
    must show up in the meeting log.

Options:
    sheet: table sheet id whose rows are searched.
    dimensions: `{column: [value, ...]}`; keys are every combination of the values.
    keys_from: `{sheet, column, match?, where?, state_list?}`: values of another sheet's
        column (of its rows matching `where`, e.g. counties with 100 or more births),
        looked for in column `match` of `sheet` (default: the same column id). With
        `state_list` and a program file (`--program`), the state's list is used instead.
    where: which rows count (optional).
    target: share of keys present, default `{at_least: 1.0, credit: {linear_from: 0}}`
        (the score is the share).
    when_empty: `not_applicable` (default) or `not_met` when there is no key to look for.

Passing:
    type: coverage
    sheet: measure_results
    dimensions: {measure_id: [W30-CH, WCV-CH], stratifier: [race_eth, sex, geography]}

Failing:
    No `WCV-CH` row for `geography`: 5 of 6 keys present (score 0.83).
"""

from __future__ import annotations

from itertools import product
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from compliance.checks.base import (
    ColumnRef,
    RecordCheck,
    condition_refs,
    graded_share,
    nothing_to_measure,
)
from compliance.checks.evidence import require_rows
from compliance.checks.records import Records, column_keys, key, plain, records
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Submission
from compliance.model.base import Identifier, Scalar
from compliance.model.condition import Condition
from compliance.model.program import StateList

TYPE = "coverage"


class KeysFrom(ColumnRef):
    """Keys listed in another sheet's column, matched against `match` of the checked sheet."""

    match: Identifier | None = None
    where: Condition | None = None
    state_list: StateList | None = Field(
        default=None, description="With a program file, take the keys from this list of "
        "the state's instead (counties, populations, prevalent_languages).")

    def refs(self) -> list[tuple[str, str | None]]:
        """The sheet and column read, with the fields of `where`."""
        return super().refs() + condition_refs(self.sheet, self.where)

    def listed(self, submission: Submission) -> dict[str, Any]:
        """Distinct keys by match key: every filled value, or those of rows matching `where`."""
        if self.state_list and submission.program is not None:
            return {key(v): v for v in submission.program.state_list(self.state_list)}
        if self.where is None:
            return column_keys(submission, self.sheet, self.column)
        rows = records(submission, self.sheet)
        picked = require_rows(rows, self.where, [self.column])
        values = rows.values(self.column)
        found: dict[str, Any] = {}
        for i in picked:
            value = values[i]
            if plain(value) and str(value).strip():
                found.setdefault(key(value), value.strip() if isinstance(value, str) else value)
        return found


class Params(RecordCheck):
    """Options of the `coverage` check."""

    type: Literal["coverage"]
    dimensions: dict[Identifier, Annotated[list[Scalar], Field(min_length=1)]] = {}
    keys_from: KeysFrom | None = None

    @model_validator(mode="after")
    def _has_keys(self) -> Params:
        if not self.dimensions and self.keys_from is None:
            raise ValueError("give dimensions, keys_from or both")
        if self.keys_from and self.key_columns()[-1] in self.dimensions:
            raise ValueError("keys_from matches a column already listed in dimensions")
        return self

    def key_columns(self) -> list[str]:
        """The columns of `sheet` that make up a key."""
        found = self.keys_from
        return [*self.dimensions, *([found.match or found.column] if found else [])]

    def reads(self) -> list[str | None]:
        """The key columns."""
        return [*self.key_columns()]

    def refs(self) -> list[tuple[str, str | None]]:
        """Sheets and fields this check reads."""
        return super().refs() + (self.keys_from.refs() if self.keys_from else [])


def _required(params: Params, submission: Submission) -> list[tuple[tuple[str, ...], list[Any]]]:
    """Each required key (match keys) with the values as written."""
    axes = [[(key(v), v) for v in values] for values in params.dimensions.values()]
    if params.keys_from is not None:
        axes.append(list(params.keys_from.listed(submission).items()))
    return [(tuple(k for k, _ in combo), [v for _, v in combo]) for combo in product(*axes)]


def _belongs(rows: Records, columns: list[str], values: list[list[Any]], picked: list[int],
             keys: tuple[str, ...]) -> str | None:
    """Where a missing key's row belongs, never at unrelated rows.

    That is the rows sharing its other parts (the race rows, for a missing declined race
    row), else the header of its column.
    """
    *outer, last = range(len(columns))
    near = [i for i in picked if outer and all(key(values[j][i]) == keys[j] for j in outer)]
    return rows.cells(columns[last], near) if near else rows.header(columns[last])


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the share of required keys that have a row."""
    rows = records(submission, params.sheet)
    columns = params.key_columns()
    values = [rows.values(c) for c in columns]
    picked = require_rows(rows, params.where, columns)
    if params.keys_from is not None and params.keys_from.where is None:
        listed = records(submission, params.keys_from.sheet)
        require_rows(listed, None, [params.keys_from.column])
    required = _required(params, submission)
    if not required:
        return nothing_to_measure(params.when_empty, "coverage.no_keys", rows.name,
                                  "keys to look for", params.expected("keys present"))
    present = {tuple(key(v[i]) for v in values) for i in picked
               if all(plain(v[i]) for v in values)}
    findings = []
    for keys, shown in required:
        if keys not in present:
            label = ", ".join(f"{rows.label(c)} {rows.said(c, v)}"
                              for c, v in zip(columns, shown, strict=True))
            findings.append(Finding(code="coverage.missing_key", sheet=rows.name,
                                    cell=_belongs(rows, columns, values, picked, keys),
                                    expected=f"a row for {label}", actual="none",
                                    message=f"No row for {label}."))
    return graded_share(params.target, len(required) - len(findings), len(required),
                        "keys present", findings)
