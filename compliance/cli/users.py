"""`compliance users add`: create an account (the first administrator, for one)."""

from __future__ import annotations

from pathlib import Path

import click

from compliance.cli.serve import _require_portal


@click.group()
def users() -> None:
    """Manage the portal's accounts."""


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "manager", "mco"]), default="admin",
              show_default=True)
@click.option("--mco", "mco_id", help="The MCO id of an MCO account.")
@click.option("--program", "programs", multiple=True, help="A program of a contract "
              "manager (repeatable).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("portal-data"), show_default=True)
@click.option("--database", metavar="URL", envvar="COMPLIANCE_DATABASE_URL",
              help="PostgreSQL URL instead of the SQLite file in --data-dir.")
@click.password_option(help="The password (asked for when not given; 12 characters or more).")
def add(username: str, role: str, mco_id: str | None, programs: tuple[str, ...],
        data_dir: Path, database: str | None, password: str) -> None:
    """Create the account USERNAME."""
    _require_portal()
    from compliance.portal.accounts import add_user
    from compliance.portal.audit import record
    from compliance.portal.database import database_url, open_engine, session_factory
    from compliance.portal.migrate import upgrade

    engine = open_engine(database_url(database, data_dir))
    upgrade(engine)
    with session_factory(engine).begin() as db:
        add_user(db, username, password, role, mco_id=mco_id, programs=programs)
        record(db, "(command line)", "account.add", f"user {username}", f"role {role}")
    click.echo(f"Created {role} account {username}.")
