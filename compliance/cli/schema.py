"""`compliance schema`: the JSON Schema of the requirement-set language or of the results."""

from __future__ import annotations

import click

from compliance.schemas import SCHEMAS, schema_text


@click.command()
@click.argument("which", type=click.Choice(list(SCHEMAS)), default="requirement-set")
def schema(which: str) -> None:
    """Print the JSON Schema of WHICH (default: requirement-set) for editors and validators."""
    click.echo(schema_text(which), nl=False)
