"""Values a measure needs but cannot read: the evidence behind an `incomplete` status.

A measure is never computed from the readable rest as if an unreadable cell were absent
or zero: one `-`, `TBD`, `#REF!` or formula without a cached value among the cells a
check needs makes its requirement `incomplete`, with a finding at every such cell. A
blank is unreadable where the measure needs a number (a count that is not reported is
not 0); elsewhere a blank is the filer's answer and the check itself judges it. N/A and
Suppressed tokens are legitimate answers, never unreadable.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Iterable, Sequence
from itertools import repeat

from compliance.checks.records import Records, shown
from compliance.evaluation.condition import referenced_fields
from compliance.evaluation.results import Finding
from compliance.evaluation.submission import EvidenceMissing, Invalid
from compliance.evaluation.valueindex import indexes as indexes_of
from compliance.model.condition import Condition

CODE = "evidence.unreadable"
SHOWN = 50
"""Cells listed one by one; the rest are counted in one closing finding."""


def _finding(rows: Records, field_id: str, index: int, value: object) -> Finding:
    label, cell = rows.label(field_id), rows.cell(field_id, index)
    where = f"{rows.name}!{cell}" if cell else rows.name
    if isinstance(value, Invalid):
        why = f"'{shown(value)}' cannot be read ({value.reason})"
        fix = f"write the value of '{label}' at {where} as the field asks"
    else:
        why = "is blank: a value that is not reported cannot be taken as 0"
        fix = f"fill in '{label}' at {where} (0 when there were none)"
    return Finding(code=CODE, sheet=rows.name, cell=cell, expected=f"a readable '{label}'",
                   actual=shown(value), message=f"'{label}' at {where} {why}; {fix}.")


def unreadable(rows: Records, fields: Iterable[str | None], indexes: Sequence[int], *,
               blank: bool = False) -> list[Finding]:
    """A finding for each cell of `fields` at `indexes` (ascending) that cannot be read.

    With `blank`, an empty cell counts as unreadable too (the measure needs a number there).
    The first `SHOWN` cells get a finding each and the rest one closing finding, so a
    million-row roster with a bad column costs a count, not a million findings.
    """
    wanted = [f for f in dict.fromkeys(fields) if f and rows.has(f)]
    kinds = (Invalid, type(None)) if blank else Invalid
    found = [rows.index(f).positions(kinds) for f in wanted]
    if not any(found):
        return []  # the usual case, found without looking at each cell in Python
    kept = [_among(at, indexes, len(rows)) if at else [] for at in found]
    hit = [p for p, at in enumerate(kept) if at]
    if len(hit) == 1:  # one field's cells, already in record order
        total, cells = len(kept[hit[0]]), [(i, hit[0]) for i in kept[hit[0]][:SHOWN + 1]]
    else:  # a cell's place orders cells by record, then by field, as they are listed
        width = len(wanted)
        places = sorted(itertools.chain.from_iterable(
            map(operator.add, map(operator.mul, at, repeat(width)), repeat(p))
            for p, at in enumerate(kept)))
        total, cells = len(places), [divmod(place, width) for place in places[:SHOWN + 1]]
    listed = [_finding(rows, wanted[p], i, rows.values(wanted[p])[i]) for i, p in cells[:SHOWN]]
    if total > SHOWN:
        i, p = cells[SHOWN]
        listed.append(Finding(
            code=CODE, sheet=rows.name, expected=listed[-1].expected, actual="unreadable",
            message=f"{total - SHOWN} more cells like these cannot be read, the first at "
                    f"{rows.name}!{rows.cell(wanted[p], i)}."))
    return listed


def _among(found: list[int], indexes: Sequence[int], size: int) -> list[int]:
    """The found records that are among `indexes` (ascending), in order.

    A few unreadable cells are looked up in a roster's records; many are matched by set.
    """
    if len(indexes) == size or found == indexes:  # all records, or just the ones found
        return found
    if len(found) * 16 < len(indexes):
        return [i for i in found if (at := bisect.bisect_left(indexes, i)) < len(indexes)
                and indexes[at] == i]
    return list(filter(set(indexes).__contains__, found))


def condition_fields(*conditions: Condition | None) -> list[str]:
    """The fields a row condition reads."""
    return [name for cond in conditions if cond for name in referenced_fields(cond)]


def require(findings: Sequence[Finding]) -> None:
    """Stop the measure when any needed value is unreadable (the check is `incomplete`)."""
    if findings:
        raise EvidenceMissing(*findings)


def require_rows(rows: Records, where: Condition | None, fields: Iterable[str | None], *,
                 blank: bool = False) -> list[int]:
    """The indexes of rows `where` selects, once every value deciding them is readable.

    A row whose `where` fields cannot be read might belong to the measure or not, so it
    makes the measure incomplete as surely as an unreadable measured value does.
    """
    every = range(len(rows))
    problems = unreadable(rows, condition_fields(where), every)
    require(problems)
    mask = rows.mask(where)
    picked = every if mask is None else indexes_of(mask)
    require(unreadable(rows, fields, picked, blank=blank))
    return list(picked)
