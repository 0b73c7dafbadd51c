"""Event-by-event worksheet scan for sheets the byte scan cannot read soundly.

Used for namespace-prefixed elements (`<x:c>`), cells without a reference (placed by
position, as the reader places them: after the previous cell of the row, rows after the
previous row), and other non-canonical spellings. Slower than `fastscan` (about 25 MB of
XML a second) but exact. Element names are matched by local name, as the reader does.
"""

from __future__ import annotations

from xml.parsers import expat

from compliance.errors import SubmissionError
from compliance.reader.cellfacts import SheetFacts, column_index, column_letters
from compliance.reader.valuescan import duplicate, odd_value
from compliance.reader.xmlguard import DTD

_CAPTURED = frozenset({"v", "f", "is"})
_TEXT_CAP = 1000
_MAX_MASTERS = 50_000
# expat holds an unfinished tag in memory; real tags are a few hundred bytes.
_MAX_PENDING = 16 * 1024 * 1024


def _split_ref(ref: str) -> tuple[int, int]:
    """(row, column) of an A1 reference, both 1-based; column 0 when absent."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters):]
    if not digits or not letters.isascii() or not (letters.isalpha() or not letters):
        raise ValueError(ref)
    return int(digits), column_index(letters) if letters else 0


class _Cell:
    __slots__ = ("row", "col", "type", "text", "capture", "shared_index")

    def __init__(self, row: int, col: int, kind: str | None):
        self.row, self.col, self.type = row, col, kind
        self.text: dict[str, str] = {}
        self.capture: str | None = None
        self.shared_index: str | None = None


class ExactScan:
    """Fed a worksheet part chunk by chunk; records into `facts`."""

    def __init__(self, facts: SheetFacts):
        self.facts = facts
        self._in_data = False
        self._ended = False
        self._row = 1
        self._col = 1
        self._cell: _Cell | None = None
        self._masters: dict[str, str] = {}
        self._fed = 0
        self._row_seen: tuple[int, set[int]] = (0, set())
        self._rows_done: set[int] = set()
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._refuse_dtd
        parser.EntityDeclHandler = self._refuse_dtd
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        self._parser = parser

    def feed(self, chunk: bytes) -> None:
        """Parse more of the part."""
        self._parse(chunk, final=False)

    def close(self) -> None:
        """The part has ended."""
        self._parse(b"", final=True)

    def _parse(self, data: bytes, final: bool) -> None:
        try:
            self._parser.Parse(data, final)
        except (expat.ExpatError, ValueError) as exc:
            where = f" at line {self._parser.ErrorLineNumber}" if isinstance(
                exc, expat.ExpatError) else ""
            raise SubmissionError(
                f"sheet '{self.facts.sheet}' contains damaged XML{where}; open it in Excel "
                "and save it again") from exc
        self._fed += len(data)
        if self._fed - max(self._parser.CurrentByteIndex, 0) > _MAX_PENDING:
            raise SubmissionError(
                f"sheet '{self.facts.sheet}' contains a single XML tag of more than 16 MB, "
                "which real spreadsheets never have; the file is damaged; save it again "
                "from Excel")

    def _refuse_dtd(self, *_: object) -> None:
        raise SubmissionError(f"sheet '{self.facts.sheet}' {DTD}")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if not self._in_data or self._ended:
            self._in_data = self._in_data or local == "sheetData"
            return
        cell = self._cell
        if cell is not None:
            if local in _CAPTURED:
                cell.capture = local
                cell.text.setdefault(local, "")
                if local == "f":
                    cell.shared_index = attrs.get("si")
        elif local == "row" and "r" in attrs:
            self._row = _split_ref(attrs["r"])[0]
        elif local == "c":
            row = self._row
            if "r" in attrs:
                # The reference places this cell; the next unreferenced cell follows it in
                # the current row (the row element's, not this reference's).
                row, self._col = _split_ref(attrs["r"])
            self._cell = _Cell(row, self._col, attrs.get("t"))

    def _text(self, data: str) -> None:
        cell = self._cell
        if cell is not None and cell.capture is not None:
            held = cell.text[cell.capture]
            if len(held) < _TEXT_CAP:
                cell.text[cell.capture] = (held + data)[:_TEXT_CAP]

    def _end(self, name: str) -> None:
        local = name.rpartition(":")[2]
        if not self._in_data or self._ended:
            return
        cell = self._cell
        if cell is not None and local != "c":
            if local == cell.capture:
                cell.capture = None
            return
        if local == "c" and cell is not None:
            self._record(cell)
            self._cell = None
            self._col += 1
        elif local == "row":
            self._row += 1
            self._col = 1
        elif local == "sheetData":
            self._ended = True

    def _record(self, cell: _Cell) -> None:
        value = cell.text.get("v", "").strip() if cell.type not in ("inlineStr", "is") else ""
        formula = cell.text.get("f")
        odd = odd_value(cell.type, cell.text["v"]) if "v" in cell.text else None
        if not value and odd is None and "is" not in cell.text and formula is None:
            return
        self.facts.extend(cell.row, cell.col)
        ref = f"{column_letters(cell.col)}{cell.row}"
        self._once(cell.row, cell.col, ref)
        if odd is not None:
            self.facts.add_special(ref, odd, value[:40])
        if formula and cell.shared_index is not None and len(self._masters) < _MAX_MASTERS:
            self._masters[cell.shared_index] = formula[:_TEXT_CAP]
        if cell.type == "e" and value:
            self.facts.add_special(ref, "error", value)
        elif formula is not None and not value and "is" not in cell.text:
            text = formula or self._masters.get(cell.shared_index or "", "")
            self.facts.add_special(ref, "formula_without_value", text[:_TEXT_CAP])

    def _once(self, row: int, col: int, ref: str) -> None:
        """Refuse a cell stored twice; a row met again after others counts as such."""
        current, cols = self._row_seen
        if row != current:
            if row in self._rows_done:
                raise duplicate(self.facts.sheet, f"row {row}")
            self._rows_done.add(current)
            current, cols = row, set()
            self._row_seen = (current, cols)
        if col in cols:
            raise duplicate(self.facts.sheet, f"cell {ref}")
        cols.add(col)
