"""`compliance waivers lint`: whether a waiver file is valid, optionally against a set."""

from __future__ import annotations

from pathlib import Path

import click

from compliance.errors import RequirementSetError
from compliance.sets.loader import load_requirement_set
from compliance.terminal import printable
from compliance.waivers.apply import requirement_problems
from compliance.waivers.file import load_waivers


@click.group()
def waivers() -> None:
    """Work with waiver files (waivers and corrective action plans)."""


@waivers.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--set", "set_refs", metavar="SET", multiple=True,
              help="Also check requirement ids against this set (repeat for several).")
@click.pass_context
def lint(ctx: click.Context, file: Path, set_refs: tuple[str, ...]) -> None:
    """Validate waiver FILE; exit 0 when clean, 1 when it has problems, 2 on a bad set."""
    sets = [load_requirement_set(ref) for ref in set_refs]
    try:
        loaded = load_waivers(file)
    except RequirementSetError as exc:
        for problem in exc.problems:
            click.echo(f"error: {printable(problem)}")
        ctx.exit(1)
    problems = requirement_problems(loaded, sets)
    for problem in problems:
        click.echo(f"error: {printable(problem)}")
    if not problems:
        click.echo(f"ok: {file} ({len(loaded.waivers)} waivers, {len(loaded.caps)} corrective "
                   f"action plans, {len(loaded.mcos)} MCOs)")
    ctx.exit(1 if problems else 0)
