"""`compliance batch`: check a folder of submissions and write a portfolio across MCOs."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import cast

import click

from compliance.batch.annotations import batch_annotations
from compliance.batch.closing import closing_lines
from compliance.batch.run import BatchRequest, now, run_batch
from compliance.batch.summary import exit_code
from compliance.batch.worker import Settings
from compliance.errors import UsageError
from compliance.model.base import Severity
from compliance.render.formats import FORMATS

DEFAULT_FORMATS = "html" if "html" in FORMATS else ""


def _formats(text: str) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    unknown = [name for name in wanted if name not in FORMATS]
    if unknown:
        raise UsageError(f"unknown format '{unknown[0]}'; choose from {', '.join(FORMATS)}")
    return tuple(name for name in wanted if name != "json")


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--output-dir", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the reports, index.html, summary.json/.csv/.md and junit.xml.")
@click.option("--set", "set_ref", metavar="SET",
              help="Check every workbook against this set (a bundled set id or a .yaml file); "
              "default: each workbook's set, chosen from its template stamp or Cover sheet.")
@click.option("--force-set", is_flag=True, help="With --set: check every workbook against it "
              "even when its template stamp or Cover names another set or state (its "
              "reports then say so).")
@click.option("--format", "formats", default=DEFAULT_FORMATS, show_default=True,
              metavar="FORMATS", help="Report formats besides JSON, comma-separated: "
              f"{', '.join(FORMATS)}.")
@click.option("--waivers", type=click.Path(dir_okay=False, path_type=Path),
              help="Waiver file: waivers and corrective action plans to apply.")
@click.option("--program", type=click.Path(dir_okay=False, path_type=Path),
              help="The state's program file: each plan's counties, populations, prevalent "
              "languages and due dates, used instead of what each filing says.")
@click.option("--previous", type=click.Path(file_okay=False, path_type=Path),
              help="Last quarter's --output-dir: adds each MCO's trend to the portfolio.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: one per CPU core).")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="SCORE",
              help="Fail the gate below this score (overrides each set's pass mark).")
@click.option("--fail-on", type=click.Choice(["critical", "major", "minor", "info"]),
              help="Fail the gate when a requirement of this severity or worse is not met.")
@click.option("--no-suppress", is_flag=True, help="Show counts of 1-10 instead of '<11'.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no closing summary.")
@click.pass_context
def batch(ctx: click.Context, inputs: tuple[Path, ...], output_dir: Path, set_ref: str | None,
          force_set: bool, formats: str, waivers: Path | None, program: Path | None,
          previous: Path | None,
          jobs: int | None, fail_under: float | None, fail_on: str | None, no_suppress: bool,
          quiet: bool) -> None:
    """Check every workbook in INPUTS (folders are searched for .xlsx and .xlsm files).

    Writes each submission's reports to OUTPUT_DIR/reports and a portfolio: index.html,
    summary.json, summary.csv, summary.md and junit.xml. With `--format github`, the
    annotations of every submission are also printed for GitHub Actions.

    A workbook that cannot be read, and every other file found (.xls, .ods, .csv,
    .pdf, ...), is listed with its reason and does not stop the run; several filings
    of one MCO and period are marked as resubmissions.
    Exit codes: 0 every submission passes; 1 any fails; 2 any file could not be
    checked, or the run could not start (bad set, waiver file or folder).
    """
    settings = Settings(out_dir=str(output_dir), formats=_formats(formats),
                        waivers=str(waivers) if waivers else None, fail_under=fail_under,
                        fail_on=cast(Severity | None, fail_on), suppress=not no_suppress,
                        generated_at=now(), force_set=force_set and set_ref is not None,
                        program=str(program) if program else None)
    request = BatchRequest(inputs=inputs, settings=settings, set_ref=set_ref, previous=previous,
                           workers=jobs or os.cpu_count() or 1,
                           progress=not quiet and sys.stderr.isatty())
    summary = run_batch(request)
    if "github" in settings.formats:
        for line in batch_annotations(summary, output_dir):
            click.echo(line)
    if not quiet:
        for line in closing_lines(summary, output_dir / "index.html"):
            click.echo(line)
    ctx.exit(exit_code(list(summary.submissions)))
