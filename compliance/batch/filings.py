"""Resubmissions: several filings of one MCO for one reporting period, newest first.

An MCO that corrects a filing sends it again; both land in the quarter's folder. The
filings of one MCO id and period are ranked newest first, by the submission date on
the Cover, then by the file's modification time, then by name, so the portfolio shows
which one stands and which ones it replaces. Nothing is dropped: every filing is
checked and reported.
"""

from __future__ import annotations

from collections import defaultdict

from compliance.batch.summary import Entry, Filing


def _key(entry: Entry) -> tuple[str, str, str] | None:
    if entry.error is not None or not entry.mco_id or not entry.period_end:
        return None
    return (entry.mco_id.casefold(), entry.period_start or "", entry.period_end)


def _newest_first(entry: Entry) -> tuple[str, str, str]:
    return (entry.submitted_on or "", entry.modified or "", entry.file)


def mark_resubmissions(entries: list[Entry]) -> list[Entry]:
    """The entries, in the same order, each filing of a repeated MCO and period ranked."""
    groups: defaultdict[tuple[str, str, str], list[int]] = defaultdict(list)
    for n, entry in enumerate(entries):
        key = _key(entry)
        if key is not None:
            groups[key].append(n)
    marked = list(entries)
    for members in groups.values():
        if len(members) < 2:
            continue
        ranked = sorted(members, key=lambda n: _newest_first(entries[n]), reverse=True)
        newest = entries[ranked[0]].file
        for rank, n in enumerate(ranked, start=1):
            filing = Filing(rank=rank, count=len(ranked), newest=newest)
            marked[n] = entries[n].model_copy(update={"resubmission": filing})
    return marked


def describe(entry: Entry) -> str | None:
    """`newest of 2 filings` or `filing 2 of 2, replaced by b.xlsx`; None for a single one."""
    filing = entry.resubmission
    if filing is None:
        return None
    if filing.rank == 1:
        return f"newest of {filing.count} filings for this period"
    return f"filing {filing.rank} of {filing.count}, replaced by {filing.newest}"
