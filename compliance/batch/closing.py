"""What `batch` prints when it is done: the counts, every file not checked, resubmissions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from compliance.batch.filings import describe
from compliance.batch.summary import BatchSummary, Entry


def closing_lines(summary: BatchSummary, portfolio: Path) -> Iterator[str]:
    """The closing lines, first the one-line tally."""
    counts, entries = summary.counts, summary.submissions
    yield (f"Checked {len(entries)} files: {counts['pass']} pass, {counts['fail']} fail, "
           f"{counts['error']} could not be checked. Portfolio: {portfolio}")
    failed = [e for e in entries if e.error is not None]
    if failed:
        yield f"Could not be checked ({len(failed)}):"
        yield from (f"  {entry.error}" for entry in failed)
    repeated = [e for e in entries if e.resubmission is not None]
    if repeated:
        yield f"Resubmissions ({len(repeated)} filings, newest first in the portfolio):"
        yield from (f"  {e.file}: {e.mco_id}, {e.period_start} to {e.period_end}: {describe(e)}"
                    for e in sorted(repeated, key=_group_order))


def _group_order(entry: Entry) -> tuple[str, str, int]:
    rank = entry.resubmission.rank if entry.resubmission else 0
    return (entry.mco_id or "", entry.period_end or "", rank)
