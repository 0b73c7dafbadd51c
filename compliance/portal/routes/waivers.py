"""Waivers and corrective action plans, granted in the page or moved as waiver files."""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from compliance.errors import ComplianceError
from compliance.portal.access import managed_mco, managed_program
from compliance.portal.audit import record
from compliance.portal.csrf import checked_form
from compliance.portal.pages import page
from compliance.portal.routes.common import attachment, portal_of, see_other, signed_in, text
from compliance.portal.waiverstore import (
    add_cap,
    add_entry,
    export_yaml,
    import_file,
    parse_yaml,
    program_caps,
    program_waivers,
)
from compliance.waivers.file import CorrectiveActionPlan, WaiverEntry


async def waivers_page(request: Request) -> Response:
    """The program's waivers and CAPs, with forms to add them."""
    viewer = signed_in(request, "manager")
    with portal_of(request).db() as db:
        program = managed_program(db, viewer, request.query_params.get("program"))
        return page(request, "waivers.html.j2", viewer, program=program,
                    waivers=program_waivers(db, program), caps=program_caps(db, program),
                    today=dt.date.today())


def _fields(form: FormData, names: tuple[str, ...]) -> dict[str, str | None]:
    return {name: (text(form, name) or None) for name in names}


async def grant(request: Request) -> Response:
    """Grant a waiver (or open a CAP when `kind` is cap)."""
    viewer = signed_in(request, "manager")
    form = await checked_form(request)
    with portal_of(request).db() as db:
        program = managed_program(db, viewer, text(form, "program", limit=64))
        mco = managed_mco(db, viewer, text(form, "mco_id", limit=64))
        if mco.program_id != program.id:
            raise HTTPException(404, "There is no such page.")
        try:
            if text(form, "kind", limit=8) == "cap":
                cap = CorrectiveActionPlan.model_validate(
                    {"requirement": text(form, "requirement", limit=64), "mco_id": mco.id,
                     **_fields(form, ("id", "opened", "due")), "status": "open"})
                add_cap(db, program, cap)
                what = f"CAP {cap.id} {cap.requirement}"
            else:
                entry = WaiverEntry.model_validate(
                    {"requirement": text(form, "requirement", limit=64), "mco_id": mco.id,
                     "approved_by": viewer.username, **_fields(
                         form, ("from", "to", "justification", "approved_on", "expires_on"))})
                add_entry(db, program, entry)
                what = f"waiver {entry.requirement}"
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "form"
            raise HTTPException(422, f"{where}: {first['msg']}") from None
        record(db, viewer.username, "waiver", f"{mco.id} {what}", "", program.id)
    return see_other(f"/waivers?program={program.id}")


async def export(request: Request) -> Response:
    """The program's waivers and CAPs as a waiver file."""
    viewer = signed_in(request, "manager")
    with portal_of(request).db() as db:
        program = managed_program(db, viewer, request.query_params.get("program"))
        content = export_yaml(db, program)
    return attachment(content.encode("utf-8"), f"{program.id}-waivers.yaml",
                      "application/yaml")


async def import_(request: Request) -> Response:
    """Add the entries of a waiver file (pasted) to the program."""
    viewer = signed_in(request, "manager")
    form = await checked_form(request)
    with portal_of(request).db() as db:
        program = managed_program(db, viewer, text(form, "program", limit=64))
        try:
            import_file(db, viewer.username, program,
                        parse_yaml(text(form, "waiver_file", limit=200_000)))
        except (ComplianceError, ValueError) as exc:
            raise HTTPException(422, f"The waiver file was not imported: {exc}") from None
    return see_other(f"/waivers?program={program.id}")


ROUTES = [
    Route("/waivers", waivers_page),
    Route("/waivers", grant, methods=["POST"]),
    Route("/waivers.yaml", export),
    Route("/waivers/import", import_, methods=["POST"]),
]
