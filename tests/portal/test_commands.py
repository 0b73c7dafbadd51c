"""`compliance users add` and `compliance serve --demo` (its seeding, without the server)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy.engine import URL

from compliance.portal.app import open_portal
from compliance.portal.database import database_url, open_engine, session_factory
from compliance.portal.demo import HELD_BACK, passwords, seed_demo
from compliance.portal.signin import authenticate
from compliance.portal.state import Settings
from compliance.portal.tables import Submission, User
from tests.portal.world import Client


def test_users_add_creates_the_first_administrator(run_cli: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    secret = "a-long-admin-password"
    result = run_cli("users", "add", "root-admin", "--data-dir", tmp_path,
                     input=f"{secret}\n{secret}\n")
    assert result.exit_code == 0 and "Created admin account root-admin" in result.output
    portal = open_portal(Settings(data_dir=tmp_path), database_url(None, tmp_path),
                         ProcessPoolExecutor(1))
    with portal.db() as db:
        user = authenticate(db, "root-admin", secret)
        assert user is not None and user.role == "admin"
    again = run_cli("users", "add", "root-admin", "--data-dir", tmp_path, "--password", secret)
    assert again.exit_code == 2 and "exists already" in again.output


def test_users_add_refuses_a_short_password(run_cli: Callable[..., Result],
                                            tmp_path: Path) -> None:
    result = run_cli("users", "add", "someone", "--data-dir", tmp_path, "--password", "short")
    assert result.exit_code == 2 and "at least 12 characters" in result.output


def test_serve_refuses_an_unknown_database(run_cli: Callable[..., Result],
                                           tmp_path: Path) -> None:
    result = run_cli("serve", "--data-dir", tmp_path, "--database", "mysql://x@y/z")
    assert result.exit_code == 2 and "unsupported database 'mysql'" in result.output


def test_serve_demo_needs_an_empty_folder(run_cli: Callable[..., Result],
                                          tmp_path: Path) -> None:
    (tmp_path / "something").write_text("x")
    result = run_cli("serve", "--demo", "--data-dir", tmp_path)
    assert result.exit_code == 2 and "new or empty data folder" in result.output


def test_the_demo_files_the_samples_as_earlier_quarters(tmp_path: Path,
                                                        pool: ProcessPoolExecutor) -> None:
    portal = open_portal(Settings(data_dir=tmp_path), database_url(None, tmp_path), pool)
    accounts = seed_demo(portal, pool)
    assert [a.username for a in accounts] == ["admin", "manager", "or-cco-0522"]
    with portal.db() as db:
        filed = db.query(Submission).all()
        assert len(filed) == len(list(Path("sample_submissions").glob("*/*.xlsx"))) - 1
        # Filed five days before the due date, a month after the quarter ends.
        assert all(25 <= (s.submitted_at.date() - s.period_end).days <= 26 for s in filed)
        assert db.query(User).filter_by(username="or-cco-0522").one().mco_id == "OR-CCO-0522"
    manager = Client(portal)
    with manager.http:
        assert manager.login("manager", passwords()["manager"]).status_code == 303
        inbox = manager.get("/inbox?program=oregon-cco&quarter=2026-04-01").text
        willamette = inbox.split("Willamette Valley Care Collaborative")[1].split("</tr>")[0]
        assert "expected" in willamette and HELD_BACK.startswith("willamette")
        assert "resubmitted" not in inbox


def test_users_add_writes_to_postgresql(run_cli: Callable[..., Result], db_url: URL,
                                        tmp_path: Path) -> None:
    if db_url.get_backend_name() != "postgresql":
        pytest.skip("the SQLite case is test_users_add_creates_the_first_administrator")
    url = db_url.render_as_string(hide_password=False)
    result = run_cli("users", "add", "pg-admin", "--database", url, "--data-dir", tmp_path,
                     "--password", "a-long-admin-password")
    assert result.exit_code == 0
    engine = open_engine(db_url)
    with session_factory(engine)() as db:
        assert db.query(User).filter_by(username="pg-admin").one().role == "admin"
    engine.dispose()
