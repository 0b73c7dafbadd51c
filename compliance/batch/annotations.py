"""`batch --format github`: every submission's annotations on stdout, where GitHub reads them.

Each checked submission's annotations were written to its `.github.txt` report; a file
that could not be checked is one error annotation on the file itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from compliance.batch.summary import BatchSummary
from compliance.render.github import annotation


def batch_annotations(summary: BatchSummary, out_dir: Path) -> Iterator[str]:
    """The annotation lines of the whole batch, in submission order."""
    for entry in summary.submissions:
        if entry.error is not None:
            yield annotation("error", entry.path or entry.file, "Could not be checked",
                             entry.reason or entry.error)
            continue
        report = entry.reports.get("github")
        if report is not None:
            yield from (out_dir / report).read_text(encoding="utf-8").splitlines()
