"""A whole batch: find the workbooks, check every input up front, run, write the portfolio.

Everything that would make the whole run meaningless (a bad set, a bad waiver file,
an unreadable `--previous`, an output folder that cannot be written) stops it before
any workbook is checked. A workbook that cannot be read only marks its own entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from compliance.batch.discover import SUFFIXES, find_submissions, report_stems
from compliance.batch.portfolio import render_portfolio
from compliance.batch.progress import Progress
from compliance.batch.runner import run_jobs
from compliance.batch.summary import BatchSummary, Entry, summarize
from compliance.batch.table import render_csv
from compliance.batch.trend import SUMMARY, load_previous, trends
from compliance.batch.worker import REPORTS_DIR, Job, Settings
from compliance.errors import ComplianceError, RequirementSetError, UsageError
from compliance.loader import find_set, load_requirement_set
from compliance.setchoice import set_for
from compliance.waiverfile import load_waivers
from compliance.waivers import requirement_problems


@dataclass(frozen=True)
class BatchRequest:
    """What `compliance batch` was asked to do."""

    inputs: tuple[Path, ...]
    settings: Settings
    set_ref: str | None = None
    previous: Path | None = None
    workers: int = 1
    progress: bool = False


def _plan(inputs: Sequence[Path], out_dir: Path,
          set_ref: str | None) -> tuple[list[Job], list[Entry]]:
    found = find_submissions(inputs, skip=out_dir)
    if not found:
        raise UsageError(f"no workbooks ({', '.join(SUFFIXES)}) found in "
                         f"{', '.join(str(p) for p in inputs)}")
    jobs, unplaced = [], []
    for item, stem in zip(found, report_stems(found), strict=True):
        try:
            reference = set_for(item.path, set_ref)
        except ComplianceError as exc:
            unplaced.append(Entry(file=item.name, stem=stem, error=exc.one_line()))
            continue
        jobs.append(Job(path=str(item.path), file=item.name, stem=stem,
                        set_ref=str(find_set(reference).resolve())))
    return jobs, unplaced


def _check_inputs(jobs: list[Job], waivers: str | None) -> None:
    sets = [load_requirement_set(ref) for ref in sorted({job.set_ref for job in jobs})]
    if waivers is None:
        return
    problems = requirement_problems(load_waivers(waivers), sets)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise RequirementSetError(problems[0] + more, problems=problems)


def _write(path: Path, text: str, encoding: str = "utf-8") -> None:
    try:
        path.write_text(text, encoding=encoding)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from exc


def run_batch(request: BatchRequest) -> BatchSummary:
    """Check every workbook and write reports, `summary.json`, `summary.csv`, `index.html`."""
    settings = request.settings
    out_dir = Path(settings.out_dir)
    if request.previous and request.previous.resolve() == out_dir.resolve():
        raise UsageError("--previous must be another folder than --output-dir")
    previous = load_previous(request.previous) if request.previous else None
    jobs, unplaced = _plan(request.inputs, out_dir, request.set_ref)
    _check_inputs(jobs, settings.waivers)
    try:
        (out_dir / REPORTS_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {out_dir / REPORTS_DIR}: {exc.strerror}") from exc
    progress = Progress(len(jobs), enabled=request.progress)
    try:
        entries = run_jobs(jobs, settings, request.workers, progress) + unplaced
    finally:
        progress.close()
    summary = summarize(entries, settings.generated_at.isoformat())
    _write(out_dir / SUMMARY, summary.model_dump_json(indent=2) + "\n")
    _write(out_dir / "summary.csv", render_csv(entries), encoding="utf-8-sig")
    found, label = {}, None
    if previous is not None and request.previous is not None:
        found = trends(entries, previous, request.previous, out_dir)
        label = f"{request.previous.name} (checked {previous.generated_at})"
    _write(out_dir / "index.html", render_portfolio(summary, found, label))
    return summary


def now() -> dt.datetime:
    """The run's timestamp, to the second, in UTC."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
