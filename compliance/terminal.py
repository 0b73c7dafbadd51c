"""Text from a submission made safe to print on a terminal."""

from __future__ import annotations

# C0 and C1 control characters but newline and tab. A workbook can carry them (encoded as
# `_x001B_`); printed raw, they would let a filed cell drive the reader's terminal. The
# bidirectional controls (U+202E and kin) would let it reorder what the line shows.
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *_BIDI],
                          "\ufffd")


def printable(value: object) -> str:
    """Text from a submission, safe to print on a terminal: control characters as U+FFFD.

    Bidirectional overrides and isolates are control characters too.
    """
    return str(value).translate(_CONTROLS)
