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
from compliance.batch.inprogress import finish_run, start_run
from compliance.batch.portfolio import render_portfolio
from compliance.batch.progress import Progress
from compliance.batch.runner import run_jobs
from compliance.batch.summary import BatchSummary, summarize
from compliance.batch.table import render_csv
from compliance.batch.trend import SUMMARY, load_previous, trends
from compliance.batch.worker import REPORTS_DIR, Job, Settings, cached_set
from compliance.errors import RequirementSetError, UsageError
from compliance.model.requirement import RequirementSet
from compliance.render.files import write_report
from compliance.sets.choice import candidate_sets
from compliance.sets.loader import find_set
from compliance.waivers.apply import requirement_problems
from compliance.waivers.file import load_waivers


@dataclass(frozen=True)
class BatchRequest:
    """What `compliance batch` was asked to do."""

    inputs: tuple[Path, ...]
    settings: Settings
    set_ref: str | None = None
    previous: Path | None = None
    workers: int = 1
    progress: bool = False


def _plan(inputs: Sequence[Path], out_dir: Path, forced: str | None) -> list[Job]:
    found = find_submissions(inputs, skip=out_dir)
    if not found:
        raise UsageError(f"no workbooks ({', '.join(SUFFIXES)}) found in "
                         f"{', '.join(str(p) for p in inputs)}")
    return [Job(path=str(item.path), file=item.name, stem=stem, set_ref=forced)
            for item, stem in zip(found, report_stems(found), strict=True)]


def _check_waivers(waivers: str | None, forced: RequirementSet | None) -> None:
    """Without --set, entries are checked against every bundled set a workbook may get."""
    if waivers is None:
        return
    loaded = load_waivers(waivers)
    problems = requirement_problems(loaded, [forced] if forced else candidate_sets())
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise RequirementSetError(problems[0] + more, problems=problems)


def _write(path: Path, text: str, encoding: str = "utf-8") -> None:
    write_report(path, text.encode(encoding))


def _prepare(out_dir: Path) -> None:
    reports = out_dir / REPORTS_DIR
    if reports.is_symlink():  # reports are written inside the output folder, never elsewhere
        raise UsageError(f"{reports} is a symbolic link; remove it or choose another "
                         "--output-dir")
    try:
        reports.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {reports}: {exc.strerror}") from exc


def run_batch(request: BatchRequest) -> BatchSummary:
    """Check every workbook and write reports, `summary.json`, `summary.csv`, `index.html`."""
    settings = request.settings
    out_dir = Path(settings.out_dir)
    if request.previous and request.previous.resolve() == out_dir.resolve():
        raise UsageError("--previous must be another folder than --output-dir")
    previous = load_previous(request.previous) if request.previous else None
    # a forced set is loaded here, into the cache forked workers inherit, under the one
    # absolute path every job names; a bad --set stops the run before any workbook
    forced = str(find_set(request.set_ref).resolve()) if request.set_ref is not None else None
    jobs = _plan(request.inputs, out_dir, forced)
    _check_waivers(settings.waivers, cached_set(forced) if forced else None)
    _prepare(out_dir)
    start_run(out_dir, settings.generated_at)
    progress = Progress(len(jobs), enabled=request.progress)
    try:
        entries = run_jobs(jobs, settings, request.workers, progress)
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
    finish_run(out_dir)
    return summary


def now() -> dt.datetime:
    """The run's timestamp, to the second, in UTC."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
