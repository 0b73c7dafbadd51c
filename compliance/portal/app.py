"""Builds the ASGI application: routes, security middleware, error pages, static files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from concurrent.futures import Executor
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy.engine import URL
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from compliance.portal.access import SignInRequired
from compliance.portal.checking import resume_pending
from compliance.portal.crash import CrashPage
from compliance.portal.database import open_engine, session_factory
from compliance.portal.migrate import upgrade
from compliance.portal.pages import page
from compliance.portal.routes import admin, auth, manager, mco, reports, waivers
from compliance.portal.routes.common import see_other, viewer_of_request
from compliance.portal.security import SecurityMiddleware
from compliance.portal.state import Portal, Settings

STATIC = Path(__file__).resolve().parent / "static"


def open_portal(settings: Settings, url: URL, pool: Executor) -> Portal:
    """Open (and migrate) the database and assemble the portal's state."""
    engine = open_engine(url)
    upgrade(engine)
    return Portal(settings=settings, sessions=session_factory(engine), pool=pool)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    try:
        viewer = viewer_of_request(request)
    except Exception:  # the error page must not fail on a broken database
        viewer = None
    return page(request, "error.html.j2", viewer, status=exc.status_code, message=exc.detail)


async def _sign_in(request: Request, exc: Exception) -> Response:
    return see_other("/login")


def create_app(portal: Portal) -> Starlette:
    """The portal as an ASGI application."""

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        resume_pending(portal)
        yield

    routes = [*auth.ROUTES, *mco.ROUTES, *reports.ROUTES, *manager.ROUTES, *waivers.ROUTES,
              *admin.ROUTES, Mount("/static", StaticFiles(directory=STATIC), name="static")]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={
        HTTPException: _http_error, SignInRequired: _sign_in},
        middleware=[Middleware(CrashPage), Middleware(
            SecurityMiddleware, secure_cookies=portal.settings.secure_cookies)])
    app.state.portal = portal
    return app
