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

from compliance.batch.digest import render_digest
from compliance.batch.discover import find_submissions, report_stems
from compliance.batch.filings import mark_resubmissions
from compliance.batch.inprogress import finish_run, start_run
from compliance.batch.junit import render_batch_junit
from compliance.batch.portfolio import render_portfolio
from compliance.batch.progress import Progress
from compliance.batch.runner import run_jobs
from compliance.batch.summary import BatchSummary, Entry, summarize
from compliance.batch.table import render_csv
from compliance.batch.trend import SUMMARY, load_previous, trends
from compliance.batch.unchecked import unchecked_entry
from compliance.batch.worker import REPORTS_DIR, Job, Settings, cached_set
from compliance.errors import RequirementSetError, UsageError
from compliance.model.requirement import RequirementSet
from compliance.reader.beside import ROSTER_SUFFIXES, roster_of
from compliance.render.files import write_report
from compliance.sets.choice import candidate_sets
from compliance.sets.loader import find_set
from compliance.sets.program import load_program
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


def _plan(inputs: Sequence[Path], out_dir: Path,
          forced: str | None) -> tuple[list[Job], list[Entry]]:
    """The workbooks to check, and an entry for every other file found."""
    found = find_submissions(inputs, skip=out_dir)
    books = [item for item in found if item.workbook]
    if not found:
        raise UsageError(f"no files found in {', '.join(str(p) for p in inputs)}")
    jobs = [Job(path=str(item.path), file=item.name, stem=stem, set_ref=forced)
            for item, stem in zip(books, report_stems(books), strict=True)]
    # A roster filed beside a workbook is read with it, and its report says so.
    beside: dict[Path, set[str]] = {}
    for item in books:
        beside.setdefault(item.path.parent, set()).add(item.path.name)
    rosters = [item for item in found if not item.workbook
               and item.path.suffix.lower() in ROSTER_SUFFIXES and item.path.parent in beside]
    specs = ([cached_set(forced).workbook] if forced else
             [rs.workbook for rs in candidate_sets()]) if rosters else []
    read = {item.path for item in rosters
            if roster_of(item.path, beside[item.path.parent], specs) is not None}
    return jobs, [unchecked_entry(item.path, item.name) for item in found
                  if not item.workbook and item.path not in read]


def _modified(job: Job) -> str | None:
    try:
        stamp = Path(job.path).stat().st_mtime
    except OSError:
        return None
    return dt.datetime.fromtimestamp(stamp, dt.UTC).replace(microsecond=0).isoformat()


def _dated(entries: list[Entry], jobs: list[Job]) -> list[Entry]:
    """Each entry with its path and modification time, which ranks resubmissions."""
    return [entry.model_copy(update={"path": job.path, "modified": _modified(job)})
            for entry, job in zip(entries, jobs, strict=True)]


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
    """Check every workbook; write the reports, the summaries, `junit.xml` and `index.html`."""
    settings = request.settings
    out_dir = Path(settings.out_dir)
    if request.previous and request.previous.resolve() == out_dir.resolve():
        raise UsageError("--previous must be another folder than --output-dir")
    previous = load_previous(request.previous) if request.previous else None
    # a forced set is loaded here, into the cache forked workers inherit, under the one
    # absolute path every job names; a bad --set stops the run before any workbook
    forced = str(find_set(request.set_ref).resolve()) if request.set_ref is not None else None
    jobs, unchecked = _plan(request.inputs, out_dir, forced)
    _check_waivers(settings.waivers, cached_set(forced) if forced else None)
    if settings.program is not None:
        load_program(settings.program)  # a bad program file stops the run before any workbook
    _prepare(out_dir)
    start_run(out_dir, settings.generated_at)
    progress = Progress(len(jobs), enabled=request.progress)
    try:
        checked = run_jobs(jobs, settings, request.workers, progress)
    finally:
        progress.close()
    entries = mark_resubmissions(_dated(checked, jobs)) + unchecked
    summary = summarize(entries, settings.generated_at.isoformat())
    _write(out_dir / SUMMARY, summary.model_dump_json(indent=2) + "\n")
    _write(out_dir / "summary.csv", render_csv(entries), encoding="utf-8-sig")
    _write(out_dir / "summary.md", render_digest(summary))
    _write(out_dir / "junit.xml", render_batch_junit(summary))
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
