"""The migrations build exactly the tables the code declares, on both engines."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import URL

from compliance.portal.database import open_engine
from compliance.portal.migrate import upgrade
from compliance.portal.tables import Base


def test_the_migrated_schema_matches_the_tables(db_url: URL) -> None:
    engine = open_engine(db_url)
    upgrade(engine)
    upgrade(engine)  # a second start finds nothing to do
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()
