"""`compliance explain`: what a requirement asks, its citation, evidence and scoring."""

from __future__ import annotations

import click

from compliance.errors import UsageError
from compliance.evaluation.explanation import explain_requirement
from compliance.sets.loader import load_requirement_set
from compliance.sets.spelling import did_you_mean, same_name


@click.command()
@click.argument("requirement_id")
@click.option("--set", "set_ref", metavar="SET", required=True,
              help="Requirement set: a bundled set id or a path to a .yaml file.")
def explain(requirement_id: str, set_ref: str) -> None:
    """Explain REQUIREMENT_ID of a set: what it requires and how it is scored.

    The id may be written in any case (`dem-01`).
    """
    rs = load_requirement_set(set_ref)
    ids = [name for r in rs.requirements for name in (r.id, *r.aliases)]
    req = rs.requirement(requirement_id) or rs.requirement(same_name(requirement_id, ids) or "")
    if req is None:
        hint = did_you_mean(requirement_id, ids) or "; its ids are " + ", ".join(
            r.id for r in rs.requirements)
        raise UsageError(f"set '{rs.id}' has no requirement '{requirement_id}'{hint}")
    click.echo(explain_requirement(rs, req))
