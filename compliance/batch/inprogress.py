"""Marks a batch output folder as being written: a stopped run cannot pass for a finished one.

When a run starts, the summary files of any earlier run in the folder (`summary.json`,
`summary.csv`, `index.html`) are removed and `index.html` says that a run is in
progress; the finished run writes its own. A run that is killed therefore leaves a page
that says it did not finish, never an old portfolio beside new reports that contradict it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from compliance.errors import UsageError
from compliance.render.files import write_report

MARKER = ".batch-in-progress"
SUMMARY_FILES = ("summary.json", "summary.csv", "index.html")
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Batch run not finished</title></head>
<body><h1>This batch run has not finished</h1>
<p>A run that started at {started} is writing this folder, or was stopped before it
finished. Its reports are incomplete; run <code>compliance batch</code> again.</p>
</body></html>
"""


def start_run(out_dir: Path, started: dt.datetime) -> None:
    """Mark `out_dir` as being written and remove an earlier run's summary files."""
    try:
        write_report(out_dir / MARKER, started.isoformat() + "\n")
        for name in SUMMARY_FILES:
            (out_dir / name).unlink(missing_ok=True)
        for stale in out_dir.rglob(".*.part"):  # left by a run that was killed mid-write
            stale.unlink(missing_ok=True)
        write_report(out_dir / "index.html", _PAGE.format(started=started.isoformat()))
    except OSError as exc:
        raise UsageError(f"cannot prepare {out_dir}: {exc.strerror or exc}") from exc


def finish_run(out_dir: Path) -> None:
    """The run's summary files are written: the folder is complete."""
    (out_dir / MARKER).unlink(missing_ok=True)


def in_progress(out_dir: Path) -> bool:
    """True when a run in `out_dir` has started and not finished."""
    return (out_dir / MARKER).exists()
