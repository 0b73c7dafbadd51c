"""`compliance explain`: what a requirement asks, its citation, evidence and scoring."""

from __future__ import annotations

import click

from compliance.errors import UsageError
from compliance.evaluation.explanation import explain_requirement
from compliance.sets.loader import load_requirement_set


@click.command()
@click.argument("requirement_id")
@click.option("--set", "set_ref", metavar="SET", required=True,
              help="Requirement set: a bundled set id or a path to a .yaml file.")
def explain(requirement_id: str, set_ref: str) -> None:
    """Explain REQUIREMENT_ID of a set: what it requires and how it is scored."""
    rs = load_requirement_set(set_ref)
    req = rs.requirement(requirement_id)
    if req is None:
        raise UsageError(f"set '{rs.id}' has no requirement '{requirement_id}'; "
                         f"its ids are {', '.join(r.id for r in rs.requirements)}")
    click.echo(explain_requirement(rs, req))
