"""Refuses XML parts whose prolog declares a DTD or a text encoding we do not scan.

Spreadsheet parts never need a document type declaration; one in a submission is the
vehicle of entity-expansion ("billion laughs") and external-entity (XXE) attacks, so it
is refused before any parser sees the part. The worksheet scan works on raw bytes, which
is only sound for ASCII-compatible encodings, so UTF-16 and the like are refused too.
Only the prolog (everything before the root element) is examined.
"""

from __future__ import annotations

import re

from compliance.errors import SubmissionError
from compliance.reader.archive import CHUNK

DTD = ("contains an XML document type declaration (DTD), which spreadsheets never need; "
       "refusing it as unsafe (possible XXE or entity-expansion attack)")
_BOM = b"\xef\xbb\xbf"
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Alternatives: processing instruction, comment, other <! markup, root element, and an
# instruction or comment still open at the end of what has been read so far.
_TOKEN = re.compile(
    rb"<(?:(\?.*?\?>)|!--.*?-->|!(?!--)(\[?[A-Za-z]*)|([A-Za-z_:])|(\?|!--))", re.S)
_ENCODING = re.compile(rb"""\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ASCII_COMPATIBLE = frozenset({
    "utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "iso8859-1", "latin-1", "latin1",
    "iso-8859-15", "windows-1252", "cp1252",
})


class PrologGuard:
    """Fed the first chunks of a part; raises as soon as the prolog is found unsafe.

    With `require_root`, a part without a root element in its first MiB is refused as
    damaged; without it (parts no reader parses), checking just stops there.
    """

    def __init__(self, part: str, require_root: bool = True):
        self._part = part
        self._require_root = require_root
        self._head = b""
        self.done = False

    def feed(self, chunk: bytes) -> None:
        """Examine more of the part; sets `done` once the root element is reached."""
        if self.done:
            return
        self._head += chunk
        self.done = self._examine(final=len(self._head) >= CHUNK)

    def close(self) -> None:
        """The part has ended."""
        if not self.done:
            self.done = self._examine(final=True)

    def _examine(self, final: bool) -> bool:
        head = self._head[len(_BOM):] if self._head.startswith(_BOM) else self._head
        if head.startswith(_WIDE_BOMS) or b"\x00" in head[:4]:
            if not self._require_root:
                return True  # not ASCII-based and parsed by no one: nothing to check
            self._refuse_encoding("UTF-16/UTF-32")
        for token in _TOKEN.finditer(head):
            declaration, markup, root, unclosed = token.groups()
            if root is not None:
                return True
            if unclosed is not None:
                break
            if declaration is not None:
                self._check_declaration(declaration)
            if markup is not None and markup.upper().lstrip(b"[") in (
                    b"DOCTYPE", b"ENTITY", b"ELEMENT", b"ATTLIST", b"NOTATION"):
                raise SubmissionError(f"its part '{self._part}' {DTD}")
        if final and self._require_root:
            raise SubmissionError(f"its part '{self._part}' is not XML (no root element); "
                                  "the file is damaged; save it again from Excel")
        return final

    def _check_declaration(self, declaration: bytes) -> None:
        if not declaration.startswith(b"?xml"):
            return
        found = _ENCODING.search(declaration)
        if found and found.group(1).decode("ascii").lower() not in _ASCII_COMPATIBLE:
            self._refuse_encoding(found.group(1).decode("ascii"))

    def _refuse_encoding(self, name: str) -> None:
        raise SubmissionError(f"its part '{self._part}' uses the {name} text encoding, which "
                              "Excel never writes; open it in Excel and save it again")
