"""Binds a table sheet: finds its header row, matches columns, parses every record."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, Protocol

from compliance.checks.records import shown
from compliance.evaluation.results import Finding
from compliance.evaluation.submission import Column, Invalid, Table, column_letter
from compliance.model.workbook import SheetSpec
from compliance.reader.headers import HeaderMatch, header_score, match_headers
from compliance.reader.values import Tokens, parser_for
from compliance.reader.workbook import Merged

HEADER_SEARCH_ROWS = 30


class RowSource(Protocol):
    """Where a table's rows come from: a workbook's sheet or a roster file."""

    def rows(self, name: str) -> Iterator[tuple[int, list[Any]]]:
        """(1-based row number, cells from column A) of each row."""
        ...

    def merged(self, name: str) -> list[Merged]:
        """Merged ranges, 0-based and inclusive."""
        ...


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _header_texts(buffer: list[tuple[int, list[Any]]], at: int, merged: list[Merged]) -> list[str]:
    """Header texts of buffer row `at`, filling merged cells and joining group titles."""
    number, cells = buffer[at]
    grid = {n: row for n, row in buffer}
    texts = [_text(c) for c in cells]
    for (r1, c1), (r2, c2) in merged:
        if not r1 + 1 <= number <= r2 + 1:
            continue
        top = _text(grid.get(r1 + 1, [])[c1] if c1 < len(grid.get(r1 + 1, [])) else "")
        for col in range(c1, min(c2 + 1, len(texts))):
            texts[col] = texts[col] or top
    return texts


def _variants(buffer: list[tuple[int, list[Any]]], at: int,
              merged: list[Merged]) -> list[list[str]]:
    """Spellings of a candidate header row.

    As filed (merged cells filled), then with a group title merged over the row above
    joined on either side ('Claims' over 'Paid' gives 'Claims Paid' and 'Paid Claims').
    """
    texts = _header_texts(buffer, at, merged)
    number = buffer[at][0]
    above = dict(buffer).get(number - 1, [])
    before, after = list(texts), list(texts)
    for (r1, c1), (r2, c2) in merged:
        if r1 != r2 or r1 + 1 != number - 1 or c1 == c2:
            continue
        title = _text(above[c1]) if c1 < len(above) else ""
        for col in range(c1, min(c2 + 1, len(texts))):
            if title and texts[col] and texts[col] != title:
                before[col], after[col] = f"{title} {texts[col]}", f"{texts[col]} {title}"
    return [texts, before, after]


def _find_header(buffer: list[tuple[int, list[Any]]], spec: SheetSpec,
                 merged: list[Merged]) -> int | None:
    if spec.header_row is not None:
        return next((i for i, (n, _) in enumerate(buffer) if n == spec.header_row), None)
    scores = [max(header_score(v, spec.fields) for v in _variants(buffer, i, merged))
              for i in range(len(buffer))]
    best = max(scores, default=0)
    return scores.index(best) if best > 0 else None


def _match(variants: list[list[str]], spec: SheetSpec) -> HeaderMatch:
    """Match the filed spelling first; fill unmatched fields from the joined spellings."""
    match = match_headers(variants[0], spec.fields)
    for texts in variants[1:]:
        extra = match_headers(texts, spec.fields)
        for field_id, pos in extra.columns.items():
            if field_id not in match.columns and pos not in match.columns.values():
                match.columns[field_id] = pos
                match.near_misses = [m for m in match.near_misses if m[2].id != field_id]
    return match


@dataclass(frozen=True)
class Header:
    """A table's header row: where it is in the buffered rows, its texts, matched columns."""

    at: int
    row: int
    texts: list[str]
    columns: dict[str, int]


def read_header(buffer: list[tuple[int, list[Any]]], merged: list[Merged], spec: SheetSpec,
                name: str, notes: list[Finding]) -> Header | None:
    """Find and match the header row among the first rows; notes say what did not match."""
    at = _find_header(buffer, spec, merged)
    if at is None:
        notes.append(Finding(code="reader.no_header_row", sheet=name,
                             message=f"No header row naming this sheet's columns was found "
                                     f"in the first {HEADER_SEARCH_ROWS} rows of '{name}'."))
        return None
    variants = _variants(buffer, at, merged)
    match = _match(variants, spec)
    header = Header(at, buffer[at][0], variants[0], match.columns)
    _note_mismatches(match, header.texts, name, header.row, notes)
    return header


def bind_table(raw: RowSource, name: str, spec: SheetSpec, tokens: Tokens,
               notes: list[Finding]) -> Table:
    """A `Table` of parsed records; unmatched columns are simply absent from it."""
    rows: Iterator[tuple[int, list[Any]]] = raw.rows(name)
    buffer = list(islice(rows, HEADER_SEARCH_ROWS))
    header = read_header(buffer, raw.merged(name), spec, name, notes)
    if header is None:
        return Table(spec=spec, name=name, header_row=1, rows=[], columns={})
    table = _records(chain(buffer[header.at + 1:], rows), spec, tokens, header.columns, name,
                     header.row, header.texts)
    note_unreadable(table, notes)
    return table


@dataclass(frozen=True)
class Unreadable:
    """Where a column's unreadable values are (record indexes), and the first of them."""

    records: list[int]
    first: Any


def note_unreadable(table: Table, notes: list[Finding],
                    known: Mapping[str, Unreadable] | None = None) -> None:
    """One note per column holding values that do not fit it.

    A requirement only looks at the columns it names; this note makes sure a value that
    could not be read is reported even where no requirement checks that column. `known`
    gives, by field, what a reader already found, so the column need not be scanned.
    """
    for field_id, column in table.columns.items():
        found = (known or {}).get(field_id) or _unreadable(column.values)
        if not found.records:
            continue
        first, count = found.first, len(found.records)
        cell = table.cell(field_id, found.records[0])
        more = f" and {count - 1} more" if count > 1 else ""
        notes.append(Finding(
            code="reader.unreadable_values", sheet=table.name, cell=cell,
            expected=f"a valid {column.spec.label}", actual=shown(first),
            message=f"Column '{column.spec.label}': '{shown(first)}' at {cell} could not be read "
                    f"({first.reason}){more}."))


def _unreadable(values: list[Any]) -> Unreadable:
    # A set of the types is built in C; most columns hold no unreadable value.
    if Invalid not in set(map(type, values)):
        return Unreadable([], None)
    records = [i for i, value in enumerate(values) if type(value) is Invalid]
    return Unreadable(records, values[records[0]])


def _note_mismatches(match: HeaderMatch, texts: list[str], name: str, header_row: int,
                     notes: list[Finding]) -> None:
    for field_id, hits in match.ambiguous.items():
        cells = ", ".join(f"{column_letter(i)}{header_row}" for i in hits)
        notes.append(Finding(code="reader.ambiguous_header", sheet=name,
                             cell=f"{column_letter(hits[0])}{header_row}",
                             message=f"Several headers ({cells}) name the field '{field_id}'; "
                                     "none was used. Keep one column per field."))
    for index, header, spec in match.near_misses:
        notes.append(Finding(code="reader.near_miss_header", sheet=name,
                             cell=f"{column_letter(index)}{header_row}",
                             expected=spec.label, actual=header,
                             message=f"Header '{header}' looks like '{spec.label}' but does not "
                                     "match it; rename the header so the column is checked."))


CHUNK = 8192


def _records(rows: Iterator[tuple[int, list[Any]]], spec: SheetSpec, tokens: Tokens,
             positions: dict[str, int], name: str, header_row: int, texts: list[str]) -> Table:
    fields = {f.id: f for f in spec.fields}
    ids = list(positions)
    parsers = [parser_for(fields[fid], tokens) for fid in ids]
    values: list[list[Any]] = [[] for _ in ids]
    numbers: list[int] = []
    if ids:
        # Work a chunk of rows at a time, column by column, so that the per-cell work
        # happens in C (itemgetter, zip, map) except for the memoised parse itself.
        pick = operator.itemgetter(*[positions[fid] for fid in ids])
        width = max(positions.values()) + 1
        for chunk in _chunks(rows, width, pick, len(ids)):
            numbers.extend(number for number, _ in chunk)
            cells_by_column = zip(*(c for _, c in chunk), strict=True)
            for column, parse, cells in zip(values, parsers, cells_by_column, strict=True):
                column.extend(map(parse, cells))
    columns = {fid: Column(spec=fields[fid], letter=column_letter(positions[fid]),
                           header=texts[positions[fid]], values=values[n])
               for n, fid in enumerate(ids)}
    return Table(spec=spec, name=name, header_row=header_row, rows=numbers, columns=columns)


def _chunks(rows: Iterator[tuple[int, list[Any]]], width: int, pick: Callable[[list[Any]], Any],
            count: int) -> Iterator[list[tuple[int, tuple[Any, ...]]]]:
    """Non-blank records as (row number, the matched cells), a chunk at a time."""
    chunk: list[tuple[int, tuple[Any, ...]]] = []
    for number, cells in rows:
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        picked = pick(cells)
        if count == 1:
            picked = (picked,)
        if picked.count("") + picked.count(None) == count:
            continue
        chunk.append((number, picked))
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
