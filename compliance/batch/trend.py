"""Last quarter's batch beside this one: each MCO's score change and new or resolved gaps.

Submissions are matched by MCO id and requirement set id; when last quarter has
several for the pair, the one with the latest period is used, and of several filings
for that period the newest. The figures come from
last quarter's `summary.json`; its per-submission JSON, when still there, also gives
a full comparison page per MCO (`diffs/<stem>.html`), as `compliance diff` renders it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from compliance.batch.inprogress import in_progress
from compliance.batch.summary import BatchSummary, Entry
from compliance.diff.compare import compare
from compliance.diff.inputs import read_result
from compliance.diff.page import render_diff_html
from compliance.errors import ComplianceError, UsageError
from compliance.inputfile import read_regular
from compliance.render.files import write_report

SUMMARY = "summary.json"
MAX_SUMMARY_BYTES = 256 * 1024 * 1024
DIFFS_DIR = "diffs"


@dataclass(frozen=True)
class Trend:
    """How one submission moved since the matching one last quarter."""

    previous_file: str
    previous_period: str
    score_before: float | None
    delta: float | None
    new_gaps: tuple[str, ...]
    resolved: tuple[str, ...]
    diff_link: str | None


def load_previous(folder: Path) -> BatchSummary:
    """A previous batch's summary; raises `UsageError` when the folder has none."""
    path = folder / SUMMARY
    if in_progress(folder):
        raise UsageError(f"--previous {folder}: its batch run did not finish; "
                         "give the --output-dir of a finished batch")
    try:
        return BatchSummary.model_validate_json(read_regular(path, MAX_SUMMARY_BYTES))
    except OSError as exc:
        raise UsageError(f"--previous {folder}: cannot read {SUMMARY} ({exc.strerror}); "
                         "give the --output-dir of an earlier batch") from exc
    except ValidationError as exc:
        raise UsageError(f"--previous {folder}: {SUMMARY} is not a batch summary "
                         f"({exc.errors()[0]['msg']})") from None


def _match(entry: Entry, previous: BatchSummary) -> Entry | None:
    if entry.error or entry.mco_id is None:
        return None
    same = [p for p in previous.submissions if p.error is None
            and (p.mco_id, p.set_id) == (entry.mco_id, entry.set_id)]
    # the latest period; of several filings for it, the newest (resubmission rank 1)
    return max(same, key=lambda p: (p.period_end or "",
                                    -(p.resubmission.rank if p.resubmission else 1)),
               default=None)


def _diff_page(before: Entry, previous_dir: Path, entry: Entry, out_dir: Path) -> str | None:
    old_json, new_json = before.reports.get("json"), entry.reports.get("json")
    if old_json is None or new_json is None:
        return None
    old_path = (previous_dir / old_json).resolve()
    if not old_path.is_relative_to(previous_dir.resolve()):
        return None  # a summary pointing outside its own folder is not followed
    try:
        diff = compare(read_result(old_path), read_result(out_dir / new_json))
        write_report(out_dir / DIFFS_DIR / f"{entry.stem}.html", render_diff_html(diff))
    except (ComplianceError, OSError):
        return None  # the trend figures still stand; only the detail page is missing
    return f"{DIFFS_DIR}/{entry.stem}.html"


def _trend(before: Entry, entry: Entry, link: str | None) -> Trend:
    was = {r.id for r in before.gaps()}
    now = {r.id for r in entry.gaps()}
    delta = None if before.score is None or entry.score is None else round(
        entry.score - before.score, 2)
    return Trend(previous_file=before.file,
                 previous_period=f"{before.period_start or '?'} to {before.period_end or '?'}",
                 score_before=before.score, delta=delta,
                 new_gaps=tuple(r.id for r in entry.gaps() if r.id not in was),
                 resolved=tuple(r.id for r in before.gaps() if r.id not in now), diff_link=link)


def trends(entries: list[Entry], previous: BatchSummary, previous_dir: Path,
           out_dir: Path) -> dict[str, Trend]:
    """Trend per current submission stem, for those with a match last quarter."""
    found = {}
    for entry in entries:
        before = _match(entry, previous)
        if before is not None:
            link = _diff_page(before, previous_dir, entry, out_dir)
            found[entry.stem] = _trend(before, entry, link)
    return found

