"""Administrators: accounts and roles, the program file and sets in force; the audit trail."""

from __future__ import annotations

from sqlalchemy import select
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from compliance.errors import ComplianceError
from compliance.portal.accounts import ROLES, add_user, change_user, viewer_of
from compliance.portal.audit import entries, record
from compliance.portal.csrf import checked_form
from compliance.portal.pages import page
from compliance.portal.programfile import export_program_file
from compliance.portal.routes.common import (
    attachment,
    int_param,
    portal_of,
    see_other,
    signed_in,
    text,
)
from compliance.portal.setsinforce import bundled_set_versions, import_checked
from compliance.portal.tables import Mco, Program, User


async def users_page(request: Request) -> Response:
    """Every account with its role, MCO and programs."""
    viewer = signed_in(request, "admin")
    with portal_of(request).db() as db:
        users = [viewer_of(db, u) for u in db.scalars(select(User).order_by(User.username))]
        active = {u.id: u.active for u in db.scalars(select(User))}
        return page(request, "users.html.j2", viewer, users=users, active=active, roles=ROLES,
                    mcos=list(db.scalars(select(Mco).order_by(Mco.id))),
                    programs=list(db.scalars(select(Program).order_by(Program.id))))


async def create_user(request: Request) -> Response:
    """Add an account."""
    viewer = signed_in(request, "admin")
    form = await checked_form(request)
    programs = [p for p in form.getlist("programs") if isinstance(p, str)]
    with portal_of(request).db() as db:
        try:
            user = add_user(db, text(form, "username", limit=64), text(form, "password"),
                            text(form, "role", limit=16), mco_id=text(form, "mco_id") or None,
                            programs=programs)
        except ComplianceError as exc:
            raise HTTPException(422, exc.reason) from None
        record(db, viewer.username, "account.add", f"user {user.username}",
               f"role {user.role} mco {user.mco_id or '-'} programs {','.join(programs) or '-'}")
    return see_other("/admin/users")


async def update_user(request: Request) -> Response:
    """Change an account's role, MCO, programs, or switch it off."""
    viewer = signed_in(request, "admin")
    form = await checked_form(request)
    programs = [p for p in form.getlist("programs") if isinstance(p, str)]
    with portal_of(request).db() as db:
        user = db.get(User, int_param(request))
        if user is None:
            raise HTTPException(404, "There is no such page.")
        active = text(form, "active", limit=8) == "yes"
        if user.id == viewer.id and (not active or text(form, "role") != "admin"):
            raise HTTPException(409, "You cannot lock yourself out of administration.")
        try:
            new_password = text(form, "password", limit=256)
            change_user(db, user, text(form, "role", limit=16), text(form, "mco_id") or None,
                        programs, active, new_password)
        except ComplianceError as exc:
            raise HTTPException(422, exc.reason) from None
        record(db, viewer.username, "account.change", f"user {user.username}",
               f"role {user.role} active {active}" + (" new password" if new_password else ""))
    return see_other("/admin/users")


async def programs_page(request: Request) -> Response:
    """The program file and the bundled sets that can be put in force."""
    viewer = signed_in(request, "admin")
    with portal_of(request).db() as db:
        return page(request, "programs.html.j2", viewer, program_file=export_program_file(db),
                    sets=bundled_set_versions())


async def replace_programs(request: Request) -> Response:
    """Load a program file (pasted), after checking its sets are bundled."""
    viewer = signed_in(request, "admin")
    form = await checked_form(request)
    with portal_of(request).db() as db:
        try:
            count = import_checked(db, text(form, "program_file", limit=500_000))
        except ComplianceError as exc:
            raise HTTPException(422, exc.reason) from None
        record(db, viewer.username, "programs.import", "program file", f"{count} programs")
    return see_other("/admin/programs")


async def programs_export(request: Request) -> Response:
    """The program file as YAML."""
    signed_in(request, "admin")
    with portal_of(request).db() as db:
        content = export_program_file(db)
    return attachment(content.encode("utf-8"), "programs.yaml", "application/yaml")


async def audit_page(request: Request) -> Response:
    """The audit trail: all of it for administrators, their programs' for managers."""
    viewer = signed_in(request, "admin", "manager")
    with portal_of(request).db() as db:
        rows = entries(db, None if viewer.role == "admin" else viewer.programs)
        return page(request, "audit.html.j2", viewer, rows=rows)


ROUTES = [
    Route("/admin/users", users_page),
    Route("/admin/users", create_user, methods=["POST"]),
    Route("/admin/users/{id}", update_user, methods=["POST"]),
    Route("/admin/programs", programs_page),
    Route("/admin/programs", replace_programs, methods=["POST"]),
    Route("/admin/programs.yaml", programs_export),
    Route("/audit", audit_page),
]
