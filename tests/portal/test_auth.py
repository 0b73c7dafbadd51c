"""Signing in: argon2 hashes, throttling, cookie flags, security headers, the audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from compliance.portal.passwords import hash_password
from compliance.portal.state import Portal
from compliance.portal.tables import User
from tests.portal.world import Client


def test_passwords_are_stored_as_argon2id(portal: Portal) -> None:
    with portal.db() as db:
        stored = [u.password_hash for u in db.query(User)]
    assert stored and all(h.startswith("$argon2id$") for h in stored)
    assert "portal-test-password" not in "".join(stored)


def test_the_default_hasher_is_not_the_cheap_test_one() -> None:
    from argon2 import PasswordHasher

    assert PasswordHasher().time_cost >= 2
    assert hash_password("correct horse battery").startswith("$argon2id$")


def test_a_wrong_password_is_refused_without_saying_which_part(client: Client) -> None:
    wrong = client.login("mco_a", "not-the-password")
    unknown = client.login("nobody-here", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert "The user name or password is not right." in wrong.text
    assert "portal_session" not in client.http.cookies


def test_repeated_failures_are_throttled(client: Client) -> None:
    for _ in range(5):
        assert client.login("mco_a", "guess-guess-guess").status_code == 401
    blocked = client.login("mco_a")
    assert blocked.status_code == 429
    assert "Too many failed attempts" in blocked.text


def test_cookies_are_httponly_and_samesite(client: Client) -> None:
    response = client.login("mco_a")
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("portal_session="))
    assert "HttpOnly" in session and "SameSite=lax" in session
    assert "Secure" not in session  # plain HTTP on localhost
    csrf = client.http.get("/login", headers={"cookie": ""}).headers["set-cookie"]
    assert "HttpOnly" in csrf and "SameSite=strict" in csrf


def test_cookies_are_secure_over_https(portal: Portal) -> None:
    client = Client(portal)
    client.http.base_url = "https://testserver"
    with client.http:
        response = client.login("mco_a")
    assert all("Secure" in c for c in response.headers.get_list("set-cookie"))


def test_pages_carry_a_strict_policy(client: Client) -> None:
    client.login("mco_a")
    headers = client.get("/mco").headers
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"


def test_a_cross_site_post_is_refused(client: Client) -> None:
    response = client.http.post("/login", headers={"origin": "https://evil.example"},
                                data={"username": "mco_a", "password": "x"})
    assert response.status_code == 403


def test_a_disabled_account_cannot_sign_in(portal: Portal, client: Client) -> None:
    with portal.db() as db:
        user = db.query(User).filter_by(username="mco_b").one()
        user.active = False
    assert client.login("mco_b").status_code == 401


def test_signing_out_ends_the_session(client: Client) -> None:
    client.login("mco_a")
    assert client.get("/mco").status_code == 200
    assert client.post("/logout").status_code == 303
    assert client.get("/mco").status_code == 303


def test_the_audit_trail_cannot_be_changed(portal: Portal, client: Client) -> None:
    client.login("mco_a")
    for statement in ("UPDATE audit SET username = 'someone'", "DELETE FROM audit"):
        with pytest.raises(DBAPIError), portal.db() as db:
            db.execute(text(statement))
    with portal.db() as db:
        assert db.execute(text("SELECT count(*) FROM audit")).scalar_one() >= 1
