"""Administration: accounts and roles, the program file and the sets in force."""

from __future__ import annotations

from compliance.portal.state import Portal
from compliance.portal.tables import User
from tests.portal.world import PASSWORD, Client


def _user(portal: Portal, username: str) -> User:
    with portal.db() as db:
        return db.query(User).filter_by(username=username).one()


def test_an_admin_adds_and_changes_accounts(clients: dict[str, Client],
                                            portal: Portal) -> None:
    admin = clients["admin"]
    made = admin.post("/admin/users", {"username": "newstaff", "password": PASSWORD,
                                       "role": "mco", "mco_id": "OR-CCO-0417"})
    assert made.status_code == 303
    assert "newstaff" in admin.get("/admin/users").text
    user = _user(portal, "newstaff")
    changed = admin.post(f"/admin/users/{user.id}", {"role": "manager", "mco_id": "",
                                                    "programs": "oregon-cco", "active": "no"})
    assert changed.status_code == 303
    after = _user(portal, "newstaff")
    assert (after.role, after.mco_id, after.active) == ("manager", None, False)
    assert "account.change" in admin.get("/audit").text
    reset = admin.post(f"/admin/users/{user.id}", {"role": "mco", "mco_id": "OR-CCO-0417",
                                                  "active": "yes",
                                                  "password": "a-brand-new-password"})
    assert reset.status_code == 303
    staff = Client(portal)
    with staff.http:
        assert staff.login("newstaff", PASSWORD).status_code == 401
        assert staff.login("newstaff", "a-brand-new-password").status_code == 303


def test_a_new_password_ends_the_accounts_sessions(clients: dict[str, Client],
                                                   portal: Portal) -> None:
    staff = clients["mco_a"]
    assert staff.get("/mco").status_code == 200
    user = _user(portal, "mco_a")
    clients["admin"].post(f"/admin/users/{user.id}", {
        "role": "mco", "mco_id": "OR-CCO-0417", "active": "yes",
        "password": "another-long-password"})
    assert staff.get("/mco").status_code == 303


def test_account_rules_are_explained(clients: dict[str, Client]) -> None:
    admin = clients["admin"]
    cases = [({"username": "x1", "password": "short", "role": "admin"}, "at least 12"),
             ({"username": "x2", "password": PASSWORD, "role": "mco"}, "needs the id of an MCO"),
             ({"username": "x3", "password": PASSWORD, "role": "manager"}, "at least one program"),
             ({"username": "mco_a", "password": PASSWORD, "role": "admin"}, "exists already")]
    for form, reason in cases:
        response = admin.post("/admin/users", form)
        assert response.status_code == 422 and reason in response.text


def test_an_admin_cannot_lock_themself_out(clients: dict[str, Client], portal: Portal) -> None:
    me = _user(portal, "admin")
    response = clients["admin"].post(f"/admin/users/{me.id}", {"role": "mco", "active": "yes"})
    assert response.status_code == 409


def test_the_program_file_round_trips_and_sets_must_be_bundled(
        clients: dict[str, Client]) -> None:
    admin = clients["admin"]
    exported = admin.get("/admin/programs.yaml").text
    assert "OR-CCO-0522" in exported and "due: '2026-07-31'" in exported
    added = exported + ("- id: pa\n  title: PA\n  set: pennsylvania-chc\n  mcos:\n"
                        "  - {id: PA-1, name: Three Rivers}\n")
    assert admin.post("/admin/programs", {"program_file": added}).status_code == 303
    assert "PA-1" in admin.get("/admin/programs.yaml").text
    unknown = admin.post("/admin/programs", {"program_file": added.replace(
        "pennsylvania-chc", "nowhere-set")})
    assert unknown.status_code == 422 and "no bundled requirement set" in unknown.text
    stale = admin.post("/admin/programs", {"program_file": added.replace(
        "set: pennsylvania-chc", "set: pennsylvania-chc\n  set_version: '1999.9'")})
    assert stale.status_code == 422 and "not 1999.9" in stale.text
