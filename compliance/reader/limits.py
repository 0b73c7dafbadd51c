"""Size and shape bounds a submission must stay within before any reader touches it.

The defaults admit every real quarterly submission we know of with a wide margin, and
stop the files that would exhaust memory: zip bombs (small archives that expand to
gigabytes) and sheets whose used range forces a dense grid of billions of cells.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds enforced by `compliance.reader.preflight.inspect`.

    Attributes:
        max_file_bytes: Largest accepted file on disk.
        max_total_uncompressed: Largest total of all decompressed parts.
        max_member_uncompressed: Largest single decompressed part.
        max_ratio: Largest decompressed/compressed ratio of a part over 1 MB.
        max_members: Most entries the zip archive may hold.
        max_cells: Largest used range (rows x columns) of one worksheet; the reader
            allocates a dense grid of this size.
        max_special_cells: Most cells per worksheet holding an error value or a formula
            without a calculated value; each is remembered for the reader.
    """

    max_file_bytes: int = 200 * MB
    max_total_uncompressed: int = 2048 * MB
    max_member_uncompressed: int = 1024 * MB
    max_ratio: int = 200
    max_members: int = 10_000
    max_cells: int = 60_000_000
    max_special_cells: int = 100_000


DEFAULT_LIMITS = Limits()

# Parts at or below this size are never ratio-checked: tiny XML compresses extremely well.
RATIO_FLOOR = 1 * MB
