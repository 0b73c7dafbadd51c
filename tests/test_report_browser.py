"""The HTML report in a real headless Chromium: no requests, no console errors, the gaps shown.

Needs Debian's chromium (`scripts/install-system-packages`) and the playwright package. Without
them the tests are skipped, except under CI (`CI=true`), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from compliance.render.html import render_html
from tests.browser import launched_chromium
from tests.hostileworkbook import write_hostile
from tests.reportdocs import failing_doc, large_doc

MINIMAL = Path(__file__).parent / "fixtures" / "sets" / "minimal.yaml"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


@dataclass
class Visit:
    """What happened while a page was open."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def _open(browser: Any, path: Path, *, scripts: bool = True) -> Visit:
    context = browser.new_context(java_script_enabled=scripts, viewport={"width": 1200,
                                                                         "height": 900})
    page = context.new_page()
    visit = Visit(page)
    own = path.resolve().as_uri()
    page.on("request", lambda request: None if request.url == own else
            visit.requests.append(request.url))
    page.on("console", lambda message: visit.errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))

    def dialog(opened: Any) -> None:
        visit.dialogs.append(opened.message)
        opened.dismiss()

    page.on("dialog", dialog)
    page.route("**/*", lambda route: route.continue_() if route.request.url == own
               else route.abort())
    page.goto(own, wait_until="load")
    return visit


def _keep(visit: Visit, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / f"{name}.png"
    visit.page.screenshot(path=str(shot), full_page=True)
    folder = os.environ.get("REPORT_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(folder) / shot.name)
    return shot


def test_the_request_detector_sees_a_request(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text('<!DOCTYPE html><title>t</title><img src="http://example.invalid/x.png">')
    visit = _open(browser, page)
    assert visit.requests == ["http://example.invalid/x.png"]


def test_the_report_opens_offline_and_shows_the_gaps(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "failing.html"
    path.write_text(render_html(failing_doc(tmp_path)), encoding="utf-8")
    visit = _open(browser, path)
    assert visit.requests == [] and visit.errors == []
    page = visit.page
    assert page.title().startswith("Gap report: Cascade Community Health")
    assert page.locator("h2#gaps").inner_text() == "Gaps to address (3)"
    headings = page.locator("article.gap h4").all_inner_texts()
    assert [h.split()[-1] for h in headings] == ["committee", "quarter", "low"]
    assert "PARTIALLY MET" in headings[0] and "ADV-01" in headings[0]
    assert "Committee_Roster!B6:B11" in page.locator("article.gap").first.inner_text()
    assert _keep(visit, tmp_path, "gap-report").stat().st_size > 10_000
    pdf = page.pdf(format="Letter")
    assert pdf.startswith(b"%PDF")


def test_the_report_reads_the_same_without_scripts(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "failing.html"
    path.write_text(render_html(failing_doc(tmp_path)), encoding="utf-8")
    visit = _open(browser, path, scripts=False)
    assert visit.page.locator("article.gap").count() == 3 and visit.requests == []


def test_a_hostile_submission_runs_nothing(browser: Any, tmp_path: Path,
                                           run_cli: Any) -> None:
    workbook = write_hostile(tmp_path)
    result = run_cli("check", workbook, "--set", MINIMAL, "--format", "html",
                     "--output", tmp_path / "hostile.html", "--quiet")
    assert result.exit_code == 1
    visit = _open(browser, tmp_path / "hostile.html")
    assert visit.requests == [] and visit.errors == [] and visit.dialogs == []
    assert visit.page.locator("script, img, a, iframe, object, embed").count() == 0
    assert "<script>alert(1)</script>" in visit.page.locator("main").inner_text()
    _keep(visit, tmp_path, "hostile-report")


def test_a_large_report_opens(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "large.html"
    path.write_text(render_html(large_doc(tmp_path)), encoding="utf-8")
    visit = _open(browser, path)
    assert visit.errors == [] and visit.page.locator("article.gap").count() == 53
