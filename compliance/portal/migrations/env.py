"""Alembic environment: runs migrations on the engine the portal hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from compliance.portal.tables import Base

engine: Engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    context.run_migrations()
