"""The blob store: each workbook written once under its SHA-256, read-only afterwards.

A stored name is derived only from the hash, never from what the uploader called the file.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

_HEX = re.compile(r"^[0-9a-f]{64}$")


class BlobStore:
    """Workbooks under `root/ab/abcdef….xlsx`."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, sha256: str) -> Path:
        """Where the blob with this hash lives (whether or not it exists)."""
        if not _HEX.match(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / f"{sha256}.xlsx"

    def put(self, source: Path) -> str:
        """Store the file at `source` (moved in) unless the same content is stored."""
        digest = sha256_of(source)
        target = self.path(digest)
        if target.exists():
            source.unlink()
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        target.chmod(0o444)
        return digest


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
