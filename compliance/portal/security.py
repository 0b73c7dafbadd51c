"""Security headers, the CSRF cookie and a same-origin check on every response.

Portal pages run no script at all: the Content-Security-Policy allows only the portal's
own stylesheet. The HTML report keeps its own stricter policy (it sets it itself).
"""

from __future__ import annotations

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from compliance.portal.csrf import COOKIE, browser_token

PAGE_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
               "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'")
REPORT_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                 "form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox")
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


def secure_request(request: Request, always: bool) -> bool:
    """Whether cookies must be Secure: configured so, or the request came over HTTPS."""
    return always or request.url.scheme == "https"


def _foreign_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None:  # not a browser, or an old one: the form token still applies
        return False
    # "null" comes from sandboxed frames and opaque origins: never a portal page.
    return origin != f"{request.url.scheme}://{request.url.netloc}"


class SecurityMiddleware(BaseHTTPMiddleware):
    """Adds the headers and the token cookie; refuses cross-origin state changes."""

    def __init__(self, app: object, *, secure_cookies: bool) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.secure_cookies = secure_cookies

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        """Wrap one request."""
        if request.method not in _SAFE and _foreign_origin(request):
            return PlainTextResponse("Cross-site requests are refused.", status_code=403)
        token, new = browser_token(request)
        request.state.csrf = token
        response = await call_next(request)
        headers = response.headers
        headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers.setdefault("X-Frame-Options", "DENY")
        if new:
            response.set_cookie(COOKIE, token, httponly=True, samesite="strict",
                                secure=secure_request(request, self.secure_cookies))
        return response
