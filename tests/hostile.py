"""Builds hostile and unusual workbook files at test time (none is committed).

`package()` writes a minimal but complete .xlsx package from raw XML, so a test can
control every byte a reader sees: odd cell spellings, DTDs, chart sheets, lying zip
headers. The helpers after it derive damaged or hostile variants from such a package.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n')
XXE = '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


@dataclass(frozen=True)
class Sheet:
    """One sheet of a built package: `xml` is the whole part, `kind` its relationship."""

    name: str
    xml: bytes
    state: str | None = None
    kind: str = "worksheet"


def sheet_xml(rows: str, *, prolog: str = DECL, root: str = "worksheet") -> bytes:
    """A worksheet part whose `<sheetData>` holds `rows` verbatim."""
    return f'{prolog}<{root} xmlns="{MAIN}"><sheetData>{rows}</sheetData></{root}>'.encode()


def cells(*refs_values: tuple[str, str]) -> str:
    """`<row>`-less cells, each `<c r="ref"><v>value</v></c>`, for brevity in tests."""
    return "".join(f'<c r="{ref}"><v>{value}</v></c>' for ref, value in refs_values)


def package(path: Path, sheets: Sequence[Sheet], *, shared_strings: bytes | None = None,
            workbook_pr: str = "", replace: Mapping[str, bytes] | None = None,
            extra: Mapping[str, bytes] | None = None) -> Path:
    """Write an .xlsx package; `replace` swaps whole parts, `extra` adds members."""
    parts = _parts(sheets, shared_strings, workbook_pr)
    parts.update(replace or {})
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _parts(sheets: Sequence[Sheet], shared_strings: bytes | None,
           workbook_pr: str) -> dict[str, bytes]:
    listed, rels = [], []
    parts: dict[str, bytes] = {}
    for number, sheet in enumerate(sheets, start=1):
        folder = "worksheets" if sheet.kind == "worksheet" else sheet.kind + "s"
        state = f' state="{sheet.state}"' if sheet.state else ""
        listed.append(f'<sheet name="{sheet.name}" sheetId="{number}"{state} r:id="rId{number}"/>')
        rels.append(f'<Relationship Id="rId{number}" Type="{REL}/{sheet.kind}" '
                    f'Target="{folder}/sheet{number}.xml"/>')
        parts[f"xl/{folder}/sheet{number}.xml"] = sheet.xml
    if shared_strings is not None:
        rels.append(f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" '
                    'Target="sharedStrings.xml"/>')
        parts["xl/sharedStrings.xml"] = shared_strings
    parts["[Content_Types].xml"] = (
        DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>').encode()
    parts["_rels/.rels"] = (
        f'{DECL}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>').encode()
    parts["xl/workbook.xml"] = (
        f'{DECL}<workbook xmlns="{MAIN}" xmlns:r="{REL}">{workbook_pr}'
        f'<sheets>{"".join(listed)}</sheets></workbook>').encode()
    parts["xl/_rels/workbook.xml.rels"] = (
        f'{DECL}<Relationships xmlns="{PKG_REL}">{"".join(rels)}</Relationships>').encode()
    return parts


def zip_of(path: Path, members: Mapping[str, bytes]) -> Path:
    """A plain zip archive holding `members`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def truncate(path: Path, keep: float = 0.5) -> Path:
    """Cut the file, as an interrupted download does."""
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * keep)])
    return path


def patch_header(path: Path, member: str, *, crc: int | None = None,
                 size: int | None = None) -> Path:
    """Rewrite the CRC and/or declared size of `member` in both of its zip headers."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(member).header_offset
    central = _central_entry(bytes(data), member)
    for at, crc_at, size_at in ((local, 14, 22), (central, 16, 24)):
        if crc is not None:
            struct.pack_into("<L", data, at + crc_at, crc)
        if size is not None:
            struct.pack_into("<L", data, at + size_at, size)
    path.write_bytes(bytes(data))
    return path


def _central_entry(data: bytes, member: str) -> int:
    eocd = data.rfind(b"PK\x05\x06")
    (at,) = struct.unpack_from("<L", data, eocd + 16)
    while data.startswith(b"PK\x01\x02", at):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, at + 28)
        if data[at + 46:at + 46 + name_len].decode() == member:
            return int(at)
        at += 46 + name_len + extra_len + comment_len
    raise KeyError(member)


def lying_sizes(path: Path, member: str, declared: int) -> Path:
    """Make `member` claim to be `declared` bytes, with the CRC of that prefix.

    A reader that trusts the header stops at `declared` bytes and finds the CRC right;
    one that trusts the deflate stream (as calamine does) gets the whole part.
    """
    with zipfile.ZipFile(path) as archive:
        prefix = archive.read(member)[:declared]
    return patch_header(path, member, crc=zlib.crc32(prefix), size=declared)


def flip_crc(path: Path, member: str) -> Path:
    """Corrupt the recorded CRC of `member`, as a damaged copy would."""
    with zipfile.ZipFile(path) as archive:
        crc = archive.getinfo(member).CRC
    return patch_header(path, member, crc=crc ^ 0xFFFF)
