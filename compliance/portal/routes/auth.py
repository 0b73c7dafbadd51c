"""Signing in and out, and the landing page of each role."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from compliance.portal.audit import record
from compliance.portal.csrf import checked_form
from compliance.portal.pages import page
from compliance.portal.routes.common import (
    SESSION_COOKIE,
    portal_of,
    see_other,
    text,
    viewer_of_request,
)
from compliance.portal.security import secure_request
from compliance.portal.signin import SESSION_HOURS, authenticate, close_session, open_session

HOMES = {"mco": "/mco", "manager": "/inbox", "admin": "/admin/users"}


async def home(request: Request) -> Response:
    """Send each role to its own start page."""
    viewer = viewer_of_request(request)
    return see_other(HOMES[viewer.role] if viewer else "/login")


async def login_form(request: Request) -> Response:
    """The sign-in page."""
    return page(request, "login.html.j2", None, error=None)


async def login(request: Request) -> Response:
    """Check credentials, throttled per user name and per address."""
    portal = portal_of(request)
    form = await checked_form(request)
    username, password = text(form, "username", limit=64), text(form, "password", limit=256)
    keys = (f"user:{username.lower()}", f"addr:{request.client.host if request.client else ''}")
    if portal.throttle.blocked(*keys):
        return page(request, "login.html.j2", None, status=429,
                    error="Too many failed attempts. Wait a few minutes and try again.")
    with portal.db() as db:
        user = authenticate(db, username, password)
        if user is None:
            portal.throttle.fail(*keys)
            return page(request, "login.html.j2", None, status=401,
                        error="The user name or password is not right.")
        portal.throttle.clear(*keys)
        token = open_session(db, user)
        record(db, user.username, "login", f"user {user.username}")
        role = user.role
    response = see_other(HOMES[role])
    response.set_cookie(SESSION_COOKIE, token, max_age=SESSION_HOURS * 3600, httponly=True,
                        samesite="lax",
                        secure=secure_request(request, portal.settings.secure_cookies))
    return response


async def logout(request: Request) -> Response:
    """End the session."""
    await checked_form(request)
    with portal_of(request).db() as db:
        close_session(db, request.cookies.get(SESSION_COOKIE))
    response = see_other("/login")
    response.delete_cookie(SESSION_COOKIE)
    return response


ROUTES = [
    Route("/", home),
    Route("/login", login_form, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
]
