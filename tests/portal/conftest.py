"""Portal fixtures: a check pool shared by the session, a fresh database per test.

Every database test runs on SQLite and, when `COMPLIANCE_TEST_POSTGRES_URL` names a
server (CI starts one), on PostgreSQL too. Under CI a missing server is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from compliance.portal.database import database_url
from compliance.portal.server import make_pool
from compliance.portal.state import Portal
from tests.portal.world import Client, build_portal

POSTGRES_ENV = "COMPLIANCE_TEST_POSTGRES_URL"


@pytest.fixture(scope="session", autouse=True)
def cheap_hashes() -> Iterator[None]:
    """Argon2 at its lowest cost: the tests sign in often; the parameters live in the hash."""
    from argon2 import PasswordHasher

    from compliance.portal import passwords

    strong = passwords._HASHER
    passwords._HASHER = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    passwords._DUMMY = passwords._HASHER.hash("dummy")
    yield
    passwords._HASHER = strong


@pytest.fixture(scope="session")
def pool() -> Iterator[ProcessPoolExecutor]:
    executor = make_pool(2)
    yield executor
    executor.shutdown(cancel_futures=True)


def _fresh_postgres() -> URL:
    raw = os.environ.get(POSTGRES_ENV)
    if not raw:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{POSTGRES_ENV} is not set under CI (.ci/run starts PostgreSQL)")
        pytest.skip(f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against")
    url = database_url(raw, Path("."))
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return make_url(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> URL:
    if request.param == "postgresql":
        return _fresh_postgres()
    return database_url(None, tmp_path / "data")


@pytest.fixture
def portal(tmp_path: Path, db_url: URL, pool: ProcessPoolExecutor) -> Portal:
    return build_portal(tmp_path / "data", db_url, pool)


@pytest.fixture
def client(portal: Portal) -> Iterator[Client]:
    made = Client(portal)
    with made.http:
        yield made


@pytest.fixture
def clients(portal: Portal) -> Iterator[dict[str, Client]]:
    """One signed-in client per test account (and `anon`)."""
    from tests.portal.world import USERS

    made = {name: Client(portal) for name in [*USERS, "anon"]}
    for name, one in made.items():
        one.http.__enter__()
        if name != "anon":
            assert one.login(name).status_code == 303
    yield made
    for one in made.values():
        one.http.__exit__(None, None, None)
