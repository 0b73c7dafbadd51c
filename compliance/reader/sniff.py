"""Names what a submission really is when it is not an .xlsx workbook.

Files arrive with spreadsheet names but other contents: legacy .xls, password-encrypted
workbooks (an OLE container, not a zip), CSV or HTML exports renamed to .xlsx,
OpenDocument and binary .xlsb workbooks. The content decides, never the extension, and
each verdict tells the filer what to do.
"""

from __future__ import annotations

from typing import BinaryIO, NoReturn

from compliance.errors import SubmissionError
from compliance.reader.archive import CHUNK, Archive

# A local file header, an empty archive, or a spanned-archive marker.
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAVE_AS_XLSX = "open it in Excel and save it as .xlsx"
# OLE directory entries store stream names in UTF-16LE.
_ENCRYPTED_STREAMS = tuple(n.encode("utf-16-le") for n in ("EncryptionInfo", "EncryptedPackage"))
_WORKBOOK_STREAMS = tuple(n.encode("utf-16-le") + b"\x00\x00" for n in ("Workbook", "Book"))


def reject_non_zip(head: bytes, fh: BinaryIO) -> NoReturn:
    """Raise the verdict for a file that does not start like a zip package."""
    if head.startswith(_OLE_MAGIC):
        raise SubmissionError(_ole_verdict(fh))
    if head.startswith(b"%PDF"):
        raise SubmissionError("is a PDF document, not an Excel workbook; submit the "
                              "workbook itself (.xlsx)")
    text = _as_text(head)
    if text is None:
        raise SubmissionError("is not an Excel workbook (unrecognised file format); "
                              f"{SAVE_AS_XLSX}")
    raise SubmissionError(_text_verdict(text.lstrip("\ufeff \t\r\n").lower()))


def _ole_verdict(fh: BinaryIO) -> str:
    found_workbook = False
    tail = b""
    fh.seek(0)
    while chunk := fh.read(CHUNK):
        window = tail + chunk
        if any(name in window for name in _ENCRYPTED_STREAMS):
            return ("is a password-protected (encrypted) workbook; remove the password "
                    "in Excel and save it again")
        found_workbook = found_workbook or any(name in window for name in _WORKBOOK_STREAMS)
        tail = chunk[-64:]
    if found_workbook:
        return f"is a legacy .xls (Excel 97-2003) workbook; {SAVE_AS_XLSX}"
    return ("is an older Microsoft Office (OLE) document, not an Excel workbook; "
            f"{SAVE_AS_XLSX}")


def _as_text(head: bytes) -> str | None:
    """The head decoded if it looks like text, else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the end of the head is still text.
        if exc.start < len(head) - 3:
            return _as_legacy_text(head)
        text = head[:exc.start].decode("utf-8")
    text = text.removeprefix("\ufeff")
    printable = sum(ch.isprintable() or ch in "\t\r\n" for ch in text)
    return text if printable >= 0.95 * max(len(text), 1) else None


def _as_legacy_text(head: bytes) -> str | None:
    """Text in a single-byte code page (a CSV saved as ANSI) has few bytes above ASCII."""
    plain = sum(32 <= b < 127 or b in b"\t\r\n" for b in head)
    return head.decode("cp1252", "replace") if plain >= 0.9 * len(head) else None


def _text_verdict(text: str) -> str:
    if text.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in text:
        return f"is an Excel 2003 XML spreadsheet, not an .xlsx workbook; {SAVE_AS_XLSX}"
    if text.startswith(("<!doctype html", "<html")) or "<html" in text or "<table" in text:
        return f"is a web page (HTML) saved with a spreadsheet name; {SAVE_AS_XLSX}"
    if text.startswith("<?xml"):
        return f"is an XML file, not an Excel workbook; {SAVE_AS_XLSX}"
    return f"is a text (CSV?) file, not an Excel workbook; {SAVE_AS_XLSX}"


def reject_foreign_zip(archive: Archive) -> None:
    """Raise if a zip package is not an Excel workbook package."""
    mimetype = archive.find("mimetype")
    if mimetype is not None:
        kind = archive.read(mimetype, cap=4096)
        if b"opendocument.spreadsheet" in kind:
            raise SubmissionError("is an OpenDocument spreadsheet (.ods); open it and "
                                  "save it as .xlsx (Excel workbook)")
        raise SubmissionError("is an OpenDocument file, not a spreadsheet; submit the "
                              "Excel workbook (.xlsx)")
    if archive.find("xl/workbook.bin") is not None:
        raise SubmissionError(f"is an Excel binary workbook (.xlsb); {SAVE_AS_XLSX}")
    if archive.find("word/document.xml") is not None:
        raise SubmissionError("is a Word document, not a spreadsheet; submit the Excel "
                              "workbook (.xlsx)")
    if archive.find("ppt/presentation.xml") is not None:
        raise SubmissionError("is a PowerPoint presentation, not a spreadsheet; submit "
                              "the Excel workbook (.xlsx)")
    if archive.find("_rels/.rels") is None and archive.find("xl/workbook.xml") is None:
        raise SubmissionError("is a zip archive, not a spreadsheet; submit the Excel "
                              "workbook (.xlsx) itself")
