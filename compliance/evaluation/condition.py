"""Interprets declarative conditions against a table's rows or a submission's context.

Conditions are compiled once into small closures over the column lists, so a filter
over a million-row roster costs one Python call per row, not a dictionary per row.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable, Mapping
from typing import Any

from compliance.evaluation.submission import NA, SUPPRESSED, Invalid, Table, Token
from compliance.evaluation.valueindex import Mask
from compliance.model.condition import AllOf, AnyOf, Compare, Condition, NotOf
from compliance.model.pattern import search

RowTest = Callable[[int], bool]
Getter = Callable[[int], Any]

_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge,
}


def _plain(value: Any) -> bool:
    return value is not None and not isinstance(value, Token | Invalid)


def _key(value: Any) -> Any:
    """Comparable form: text compares without case or outer spaces, datetimes as dates."""
    if isinstance(value, str):
        return value.strip().casefold()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    return value


def _equal(left: Any, right: Any) -> bool:
    if not (_plain(left) and _plain(right)):
        return False
    a, b = _key(left), _key(right)
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    return bool(a == b)


def _ordered(op: str, left: Any, right: Any) -> bool:
    if not (_plain(left) and _plain(right)):
        return False
    a, b = _key(left), _key(right)
    if isinstance(a, bool) or isinstance(b, bool) or type(a) is not type(b):
        return False
    return _ORDER[op](a, b)


def _compare(cond: Compare, get: Getter, other: Getter | None) -> RowTest:
    op, value = cond.op, cond.value
    if op == "blank":
        return lambda i: get(i) is None
    if op == "not_blank":
        return lambda i: get(i) is not None
    if op == "na":
        return lambda i: get(i) is NA
    if op == "suppressed":
        return lambda i: get(i) is SUPPRESSED
    if op == "invalid":
        return lambda i: isinstance(get(i), Invalid)
    if op == "valid":
        return lambda i: _plain(get(i))
    if op in ("in", "not_in"):
        options = value if isinstance(value, list) else []
        found: RowTest = lambda i: any(_equal(get(i), v) for v in options)  # noqa: E731
        return found if op == "in" else (lambda i: _plain(get(i)) and not found(i))
    if op == "matches":
        text = str(value)
        return lambda i: _plain(get(i)) and search(text, str(get(i)))
    right: Getter = other if other is not None else (lambda i: value)
    if op == "contains":
        return lambda i: _plain(get(i)) and _key(str(right(i))) in _key(str(get(i)))
    if op == "eq":
        return lambda i: _equal(get(i), right(i))
    if op == "ne":
        return lambda i: _plain(get(i)) and _plain(right(i)) and not _equal(get(i), right(i))
    return lambda i: _ordered(op, get(i), right(i))


def compile_condition(cond: Condition, resolve: Callable[[str], Getter]) -> RowTest:
    """A predicate over row indexes; `resolve` maps a field name to a value getter."""
    if isinstance(cond, AllOf):
        parts = [compile_condition(c, resolve) for c in cond.all]
        return lambda i: all(p(i) for p in parts)
    if isinstance(cond, AnyOf):
        parts = [compile_condition(c, resolve) for c in cond.any]
        return lambda i: any(p(i) for p in parts)
    if isinstance(cond, NotOf):
        inner = compile_condition(cond.not_, resolve)
        return lambda i: not inner(i)
    get = resolve(cond.field)
    if cond.other:
        return _compare(cond, get, resolve(cond.other))
    return _remembered(_compare(cond, lambda _i: _i, None), get)


def _remembered(test: Callable[[Any], bool], get: Getter) -> RowTest:
    """A per-row test of a literal comparison, remembering each distinct value's answer.

    Such a comparison depends only on the value, and rosters repeat values.
    """
    seen: dict[tuple[type, Any], bool] = {}

    def run(i: int) -> bool:
        value = get(i)
        key = (type(value), value)
        try:
            return seen[key]
        except KeyError:
            seen[key] = result = test(value)
            return result
        except TypeError:
            return test(value)

    return run


def row_mask(cond: Condition, table: Table) -> Mask:
    """Whether each of a table's records meets a condition, in row order.

    A comparison with a literal is decided once per distinct value of its column; parts
    combine element-wise. Columns are looked up in the order `compile_condition` does, so
    a missing one is reported the same way.
    """
    if isinstance(cond, AllOf | AnyOf):
        parts = [row_mask(c, table) for c in (cond.all if isinstance(cond, AllOf) else cond.any)]
        join = operator.and_ if isinstance(cond, AllOf) else operator.or_
        return functools.reduce(lambda a, b: list(map(join, a, b)), parts,
                                [isinstance(cond, AllOf)] * len(table))
    if isinstance(cond, NotOf):
        return list(map(operator.not_, row_mask(cond.not_, table)))
    column = table.column(cond.field)
    if cond.other:
        test = _compare(cond, column.values.__getitem__,
                        table.column(cond.other).values.__getitem__)
        return [bool(test(i)) for i in range(len(table))]
    return column.index().mask(_compare(cond, lambda value: value, None))


def row_test(cond: Condition | None, table: Table) -> RowTest:
    """A predicate over a table's record indexes (always true without a condition)."""
    if cond is None:
        return lambda i: True
    return row_mask(cond, table).__getitem__


def holds(cond: Condition, names: Mapping[str, Any]) -> bool:
    """Whether a condition holds over named values (the submission context)."""
    return compile_condition(cond, lambda name: lambda _i: names.get(name))(0)


def referenced_fields(cond: Condition | None) -> list[str]:
    """Every field name a condition mentions, for load-time reference checks."""
    if cond is None:
        return []
    if isinstance(cond, AllOf):
        return [f for c in cond.all for f in referenced_fields(c)]
    if isinstance(cond, AnyOf):
        return [f for c in cond.any for f in referenced_fields(c)]
    if isinstance(cond, NotOf):
        return referenced_fields(cond.not_)
    return [cond.field] + ([cond.other] if cond.other else [])


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _either(items: list[str], word: str) -> str:
    """`A`, `A or B`, `A, B or C`."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


_SAYS = {"eq": "is", "ne": "is not", "lt": "is less than", "le": "is at most",
         "gt": "is more than", "ge": "is at least", "contains": "contains",
         "matches": "matches the pattern", "in": "is", "not_in": "is not"}
_STATES = {"blank": "is blank", "not_blank": "is filled in", "valid": "holds a valid value",
           "invalid": "holds a value that cannot be read", "na": "is N/A",
           "suppressed": "is suppressed"}
Namer = Callable[[str], str]
ValueNamer = Callable[[str, Any], str]


def describe(cond: Condition, name: Namer = str, value: ValueNamer | None = None) -> str:
    """The condition in plain words: `Position is Health equity officer and Name is filled in`.

    `name` turns a field id into what the filer sees (its label) and `value` a field's code
    into its label; ids and codes are shown as they are when no namers are given.
    """
    if isinstance(cond, AllOf | AnyOf):
        parts, word = (cond.all, "and") if isinstance(cond, AllOf) else (cond.any, "or")
        if len(parts) == 1:
            return describe(parts[0], name, value)
        return f" {word} ".join(_nested(c, name, value) for c in parts)
    if isinstance(cond, NotOf):
        return f"not ({describe(cond.not_, name, value)})"
    if cond.op in _STATES:
        return f"{name(cond.field)} {_STATES[cond.op]}"
    if cond.other:
        return f"{name(cond.field)} {_SAYS[cond.op]} {name(cond.other)}"
    say = value or (lambda _field, v: _shown(v))
    items = cond.value if isinstance(cond.value, list) else [cond.value]
    shown = _either([say(cond.field, v) for v in items], "or")
    # 'one of' keeps a list's 'or' apart from the 'and' / 'or' joining conditions.
    one_of = " one of" if len(items) > 1 else ""
    return f"{name(cond.field)} {_SAYS[cond.op]}{one_of} {shown}"


def _nested(cond: Condition, name: Namer, value: ValueNamer | None) -> str:
    text = describe(cond, name, value)
    parts = cond.all if isinstance(cond, AllOf) else cond.any if isinstance(cond, AnyOf) else []
    return f"({text})" if len(parts) > 1 else text
