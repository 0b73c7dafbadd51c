"""The portal in headless Chromium: the MCO's filing and the contract manager's review.

Needs Debian's chromium and the playwright package, like the report browser test; under
CI (`CI=true`) their absence fails the test instead of skipping it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from compliance.portal.database import database_url
from tests.browser import launched_chromium
from tests.portal.live import serving
from tests.portal.world import PASSWORD, build_portal, sample

FIXED = "willamette-valley-cco-2026q2.xlsx"
SCREENSHOTS = os.environ.get("PORTAL_SCREENSHOT_DIR")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


def _failing_copy(folder: Path) -> Path:
    """The fixed workbook with its advisory-council meetings left out."""
    book = openpyxl.load_workbook(sample(FIXED))
    meetings = book["CAC_Meetings"]
    meetings.delete_rows(4, meetings.max_row)
    path = folder / "willamette-q2-draft.xlsx"
    book.save(path)
    return path


def _sign_in(chromium: Any, base: str, username: str) -> Any:
    context = chromium.new_context(viewport={"width": 1280, "height": 900},
                                   accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    # A Content-Security-Policy violation is reported on the console.
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.errors = errors
    return page


def _upload(page: Any, base: str, path: Path) -> None:
    page.goto(f"{base}/mco")
    page.set_input_files("input[name=workbook]", str(path))
    page.click("button:has-text('Upload and check')")
    page.wait_for_selector(".verdict", timeout=90_000)


def _mco_files(page: Any, base: str, tmp_path: Path) -> str:
    _upload(page, base, _failing_copy(tmp_path))
    assert "does not pass its gate" in page.inner_text(".verdict")
    assert page.locator("#gap-OR-CAC-03").count() == 1  # the three-month meeting rule
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "portal-upload.png"), full_page=True)
    report = page.frame_locator("iframe.report")
    assert "Willamette Valley Care Collaborative" in report.locator("h1").inner_text()
    _upload(page, base, sample(FIXED))
    assert "passes its gate" in page.inner_text(".verdict")
    page.click("button:has-text('Submit to the state')")
    page.wait_for_selector("h1:has-text('Receipt')")
    body = page.inner_text("body")
    assert "oregon-cco version" in body and "passes" in body
    return str(page.url)


def _manager_reviews(page: Any, base: str, receipt: str, tmp_path: Path) -> None:
    page.goto(f"{base}/inbox?program=oregon-cco&quarter=2026-04-01")
    row = page.locator("tr", has_text="Willamette Valley Care Collaborative")
    assert "received" in row.inner_text()
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "portal-inbox.png"))
    row.locator("a", has_text="2026").click()
    page.wait_for_selector("h1:has-text('Receipt')")
    assert page.url == receipt
    first = page.locator("ul.gaps > li").first
    gap = str(first.get_attribute("id")).removeprefix("gap-")
    first.locator("select[name=decision]").select_option("dispute")
    first.locator("input[name=comment]").fill("Minutes are posted late; please explain.")
    first.locator("button:has-text('Record')").click()
    assert "Disputed: Minutes are posted late" in page.inner_text(f"#gap-{gap}")
    page.goto(f"{base}/waivers?program=oregon-cco")
    form = page.locator("form", has_text="Grant waiver")
    form.locator("input[name=mco_id]").fill("OR-CCO-0522")
    form.locator("input[name=requirement]").fill(gap)
    form.locator("input[name=from]").fill("2026-04-01")
    form.locator("input[name=justification]").fill("Council reorganised after the merger.")
    form.locator("button:has-text('Grant waiver')").click()
    assert "Council reorganised" in page.inner_text("table")
    page.goto(receipt)
    with page.expect_download() as download:
        page.click("a:has-text('Deficiency letter (PDF)')")
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")


def test_an_mco_files_and_the_state_reviews(chromium: Any, tmp_path: Path,
                                            pool: ProcessPoolExecutor) -> None:
    portal = build_portal(tmp_path / "data", database_url(None, tmp_path / "data"), pool)
    with serving(portal) as base:
        mco = _sign_in(chromium, base, "mco_b")
        receipt = _mco_files(mco, base, tmp_path)
        if SCREENSHOTS:
            mco.goto(receipt + "/report")
            mco.screenshot(path=str(Path(SCREENSHOTS) / "portal-report.png"))
        manager = _sign_in(chromium, base, "mgr_or")
        _manager_reviews(manager, base, receipt, tmp_path)
        other = _sign_in(chromium, base, "mco_c")
        response = other.goto(receipt)
        assert response is not None and response.status == 404
        assert "There is no such page." in other.inner_text("h1")
        for page in (mco, manager):
            assert page.errors == []
