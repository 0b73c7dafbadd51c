"""`compliance check`: check one workbook and write its results."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from compliance.api import check_workbook
from compliance.cli.output import FORMAT_CHOICES, emit, parse_formats
from compliance.model.base import Severity
from compliance.render.files import write_report

SEVERITIES = click.Choice(["critical", "major", "minor", "info"])


@click.command()
# A folder is let through so that the reader can say, in one line, what to do instead.
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("--set", "set_ref", metavar="SET",
              help="Requirement set: a bundled set id or a path to a .yaml file (default: "
              "chosen from the template stamp or the Cover sheet).")
@click.option("--format", "formats", default="text", metavar="FORMATS",
              help=f"Comma-separated output formats: {FORMAT_CHOICES}.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the (single) format to this file.")
@click.option("--output-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write every format to this folder, named after the workbook.")
@click.option("--force-set", is_flag=True, help="Check against --set even when the workbook's "
              "template stamp or Cover names another set or state (every report then says so).")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="SCORE",
              help="Fail the gate below this score (overrides the set's pass mark).")
@click.option("--fail-on", type=SEVERITIES, help="Fail the gate when a requirement of this "
              "severity or worse is not met (default: the set's, usually critical).")
@click.option("--no-suppress", is_flag=True, help="Show counts of 1-10 instead of '<11'.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--waivers", type=click.Path(dir_okay=False, path_type=Path),
              help="Waiver file: approved waivers and corrective action plans to apply.")
@click.option("--program", type=click.Path(dir_okay=False, path_type=Path),
              help="The state's program file (YAML): each contracted plan's counties and "
              "populations, prevalent languages and due dates, used instead of the filing's.")
@click.option("--annotate", type=click.Path(dir_okay=False, path_type=Path),
              metavar="OUT.xlsx", help="Also write a copy of the workbook with each finding "
              "marked on its cells (the original is never changed).")
@click.option("--table", "tables", multiple=True, metavar="SHEET=FILE",
              callback=lambda _ctx, _param, value: _table_files(value),
              help="Read a table sheet (by id or name) from a CSV or Parquet file beside the "
              "workbook, e.g. Member_Roster=roster.csv. May be repeated.")
@click.pass_context
def check(ctx: click.Context, workbook: Path, set_ref: str | None, formats: str,
          output: Path | None, output_dir: Path | None, force_set: bool,
          fail_under: float | None,
          fail_on: str | None, no_suppress: bool, quiet: bool, waivers: Path | None,
          program: Path | None, annotate: Path | None, tables: dict[str, str]) -> None:
    """Check WORKBOOK against a requirement set; exit 0 pass, 1 fail, 2 could not check."""
    wanted = parse_formats(formats, output, output_dir)
    if annotate:
        # openpyxl is loaded only when an annotated copy is asked for.
        from compliance.render.annotate import annotated_copy, check_paths

        check_paths(workbook, annotate)
    doc = check_workbook(workbook, set_ref or _chosen_set(workbook), fail_under=fail_under,
                         fail_on=cast(Severity | None, fail_on), waivers=waivers,
                         program=program, force_set=force_set, tables=tables)
    # the copy is made before anything is written: if it cannot be, nothing is
    copy = annotated_copy(workbook, doc) if annotate else None
    inputs = tuple(p for p in (waivers, program, Path(set_ref) if set_ref else None,
                               *(Path(t) for t in tables.values())) if p)
    emit(doc, wanted, output=output, output_dir=output_dir, source=workbook,
         suppress=not no_suppress, quiet=quiet, inputs=inputs)
    if annotate and copy is not None:
        write_report(annotate, copy, inputs=(workbook, *inputs))
    ctx.exit(0 if doc.summary.passed else 1)


def _chosen_set(workbook: Path) -> str:
    # the bundled sets' headers are read (as YAML) only when no --set is given
    from compliance.sets.selection import choose_set

    return choose_set(workbook)


def _table_files(values: tuple[str, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in values:
        sheet, sep, path = value.partition("=")
        if not sep or not sheet.strip() or not path:
            raise click.BadParameter(f"'{value}' is not SHEET=FILE", param_hint="--table")
        found[sheet.strip()] = path
    return found
