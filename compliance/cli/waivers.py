"""`compliance waivers lint`: every problem of a waiver file, requirement ids included."""

from __future__ import annotations

from pathlib import Path

import click

from compliance.sets.choice import candidate_sets
from compliance.sets.loader import load_requirement_set
from compliance.terminal import printable
from compliance.waivers.lint import lint_waivers


@click.group()
def waivers() -> None:
    """Work with waiver files (waivers and corrective action plans)."""


@waivers.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--set", "set_refs", metavar="SET", multiple=True,
              help="Check requirement ids against this set (repeat for several); default: "
              "every bundled set, as `batch` does without --set.")
@click.pass_context
def lint(ctx: click.Context, file: Path, set_refs: tuple[str, ...]) -> None:
    """Validate waiver FILE; exit 0 when clean, 1 when it has problems, 2 on a bad set.

    Every problem is listed on stderr, one `file:line: key.path: reason` each.
    """
    sets = [load_requirement_set(ref) for ref in set_refs] or candidate_sets()
    loaded, problems = lint_waivers(file, sets)
    for problem in problems:
        click.echo(f"error: {printable(problem)}", err=True)
    if loaded is not None and not problems:
        click.echo(f"ok: {file} ({len(loaded.waivers)} waivers, {len(loaded.caps)} corrective "
                   f"action plans, {len(loaded.mcos)} MCOs)")
    ctx.exit(1 if problems else 0)
