"""`compliance sets list|lint`: what is bundled, and whether a set file is valid."""

from __future__ import annotations

from pathlib import Path

import click

from compliance.errors import RequirementSetError
from compliance.resources import bundled_sets
from compliance.sets.lint import lint_warnings
from compliance.sets.loader import load_requirement_set
from compliance.terminal import printable


@click.group()
def sets() -> None:
    """List bundled requirement sets or lint set files."""


@sets.command(name="list")
def list_sets() -> None:
    """List the bundled requirement sets."""
    for path in bundled_sets():
        try:
            rs = load_requirement_set(path)
        except RequirementSetError as exc:
            click.echo(f"{path.stem:<24} (invalid: {exc.one_line()})")
            continue
        parent = f" extends {rs.lineage[-2]}" if len(rs.lineage) > 1 else ""
        click.echo(f"{rs.id:<24} {rs.version:<10} {len(rs.requirements):>3} requirements  "
                   f"{rs.title}{parent}")


@sets.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def lint(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Validate requirement-set FILES; exit 0 when all are clean, 1 when any has problems.

    Problems go to stderr, one `file:line: key.path: reason` each; `ok` lines to stdout.
    """
    failed = False
    for file in files:
        try:
            rs = load_requirement_set(file)
        except RequirementSetError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(f"error: {printable(problem)}", err=True)
            continue
        warnings = lint_warnings(rs, file)
        failed = failed or bool(warnings)
        for warning in warnings:
            click.echo(f"warning: {printable(warning)}", err=True)
        if not warnings:
            click.echo(f"ok: {file} ({rs.id} {rs.version}, {len(rs.requirements)} requirements)")
    ctx.exit(1 if failed else 0)
