"""`compliance serve`: the intake portal under uvicorn; `--demo` fills a fresh database."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from compliance.errors import UsageError


def _require_portal() -> None:
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise UsageError("the portal needs its extra packages: pip install "
                         "'medicaid-compliance[portal]'") from None


def _demo_dir(data_dir: Path | None) -> Path:
    if data_dir is None:
        return Path(tempfile.mkdtemp(prefix="compliance-portal-demo-"))
    if data_dir.exists() and any(data_dir.iterdir()):
        raise UsageError(f"--demo needs a new or empty data folder; {data_dir} has files")
    return data_dir


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (localhost by default; put a TLS proxy in front).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the SQLite database and the stored workbooks "
              "[default: ./portal-data].")
@click.option("--database", metavar="URL", envvar="COMPLIANCE_DATABASE_URL",
              help="PostgreSQL URL (postgresql://user:pass@host/db) instead of SQLite.")
@click.option("--workers", type=click.IntRange(1, 64), help="Check processes "
              "[default: the number of CPUs].")
@click.option("--secure-cookies", is_flag=True,
              help="Mark cookies Secure even when the proxy does not say the request was HTTPS.")
@click.option("--demo", is_flag=True, help="Start on a fresh database with the demo "
              "programs, accounts and sample filings, and print how to sign in.")
def serve(host: str, port: int, data_dir: Path | None, database: str | None,
          workers: int | None, secure_cookies: bool, demo: bool) -> None:
    """Run the intake portal: MCOs upload and submit, contract managers review."""
    _require_portal()
    from compliance.portal.server import run

    folder = _demo_dir(data_dir) if demo else (data_dir or Path("portal-data"))
    run(host=host, port=port, data_dir=folder, database=None if demo else database,
        workers=workers or os.cpu_count() or 2, secure_cookies=secure_cookies, demo=demo)
