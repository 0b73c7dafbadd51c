"""Takes the README's portal screenshots from the demo, in headless Chromium.

Run `.venv/bin/python scripts/portal_screenshots.py`; it writes docs/portal-*.png.
"""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from compliance.portal.app import create_app, open_portal
from compliance.portal.database import database_url
from compliance.portal.demo import passwords, seed_demo
from compliance.portal.server import make_pool
from compliance.portal.state import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs"
PORT = 8799


def main() -> None:
    """Seed a demo portal in a scratch folder, serve it, and photograph it."""
    pool = make_pool(2)
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch)
        portal = open_portal(Settings(data_dir=data), database_url(None, data), pool)
        seed_demo(portal, pool)
        server = uvicorn.Server(uvicorn.Config(create_app(portal), port=PORT,
                                               log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        try:
            shoot(f"http://127.0.0.1:{PORT}")
        finally:
            server.should_exit = True
    pool.shutdown()


def shoot(base: str) -> None:
    """The inbox and a failing filing's report, as the demo's contract manager."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1100, "height": 520})
        page.goto(f"{base}/login")
        page.fill("input[name=username]", "manager")
        page.fill("input[name=password]", passwords()["manager"])
        page.click("button:has-text('Sign in')")
        page.goto(f"{base}/inbox?program=oregon-cco&quarter=2026-01-01")
        page.screenshot(path=str(DOCS / "portal-inbox.png"))
        page.locator("tr", has_text="Willamette").locator("a", has_text="2026").click()
        page.set_viewport_size({"width": 1100, "height": 760})
        page.goto(page.url + "/report")
        page.screenshot(path=str(DOCS / "portal-report.png"))
        browser.close()


if __name__ == "__main__":
    main()
