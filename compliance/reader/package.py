"""Finds the workbook and its sheets through the package's relationship parts.

The workbook part is the target of the package's officeDocument relationship, in the
Transitional or the Strict (ISO) namespace. The reader (calamine) always opens
`xl/workbook.xml` and `xl/_rels/workbook.xml.rels`, whatever that relationship says, so a
package whose workbook lives elsewhere is refused rather than checked in one place and
read from another. Part names are resolved the way the reader resolves them: backslashes
as slashes, ASCII case ignored. The small XML parts read here are parsed with defusedxml
after their prologs passed `xmlguard`.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

from compliance.errors import SubmissionError
from compliance.reader.archive import Archive, part_key
from compliance.reader.xmlguard import DTD, PrologGuard

_SMALL_PART = 32 * 1024 * 1024
_WORKBOOK = "xl/workbook.xml"
_STATES = ("visible", "hidden", "veryHidden")
_DAMAGED = "the file is damaged; open it in Excel and save it again"


@dataclass(frozen=True, slots=True)
class SheetEntry:
    """A sheet as the workbook part lists it; `part` is the zip member's name.

    Chart and dialog sheets are listed too (`worksheet` false): the reader decides what
    a sheet is from its folder name, so every listed sheet part gets scanned.
    """

    name: str
    state: str
    part: str
    worksheet: bool


@dataclass(frozen=True, slots=True)
class Book:
    """What the workbook part says: its sheets, date system and home folder."""

    part: str
    sheets: tuple[SheetEntry, ...]
    date1904: bool

    @property
    def folder(self) -> str:
        """The folder of the workbook part (`xl`), whose XML parts the reader may parse."""
        return posixpath.dirname(self.part)


def read_book(archive: Archive) -> Book:
    """The workbook part's facts; raises `SubmissionError` when it cannot be found."""
    part = _workbook_part(archive)
    if part.endswith(".bin"):
        raise SubmissionError("is an Excel binary workbook (.xlsb); open it in Excel and "
                              "save it as .xlsx")
    root = _parse(archive, part)
    if _local(root.tag) != "workbook":
        raise SubmissionError(f"is not an Excel workbook (its main part is a "
                              f"<{_local(root.tag)}>); submit the workbook (.xlsx)")
    rels = _relationships(archive, _rels_part(part), posixpath.dirname(part))
    listed = [child for el in _elements(root, "sheets") for child in el
              if _local(child.tag) == "sheet"]
    sheets = tuple(s for s in (_sheet(archive, el, rels) for el in listed) if s is not None)
    _refuse_duplicate_names(sheets)
    if not any(sheet.worksheet for sheet in sheets):
        raise SubmissionError("has no readable worksheets (only chart sheets, or none); "
                              "submit the workbook that holds the data")
    date1904 = any(el.get("date1904", "").lower() in ("1", "true")
                   for el in _elements(root, "workbookPr"))
    return Book(part, sheets, date1904)


def _workbook_part(archive: Archive) -> str:
    rels = _relationships(archive, "_rels/.rels", "") if archive.find("_rels/.rels") else {}
    target = next((t for kind, t in rels.values() if kind.endswith("/officeDocument")), _WORKBOOK)
    if target.endswith(".bin") or part_key(target) == _WORKBOOK:
        return target
    raise SubmissionError(f"keeps its workbook in '{target}' instead of {_WORKBOOK}, which "
                          "the reader cannot open; open it in Excel and save it as .xlsx again")


def _sheet(archive: Archive, el: Element, rels: dict[str, tuple[str, str]]) -> SheetEntry | None:
    name = el.get("name", "")
    rid = next((v for k, v in el.attrib.items() if k.startswith("{") and _local(k) == "id"), "")
    if rid not in rels:
        raise SubmissionError(f"lists sheet '{name}' without a matching part; {_DAMAGED}")
    kind, target = rels[rid]
    worksheet = kind.endswith("/worksheet")
    state = el.get("state", "visible")
    if state not in _STATES:
        raise SubmissionError(f"gives sheet '{name}' an unknown visibility '{state}'; "
                              f"{_DAMAGED}")
    info = archive.find(target)
    if info is None and worksheet:
        raise SubmissionError(f"is missing the part of sheet '{name}' ({target}); {_DAMAGED}")
    return SheetEntry(name, state, info.filename, worksheet) if info else None


def _refuse_duplicate_names(sheets: tuple[SheetEntry, ...]) -> None:
    """Excel never writes two sheets of one name (ignoring case); a reader would pick one."""
    seen: set[str] = set()
    for sheet in sheets:
        key = sheet.name.casefold()
        if key in seen:
            raise SubmissionError(f"has two sheets named '{sheet.name}', and only one of them "
                                  f"would be read; {_DAMAGED}")
        seen.add(key)


def _relationships(archive: Archive, part: str, base: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, resolved target part) of internal relationships."""
    if archive.find(part) is None:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for el in _parse(archive, part):
        if _local(el.tag) == "Relationship" and el.get("TargetMode") != "External":
            target = el.get("Target", "").replace("\\", "/")
            resolved = target[1:] if target.startswith("/") else posixpath.join(base, target)
            found[el.get("Id", "")] = (el.get("Type", ""), posixpath.normpath(resolved))
    return found


def _rels_part(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _parse(archive: Archive, part: str) -> Element:
    info = archive.find(part)
    if info is None:
        raise SubmissionError(f"is missing its part '{part}'; {_DAMAGED}")
    data = read_guarded(archive, info)
    try:
        root: Element = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise SubmissionError(f"its part '{part}' {DTD}") from exc
    except (ParseError, ValueError) as exc:
        raise SubmissionError(f"its part '{part}' is not valid XML; {_DAMAGED}") from exc
    return root


def read_guarded(archive: Archive, info: zipfile.ZipInfo) -> bytes:
    """A small XML part in full, after its prolog passed the DTD and encoding checks."""
    data = archive.read(info, cap=_SMALL_PART)
    guard = PrologGuard(part_key(info.filename))
    guard.feed(data)
    guard.close()
    return data


def _elements(root: Element, name: str) -> list[Element]:
    """Elements named `name` in any namespace."""
    return [el for el in root.iter() if _local(el.tag) == name]


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]
