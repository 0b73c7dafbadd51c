"""A bug shows a plain 500 page and logs neither the message nor the traceback."""

from __future__ import annotations

import logging

import pytest
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient

from compliance.portal.app import create_app
from compliance.portal.state import Portal


async def _broken(request: Request) -> Response:
    raise RuntimeError("cell B7 holds member M0012345")


def test_a_bug_is_a_plain_page_and_a_short_log_line(portal: Portal,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(portal)
    app.router.routes.append(Route("/broken", _broken))
    caplog.set_level(logging.DEBUG)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/broken")
    assert response.status_code == 500
    assert "Something went wrong on the server" in response.text
    assert "M0012345" not in response.text and "Traceback" not in response.text
    assert "internal error RuntimeError on GET /broken" in caplog.text
    assert "M0012345" not in caplog.text
