"""What every route does first: find the portal, the signed-in viewer and form values."""

from __future__ import annotations

import re

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from compliance.portal.access import not_found, require
from compliance.portal.accounts import Role, Viewer
from compliance.portal.signin import session_viewer
from compliance.portal.state import Portal

SESSION_COOKIE = "portal_session"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def portal_of(request: Request) -> Portal:
    """The running portal."""
    portal: Portal = request.app.state.portal
    return portal


def viewer_of_request(request: Request) -> Viewer | None:
    """The signed-in viewer, or None."""
    with portal_of(request).db() as db:
        return session_viewer(db, request.cookies.get(SESSION_COOKIE))


def signed_in(request: Request, *roles: Role) -> Viewer:
    """The viewer, who must have one of `roles` (sign-in page or 404 otherwise)."""
    return require(viewer_of_request(request), *roles)


def int_param(request: Request, name: str = "id") -> int:
    """A numeric path parameter; anything else is a page that does not exist."""
    raw = request.path_params.get(name, "")
    if not isinstance(raw, str) or not raw.isdigit() or len(raw) > 12:
        raise not_found()
    return int(raw)


def text(form: FormData, name: str, *, limit: int = 4000) -> str:
    """A text field of a form ('' when absent); over `limit` characters is refused."""
    value = form.get(name, "")
    if not isinstance(value, str):
        raise HTTPException(422, f"The field {name} must be text.")
    if len(value) > limit:
        raise HTTPException(422, f"The field {name} is too long.")
    return value.strip()


def see_other(url: str) -> RedirectResponse:
    """Redirect after a form, so reloading does not resend it."""
    return RedirectResponse(url, status_code=303)


def attachment(content: bytes, filename: str, media_type: str) -> Response:
    """A download that the browser saves instead of showing."""
    safe = _FILENAME.sub("_", filename)[:120] or "download"
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{safe}"',
        "Cache-Control": "no-store"})
