"""Opens the portal's database: SQLite in a data folder by default, PostgreSQL by URL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from compliance.errors import UsageError

SQLITE_NAME = "portal.sqlite3"


def database_url(database: str | None, data_dir: Path) -> URL:
    """The URL given, or the embedded SQLite file in `data_dir`."""
    if not database:
        return URL.create("sqlite+pysqlite", database=str(data_dir / SQLITE_NAME))
    try:
        url = make_url(database)
    except Exception as exc:  # SQLAlchemy raises ArgumentError with the URL in it
        raise UsageError("the database URL cannot be parsed") from exc
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise UsageError(f"unsupported database {url.get_backend_name()!r}: use sqlite or "
                         "postgresql")
    return url


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    # WAL lets the report pages read while a check result is being written.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def open_engine(url: URL) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.get_backend_name() == "sqlite":
        if url.database:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)
