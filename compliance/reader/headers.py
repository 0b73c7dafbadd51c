"""Matches filed headers and labels to the fields a sheet declares.

Matching is exact after normalising case, spacing and punctuation, against the label,
the aliases and the field id. A header that is close to a field's name but not equal
is reported as a near miss and left unmatched, and so is a field claimed by two
headers: a compliance decision must never rest on a guessed column.
"""

from __future__ import annotations

import difflib
from collections.abc import Set
from dataclasses import dataclass, field

from compliance.model.workbook import FieldSpec
from compliance.reader.values import normalize

NEAR_MISS = 0.8


MAX_REMEMBERED = 4096
# Remembered per field object, not per field value: hashing and comparing a field's
# model on every header cell cost more than the clean-up it saved. Each entry holds its
# field, so the object (and with it the id) stays the same while the entry lives.
_SPELLINGS: dict[int, tuple[FieldSpec, frozenset[str]]] = {}


def spellings(spec: FieldSpec) -> frozenset[str]:
    """Every normalised spelling that names a field (remembered per field)."""
    found = _SPELLINGS.get(id(spec))
    if found is not None and found[0] is spec:
        return found[1]
    names = frozenset({normalize(spec.label), normalize(spec.id.replace("_", " ")),
                       *(normalize(alias) for alias in spec.aliases)})
    if len(_SPELLINGS) >= MAX_REMEMBERED:
        _SPELLINGS.clear()
    _SPELLINGS[id(spec)] = (spec, names)
    return names


@dataclass
class HeaderMatch:
    """Which header index each field got, and what could not be matched."""

    columns: dict[str, int] = field(default_factory=dict)
    ambiguous: dict[str, list[int]] = field(default_factory=dict)
    near_misses: list[tuple[int, str, FieldSpec]] = field(default_factory=list)


def match_headers(headers: list[str], fields: tuple[FieldSpec, ...]) -> HeaderMatch:
    """Assign header positions to fields by exact normalised match; report the rest."""
    result = HeaderMatch()
    normalized = [normalize(h) for h in headers]
    for spec in fields:
        names = spellings(spec)
        hits = [i for i, text in enumerate(normalized) if text and text in names]
        if len(hits) == 1:
            result.columns[spec.id] = hits[0]
        elif hits:
            result.ambiguous[spec.id] = hits
    taken = set(result.columns.values()) | {i for v in result.ambiguous.values() for i in v}
    for spec in fields:
        if spec.id in result.columns or spec.id in result.ambiguous:
            continue
        near = _closest(normalized, taken, spellings(spec))
        if near is not None:
            result.near_misses.append((near, headers[near], spec))
    return result


def _closest(normalized: list[str], taken: set[int], names: Set[str]) -> int | None:
    best, best_ratio = None, NEAR_MISS
    for i, text in enumerate(normalized):
        if not text or i in taken:
            continue
        ratio = max(difflib.SequenceMatcher(None, text, name).ratio() for name in names)
        if ratio >= best_ratio:
            best, best_ratio = i, ratio
    return best


def header_score(headers: list[str], fields: tuple[FieldSpec, ...]) -> int:
    """How many fields a candidate header row names exactly."""
    known = frozenset().union(*(spellings(spec) for spec in fields))
    return sum(1 for text in map(normalize, headers) if text and text in known)


def match_sheet(names: list[str], wanted: str,
                aliases: tuple[str, ...]) -> tuple[int | None, int | None]:
    """(exact match index, near-miss index) of a sheet among the workbook's sheet names."""
    targets = {normalize(wanted)} | {normalize(a) for a in aliases}
    normalized = [normalize(n) for n in names]
    for i, text in enumerate(normalized):
        if text in targets:
            return i, None
    near = _closest(normalized, set(), targets)
    return None, near
