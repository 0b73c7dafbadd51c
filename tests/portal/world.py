"""A small portal world for tests: two programs, three MCOs, an account per role."""

from __future__ import annotations

import re
import time
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL
from starlette.testclient import TestClient

from compliance.portal.accounts import add_user
from compliance.portal.app import create_app, open_portal
from compliance.portal.programfile import import_program_file, parse_program_file
from compliance.portal.state import Portal, Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_submissions"
PASSWORD = "portal-test-password"
PROGRAMS = """
programs:
  - id: oregon-cco
    title: Oregon CCO
    set: oregon-cco
    quarters:
      - {start: 2026-01-01, end: 2026-03-31, due: 2026-04-30}
      - {start: 2026-04-01, end: 2026-06-30, due: 2026-07-31}
    mcos:
      - {id: OR-CCO-0417, name: Cascade Community Health Plan, service_area: Lane}
      - {id: OR-CCO-0522, name: Willamette Valley Care Collaborative, service_area: Marion}
  - id: louisiana-healthy-la
    title: Healthy Louisiana
    set: louisiana-healthy-la
    quarters:
      - {start: 2026-01-01, end: 2026-03-31, due: 2026-04-30}
    mcos:
      - {id: LA-MCO-047, name: Pelican Care of Louisiana, service_area: Statewide}
"""
USERS: dict[str, dict[str, Any]] = {
    "mco_a": {"role": "mco", "mco_id": "OR-CCO-0417"},
    "mco_b": {"role": "mco", "mco_id": "OR-CCO-0522"},
    "mco_c": {"role": "mco", "mco_id": "LA-MCO-047"},
    "mgr_or": {"role": "manager", "programs": ["oregon-cco"]},
    "mgr_la": {"role": "manager", "programs": ["louisiana-healthy-la"]},
    "admin": {"role": "admin"},
}
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def sample(name: str) -> Path:
    """A bundled sample workbook by file name."""
    return next(SAMPLES.glob(f"*/{name}"))


def build_portal(data_dir: Path, url: URL, pool: Executor) -> Portal:
    """A migrated portal with the test programs and one account per name in USERS."""
    portal = open_portal(Settings(data_dir=data_dir, max_upload_bytes=5 * 2**20), url, pool)
    with portal.db() as db:
        import_program_file(db, parse_program_file(PROGRAMS))
        for name, spec in USERS.items():
            add_user(db, name, PASSWORD, spec["role"], mco_id=spec.get("mco_id"),
                     programs=spec.get("programs", ()))
    return portal


class Client:
    """A browser stand-in: signs in, fills in the form token, uploads, waits for checks."""

    def __init__(self, portal: Portal):
        self.http = TestClient(create_app(portal), follow_redirects=False)

    def token(self) -> str:
        if "portal_csrf" not in self.http.cookies:
            self.http.get("/login")
        return str(self.http.cookies["portal_csrf"])

    def login(self, username: str, password: str = PASSWORD) -> Any:
        return self.post("/login", {"username": username, "password": password})

    def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        return self.http.post(path, data={"csrf_token": self.token(), **(data or {})},
                              **kwargs)

    def get(self, path: str) -> Any:
        return self.http.get(path)

    def upload(self, path: Path) -> int:
        with path.open("rb") as fh:
            response = self.post("/uploads", files={"workbook": (path.name, fh)})
        assert response.status_code == 303, response.text
        return int(response.headers["location"].rsplit("/", 1)[1])

    def wait_checked(self, upload_id: int, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            page = self.get(f"/uploads/{upload_id}").text
            if "this page refreshes by itself" not in page:
                return str(page)
            time.sleep(0.1)
        raise AssertionError(f"upload {upload_id} was not checked in {timeout}s")

    def submit(self, upload_id: int) -> int:
        response = self.post(f"/uploads/{upload_id}/submit")
        assert response.status_code == 303, response.text
        return int(response.headers["location"].rsplit("/", 1)[1])
