"""The history chart of a site built from a test repository, in a real headless Chromium without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_diff import build_repo
from tests.test_site_browser import ARGS, CHROMIUM, serious_violations
from tests.test_site_history import build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("history-browser")
    build_repo(folder / "repo", commits=12, seed=5)
    build(folder / "repo", folder / "site")
    return folder / "site"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _page(browser: Any, *, script: bool) -> Any:
    return browser.new_context(java_script_enabled=script).new_page()


def test_browser_history_chart_shows_without_javascript_with_its_text_alternative(
    browser: Any, site: Path
) -> None:
    page = _page(browser, script=False)
    page.goto((site / "history.html").as_uri())
    assert page.title().startswith("Coverage over time | ")
    chart = page.locator('svg[aria-labelledby="history-lines-title history-lines-desc"]')
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 150
    # Its accessible name is its title, and a line per stage is drawn.
    assert page.get_by_role("img", name="Ready-to-send assets per stage, by week").count() == 2
    assert chart.locator("polyline").count() == 9  # the sample model has 9 stages
    # The text alternative: the description holds the data, and a visible table every point.
    assert "2026-W02, 2026-01-05" in chart.locator("desc").text_content()
    table = page.locator("table.history")
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 12
    assert page.get_by_role("columnheader", name="Evaluating options").count() == 1


def test_browser_overview_small_chart_leads_to_the_history_page(browser: Any, site: Path) -> None:
    page = _page(browser, script=False)
    page.goto((site / "index.html").as_uri())
    chart = page.locator('svg[aria-labelledby="overview-chart-title overview-chart-desc"]')
    assert chart.is_visible()
    chart.click()
    assert page.url.endswith("/history.html")


def test_browser_history_page_has_no_serious_accessibility_violations(browser: Any, site: Path) -> None:
    page = _page(browser, script=True)
    page.goto((site / "history.html").as_uri())
    assert serious_violations(page) == []
