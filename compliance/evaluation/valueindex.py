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
SAMPLE = 4096
"""Values looked at first: a column with many distinct values among them gets no table."""


class ValueIndex:
    """The distinct values of one column, and per-record answers worked out from them.

    Everything is worked out on first use and kept: checks over one roster share it. A
    column of mostly different values (member keys) is not worth a table of its values.
    """

    __slots__ = ("_keys", "_positions", "_safe", "_types", "_wrapper", "values")

    def __init__(self, values: list[Any], wrapper: type | None = None):
        self.values = values
        self._wrapper = wrapper
        self._keys: dict[Any, None] | None = _UNSET
        self._types: set[type] | None = None
        self._safe: bool | None = None
        self._positions: dict[Kinds, list[int]] = {}

    def __len__(self) -> int:
        return len(self.values)

    def _equal_keys(self) -> dict[Any, None] | None:
        """The values with equal ones merged (None for many distinct or unhashable values)."""
        if self._keys is _UNSET:
            self._keys = None
            try:
                if len(dict.fromkeys(self.values[:SAMPLE])) <= SAMPLE // 4:
                    self._keys = dict.fromkeys(self.values)
            except TypeError:  # an unhashable value
                pass
        return self._keys

    def types(self) -> set[type]:
        """The types of the values in the column."""
        if self._types is None:
            keys = self._equal_keys()
            found = None if keys is None else set(map(type, keys))
            # Only numbers of different types are equal, and so merged among the keys.
            self._types = set(map(type, self.values)) if found is None or (
                found & _NUMBERS) else found
        return self._types

    def _distinct(self) -> dict[Any, None] | None:
        """The distinct values, when equal values in the column are always of one type."""
        keys = self._equal_keys()
        if keys is None:
            return None
        if self._safe is None:
            wrapper, types = self._wrapper, self.types()
            raws = {type(self.values[i].raw) for i in self.positions(wrapper)} if (
                wrapper is not None and wrapper in types) else set()
            self._safe = len(types & _NUMBERS) <= 1 and len(raws & _NUMBERS) <= 1
        return keys if self._safe else None

    def map(self, fn: Callable[[Any], T]) -> list[T]:
        """`fn(value)` for every record, with `fn` called once per distinct value."""
        distinct = self._distinct()
        if distinct is None:
            return [fn(value) for value in self.values]
        answers = {value: fn(value) for value in distinct}
        return list(map(answers.__getitem__, self.values))

    def map_at(self, fn: Callable[[Any], T], rows: list[int]) -> list[T]:
        """`fn(value)` for the records at `rows`, once per distinct value among them."""
        picked = map(self.values.__getitem__, rows)
        if self._distinct() is None:
            return list(map(fn, picked))
        answers: dict[Any, T] = {}
        return [answers[v] if v in answers else answers.setdefault(v, fn(v)) for v in picked]

    def mask(self, test: Callable[[Any], object]) -> Mask:
        """Whether each record's value passes `test`."""
        return self.map(lambda value: bool(test(value)))

    def positions(self, kinds: Kinds) -> list[int]:
        """The records whose value is an instance of `kinds`: blanks (`NoneType`) or wrapped.

        Only None and the wrapper may be asked for: no value of another type equals one.
        """
        found = self._positions.get(kinds)
        if found is None:
            keys = self._equal_keys()
            wanted = kinds if isinstance(kinds, tuple) else (kinds,)
            if not any(issubclass(t, wanted) for t in self.types()):
                found = []
            elif keys is None:
                found = positions(self.values, kinds)
            else:
                bad = {k for k in keys if isinstance(k, kinds)}
                found = list(compress(range(len(self.values)), map(bad.__contains__,
                                                                    self.values)))
            self._positions[kinds] = found
        return found


def indexes(flags: list[Any]) -> list[int]:
    """The positions whose entry is true (a mask, or answers that are None where clear)."""
    return list(compress(range(len(flags)), flags))


def positions(values: list[Any], kinds: Kinds) -> list[int]:
    """The positions of the values that are instances of `kinds` (found without a Python loop)."""
    return list(compress(range(len(values)), map(isinstance, values, repeat(kinds))))
