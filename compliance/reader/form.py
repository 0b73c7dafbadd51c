"""Binds a form sheet: finds each field's label and reads the value written beside it."""

from __future__ import annotations

from itertools import islice
from typing import Any

from compliance.evaluation.results import Finding
from compliance.evaluation.submission import Form, FormValue, Invalid, column_letter
from compliance.model.workbook import SheetSpec
from compliance.reader.headers import spellings
from compliance.reader.values import Tokens, normalize, parse_value
from compliance.reader.workbook import RawWorkbook

FORM_SEARCH_ROWS = 500
VALUE_SEARCH_CELLS = 4


def _value_beside(cells: list[Any], col: int) -> tuple[Any, int]:
    """The first non-blank cell right of a label (within a few cells), and its column."""
    for offset in range(1, VALUE_SEARCH_CELLS + 1):
        pos = col + offset
        if pos < len(cells) and (isinstance(cells[pos], Invalid) or str(cells[pos]).strip()):
            return cells[pos], pos
    return None, col + 1


def bind_form(raw: RawWorkbook, name: str, spec: SheetSpec, tokens: Tokens,
              notes: list[Finding]) -> Form:
    """A `Form` of parsed values keyed by field id."""
    lookup = {text: f for f in spec.fields for text in spellings(f)}
    found: dict[str, list[tuple[Any, str]]] = {}
    for number, cells in islice(raw.rows(name), FORM_SEARCH_ROWS):
        for col, cell in enumerate(cells):
            if not isinstance(cell, str) or not cell.strip():
                continue
            field = lookup.get(normalize(cell))
            if field is None:
                continue
            value, pos = _value_beside(cells, col)
            found.setdefault(field.id, []).append((value, f"{column_letter(pos)}{number}"))
    values: dict[str, FormValue] = {}
    for field in spec.fields:
        hits = found.get(field.id, [])
        if len(hits) > 1:
            where = ", ".join(cell for _, cell in hits)
            notes.append(Finding(code="reader.ambiguous_label", sheet=name, cell=hits[0][1],
                                 message=f"'{field.label}' is labelled more than once ({where}); "
                                         "none was used. Keep one row per field."))
        elif hits:
            raw_value, cell = hits[0]
            values[field.id] = FormValue(parse_value(raw_value, field, tokens), cell)
    return Form(spec=spec, name=name, values=values)
