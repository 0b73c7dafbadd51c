"""Every route against every role and object: what is not yours does not exist (404).

Objects: `ua` an upload of MCO A (submitted as `sa`), `ub` an unsubmitted upload of MCO B
(same program), `sc` a submission of MCO C (another program), and ids nobody has.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from starlette.routing import Mount, Route

from compliance.portal.app import create_app
from compliance.portal.state import Portal
from tests.portal.world import USERS, Client, sample

ROLES = [*USERS, "anon"]
MCOS = ("mco_a", "mco_b", "mco_c")
MANAGERS = ("mgr_or", "mgr_la")


@dataclass(frozen=True)
class Case:
    """One request and the status each account gets."""

    method: str
    route: str
    path: str
    allowed: tuple[str, ...]
    ok: int = 200
    data: tuple[tuple[str, str], ...] = ()

    def expected(self, role: str) -> int:
        if role in self.allowed:
            return self.ok
        public = self.route in ("/", "/login", "/static")
        if role == "anon" and not public:
            return 303
        return 404


def _cases(ids: dict[str, int]) -> list[Case]:
    ua, ub, sa, sc, nobody = ids["ua"], ids["ub"], ids["sa"], ids["sc"], 987654
    every = tuple(ROLES)
    cases = [
        Case("GET", "/", "/", every, 303),
        Case("GET", "/login", "/login", every),
        Case("GET", "/static", "/static/portal.css", every),
        Case("GET", "/mco", "/mco", MCOS),
        Case("GET", "/template", "/template", MCOS),
        Case("GET", "/inbox", "/inbox", MANAGERS),
        Case("GET", "/inbox", "/inbox?program=louisiana-healthy-la", ("mgr_la",)),
        Case("GET", "/matrix", "/matrix?program=oregon-cco", ("mgr_or",)),
        Case("GET", "/mcos/{mco_id}", "/mcos/OR-CCO-0417", ("mgr_or",)),
        Case("GET", "/mcos/{mco_id}", "/mcos/NO-SUCH-MCO", ()),
        Case("GET", "/waivers", "/waivers?program=oregon-cco", ("mgr_or",)),
        Case("GET", "/waivers.yaml", "/waivers.yaml?program=louisiana-healthy-la", ("mgr_la",)),
        Case("GET", "/admin/users", "/admin/users", ("admin",)),
        Case("GET", "/admin/programs", "/admin/programs", ("admin",)),
        Case("GET", "/admin/programs.yaml", "/admin/programs.yaml", ("admin",)),
        Case("GET", "/audit", "/audit", ("admin", *MANAGERS)),
    ]
    for suffix in ("", "/report", "/annotated", "/workbook"):
        route = "/uploads/{id}" + suffix
        cases += [Case("GET", route, f"/uploads/{ua}{suffix}", ("mco_a",)),
                  Case("GET", route, f"/uploads/{ub}{suffix}", ("mco_b",)),
                  Case("GET", route, f"/uploads/{nobody}{suffix}", ()),
                  Case("GET", route, f"/uploads/x{ua}{suffix}", ())]
    for suffix, viewers_a, viewers_c in (("", ("mco_a", "mgr_or"), ("mco_c", "mgr_la")),
                                         ("/report", ("mco_a", "mgr_or"), ("mco_c", "mgr_la")),
                                         ("/workbook", ("mco_a", "mgr_or"), ("mco_c", "mgr_la")),
                                         ("/letter", ("mgr_or",), ("mgr_la",)),
                                         ("/letter.pdf", ("mgr_or",), ("mgr_la",))):
        route = "/submissions/{id}" + suffix
        cases += [Case("GET", route, f"/submissions/{sa}{suffix}", viewers_a),
                  Case("GET", route, f"/submissions/{sc}{suffix}", viewers_c),
                  Case("GET", route, f"/submissions/{nobody}{suffix}", ())]
    return cases + _post_cases(ua, ub, sa, sc, nobody)


def _post_cases(ua: int, ub: int, sa: int, sc: int, nobody: int) -> list[Case]:
    # Allowed accounts get a refusal of the content (409/422), never a change made for
    # someone else; the positive paths are in test_flow.py.
    return [
        Case("POST", "/login", "/login", tuple(ROLES), 401,
             (("username", "mco_a"), ("password", "wrong-password"))),
        Case("POST", "/logout", "/logout", tuple(ROLES), 303),
        Case("POST", "/uploads", "/uploads", MCOS, 422),
        Case("POST", "/uploads/{id}/submit", f"/uploads/{ua}/submit", ("mco_a",), 409),
        Case("POST", "/uploads/{id}/submit", f"/uploads/{ub}/submit", ("mco_b",), 303),
        Case("POST", "/uploads/{id}/submit", f"/uploads/{nobody}/submit", ()),
        Case("POST", "/submissions/{id}/reviews", f"/submissions/{sa}/reviews", ("mgr_or",),
             422, (("requirement", "NOPE"), ("decision", "accept"))),
        Case("POST", "/submissions/{id}/reviews", f"/submissions/{sc}/reviews", ("mgr_la",),
             422, (("requirement", "NOPE"), ("decision", "accept"))),
        Case("POST", "/waivers", "/waivers", ("mgr_or",), 422,
             (("program", "oregon-cco"), ("mco_id", "OR-CCO-0417"), ("requirement", "X"))),
        Case("POST", "/waivers", "/waivers", (), 404,
             (("program", "oregon-cco"), ("mco_id", "LA-MCO-047"), ("requirement", "X"))),
        Case("POST", "/waivers/import", "/waivers/import", ("mgr_la",), 422,
             (("program", "louisiana-healthy-la"), ("waiver_file", "mcos: []"))),
        Case("POST", "/admin/users", "/admin/users", ("admin",), 422,
             (("username", "x"), ("password", "short"), ("role", "admin"))),
        Case("POST", "/admin/users/{id}", f"/admin/users/{nobody}", (), 404,
             (("role", "admin"),)),
        Case("POST", "/admin/programs", "/admin/programs", ("admin",), 422,
             (("program_file", "programs: []"),)),
    ]


@pytest.fixture
def world(portal: Portal) -> dict[str, int]:
    """Uploads and submissions of three MCOs, made through the portal itself."""
    made: dict[str, int] = {}
    for role, name, key in (("mco_a", "cascade-community-health-2026q1.xlsx", "a"),
                            ("mco_b", "willamette-valley-cco-2026q1.xlsx", "b"),
                            ("mco_c", "pelican-care-2026q1.xlsx", "c")):
        with Client(portal).http as http:
            one = Client.__new__(Client)
            one.http = http
            one.login(role)
            made[f"u{key}"] = one.upload(sample(name))
            one.wait_checked(made[f"u{key}"])
            if key != "b":
                made[f"s{key}"] = one.submit(made[f"u{key}"])
    return made


def test_every_role_reaches_only_its_own(world: dict[str, int],
                                         clients: dict[str, Client]) -> None:
    wrong = []
    for case in _cases(world):
        for role in ROLES:
            if case.route == "/uploads/{id}/submit" and case.ok == 303 and role in case.allowed:
                continue  # would file B's workbook; test_flow covers the positive path
            if case.route == "/login" and role != "anon":
                continue  # repeated failures would trip the throttle (test_auth covers it)
            client = clients[role]
            response = (client.get(case.path) if case.method == "GET"
                        else client.post(case.path, dict(case.data)))
            if response.status_code != case.expected(role):
                wrong.append(f"{role} {case.method} {case.path}: {response.status_code}, "
                             f"expected {case.expected(role)}")
            if case.path == "/logout" and role != "anon":
                client.login(role)
    assert not wrong, "\n".join(wrong)


def test_the_matrix_covers_every_route(portal: Portal) -> None:
    ids = {"ua": 1, "ub": 2, "sa": 1, "sc": 2}
    covered = {(case.method, case.route) for case in _cases(ids)}
    declared = set()
    for route in create_app(portal).routes:
        if isinstance(route, Mount):
            declared.add(("GET", route.path))
        elif isinstance(route, Route):
            for method in route.methods or ():
                if method != "HEAD":
                    declared.add((method, route.path))
    assert declared - covered == set()


def test_every_state_change_needs_the_form_token(world: dict[str, int],
                                                 clients: dict[str, Client]) -> None:
    owners = {"/login": "anon", "/logout": "mco_a", "/uploads": "mco_a",
              "/uploads/{id}/submit": "mco_b", "/submissions/{id}/reviews": "mgr_or",
              "/waivers": "mgr_or", "/waivers/import": "mgr_or", "/admin/users": "admin",
              "/admin/users/{id}": "admin", "/admin/programs": "admin"}
    for case in _cases(world):
        if case.method == "POST":
            client = clients[owners[case.route]].http
            response = client.post(case.path, data={"csrf_token": "forged" * 5,
                                                    **dict(case.data)})
            assert response.status_code == 403, case.path
            assert client.post(case.path, data=dict(case.data)).status_code == 403, case.path
