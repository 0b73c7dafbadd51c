"""A column's distinct values, so that a check decides once per value rather than per cell.

A member roster's column of a hundred thousand cells holds a handful of codes, or a few
hundred ages or dates. A test that depends only on the value (a listed code? blank? in
range?) is answered once per distinct value, then spread over the rows by list operations
that run in C. `True == 1 == 1.0` in Python, yet those are shown and compared differently:
a column holding equal values of different types (directly, or as the raw value inside a
`wrapper` such as an unreadable value) is worked through cell by cell instead.
"""

from __future__ import annotations

import itertools
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
        """The values with equal ones merged (None for many distinct or unhashable values).

        Worked out only for answers per value: finding blanks or unreadable values needs
        only the values' types.
        """
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
            self._types = set(map(type, self.values))
        return self._types

    def _one_type_each(self) -> bool:
        """Whether equal values in the column are always of one type (one answer fits all)."""
        if self._safe is None:
            wrapper, types = self._wrapper, self.types()
            raws = {type(self.values[i].raw) for i in self.positions(wrapper)} if (
                wrapper is not None and wrapper in types) else set()
            self._safe = len(types & _NUMBERS) <= 1 and len(raws & _NUMBERS) <= 1
        return self._safe

    def _distinct(self) -> dict[Any, None] | None:
        """The distinct values, when one answer fits each (None to go value by value)."""
        keys = self._equal_keys()
        return keys if keys is not None and self._one_type_each() else None

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
        if not self._one_type_each():
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
        """The records whose value is an instance of `kinds`: blanks (`NoneType`) or wrapped.

        Only None and the wrapper may be asked for (no value of another type equals one),
        alone or together. Each answer is kept, and later ones are made from it.
        """
        found = self._positions.get(kinds)
        if found is None:
            found = self._positions[kinds] = self._find(kinds)
        return found

    def _find(self, kinds: Kinds) -> list[int]:
        known = self._positions
        if isinstance(kinds, tuple) and all(k in known for k in kinds):
            return sorted(itertools.chain.from_iterable(known[k] for k in kinds))
        wider = next((at for k, at in known.items() if isinstance(k, tuple) and kinds in k),
                     None)
        if wider is not None:  # a few records, found with another kind already
            return [i for i in wider if isinstance(self.values[i], kinds)]
        # One pass over the column gives its types and, when asked for, where they are.
        kinds_of = list(map(type, self.values)) if self._types is None else None
        if kinds_of is not None:
            self._types = set(kinds_of)
        hits = {t for t in self.types() if issubclass(t, kinds)}
        if not hits:
            return []
        if self._keys is not _UNSET and self._keys is not None:  # match the distinct values
            bad = {k for k in self._keys if isinstance(k, kinds)}
            return list(compress(range(len(self.values)), map(bad.__contains__, self.values)))
        return list(compress(range(len(self.values)), map(hits.__contains__, (
            map(type, self.values) if kinds_of is None else kinds_of))))


def indexes(flags: list[Any]) -> list[int]:
    """The positions whose entry is true (a mask, or answers that are None where clear)."""
    return list(compress(range(len(flags)), flags))


def positions(values: list[Any], kinds: Kinds) -> list[int]:
    """The positions of the values that are instances of `kinds` (found without a Python loop)."""
    return list(compress(range(len(values)), map(isinstance, values, repeat(kinds))))
