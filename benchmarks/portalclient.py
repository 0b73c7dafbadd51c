"""A minimal HTTP client for the portal benchmark (standard library only)."""

from __future__ import annotations

import http.cookiejar
import re
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

_DONE = "this page refreshes by itself"


class PortalClient:
    """One signed-in browser: cookies, the form token, uploads and polling."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _token(self) -> str:
        for cookie in self.jar:
            if cookie.name == "portal_csrf" and cookie.value:
                return cookie.value
        self.get("/login")
        return self._token()

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=600) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def post(self, path: str, body: bytes, content_type: str) -> tuple[int, str]:
        request = urllib.request.Request(self.base + path, data=body, method="POST",
                                         headers={"Content-Type": content_type})
        try:
            with self.opener.open(request, timeout=600) as response:
                return response.status, response.url
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def login(self, username: str, password: str) -> None:
        form = urllib.parse.urlencode({"csrf_token": self._token(), "username": username,
                                       "password": password}).encode()
        status, url = self.post("/login", form, "application/x-www-form-urlencoded")
        if status != 200 or url.endswith("/login"):
            raise RuntimeError(f"sign-in failed for {username}: {status}")

    def upload(self, path: Path) -> int:
        """Upload a workbook; returns its upload id (the redirect is followed)."""
        boundary = secrets.token_hex(16)
        body = b"".join([
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
            f"{self._token()}\r\n".encode(),
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"workbook\"; "
            f"filename=\"{path.name}\"\r\nContent-Type: application/octet-stream\r\n\r\n".encode(),
            path.read_bytes(), f"\r\n--{boundary}--\r\n".encode()])
        status, url = self.post("/uploads", body, f"multipart/form-data; boundary={boundary}")
        found = re.search(r"/uploads/(\d+)$", url)
        if status != 200 or found is None:
            raise RuntimeError(f"upload refused: {status} {url[:200]}")
        return int(found.group(1))

    def wait(self, upload_id: int, timeout: float = 900) -> str:
        """Poll the upload's page until its check has finished; returns the page."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, page = self.get(f"/uploads/{upload_id}")
            if status != 200:
                raise RuntimeError(f"upload page answered {status}")
            if _DONE not in page:
                return page
            time.sleep(0.1)
        raise RuntimeError(f"upload {upload_id} not checked within {timeout}s")
