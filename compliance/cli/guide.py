"""`compliance guide`: write a set's requirements guide as HTML or Markdown."""

from __future__ import annotations

from pathlib import Path

import click

from compliance.errors import UsageError
from compliance.guide import build_guide, render_guide_html, render_guide_markdown
from compliance.sets.loader import load_requirement_set


@click.command()
@click.option("--set", "set_ref", metavar="SET", required=True,
              help="Requirement set: a bundled set id or a path to a .yaml file.")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default="html",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the guide to this file instead of standard output.")
def guide(set_ref: str, fmt: str, output: Path | None) -> None:
    """Write the requirements guide of a set: each requirement, its evidence and scoring."""
    book = build_guide(load_requirement_set(set_ref))
    text = render_guide_html(book) if fmt == "html" else render_guide_markdown(book)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {output} ({book.set_id} {book.version}, {len(book.entries)} requirements)")
