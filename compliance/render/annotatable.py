"""Whether openpyxl can be trusted to copy a workbook, decided before it opens it.

openpyxl loads a workbook whole, with an object per cell and one per cell covered by
a merged range, so a merge over the whole grid (A1:XFD1048576) would take minutes and
gigabytes. The worksheets are scanned first, streamed from the archive the reader
already found safe: too many cells, or a merged range over too many, and the
annotated copy is refused with the reason, before openpyxl is involved.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from openpyxl.utils.cell import range_boundaries

from compliance.errors import ReportError

MAX_CELLS = 500_000
MAX_MERGED_CELLS = 1_000_000
_CHUNK = 1 << 20
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']([^\"']{1,40})[\"']")


def _area(ref: str) -> int:
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref.upper())
    except (ValueError, TypeError):
        return 0  # a reference openpyxl cannot place is skipped by the annotator too
    if None in (min_col, min_row, max_col, max_row):
        return 0
    return (max_col - min_col + 1) * (max_row - min_row + 1)  # type: ignore[operator]


def _count(data: bytes) -> tuple[int, int]:
    merged = sum(_area(m.decode("ascii", "replace")) for m in _MERGE.findall(data))
    return len(_CELL.findall(data)), merged


def _scan(archive: zipfile.ZipFile, member: str) -> tuple[int, int]:
    """(cells, cells under merged ranges) of one worksheet part, read in chunks."""
    cells = merged = 0
    carry = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            data = carry + chunk
            cut = data.rfind(b"<")  # keep the last tag, which may go on in the next chunk
            if cut <= 0 and len(data) > 4 * _CHUNK:
                cut = len(data)  # no tag is that long in a real sheet
            head, carry = (data[:cut], data[cut:]) if cut > 0 else (b"", data)
            found, covered = _count(head)
            cells, merged = cells + found, merged + covered
    found, covered = _count(carry)
    return cells + found, merged + covered


def check_annotatable(data: bytes, source: Path) -> None:
    """Raise `ReportError` when openpyxl would need unbounded time or memory to copy `data`."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = [n for n in archive.namelist() if n.lower().startswith("xl/worksheets/")
                      and n.lower().endswith(".xml")]
            cells = merged = 0
            for member in sheets:
                found, covered = _scan(archive, member)
                cells, merged = cells + found, merged + covered
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        raise ReportError(f"cannot annotate: the workbook cannot be read ({exc})",
                          file=str(source)) from exc
    if merged > MAX_MERGED_CELLS:
        raise ReportError(f"cannot annotate: merged ranges cover {merged:,} cells (more than "
                          f"{MAX_MERGED_CELLS:,}); check it without --annotate",
                          file=str(source))
    if cells > MAX_CELLS:
        raise ReportError(f"cannot annotate: the workbook has {cells:,} cells (more than "
                          f"{MAX_CELLS:,}); check it without --annotate",
                          file=str(source))
