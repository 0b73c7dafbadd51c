"""Bounded, verified access to the zip container of an .xlsx package.

Python's `zipfile` parses the central directory; decompression is done here, straight
from the raw deflate stream, because the reader that opens the file afterwards (calamine)
trusts the stream rather than the sizes in the zip headers. Every part is therefore
decompressed in 1 MiB steps and must produce exactly its declared size and CRC, so a
header that lies about a part's size is caught, and nothing is ever held in memory whole.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from compliance.errors import SubmissionError
from compliance.reader.limits import MB, RATIO_FLOOR, Limits

CHUNK = 1 * MB
DAMAGED = "is damaged or incomplete (not a readable zip package); download or save it again"
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_LOCAL_HEADER = b"PK\x03\x04"
# A directory entry is 46 bytes plus its name and extra fields; real ones stay far below
# this average, so a larger directory is padding meant to make parsing slow.
_MAX_ENTRY_BYTES = 1024
# zipfile raises these (and BadZipFile) on malformed directories and streams.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error,
               OverflowError, NotImplementedError, RuntimeError, UnicodeDecodeError)


def part_key(name: str) -> str:
    r"""The lookup key of a zip member: slashes normalised, ASCII case folded.

    Some packagers write `xl\workbook.xml`, and readers match part names without
    regard to ASCII case, so both variants must resolve to the same part.
    """
    normal = name.replace("\\", "/").lstrip("/")
    return normal.encode("utf-8", "surrogateescape").lower().decode("utf-8", "surrogateescape")


class Archive:
    """A zip package whose directory passed the size bounds."""

    def __init__(self, fh: BinaryIO, size: int, limits: Limits):
        _check_directory_size(fh, size, limits)
        try:
            infos = zipfile.ZipFile(fh).infolist()
        except _ZIP_ERRORS as exc:
            raise SubmissionError(DAMAGED) from exc
        if len(infos) > limits.max_members:
            raise SubmissionError(f"holds {len(infos):,} zip entries, more than the "
                                  f"{limits.max_members:,} a workbook may have")
        self._fh = fh
        self.infos = [info for info in infos if not info.filename.endswith(("/", "\\"))]
        self._by_key: dict[str, zipfile.ZipInfo] = {}
        for info in self.infos:
            key = part_key(info.filename)
            if key in self._by_key:
                raise SubmissionError(f"contains the part '{key}' twice; the package is "
                                      "damaged or was tampered with; save it again from Excel")
            self._by_key[key] = info
        _check_declared_sizes(self.infos, limits)

    def find(self, part: str) -> zipfile.ZipInfo | None:
        """The member holding `part` (a package path such as `xl/workbook.xml`)."""
        return self._by_key.get(part_key(part))

    def read(self, info: zipfile.ZipInfo, cap: int) -> bytes:
        """A small part in full; parts over `cap` bytes are refused."""
        if info.file_size > cap:
            raise SubmissionError(f"its part '{part_key(info.filename)}' is {info.file_size:,} "
                                  "bytes, far larger than any real workbook needs")
        return b"".join(self.stream(info))

    def stream(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """Decompressed chunks of one part (each at most 1 MiB), verified as they come."""
        try:
            yield from _verified_chunks(self._fh, info)
        except _ZIP_ERRORS as exc:
            raise SubmissionError(DAMAGED) from exc


def _check_directory_size(fh: BinaryIO, size: int, limits: Limits) -> None:
    entries, directory_bytes = _directory_record(fh, size)
    if entries > limits.max_members or directory_bytes > limits.max_members * _MAX_ENTRY_BYTES:
        raise SubmissionError(f"declares {entries:,} zip entries ({directory_bytes:,} bytes of "
                              f"directory), more than the {limits.max_members:,} a workbook "
                              "may have")


def _directory_record(fh: BinaryIO, size: int) -> tuple[int, int]:
    """(entry count, directory size) from the end-of-central-directory records."""
    tail_size = min(size, 65536 + 22)
    fh.seek(size - tail_size)
    tail = fh.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        raise SubmissionError(DAMAGED)
    entries, directory_bytes = struct.unpack("<6xHL4x", tail[at + 4:at + 20])
    if entries != 0xFFFF and directory_bytes != 0xFFFFFFFF:
        return int(entries), int(directory_bytes)
    locator = tail[at - 20:at] if at >= 20 else b""
    if not locator.startswith(_ZIP64_LOCATOR):
        raise SubmissionError(DAMAGED)
    (record_at,) = struct.unpack("<4xQ4x", locator[4:])
    fh.seek(record_at)
    record = fh.read(56)
    if len(record) < 56 or not record.startswith(b"PK\x06\x06"):
        raise SubmissionError(DAMAGED)
    entries64, directory64 = struct.unpack("<32xQQ8x", record)
    return int(entries64), int(directory64)


def _check_declared_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise SubmissionError("contains encrypted parts; remove the password in Excel "
                                  "and save the workbook again")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise SubmissionError("uses a zip compression method Excel never writes; "
                                  "open it in Excel and save it as .xlsx again")
        if info.file_size > limits.max_member_uncompressed:
            raise bomb(limits.max_member_uncompressed)
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > limits.max_ratio:
            raise SubmissionError(f"has a part that expands {ratio:,} times when decompressed "
                                  "(possible zip bomb); refusing to open it")
        total += info.file_size
        if total > limits.max_total_uncompressed:
            raise bomb(limits.max_total_uncompressed)


def bomb(limit: int) -> SubmissionError:
    """The rejection for a package that decompresses to more than `limit` bytes."""
    return SubmissionError(f"expands to more than {limit / MB:,.0f} MB when decompressed "
                           "(possible zip bomb); refusing to open it")


def _verified_chunks(fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    fh.seek(info.header_offset)
    header = fh.read(30)
    if len(header) < 30 or not header.startswith(_LOCAL_HEADER):
        raise zipfile.BadZipFile("bad local header")
    name_len, extra_len = struct.unpack("<26xHH", header)
    produced = crc = 0
    for chunk in _inflate(fh, info, info.header_offset + 30 + name_len + extra_len):
        produced += len(chunk)
        if produced > info.file_size:
            raise SubmissionError("has a part larger than its zip header declares "
                                  "(damaged, or a possible zip bomb); refusing to open it")
        crc = zlib.crc32(chunk, crc)
        yield chunk
    if produced != info.file_size or crc != info.CRC:
        raise zipfile.BadZipFile("size or CRC mismatch")


def _raw_chunks(fh: BinaryIO, offset: int, size: int) -> Iterator[bytes]:
    end = offset + size
    while offset < end:
        # Seek every time so that two parts may be streamed side by side.
        fh.seek(offset)
        data = fh.read(min(CHUNK, end - offset))
        if not data:
            raise zipfile.BadZipFile("truncated")
        offset += len(data)
        yield data


def _inflate(fh: BinaryIO, info: zipfile.ZipInfo, offset: int) -> Iterator[bytes]:
    raw = _raw_chunks(fh, offset, info.compress_size)
    if info.compress_type == zipfile.ZIP_STORED:
        yield from raw
        return
    inflater = zlib.decompressobj(-15)
    pending = b""
    while not inflater.eof:
        if not pending:
            pending = next(raw, b"")
            if not pending:
                raise zipfile.BadZipFile("truncated")
        # max_length bounds the output of one call: deflate can expand 1 MiB to 1 GiB.
        out = inflater.decompress(pending, CHUNK)
        pending = inflater.unconsumed_tail
        if out:
            yield out
