"""A column's distinct values, so that a check decides once per value rather than per cell.

A member roster's column of a hundred thousand cells holds a handful of codes, or a few
hundred ages or dates. A test that depends only on the value (a listed code? blank? in
range?) is answered once per distinct value, then spread over the rows by list operations
that run in C. `True == 1 == 1.0` in Python, yet those are shown and compared differently:
a column holding equal values of different types (directly, or as the raw value inside a
`wrapper` such as an unreadable value) is worked through cell by cell instead.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress, repeat
from typing import Any, TypeVar

Mask = list[bool]
"""One truth value per record, in row order."""

T = TypeVar("T")
Kinds = type | tuple[type, ...]
_NUMBERS = frozenset({bool, int, float})
_UNSET: Any = object()


class ValueIndex:
    """The distinct values of one column, and per-record answers worked out from them.

    Everything is worked out on first use and kept: checks over one roster share it.
    """

    __slots__ = ("_distinct", "_positions", "_types", "_wrapper", "values")

    def __init__(self, values: list[Any], wrapper: type | None = None):
        self.values = values
        self._wrapper = wrapper
        self._types: set[type] | None = None
        self._distinct: dict[Any, None] | None = _UNSET
        self._positions: dict[Kinds, list[int]] = {}

    def __len__(self) -> int:
        return len(self.values)

    def types(self) -> set[type]:
        """The types of the values in the column."""
        if self._types is None:
            self._types = set(map(type, self.values))
        return self._types

    def _safe(self) -> bool:
        """Whether equal values in the column are always of one type (so one answer fits all)."""
        wrapper, types = self._wrapper, self.types()
        raws = {type(self.values[i].raw) for i in self.positions(wrapper)} if (
            wrapper is not None and wrapper in types) else set()
        return len(types & _NUMBERS) <= 1 and len(raws & _NUMBERS) <= 1

    def _unique(self) -> dict[Any, None] | None:
        """The distinct values in first-seen order; None when they cannot be told apart."""
        if self._distinct is _UNSET:
            self._distinct = None
            if self._safe():
                try:
                    self._distinct = dict.fromkeys(self.values)
                except TypeError:  # an unhashable value
                    pass
        return self._distinct

    def map(self, fn: Callable[[Any], T]) -> list[T]:
        """`fn(value)` for every record, with `fn` called once per distinct value."""
        distinct = self._unique()
        if distinct is None:
            return [fn(value) for value in self.values]
        answers = {value: fn(value) for value in distinct}
        return list(map(answers.__getitem__, self.values))

    def map_at(self, fn: Callable[[Any], T], rows: list[int]) -> list[T]:
        """`fn(value)` for the records at `rows`, once per distinct value among them."""
        picked = map(self.values.__getitem__, rows)
        if not self._safe():
            return list(map(fn, picked))
        answers: dict[Any, T] = {}
        try:
            return [answers[v] if v in answers else answers.setdefault(v, fn(v)) for v in picked]
        except TypeError:  # an unhashable value
            return list(map(fn, map(self.values.__getitem__, rows)))

    def mask(self, test: Callable[[Any], object]) -> Mask:
        """Whether each record's value passes `test`."""
        return self.map(lambda value: bool(test(value)))

    def positions(self, kinds: Kinds) -> list[int]:
        """The records whose value is an instance of `kinds` (a blank is a `NoneType`)."""
        found = self._positions.get(kinds)
        if found is None:
            wanted = kinds if isinstance(kinds, tuple) else (kinds,)
            if any(issubclass(t, wanted) for t in self.types()):
                found = positions(self.values, kinds)
            else:
                found = []
            self._positions[kinds] = found
        return found


def indexes(flags: list[Any]) -> list[int]:
    """The positions whose entry is true (a mask, or answers that are None where clear)."""
    return list(compress(range(len(flags)), flags))


def positions(values: list[Any], kinds: Kinds) -> list[int]:
    """The positions of the values that are instances of `kinds` (found without a Python loop)."""
    return list(compress(range(len(values)), map(isinstance, values, repeat(kinds))))
