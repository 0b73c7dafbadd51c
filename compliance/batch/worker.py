"""Checks one submission and writes its reports: what each worker process runs.

Each process loads a set (and the waiver file) once and keeps it for every workbook
it checks. A problem with one workbook becomes that entry's `error`; it never stops
the batch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from compliance.api import check_workbook
from compliance.batch.summary import Entry, entry_from
from compliance.errors import ComplianceError
from compliance.model.base import Severity
from compliance.model.program import ProgramFile
from compliance.model.requirement import RequirementSet
from compliance.render.files import write_report
from compliance.render.formats import FORMATS, RenderOptions
from compliance.render.json import render_json
from compliance.sets.choice import set_for
from compliance.sets.loader import load_requirement_set
from compliance.sets.program import load_program
from compliance.waivers.apply import for_set
from compliance.waivers.file import WaiverFile, load_waivers

REPORTS_DIR = "reports"


@dataclass(frozen=True)
class Job:
    """One workbook: where it is, its name in the portfolio, its report stem and set.

    `set_ref` None: the set is chosen from the workbook itself, in the worker.
    """

    path: str
    file: str
    stem: str
    set_ref: str | None


@dataclass(frozen=True)
class Settings:
    """What is the same for every workbook of a run."""

    out_dir: str
    formats: tuple[str, ...]
    waivers: str | None
    fail_under: float | None
    fail_on: Severity | None
    suppress: bool
    generated_at: dt.datetime
    force_set: bool = False
    program: str | None = None  # the state's program file


@lru_cache(maxsize=32)
def cached_set(reference: str) -> RequirementSet:
    """A requirement set, loaded once per process."""
    return load_requirement_set(reference)


@lru_cache(maxsize=64)
def _plan(waivers: str, set_ref: str) -> WaiverFile:
    # the run checked the whole file against every set before starting; here each set
    # only gets the entries that concern it
    return for_set(load_waivers(waivers), cached_set(set_ref))


@lru_cache(maxsize=4)
def _program(path: str) -> ProgramFile:
    return load_program(path)


def write_reports(doc_json: str, render: dict[str, str | bytes], stem: str,
                  out_dir: Path) -> dict[str, str]:
    """Write the JSON and the other formats; returns format -> path relative to `out_dir`."""
    written = {"json": f"{REPORTS_DIR}/{stem}.json"}
    write_report(out_dir / written["json"], doc_json)
    for name, content in render.items():
        written[name] = f"{REPORTS_DIR}/{stem}.{FORMATS[name].extension}"
        write_report(out_dir / written[name], content)
    return written


def run_job(job: Job, settings: Settings) -> Entry:
    """Check one workbook and write its reports; never raises for a bad workbook."""
    try:
        reference = set_for(Path(job.path), job.set_ref)
        rs = cached_set(reference)
        plan = _plan(settings.waivers, reference) if settings.waivers else None
        doc = check_workbook(job.path, rs, fail_under=settings.fail_under,
                             fail_on=settings.fail_on, generated_at=settings.generated_at,
                             waivers=plan, force_set=settings.force_set,
                             program=_program(settings.program) if settings.program else None)
        options = RenderOptions(suppress_small_counts=settings.suppress, source=job.path)
        rendered = {name: FORMATS[name].render(doc, options)
                    for name in settings.formats if name != "json"}
        reports = write_reports(render_json(doc), rendered, job.stem, Path(settings.out_dir))
    except ComplianceError as exc:
        return Entry(file=job.file, stem=job.stem, error=exc.one_line())
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: B036 - a bug (or a native panic) on one workbook
        # must not lose the other 199, nor reach the pool as an exception it cannot pickle
        reason = " ".join(str(exc).split())[:300]
        return Entry(file=job.file, stem=job.stem,
                     error=f"internal error: {type(exc).__name__}: {reason}")
    return entry_from(doc, job.file, job.stem, reports)
