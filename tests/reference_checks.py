"""The cell-by-cell forms of the checks that now work per distinct value and per column.

Kept only to compare against: each function reads every value of a record in Python and
builds every finding, as the checks once did. `tests/test_columnar_sameness.py` runs both
on tables of mixed and awkward values and requires the same outcome.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from compliance.checks import completeness, consistency, evidence, share, valid_values
from compliance.checks.base import as_number, graded_share, nothing_to_measure
from compliance.checks.evidence import CODE, _finding, condition_fields, require
from compliance.checks.records import MAX_RUNS, Records, bounding, key, plain, records, shown
from compliance.evaluation.condition import compile_condition
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Invalid, Submission, Table, Token
from compliance.model.condition import Condition


def row_flags(cond: Condition, table: Table) -> list[bool]:
    """Whether each record meets a condition, asked one record at a time."""
    test = compile_condition(cond, lambda name: table.column(name).values.__getitem__)
    return [bool(test(i)) for i in range(len(table))]


def unreadable(rows: Records, fields: Sequence[str | None], indexes: list[int], *,
               blank: bool = False) -> list[Finding]:
    """Each unreadable (or, with `blank`, empty) cell, listed up to `SHOWN`, then counted."""
    wanted = [f for f in dict.fromkeys(fields) if f and rows.has(f)]
    columns = [(f, rows.values(f)) for f in wanted]
    found: list[Finding] = []
    more, first_more = 0, ""
    for i in indexes:
        for field_id, values in columns:
            value = values[i]
            if isinstance(value, Invalid) or (blank and value is None):
                if len(found) < evidence.SHOWN:
                    found.append(_finding(rows, field_id, i, value))
                    continue
                more += 1
                first_more = first_more or f"{rows.name}!{rows.cell(field_id, i)}"
    if more:
        found.append(Finding(
            code=CODE, sheet=rows.name, expected=found[-1].expected, actual="unreadable",
            message=f"{more} more cells like these cannot be read, the first at {first_more}."))
    return found


def _invalid_finding(rows: Records, column: str, i: int, rules: list[valid_values.Rule],
                     required: bool) -> Finding | None:
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
                expected = f"one of {', '.join(rows.said(column, c) for c in rule.codes)}"
            spec = rows.source.spec.field(column)
            found = rows.said(column, value) if spec and spec.type == "choice" else shown(value)
            return Finding(code=code, sheet=rows.name, cell=cell, expected=expected,
                           actual=found, message=f"{label} '{found}': expected {expected}.")
    return None


def valid_values_check(params: valid_values.Params, submission: Submission) -> CheckOutcome:
    """`valid_values`, judging every value of every checked record."""
    rows = records(submission, params.sheet)
    present = rows.source.columns if isinstance(rows.source, Table) else rows.source.values
    named = params.columns if params.columns is not None else list(present)
    checked = list(dict.fromkeys([*named, *params.required_columns,
                                  *(r.column for r in params.rules)]))
    for column in checked:
        rows.values(column)
    included = rows.test(params.where)
    picked = [i for i in range(len(rows)) if included(i)]
    if not picked:
        return nothing_to_measure(params.when_empty, "valid_values.no_rows", rows.name,
                                  "records to check", params.expected("records valid"))
    found: list[tuple[int, int, Finding]] = []
    for position, column in enumerate(checked):
        values = rows.values(column)
        rules = [r for r in params.rules if r.column == column]
        required = column in params.required_columns
        for i in picked:
            value = values[i]
            if ((value is None and not required) or (not rules and plain(value))
                    or isinstance(value, Token)):
                continue
            problem = _invalid_finding(rows, column, i, rules, required)
            if problem is not None:
                found.append((i, position, problem))
    found.sort(key=lambda item: (item[0], item[1]))
    bad_rows = len({item[0] for item in found})
    return graded_share(params.target, len(picked) - bad_rows, len(picked), "records valid",
                        [item[2] for item in found])


def require_rows(rows: Records, where: Condition | None, fields: Sequence[str | None], *,
                 blank: bool = False) -> list[int]:
    """The records `where` selects, once the values deciding and measured are readable."""
    every = list(range(len(rows)))
    require(unreadable(rows, condition_fields(where), every))
    included = rows.test(where)
    picked = [i for i in every if included(i)]
    require(unreadable(rows, fields, picked, blank=blank))
    return picked


def consistency_check(params: consistency.Params, submission: Submission) -> CheckOutcome:
    """`consistency`, reading every operand of every record."""
    rows = records(submission, params.sheet)
    names = params.operands()
    columns = [rows.values(c) for c in names]
    picked = require_rows(rows, params.where, list(names))
    partial = [i for i in picked if any(c[i] is None for c in columns)
               and any(as_number(c[i]) is not None for c in columns)]
    require(unreadable(rows, list(names), partial, blank=True))
    included = set(picked)
    findings, checked = [], 0
    for i in range(len(rows)):
        numbers = [as_number(column[i]) for column in columns]
        if i not in included or (None in numbers and not params.require_values) or (
                params.rate is not None and numbers[2] == 0):
            continue
        checked += 1
        given = [n for n in numbers if n is not None]
        found = consistency._problem(params, rows, given) if len(given) == len(numbers) else (
            "consistency.missing_value", "A value the check needs is blank, N/A or suppressed",
            "every value filled in", "a value missing")
        if found:
            code, message, expected, actual = found
            findings.append(Finding(code=code, sheet=rows.name, message=f"{message}.",
                                    cell=bounding([rows.cell(c, i) for c in names]),
                                    expected=expected, actual=actual))
    if not checked:
        return nothing_to_measure(params.when_empty, "consistency.no_rows", rows.name,
                                  "rows with every value", params.expected("rows consistent"))
    return graded_share(params.target, checked - len(findings), checked, "rows consistent",
                        findings)


def aggregate_of(fn: str, values: list[Any], picked: list[int]) -> float | None:
    """A count, distinct count or summary of a column's values at `picked`, value by value."""
    if fn == "count":
        return float(sum(1 for i in picked if plain(values[i])))
    if fn == "distinct_count":
        return float(len({key(values[i]) for i in picked if plain(values[i])}))
    numbers = [n for n in (as_number(values[i]) for i in picked) if n is not None]
    if fn == "sum":
        return float(sum(numbers))
    return float(max(numbers)) if numbers else None


def share_tally(params: share.Params, table: Table,
                short: dict[object, list[int]]) -> dict[object, list[float]]:
    """`share`'s weights per group, testing each record in turn."""
    included = reference_test(params.where, table)
    meets = reference_test(params.condition, table)
    groups = table.column(params.group_by).values if params.group_by else None
    weights = table.column(params.weight_by).values if params.weight_by else None
    tally: dict[object, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for i in range(len(table)):
        if not included(i):
            continue
        weight = (as_number(weights[i]) or 0.0) if weights is not None else 1.0
        group = groups[i] if groups is not None else None
        counts = tally[group]
        counts[1] += weight
        if meets(i):
            counts[0] += weight
        elif weight > 0 and len(kept := short.setdefault(group, [])) < share.KEPT_ROWS:
            kept.append(i)
    return {group: counts for group, counts in tally.items() if counts[1] > 0}


def reference_test(cond: Condition | None, table: Table) -> Callable[[int], bool]:
    """A condition asked one record at a time (always true without one)."""
    if cond is None:
        return lambda i: True
    return compile_condition(cond, lambda name: table.column(name).values.__getitem__)


def completeness_tally(params: completeness.Params, rows: Records,
                       missing: list[int]) -> dict[str, float]:
    """`completeness`'s weight per kind, classifying every cell of every record."""
    unknown, declined = {key(c) for c in params.unknown}, {key(c) for c in params.declined}

    def kind(value: Any) -> int:
        return 0 if not plain(value) else (
            1 if key(value) in unknown else 2 if key(value) in declined else 3)

    columns = [rows.values(c) for c in params.columns]
    weights = rows.values(params.weight_by) if params.weight_by else None
    included, pick = rows.test(params.where), min if params.row_rule == "all" else max
    tally = dict.fromkeys(completeness.KINDS, 0.0)
    for i in range(len(rows)):
        weight = (as_number(weights[i]) or 0.0) if weights is not None else 1.0
        if weight <= 0 or not included(i):
            continue
        found = pick(kind(c[i]) for c in columns)
        tally[completeness.KINDS[found]] += weight
        short = found < 2 or (found == 2 and params.count_declined_as == "missing")
        if short and len(missing) < completeness.KEPT_ROWS:
            missing.append(i)
    return tally


def row_cells(letter: str, row_numbers: Iterable[int]) -> str | None:
    """`B4:B9, B12`, stepping through the rows one by one."""
    runs: list[list[int]] = []
    for row in sorted(set(row_numbers)):
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        elif len(runs) < MAX_RUNS:
            runs.append([row, row])
        else:
            break
    return ", ".join(f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}"
                     for a, b in runs) or None
