"""`compliance diff`: what moved between two quarters of the same MCO."""

from __future__ import annotations

from pathlib import Path

import click

from compliance.diff.compare import compare
from compliance.diff.formats import DIFF_FORMATS
from compliance.diff.inputs import load_side
from compliance.render.files import write_report
from compliance.terminal import printable
from compliance.waivers.file import load_waivers


@click.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--set", "set_ref", metavar="SET",
              help="Requirement set for workbooks: a bundled set id or a .yaml file (default: "
              "chosen from the template stamp or the Cover sheet).")
@click.option("--waivers", type=click.Path(dir_okay=False, path_type=Path),
              help="Waiver file applied when checking workbooks.")
@click.option("--format", "fmt", type=click.Choice(list(DIFF_FORMATS)), default="text",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@click.pass_context
def diff(ctx: click.Context, old: Path, new: Path, set_ref: str | None, waivers: Path | None,
         fmt: str, output: Path | None) -> None:
    """Compare OLD and NEW: new, resolved and open gaps, score and value changes.

    OLD and NEW are results written by `compliance check --format json`, or workbooks
    (checked now). Different MCOs or periods out of order are warned about.
    Exit codes: 0 no regression; 1 a new gap or a lower score; 2 could not compare
    (unreadable input, or results of different requirement sets).
    """
    plan = load_waivers(waivers) if waivers else None
    result = compare(load_side(old, set_ref, plan), load_side(new, set_ref, plan))
    for warning in result.warnings:
        click.echo(f"warning: {printable(warning)}", err=True)
    content = DIFF_FORMATS[fmt](result)
    if output is None:
        click.echo(content, nl=False)
    else:
        write_report(output, content, inputs=(old, new))
    ctx.exit(1 if result.regression else 0)
