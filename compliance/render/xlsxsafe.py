"""Writing workbooks safely and reproducibly.

Safety: a value from a submission is never written as a formula. openpyxl treats any
string starting with `=` as a formula, and spreadsheet programs run `+`, `-`, `@`
(and a leading tab or carriage return) as formulas on re-entry or CSV import, so every
string is stored with the string data type, whatever it starts with, and one that
starts like a formula is also quote-prefixed (as if typed with a leading `'`).

Reproducibility: openpyxl stamps the save time into the package's properties and zip
entries; `saved_bytes` pins both to the report's generation time, so the same result
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.workbook.workbook import Workbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def xml_safe(text: str) -> str:
    """`text` with the control characters an .xlsx part cannot hold shown as U+FFFD.

    A workbook encodes them as `_x001B_`, so a filed cell can carry one; written back
    raw into a cell or comment it would make the whole package unreadable.
    """
    return _ILLEGAL.sub("\ufffd", text)


def put(cell: Cell | MergedCell, value: Any) -> None:
    """Write `value` to `cell`; text always as text, never as a formula."""
    if isinstance(value, str):
        cell.value = xml_safe(value)
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            # Excel keeps a quote-prefixed cell as text even when someone edits it.
            cell.quotePrefix = True
    else:
        cell.value = value


def timestamp(generated_at: str) -> dt.datetime:
    """The report time as a naive UTC datetime (what workbook properties hold)."""
    when = dt.datetime.fromisoformat(generated_at)
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when.replace(microsecond=0)


def saved_bytes(book: Workbook, when: dt.datetime) -> bytes:
    """The workbook's .xlsx bytes, with its save time and zip entry times set to `when`."""
    raw = io.BytesIO()
    book.save(raw)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            entry = zipfile.ZipInfo(item.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = item.external_attr
            zipped.writestr(entry, data)
    return out.getvalue()
