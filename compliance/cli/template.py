"""`compliance template`: write the blank workbook of a requirement set."""

from __future__ import annotations

from pathlib import Path

import click

from compliance.errors import UsageError
from compliance.sets.loader import load_requirement_set
from compliance.template.build import write_template


@click.command()
@click.option("--set", "set_ref", metavar="SET", required=True,
              help="Requirement set: a bundled set id or a path to a .yaml file.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the workbook (.xlsx).")
def template(set_ref: str, output: Path) -> None:
    """Write the blank quarterly workbook of a set, with its stamp, to OUTPUT."""
    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"{output}: the template is an Excel workbook; give a file name "
                         "ending in .xlsx")
    rs = load_requirement_set(set_ref)
    write_template(rs, output)
    sheets = len(rs.workbook.sheets)
    click.echo(f"wrote {output} ({rs.id} {rs.version}, {sheets} sheets)")
