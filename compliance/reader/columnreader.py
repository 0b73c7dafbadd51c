"""Parses one column of text into its field's values, each distinct text once.

A column of a million cells holds a few distinct texts (codes, counties, ages, dates):
Arrow dictionary-encodes it, each distinct text goes through `parse_value`, and every
record shares its value. On a worksheet, fastexcel's text stands for the cell's typed
value (`typed_value`). Two things that text cannot say are looked up in the sheet's
bytes for the cells concerned (`celltypes`): whether a text shaped like a number, date
or logical value was filed as text, where that changes how it reads (in a date column
the number 45000 is a date serial, the text `45000` is no date); and the stored value
of a number that fastexcel wrote to 15 significant digits (0.30000000000000004 shows
as 0.3, and a threshold may fall between them). A time of day, or a date in the first
two months of the epoch, may be a duration, which only the cell's format tells: the
sheet is then left to the general reader.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from compliance.checks.records import shown
from compliance.evaluation.submission import Invalid
from compliance.model.workbook import FieldSpec
from compliance.reader.celltypes import Cell, Stored
from compliance.reader.typedtext import TYPED_SHAPE, typed_value
from compliance.reader.values import Tokens, parse_value

StoredCells = Callable[[list[Cell]], dict[Cell, Stored]]
"""How some cells of the sheet are stored (`celltypes.stored_cells` for one sheet)."""

_FIRST_DATES = {False: "1900-03-01", True: "1904-03-01"}
_EXACT_DIGITS = 1e15


class NeedsGeneralReader(Exception):
    """A text the column reader cannot type for certain: the sheet is read the general way."""


@dataclass(frozen=True)
class _Doubt:
    """Cells of a text to look up in the sheet.

    Filed as text they read `as_text`; `exact` marks a number whose stored value may
    have more digits than the text shows.
    """

    as_text: Any
    exact: bool


@dataclass(frozen=True)
class ReadColumn:
    """A column read, its values not yet made.

    `load` makes them; `unreadable` lists the records holding an unreadable value and
    `first` is the first of those values, known without making the list.
    """

    load: Callable[[], list[Any]]
    unreadable: list[int]
    first: Any


@dataclass(frozen=True)
class ColumnReader:
    """Reads one column; `stored` is given for a worksheet, None for a roster file."""

    field: FieldSpec
    tokens: Tokens
    stored: StoredCells | None = None
    date1904: bool = False

    def read(self, cells: pa.Array | pa.ChunkedArray, rows: list[int], col: int,
             marked: dict[int, Any]) -> ReadColumn:
        """The column's values, as a loader, and where its unreadable ones are.

        `rows` are the records' sheet rows (trailing ones may have no cell in `cells`),
        `col` the column, `marked` unreadable values the preflight found, by record.
        """
        encoded = pc.dictionary_encode(cells, null_encoding="encode").combine_chunks()
        texts: list[str | None] = encoded.dictionary.to_pylist()
        parsed: list[Any] = list(texts)
        doubts: dict[str | None, _Doubt] = {}
        for i in self._to_parse(encoded.dictionary):
            parsed[i], doubt = self._parse(texts[i])
            if doubt is not None:
                doubts[texts[i]] = doubt
        patches = self._settle(cells, doubts, rows, col) if doubts else {}
        patches.update(marked)
        bad_ids = [i for i, value in enumerate(parsed) if type(value) is Invalid]
        bad = set(pc.indices_nonzero(pc.is_in(encoded.indices, value_set=pa.array(
            bad_ids, encoded.indices.type))).to_pylist()) if bad_ids else set()
        for i, value in patches.items():
            (bad.add if type(value) is Invalid else bad.discard)(i)
        unreadable = sorted(bad)
        first = (patches[unreadable[0]] if unreadable[0] in patches
                 else parsed[encoded.indices[unreadable[0]].as_py()]) if unreadable else None
        indices, count = encoded.indices, len(rows)

        def load() -> list[Any]:
            values = list(map(parsed.__getitem__, indices.to_pylist()))
            values.extend(None for _ in range(count - len(values)))
            for i, value in patches.items():
                values[i] = value
            return values

        return ReadColumn(load, unreadable, first)

    def _to_parse(self, texts: pa.Array) -> list[int]:
        """Which distinct texts need the parser: all, but for free text only odd ones.

        Free text is its own value unless it is blank, starts or ends with a space, could
        be an N/A or suppression word, or has a shape `typed_value` reads as a number,
        date or logical value.
        """
        if self.field.type != "text" or self.field.codes or self.field.pattern:
            return list(range(len(texts)))
        hit = pc.match_substring_regex(texts, _odd_pattern(self.tokens.initials))
        return list(pc.indices_nonzero(pc.fill_null(hit, True)).to_pylist())

    def _parse(self, text: str | None) -> tuple[Any, _Doubt | None]:
        parse = functools.partial(parse_value, spec=self.field, tokens=self.tokens)
        if self.stored is None:
            return parse(text), None
        typed = typed_value(text, self.date1904)
        if text is None or isinstance(typed, str):
            return parse(typed), None
        if text < _FIRST_DATES[self.date1904] and isinstance(typed, dt.date | dt.time):
            raise NeedsGeneralReader(text)
        value, as_text = parse(typed), parse(text)
        exact = isinstance(typed, float) and (not typed.is_integer()
                                              or abs(typed) >= _EXACT_DIGITS)
        return value, (_Doubt(as_text, exact) if exact or not _alike(value, as_text)
                       else None)

    def _settle(self, cells: pa.Array | pa.ChunkedArray, doubts: dict[str | None, _Doubt],
                rows: list[int], col: int) -> dict[int, Any]:
        """The records whose cells, looked up, read otherwise than their text typed."""
        assert self.stored is not None
        hit = pc.is_in(cells, value_set=pa.array(list(doubts), pa.string()))
        indexes = pc.indices_nonzero(pc.fill_null(hit, False))
        texts = pc.take(cells, indexes).to_pylist()
        found = self.stored([(rows[i], col) for i in indexes.to_pylist()])
        parse = functools.partial(parse_value, spec=self.field, tokens=self.tokens)
        patches: dict[int, Any] = {}
        for i, text in zip(indexes.to_pylist(), texts, strict=True):
            cell = found.get((rows[i], col))
            doubt = doubts[text]
            if cell is None:
                continue
            if cell.text:
                patches[i] = doubt.as_text
            elif doubt.exact and cell.value is not None:
                patches[i] = parse(_number(cell.value, text))
        return patches


def _number(stored: str, shown_as: str) -> float:
    try:
        return float(stored)
    except ValueError:
        return float(shown_as)


def _alike(first: Any, second: Any) -> bool:
    """Whether two parsed values would read the same in every finding."""
    if isinstance(first, Invalid) and isinstance(second, Invalid):
        return (shown(first), first.reason) == (shown(second), second.reason)
    return type(first) is type(second) and bool(first == second)


# Exactly the characters Python's str.strip removes, for the RE2 engine Arrow uses.
_SPACE = "[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


@functools.lru_cache(maxsize=32)
def _odd_pattern(initials: frozenset[str]) -> str:
    starts = "".join(re.escape(c) for c in sorted(initials) if len(c) == 1)
    options = [f"^{_SPACE}", f"{_SPACE}$", "^$", TYPED_SHAPE]
    if starts:
        options.append(f"^(?i:[{starts}])")
    return "|".join(options)
