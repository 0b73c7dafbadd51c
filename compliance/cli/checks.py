"""`compliance checks`: the documentation of the check vocabulary."""

from __future__ import annotations

import click

from compliance.checkdocs import check_doc, checks_markdown
from compliance.checks import CHECKS


@click.command(name="checks")
@click.argument("type_id", required=False, type=click.Choice(list(CHECKS)))
def checks(type_id: str | None) -> None:
    """Document every check type, or only TYPE_ID."""
    click.echo(check_doc(type_id) if type_id else checks_markdown(), nl=False)
