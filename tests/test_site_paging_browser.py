"""Lists on numbered pages and the search index in chunks, in a real headless Chromium.

A generated library of 120 assets with ten assets a page: twelve pages of all assets, several
pages per stage and persona, and dozens of search chunks. Desktop and phone size, from file://.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.test_site import hostile_project
from tests.test_site_browser import ARGS, CHROMIUM, Watched, serious_violations, settled, visible_ids
from tests.test_site_paging import _data, _generate, _page_size

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("paged") / "lib"
    _generate(120, project)
    _page_size(project, 10)
    out = project.parent / "site"
    result = CliRunner().invoke(cli, ["-C", str(project), "build", "-o", str(out), "--as-of", "2026-11-24"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium, or deselect with -m 'not browser'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(params=sorted(SIZES))
def tab(browser: Any, request: pytest.FixtureRequest) -> Iterator[Watched]:
    context = browser.new_context(viewport=SIZES[request.param], is_mobile=request.param == "phone")
    try:
        yield Watched(context.new_page())
    finally:
        context.close()


def loaded_index_files(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all(
            "script[src*='static/search/']", "els => els.map(e => e.getAttribute('src').split('/').pop())"
        )
    )


def test_browser_pager_walks_the_list_of_all_assets(site: Path, tab: Watched) -> None:
    page = tab.page
    page.goto((site / "assets.html").as_uri())
    first = visible_ids(page)
    assert len(first) == 10
    pager = page.get_by_role("navigation", name="Pages of the list", exact=True)
    assert pager.inner_text().startswith("Page 1 of 12: assets 1 to 10 of 120.")
    pager.get_by_role("link", name="Next →").click()
    page.wait_for_url("**/assets-2.html")
    second = visible_ids(page)
    assert len(second) == 10 and not set(first) & set(second)
    pager = page.get_by_role("navigation", name="Pages of the list", exact=True)
    pager.get_by_role("link", name="Page 12").click()
    page.wait_for_url("**/assets-12.html")
    assert page.get_by_role("link", name="Page 12").first.get_attribute("aria-current") == "page"
    page.get_by_role("navigation", name="Pages of the list", exact=True).get_by_role(
        "link", name="← Previous"
    ).click()
    page.wait_for_url("**/assets-11.html")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert tab.errors == []


def test_browser_filters_apply_to_the_page_shown(site: Path, tab: Watched) -> None:
    page = tab.page
    page.goto((site / "assets-3.html").as_uri())
    assert page.locator("#result-count").inner_text() == "Showing all 10 assets on this page."
    states = page.eval_on_selector_all("#asset-table tbody tr", "rows => rows.map(r => r.dataset.state)")
    wanted = states[0]
    if not page.locator("#more-filters").evaluate("d => d.open"):  # folded away on a phone
        page.locator("#more-filters > summary").click()
    page.get_by_label("Status").select_option(wanted)
    shown = states.count(wanted)
    assert len(visible_ids(page)) == shown
    expected = (
        "Showing all 10 assets on this page."
        if shown == 10
        else f"Showing {shown} of the 10 assets on this page."
    )
    assert page.locator("#result-count").inner_text() == expected
    assert tab.errors == []


def test_browser_stage_list_goes_on_over_pages(site: Path, tab: Watched) -> None:
    page = tab.page
    page.goto((site / "stages/evaluation.html").as_uri())
    pager = page.get_by_role("navigation", name="Pages of the list", exact=True)
    pager.get_by_role("link", name="Next →").click()
    page.wait_for_url("**/stages/evaluation/2.html")
    assert page.locator("h1").inner_text().startswith("Evaluating options: assets, page 2 of ")
    page.get_by_role("link", name="Back to Evaluating options").click()
    page.wait_for_url("**/stages/evaluation.html")
    assert tab.errors == []


def test_browser_pager_works_without_the_script(site: Path, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / "personas/ops-director.html").as_uri())
        page.get_by_role("navigation", name="Pages of the list", exact=True).get_by_role(
            "link", name="Page 2"
        ).click()
        page.wait_for_url("**/personas/ops-director/2.html")
        assert page.locator("table.assets tbody tr").count() > 0
    finally:
        context.close()


def test_browser_header_search_loads_only_the_chunks_it_needs(site: Path, tab: Watched) -> None:
    page = tab.page
    page.goto((site / "stages/awareness.html").as_uri())
    page.wait_for_function("() => document.querySelector(\"script[src$='search/index.js']\") !== null")
    chunks = sorted(p.name for p in (site / "static/search").glob("w-*.js"))
    assert len(chunks) > 20
    page.get_by_label("Find an asset").fill("00077")
    page.wait_for_selector("#site-results li")
    hits = page.locator("#site-results li a").all()
    assert len(hits) == 1 and (hits[0].get_attribute("href") or "").endswith("/asset-00077.html")
    loaded = loaded_index_files(page)
    assert "index.js" in loaded
    assert [f for f in loaded if f.startswith("w-")] == ["w-0.js"]
    assert [f for f in loaded if f.startswith("r-")] == ["r-0.js"]
    hits[0].click()
    page.wait_for_url("**/asset-00077.html")
    assert tab.errors == []


def test_browser_assets_search_finds_assets_on_other_pages(site: Path, tab: Watched) -> None:
    page = tab.page
    page.goto((site / "assets-9.html").as_uri())
    wanted = visible_ids(page)[0]
    page.goto((site / "assets.html").as_uri())
    assert wanted not in visible_ids(page)
    page.get_by_label("Search").fill(wanted.rpartition("-")[2])
    settled(page)
    assert visible_ids(page) == [wanted]
    assert page.locator("#result-count").inner_text() == "Showing 1 of 120 assets."
    page.wait_for_function("() => location.hash.startsWith('#text=')")
    page.get_by_label("Search").fill("")
    assert len(visible_ids(page)) == 10
    assert tab.errors == []
    assert serious_violations(page) == []


def test_browser_search_shows_hostile_titles_as_text(tmp_path: Path, tab: Watched) -> None:
    project = hostile_project(tmp_path / "p")
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["-C", str(project), "build", "-o", str(out), "--as-of", "2026-11-24"])
    assert result.exit_code == 0, result.output
    page = tab.page
    page.goto((out / "assets.html").as_uri())
    page.get_by_label("Find an asset").fill("pwned")
    page.wait_for_selector("#site-results li")
    assert "<script>window.__pwned=4</script>" in page.locator("#site-results li").first.inner_text()
    page.get_by_label("Search").fill("pwned")
    settled(page)
    assert "<script>window.__pwned=4</script>" in page.locator("#asset-table tbody tr").first.inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert tab.dialogs == [] and tab.errors == []


def test_browser_search_says_when_a_chunk_is_missing(site: Path, tmp_path: Path, tab: Watched) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "static/search/w-0.js").unlink()
    page = tab.page
    page.goto((copy / "assets.html").as_uri())
    page.get_by_label("Find an asset").fill("00077")
    page.wait_for_selector("#site-results p")
    assert page.locator("#site-results").inner_text() == "The search index could not be loaded."
    page.get_by_label("Search").fill("00077")
    settled(page)
    assert page.locator("#result-count").inner_text() == "The search index could not be loaded."


def test_browser_search_ranks_matches_that_tie_in_journey_order_then_by_id(site: Path, tab: Watched) -> None:
    index = site / "static/search"
    manifest = _data((index / "index.js").read_text(encoding="utf-8"))[1]
    found: dict[str, tuple[set[int], set[int]]] = {}
    for chunk in index.glob("w-*.js"):
        data = _data(chunk.read_text(encoding="utf-8"))[1]
        for word, gaps in data["words"].items():
            titled = data["titles"].get(word, [])
            found[word] = (
                {sum(gaps[: i + 1]) for i in range(len(gaps))},
                {sum(titled[: i + 1]) for i in range(len(titled))},
            )
    # The word of the most assets, in titles and not: many matches tie on state and title.
    word = max((w for w in found if len(w) > 3), key=lambda w: (len(found[w][0]), w))
    hits, titled = found[word]
    rank = {"r": 0, "i": 1, "d": 1, "v": 1, "s": 2, "x": 3}
    per = manifest["per"]
    records = {}
    for n in range(0, len(manifest["states"]), per):
        records.update(enumerate(_data((index / f"r-{n // per}.js").read_text(encoding="utf-8"))[1], n))

    def place(n: int) -> tuple[int, int, int]:
        return (rank[manifest["states"][n]] * 2 + (n not in titled), ord(manifest["journey"][n]), n)

    expected = [records[n][0] for n in sorted(hits, key=place)]
    assert len(expected) > 10 and len({manifest["journey"][n] for n in hits}) > 1
    page = tab.page
    page.goto((site / "assets.html").as_uri())
    page.get_by_label("Search").fill(word)
    settled(page)
    assert visible_ids(page) == expected[:10]
    assert tab.errors == []
