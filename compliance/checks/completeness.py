"""completeness: the share of records with a usable value reaches a target.

What it checks:
    Each record of `sheet` matching `where` is complete, declined, unknown or blank in
    `columns`: blank when the cell is empty, N/A, suppressed or invalid; unknown when its
    code is listed in `unknown`; declined when listed in `declined`. With several columns,
    `row_rule: all` takes a record's worst column and `any` its best. The complete share
    (declined counted as complete unless `count_declined_as: missing`, since a member who
    declined was asked; unknown always missing) must meet `target`. With `weight_by`,
    each record counts as many times as its number in that column (for tables of counts).

Why:
    CMS's T-MSIS Data Quality Atlas rates race and ethnicity data by the share missing:
    up to 10% low concern, 10-20% medium, over 20% high; states pass this on to plans.

Options:
    sheet: table sheet id.
    columns: the column or columns measured.
    row_rule: `all` (default) or `any`.
    declined / unknown: codes meaning "declined to answer" and "not known".
    count_declined_as: `complete` (default) or `missing`.
    weight_by: numeric column giving each record's weight (optional).
    where: which records are measured (optional).
    target: the complete share, e.g. `{at_least: 0.9, credit: {bands: [{reach: 0.8,
        score: 0.5}]}}`.
    when_empty: `not_met` (default) or `not_applicable` when no record is measured.

Passing:
    type: completeness
    sheet: member_demographics
    columns: [category_code]
    where: {field: element, op: eq, value: race_eth}
    weight_by: count
    unknown: [unknown]
    declined: [declined]
    target: {at_least: 0.9}

Failing:
    500 of 1,000 members are `unknown`: 50% complete, below 90%.
"""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Annotated, Any, Literal

from pydantic import Field

from compliance.checks.base import (
    FractionTarget,
    RecordCheck,
    WhenEmpty,
    as_number,
    nothing_to_measure,
    pct,
)
from compliance.checks.evidence import require, require_rows, unreadable
from compliance.checks.records import Records, key, plain, records
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Submission
from compliance.evaluation.valueindex import indexes
from compliance.model.base import Identifier, ShortText

TYPE = "completeness"
KINDS = ("blank", "unknown", "declined", "complete")
SHOWN_CELLS = 5
KEPT_ROWS = 10_000  # enough for the cell references; a million-row roster keeps no more


class Params(RecordCheck):
    """Options of the `completeness` check."""

    type: Literal["completeness"]
    columns: Annotated[list[Identifier], Field(min_length=1)]
    row_rule: Literal["all", "any"] = "all"
    declined: list[ShortText] = []
    unknown: list[ShortText] = []
    count_declined_as: Literal["complete", "missing"] = "complete"
    weight_by: Identifier | None = None
    target: FractionTarget
    when_empty: WhenEmpty = "not_met"

    def reads(self) -> list[str | None]:
        """The measured columns and the weight column."""
        return [*self.columns, self.weight_by]


def _tally(params: Params, rows: Records, missing: list[int]) -> dict[str, float]:
    """Weight per kind; appends the records not counted complete to `missing`."""
    unknown, declined = {key(c) for c in params.unknown}, {key(c) for c in params.declined}

    def kind(value: Any) -> int:
        return 0 if not plain(value) else (
            1 if key(value) in unknown else 2 if key(value) in declined else 3)

    # Rosters repeat a handful of codes: each distinct value is classified once.
    kinds = [rows.index(c).map(kind) for c in params.columns]
    found = kinds[0] if len(kinds) == 1 else list(
        map(min if params.row_rule == "all" else max, *kinds))
    weights = rows.values(params.weight_by) if params.weight_by else None
    mask = rows.mask(params.where)
    picked = range(len(rows)) if mask is None else indexes(mask)
    short = 2 if params.count_declined_as == "missing" else 1  # the highest kind not complete
    tally = dict.fromkeys(KINDS, 0.0)
    if weights is None:  # each record counts once
        for found_kind, count in sorted(Counter(map(found.__getitem__, picked)).items()):
            tally[KINDS[found_kind]] = float(count)
        not_complete = map(short.__ge__, map(found.__getitem__, picked))
        missing += itertools.islice(itertools.compress(picked, not_complete), KEPT_ROWS)
        return tally
    for i in picked:
        weight = as_number(weights[i]) or 0.0
        if weight <= 0:
            continue
        tally[KINDS[found[i]]] += weight
        if found[i] <= short and len(missing) < KEPT_ROWS:
            missing.append(i)
    return tally


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Grade the complete share of the measured records."""
    rows = records(submission, params.sheet)
    picked = require_rows(rows, params.where, params.columns)
    require(unreadable(rows, [params.weight_by], picked, blank=True))
    missing: list[int] = []
    tally = _tally(params, rows, missing)
    total = sum(tally.values())
    expected = f"{params.target.describe_fraction()} complete"
    if total <= 0:
        return nothing_to_measure(params.when_empty, "completeness.no_rows", rows.name,
                                  "records to measure", expected)
    counted = ("complete", "declined") if params.count_declined_as == "complete" else ("complete",)
    share = sum(tally[k] for k in counted) / total
    parts = ", ".join(f"{pct(tally[k] / total)} {k}" for k in reversed(KINDS))
    measured = f"{pct(share)} complete ({parts.replace('complete', 'reported', 1)})"
    score = params.target.grade(share)
    findings = []
    if score < 1.0:
        low = params.target.at_least is not None and share < params.target.at_least
        where = ""
        if missing and not params.weight_by:
            shown = [rows.cell(params.columns[0], i) or rows.name for i in missing[:SHOWN_CELLS]]
            more = round(total - sum(tally[k] for k in counted)) - len(shown)
            where = f"; missing at {', '.join(shown)}" + (f" and {more} more" if more else "")
        findings.append(Finding(
            code="completeness.below" if low else "completeness.above", sheet=rows.name,
            cell=rows.cells(params.columns[0], missing) or rows.span(params.columns[0]),
            expected=expected, actual=pct(share),
            message=f"{', '.join(map(rows.label, params.columns))}: {measured}{where}."))
    return CheckOutcome(score=score, findings=tuple(findings), measure=share, measured=measured,
                        expected=expected)
