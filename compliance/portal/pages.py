"""Renders the portal's pages: Jinja2 with autoescape, strict about missing values."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from compliance.portal.accounts import Viewer
from compliance.portal.csrf import csrf_token
from compliance.resources import bundled_dir

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _when(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


@cache
def environment() -> Environment:
    """Portal templates first, then the report templates they may include."""
    loader = ChoiceLoader([FileSystemLoader(TEMPLATES),
                           FileSystemLoader(bundled_dir("report_templates"))])
    env = Environment(loader=loader, undefined=StrictUndefined, autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["when"] = _when
    env.filters["score"] = _score
    return env


def page(request: Request, template: str, viewer: Viewer | None, status: int = 200,
         **values: Any) -> HTMLResponse:
    """A rendered page; every page gets the viewer and the form token."""
    html = environment().get_template(template).render(
        viewer=viewer, csrf=csrf_token(request), **values)
    response = HTMLResponse(html, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response
