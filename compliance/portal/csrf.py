"""Cross-site request forgery protection: a double-submit token on every form.

Each browser holds a random token in an HttpOnly, SameSite=Strict cookie; every form
repeats it in a hidden field, and a state-changing request whose field does not match
the cookie is refused with 403. A cross-site page can neither read the cookie nor set it.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request

COOKIE = "portal_csrf"
FIELD = "csrf_token"


def csrf_token(request: Request) -> str:
    """This browser's token (made by the security middleware when it had none)."""
    token: str = getattr(request.state, "csrf", "")
    return token


def browser_token(request: Request) -> tuple[str, bool]:
    """The cookie's token, or a new one (True when new)."""
    token = request.cookies.get(COOKIE, "")
    if 20 <= len(token) <= 100:
        return token, False
    return secrets.token_urlsafe(32), True


async def checked_form(request: Request, *, max_files: int = 0) -> FormData:
    """The request's form, after checking its token; 403 when it does not match."""
    form = await request.form(max_files=max_files, max_fields=50)
    sent = form.get(FIELD)
    cookie = request.cookies.get(COOKIE, "")
    if not isinstance(sent, str) or not cookie or not hmac.compare_digest(sent, cookie):
        raise HTTPException(403, "The form has expired. Reload the page and try again.")
    return form
