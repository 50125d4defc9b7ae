"""Layout details of the built site in headless Chromium that a screenshot shows at a glance:
whole words in the heatmap's headers, filters in a row, a wider heatmap that scrolls in its frame."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from tests import test_site_browser as site_browser
from tests.conftest import ROOT, write
from tests.test_site_browser import REACH, Built, Watched, _build

pytestmark = pytest.mark.browser
# The sample's site, the browser and a fresh tab, as the other browser tests have them.
built = site_browser.built
context = site_browser.context
tab = site_browser.tab

BROKEN_WORDS = """() => {
  const broken = [];
  for (const th of document.querySelectorAll(".heatmap thead th, .heatmap th[scope=row]")) {
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""
"""The words of the heatmap's headers that are split over two lines."""


@pytest.mark.parametrize("width", [360, 390, 1280])
def test_browser_heatmap_headers_keep_their_words_whole(built: Built, tab: Watched, width: int) -> None:
    page = tab.page
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(built.url("index.html"))
    assert page.evaluate(BROKEN_WORDS) == []


def test_browser_wide_screen_filters_share_one_row(built: Built, tab: Watched) -> None:
    page = tab.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(built.url("assets.html"))
    tops = page.eval_on_selector_all(
        "#filters select", "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(tops) == 5 and len(set(tops)) == 1
    # At least three rows of the list show on the first screen, below the open filters.
    rows = page.eval_on_selector_all(
        "#asset-table tbody tr",
        "rows => rows.filter(r => r.getBoundingClientRect().bottom <= innerHeight).length",
    )
    assert rows >= 3


@pytest.fixture(scope="module")
def wide_model(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample with seven buyer questions: too many columns for a phone."""
    project = tmp_path_factory.mktemp("wide") / "sample"
    shutil.copytree(ROOT / "content", project / "content")
    settings = (ROOT / "stagemap.yml").read_text(encoding="utf-8")
    questions = (
        "questions:\n  before: [who-we-are, problems, who-for, risk, what-we-do, cost, how-to-start]\n"
    )
    write(project, {"stagemap.yml": settings + questions})
    return _build(project, project.parent / "site")


def _scroll_frame(page: Any) -> dict[str, Any]:
    return dict(
        page.evaluate(
            """() => {
      const frame = document.querySelector(".heatmap").parentElement;
      const before = frame.scrollWidth > frame.clientWidth;
      const cue = getComputedStyle(frame).backgroundImage;
      frame.scrollLeft = frame.scrollWidth;
      const stage = document.querySelector(".heatmap tbody th[scope=row]").getBoundingClientRect();
      const box = frame.getBoundingClientRect();
      return {scrolls: before, cue: cue, stuck: Math.abs(stage.left - box.left) < 2,
              page: document.documentElement.scrollWidth <= innerWidth};
    }"""
        )
    )


def test_browser_wider_heatmap_scrolls_in_its_frame_with_a_cue(wide_model: Built, tab: Watched) -> None:
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(wide_model.url("index.html"))
    assert page.locator("table.heatmap thead th").count() == 9
    frame = _scroll_frame(page)
    assert frame["scrolls"] and frame["page"], frame
    assert frame["cue"].count("gradient") >= 2, "no shadow at the edges says the table scrolls"
    assert frame["stuck"], "the stage column scrolled away with the cells"
    assert page.evaluate(REACH) == []
