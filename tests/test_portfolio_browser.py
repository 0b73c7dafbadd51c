"""The portfolio in a real headless Chromium: the whole matrix on screen and on paper.

A 1400 px window shows every domain column of the bundled samples without horizontal
scrolling; on a narrower one the header row and the MCO column stay in view while the
matrix scrolls; printed, it is landscape, every column fits the page width and the
header row repeats on each page. Skipped without Chromium, as the report browser test.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import launched_chromium

SAMPLES = Path(__file__).resolve().parent.parent / "sample_submissions"
LETTER_LANDSCAPE_PX = 980  # 11 in less 10 mm margins each side, at 96 px per inch


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from compliance.cli import cli

    folder = tmp_path_factory.mktemp("portfolio")
    for workbook in SAMPLES.rglob("*.xlsx"):
        shutil.copy(workbook, folder / workbook.name)
    out = folder / "out"
    result = CliRunner().invoke(cli, ["batch", str(folder), "-o", str(out), "-q", "-j", "1"])
    assert result.exit_code in (0, 1), result.output
    return out / "index.html"


def _page(chromium: Any, path: Path, width: int, height: int = 800) -> Any:
    page = chromium.new_context(viewport={"width": width, "height": height}).new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url == path.as_uri()
               else route.abort())
    page.goto(path.as_uri(), wait_until="load")
    return page


MATRIX_WIDTHS = """() => {
  const box = document.querySelector('.scroll'), table = box.querySelector('table.matrix');
  return {box: box.clientWidth, table: table.scrollWidth,
          page: document.documentElement.scrollWidth, window: window.innerWidth,
          columns: table.tHead.rows[0].cells.length};
}"""


def test_a_1400px_window_shows_every_column(chromium: Any, portfolio: Path) -> None:
    page = _page(chromium, portfolio, 1400)
    widths = page.evaluate(MATRIX_WIDTHS)
    assert widths["columns"] >= 5 + 10  # every domain of the bundled sets
    assert widths["table"] <= widths["box"] and widths["page"] <= widths["window"]


def test_header_and_mco_column_stay_in_view_while_scrolling(chromium: Any,
                                                            portfolio: Path) -> None:
    page = _page(chromium, portfolio, 900, 600)
    assert page.evaluate(MATRIX_WIDTHS)["table"] > 900  # too narrow: the matrix scrolls
    where = page.evaluate("""() => {
      const box = document.querySelector('.scroll');
      box.scrollIntoView(); box.scrollTop = 500; box.scrollLeft = 600;
      const frame = box.getBoundingClientRect();
      const header = box.querySelector('thead th:nth-child(8)').getBoundingClientRect();
      const mco = box.querySelector('tbody tr:nth-child(4) td.mco').getBoundingClientRect();
      return {top: frame.top, left: frame.left, header: header.top, mco: mco.left,
              scrolled: [box.scrollTop, box.scrollLeft]};
    }""")
    assert where["scrolled"][0] > 0 and where["scrolled"][1] > 0
    assert abs(where["header"] - where["top"]) <= 1
    assert abs(where["mco"] - where["left"]) <= 1


def test_printed_landscape_with_every_column_and_the_header_on_each_page(
        chromium: Any, portfolio: Path) -> None:
    page = _page(chromium, portfolio, LETTER_LANDSCAPE_PX)
    page.emulate_media(media="print")
    widths = page.evaluate(MATRIX_WIDTHS)
    assert widths["table"] <= widths["box"]
    header = page.evaluate("""() => {
      const head = document.querySelector('table.matrix thead');
      return [getComputedStyle(head).display, getComputedStyle(head.rows[0].cells[0]).position];
    }""")
    assert header == ["table-header-group", "static"]  # repeated by the browser on each page
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    sizes = {tuple(float(n) for n in box.split()) for box in
             re.findall(rb"/MediaBox \[([\d. ]+)\]", pdf)}
    assert sizes and all(width > height for _, _, width, height in sizes)
    assert len(re.findall(rb"/Type /Page\b", pdf)) >= 2
