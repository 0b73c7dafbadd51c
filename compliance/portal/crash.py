"""A bug answers with a plain error page and is logged by its type and route only.

An exception's message can quote a workbook's cells, which may be member data, so neither
the page nor the log repeats it.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from compliance.portal.pages import environment

LOG = logging.getLogger("compliance.portal")


class CrashPage:
    """ASGI middleware: an unhandled exception becomes a 500 page and one log line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request; answer 500 if it raises before anything was sent."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            LOG.error("internal error %s on %s %s", type(exc).__name__, scope["method"],
                      scope["path"])
            if started:
                return
            await _error_page(send)


async def _error_page(send: Send) -> None:
    body = environment().get_template("error.html.j2").render(
        viewer=None, csrf="", message="Something went wrong on the server. "
        "Nothing was changed.").encode("utf-8")
    await send({"type": "http.response.start", "status": 500, "headers": [
        (b"content-type", b"text/html; charset=utf-8"), (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})
