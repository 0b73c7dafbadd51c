"""Quarter over quarter: what changed between two results of the same requirement set."""

from __future__ import annotations

from compliance.diff.compare import DocumentDiff, compare

__all__ = ["DocumentDiff", "compare"]
