"""Where `check` output goes: stdout, one file, or one file per format in a folder."""

from __future__ import annotations

from pathlib import Path

import click

from compliance.errors import UsageError
from compliance.evaluation.document import ResultDocument
from compliance.render.files import write_report
from compliance.render.formats import FORMATS, RenderOptions
from compliance.render.text import render_text

FORMAT_CHOICES = ", ".join(FORMATS)


def parse_formats(text: str, output: Path | None, output_dir: Path | None) -> list[str]:
    """Validate `--format` against `--output`/`--output-dir`."""
    wanted = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [name for name in wanted if name not in FORMATS]
    if unknown or not wanted:
        raise UsageError(f"unknown format '{', '.join(unknown) or text}'; "
                         f"choose from {FORMAT_CHOICES}")
    if output and output_dir:
        raise UsageError("give --output or --output-dir, not both")
    if output and len(wanted) > 1:
        raise UsageError("--output takes one format; use --output-dir for several")
    binary = [name for name in wanted if FORMATS[name].binary]
    if binary and not (output or output_dir):
        raise UsageError(f"format {binary[0]} is a file; give --output or --output-dir")
    return wanted


def emit(doc: ResultDocument, formats: list[str], *, output: Path | None, output_dir: Path | None,
         source: Path, suppress: bool, quiet: bool, inputs: tuple[Path, ...] = ()) -> None:
    """Render each format to its destination; print the summary unless quiet.

    Never writes over `source`, the submission that was checked, nor over `inputs`.
    """
    inputs = (source, *inputs)
    options = RenderOptions(suppress_small_counts=suppress, source=str(source))
    to_stdout = output is None and output_dir is None
    for name in formats:
        target = output or (output_dir or Path(".")) / f"{source.stem}.{FORMATS[name].extension}"
        if to_stdout and name == "text":
            content: str | bytes = render_text(doc)  # coloured when stdout is a terminal
        else:
            content = FORMATS[name].render(doc, options)
        if to_stdout:
            if not quiet:
                click.echo(content, nl=False)
        else:
            write_report(target, content, inputs=inputs)
    if not to_stdout and not quiet:
        click.echo(render_text(doc), nl=False)
