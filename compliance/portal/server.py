"""Starts the portal: database, process pool, optional demo data, then uvicorn."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import click
import uvicorn

from compliance.portal.app import create_app, open_portal
from compliance.portal.database import database_url
from compliance.portal.demo import passwords, seed_demo
from compliance.portal.state import Settings


def make_pool(workers: int) -> ProcessPoolExecutor:
    """The check processes; started fresh (spawn) so they share nothing with the server."""
    return ProcessPoolExecutor(max_workers=workers,
                               mp_context=multiprocessing.get_context("spawn"))


def run(*, host: str, port: int, data_dir: Path, database: str | None, workers: int,
        secure_cookies: bool, demo: bool) -> None:
    """Serve until interrupted."""
    url = database_url(database, data_dir)
    pool = make_pool(workers)
    try:
        portal = open_portal(Settings(data_dir=data_dir, secure_cookies=secure_cookies),
                             url, pool)
        click.echo(f"Database: {url.render_as_string(hide_password=True)}; "
                   f"workbooks in {data_dir / 'blobs'}")
        if demo:
            accounts = seed_demo(portal, pool)
            click.echo(f"Demo portal data: {data_dir}")
            click.echo(f"Open http://{host}:{port}/ and sign in as:")
            words = passwords()
            for account in accounts:
                kind = "mco" if account.username not in words else account.username
                click.echo(f"  {account.username:<12} password {words[kind]:<22} "
                           f"{account.shows}")
            click.echo("Every MCO has an account named after its id in lower case "
                       f"(password {words['mco']}).")
        uvicorn.run(create_app(portal), host=host, port=port, proxy_headers=True,
                    log_level="info", access_log=True)
    finally:
        pool.shutdown(cancel_futures=True)
