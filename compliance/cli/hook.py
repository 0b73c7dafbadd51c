"""`compliance hook`: check the workbooks a commit changes (the pre-commit hook's entry)."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from compliance.api import check_workbook
from compliance.errors import ComplianceError
from compliance.model.base import Severity
from compliance.render.brief import brief_lines
from compliance.sets.selection import choose_set


@click.command()
@click.argument("workbooks", nargs=-1, type=click.Path(path_type=Path))
@click.option("--set", "set_ref", metavar="SET",
              help="Check every workbook against this set (default: each workbook's own, "
              "from its template stamp or Cover sheet).")
@click.option("--force-set", is_flag=True,
              help="With --set: check workbooks that belong to another set anyway.")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="SCORE",
              help="Fail below this score (overrides the set's pass mark).")
@click.option("--fail-on", type=click.Choice(["critical", "major", "minor", "info"]),
              help="Fail when a requirement of this severity or worse is not met.")
@click.option("--waivers", type=click.Path(dir_okay=False, path_type=Path),
              help="Waiver file: approved waivers and corrective action plans to apply.")
@click.pass_context
def hook(ctx: click.Context, workbooks: tuple[Path, ...], set_ref: str | None, force_set: bool,
         fail_under: float | None, fail_on: str | None, waivers: Path | None) -> None:
    """Check each of WORKBOOKS and print its verdict and gaps in a few lines.

    Made for pre-commit, which passes the changed files: Office lock files (~$...) are
    skipped, and a file that cannot be checked is reported without stopping the others.
    Exit codes: 0 every workbook passes; 1 any fails; 2 any could not be checked.
    """
    code = 0
    for path in (p for p in workbooks if not p.name.startswith("~$")):
        try:
            doc = check_workbook(path, set_ref or choose_set(path), fail_under=fail_under,
                                 fail_on=cast(Severity | None, fail_on), waivers=waivers,
                                 force_set=force_set)
        except ComplianceError as exc:
            click.echo(f"{path}: could not be checked: {exc.reason}", err=True)
            code = 2
            continue
        for line in brief_lines(doc, str(path)):
            click.echo(line)
        code = max(code, 0 if doc.summary.passed else 1)
    ctx.exit(code)
