"""The built site in a real headless Chromium: from file:// and from `stagemap serve`.

Uses Debian's chromium (tests/run installs it when missing) driven by Playwright; never
Playwright's own browser downloads. Run only these with ``pytest -m browser``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from stagemap import load_project
from stagemap.analyse.audience import is_internal
from stagemap.analyse.coverage import analyse
from stagemap.model.report import Report
from stagemap.serve import Preview, start_server
from stagemap.write.publish import build_into
from tests.conftest import MINIMAL_CONFIG, ROOT, write
from tests.test_site import ASSET, hostile_project

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AS_OF = dt.date(2026, 11, 24)
ARTIFACTS = ROOT / "test-artifacts"


@dataclass
class Built:
    project: Path
    out: Path
    report: Report
    titles: dict[str, str]
    sendable: frozenset[str]

    def url(self, page: str) -> str:
        return (self.out / page).as_uri()


def _build(project: Path, out: Path) -> Built:
    loaded = load_project(project)
    build_into(loaded, out, AS_OF)
    report = analyse(loaded.config, loaded.library, AS_OF)
    titles = {a.id: a.title for a in loaded.assets}
    return Built(project, out, report, titles, frozenset(a.id for a in loaded.assets if not is_internal(a)))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = tmp_path_factory.mktemp("browser") / "sample"
    project.mkdir()
    shutil.copy2(ROOT / "stagemap.yml", project / "stagemap.yml")
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "templates", project / "templates")
    return _build(project, project.parent / "site")


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium; tests/run does it) "
            "to run the browser tests, or deselect them with -m 'not browser'"
        )
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        ctx = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield ctx
        finally:
            ctx.close()


class Watched:
    """A page that records console errors, uncaught exceptions and dialogs."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def tab(context: Any) -> Iterator[Watched]:
    page = context.new_page()
    try:
        yield Watched(page)
    finally:
        page.close()


def visible_ids(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all(
            "#asset-table tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)"
        )
    )


def settled(page: Any) -> None:
    """Wait until a search of the assets page has loaded the index files it needs and shown its rows."""
    page.wait_for_function(
        "() => !document.getElementById('result-count').textContent.startsWith('Searching')"
    )


def serious_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# -- file:// ----------------------------------------------------------------------------------
def test_browser_home_renders_the_heatmap(built: Built, tab: Watched) -> None:
    page = tab.page
    page.goto(built.url("index.html"))
    assert page.title() == "Fernhill"
    rows = page.locator("table.heatmap tbody tr:not(.subhead)")
    assert rows.count() == 9
    # The stages after the purchase ask the customer's questions, under a header of their own.
    assert page.locator("table.heatmap tr.subhead th").all_inner_texts()[:2] == [
        "After the purchase",
        "Value realised",
    ]
    assert page.locator("table.heatmap td.cell").count() == 36
    empty = page.locator("table.heatmap td.cell.empty").first
    assert empty.locator(".n").inner_text() == "none"
    # An empty cell is a pale red box with a solid red edge, like the other cells' boxes:
    # not the low end of a colour scale, and no dashed line that looks like a glitch.
    style = empty.locator("a").evaluate(
        "a => [getComputedStyle(a).backgroundColor, getComputedStyle(a).borderTopStyle]"
    )
    assert style == ["rgb(253, 236, 234)", "solid"]
    # Every cell of a row is the same height and sits at the same place, n/a ones too.
    boxes = page.evaluate(
        "[...document.querySelectorAll('table.heatmap tbody tr:not(.subhead)')].map(tr =>"
        " [...tr.querySelectorAll('td.cell a, td.cell .box')].map(b => {"
        " const r = b.getBoundingClientRect(); return [Math.round(r.top), Math.round(r.height)]; }))"
    )
    assert all(len(set(map(tuple, row))) == 1 for row in boxes), boxes
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    assert tab.errors == [] and tab.dialogs == []


def test_browser_clicking_a_covered_cell_reaches_its_assets(built: Built, tab: Watched) -> None:
    cell = next(c for c in built.report.cells if c.state == "covered" and c.stage == "evaluation")
    page = tab.page
    page.goto(built.url("index.html"))
    page.locator(f'[id="cell-{cell.stage}.{cell.question}"]').click()
    page.wait_for_url(f"**/stages/{cell.stage}.html#q-{cell.question}")
    section = page.locator(f'[id="q-{cell.question}"]')
    assert section.is_visible()
    sent = section.locator("ul.send a").all_inner_texts()
    # Internal material (a demo script) is never listed under "send".
    assert sorted(sent) == sorted(built.titles[i] for i in cell.assets if i in built.sendable)
    assert page.evaluate("document.querySelector(':target').id") == f"q-{cell.question}"
    assert tab.errors == []


def test_browser_clicking_an_empty_cell_reaches_its_brief(built: Built, tab: Watched) -> None:
    cell = next(c for c in built.report.cells if c.state == "empty")
    page = tab.page
    page.goto(built.url("index.html"))
    page.locator(f'[id="cell-{cell.stage}.{cell.question}"]').click()
    page.wait_for_url(f"**/gaps.html#gap-{cell.stage}.{cell.question}")
    brief = page.locator(":target")
    assert brief.get_attribute("id") == f"gap-{cell.stage}.{cell.question}"
    assert brief.is_visible()
    assert "empty: 0 of" in brief.inner_text()


def test_browser_asset_index_filters_and_searches(built: Built, tab: Watched) -> None:
    page = tab.page
    page.goto(built.url("assets.html"))
    assert page.locator("#filters").is_visible()
    assert len(visible_ids(page)) == 38
    assert page.locator("#result-count").inner_text() == "Showing all 38 assets."

    page.get_by_label("Stage").select_option("evaluation")
    expected = {i for i in built.titles if "evaluation" in load_stage_ids(built, i)}
    assert set(visible_ids(page)) == expected
    assert page.locator("#result-count").inner_text() == f"Showing {len(expected)} of 38 assets."

    page.get_by_label("Stage").select_option("")
    page.get_by_label("Search").fill("missed CALL")
    settled(page)
    found = visible_ids(page)
    assert "blog/missed-calls-cost" in found
    assert 0 < len(found) < 36

    page.get_by_label("Search").fill("zzzz-nothing-matches")
    settled(page)
    assert visible_ids(page) == []
    assert page.locator("#no-results").is_visible()

    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function(
        "() => document.querySelectorAll('#asset-table tbody tr:not([hidden])').length === 38"
    )
    page.get_by_label("Status").select_option("stale")
    assert sorted(visible_ids(page)) == sorted(built.report.stale)
    page.get_by_label("Status").select_option("")
    page.get_by_label("Persona").select_option("ops-director")
    page.get_by_label("Format").select_option("case-study")
    assert visible_ids(page) and all(built.titles[i] for i in visible_ids(page))
    assert tab.errors == []


def load_stage_ids(built: Built, asset_id: str) -> tuple[str, ...]:
    project = load_project(built.project)
    asset = project.library.asset(asset_id)
    assert asset is not None
    return asset.stages


def test_browser_skip_link_is_the_first_tab_stop(built: Built, tab: Watched) -> None:
    page = tab.page
    page.goto(built.url("stages/evaluation.html"))
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "Skip to content"]
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")


def test_browser_no_console_errors_on_any_page(built: Built, tab: Watched) -> None:
    pages = sorted(p.relative_to(built.out).as_posix() for p in built.out.rglob("*.html"))
    assert len(pages) == 99
    for name in pages:
        tab.page.goto(built.url(name))
        assert tab.errors == [], name


def test_browser_small_screen_has_no_sideways_scroll(built: Built, tab: Watched) -> None:
    page = tab.page
    page.set_viewport_size({"width": 360, "height": 740})
    for name in ("index.html", "assets.html", "gaps.html", "assets/blog/missed-calls-cost.html"):
        page.goto(built.url(name))
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name


SHOWN = (
    "index.html",
    "stages/evaluation.html",
    "plays/evaluation/ops-director.html",
    "gaps.html",
    "assets.html",
)
"""The pages the layout test screenshots at both widths into test-artifacts/."""

REACH = """() => {
  const out = [];
  const width = window.innerWidth;
  for (const table of document.querySelectorAll("main table")) {
    const cards = getComputedStyle(table.tBodies[0].rows[0]).display !== "table-row";
    const cells = cards
      ? [...table.tBodies[0].rows[0].cells]
      : [...table.tHead.rows[0].cells];
    for (const cell of cells) {
      cell.scrollIntoView({block: "nearest", inline: "nearest"});
      const r = cell.getBoundingClientRect();
      if (r.width < 1 || r.left < -1 || r.right > width + 1) {
        out.push(table.className + ": " + cell.textContent.trim().slice(0, 30));
      }
    }
  }
  window.scrollTo(0, 0);
  return out;
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_browser_layout_shows_every_column_without_overflow(built: Built, tab: Watched, width: int) -> None:
    page = tab.page
    page.set_viewport_size({"width": width, "height": 844 if width == 390 else 900})
    ARTIFACTS.mkdir(exist_ok=True)
    for name in SHOWN:
        page.goto(built.url(name))
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
        assert page.evaluate(REACH) == [], name
        shot = name.removesuffix(".html").replace("/", "-")
        page.screenshot(path=str(ARTIFACTS / f"{shot}-{width}.png"), full_page=True)
    page.goto(built.url("index.html"))
    # The heatmap is readable in full without scrolling it sideways, even on a phone.
    assert page.evaluate(
        "(() => { const w = document.querySelector('.heatmap').parentElement;"
        " return w.scrollWidth <= w.clientWidth; })()"
    )
    assert tab.errors == []


def test_browser_phone_asset_cards_show_status_beside_the_title(built: Built, tab: Watched) -> None:
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(built.url("assets.html"))
    assert not page.locator("#more-filters").evaluate("d => d.open")  # filters folded away
    row = page.locator('#asset-table tr[data-id="sales/pricing-sheet-2024"]')
    title = row.locator(".c-title a").bounding_box()
    status = row.locator(".c-status .badge").bounding_box()
    assert title is not None and status is not None
    assert status["y"] < title["y"] + title["height"] and status["x"] > title["x"]
    assert row.locator(".c-status").inner_text() == "retired"


def test_browser_header_search_ranks_retired_assets_last(built: Built, tab: Watched) -> None:
    page = tab.page
    page.goto(built.url("stages/evaluation.html"))
    page.get_by_label("Find an asset").fill("pricing")
    page.wait_for_selector("#site-results li")
    hits = page.locator("#site-results li a").all()
    hrefs = [h.get_attribute("href") or "" for h in hits]
    assert hrefs and "pricing-sheet-2024" not in hrefs[0]
    assert any("pricing-sheet-2024" in h for h in hrefs)
    assert "pricing-sheet-2024" in hrefs[-1]
    hits[0].click()
    page.wait_for_url("**/assets/**")
    assert tab.errors == []


def test_browser_assets_search_puts_retired_assets_last(built: Built, tab: Watched) -> None:
    page = tab.page
    page.goto(built.url("assets.html") + "#text=pricing")
    settled(page)
    ids = visible_ids(page)
    assert ids[-1] == "sales/pricing-sheet-2024" and len(ids) > 1


def test_browser_every_play_prints_on_one_page(built: Built, tab: Watched) -> None:
    import re

    page = tab.page
    plays = sorted(p.relative_to(built.out).as_posix() for p in (built.out / "plays").rglob("*.html"))
    assert len(plays) == 36
    for name in plays:
        page.goto(built.url(name))
        pdf = page.pdf(format="A4")
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, name


def test_browser_print_hides_navigation(built: Built, tab: Watched) -> None:
    page = tab.page
    page.emulate_media(media="print")
    page.goto(built.url("index.html"))
    assert not page.locator(".site-header nav").is_visible()
    assert page.locator("table.heatmap").is_visible()


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "stages.html",
        "plays.html",
        "plays/evaluation/ops-director.html",
        "gaps.html",
        "assets.html",
        "stages/evaluation.html",
        "personas/office-manager.html",
        "assets/blog/missed-calls-cost.html",
        "assets/sales/pricing-sheet-2024.html",
    ],
)
def test_browser_accessibility_has_no_serious_violations(built: Built, tab: Watched, name: str) -> None:
    tab.page.goto(built.url(name))
    assert serious_violations(tab.page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_browser_accessibility_on_a_phone_in_both_schemes(built: Built, tab: Watched, scheme: str) -> None:
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(color_scheme=scheme)
    for name in ("index.html", "assets.html", "plays.html", *SHOWN[1:4]):
        page.goto(built.url(name))
        assert serious_violations(page) == [], (scheme, name)


def test_browser_hostile_content_runs_no_script(tmp_path: Path, tab: Watched) -> None:
    built = _build(hostile_project(tmp_path / "p"), tmp_path / "site")
    for name in sorted(p.relative_to(built.out).as_posix() for p in built.out.rglob("*.html")):
        tab.page.goto(built.url(name))
        tab.page.evaluate(
            "document.querySelectorAll('body *').forEach(el => {"
            " el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));"
            " el.dispatchEvent(new Event('focus')); })"
        )
        tab.page.locator("a").last.click(trial=True)
        assert tab.page.evaluate("typeof window.__pwned") == "undefined", name
    assert tab.dialogs == []
    tab.page.goto(built.url("assets/hostile.html"))
    assert "<script>window.__pwned = 1</script>" in tab.page.locator(".body").inner_text()


def test_browser_a_part_named_the_generators_way_opens_at_its_heading(tmp_path: Path, tab: Watched) -> None:
    """A link written for Docusaurus (``b.md#whats-new``; here the heading is ``h-what-s-new``)
    opened the other page at its top, as did a public page's fragment sent without the prefix."""
    body = (
        "Intro.\n\n"
        + "Filler line.\n\n" * 80
        + "## What's new?\n\nNews.\n\n"
        + "More.\n\n" * 80
        + "## H-1B visas\n\nVisas.\n\n"
        + "Last.\n\n" * 80
    )
    project = write(
        tmp_path / "p",
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/a.md": ASSET.format(title="A", extra="", body="See [the news](b.md#whats-new).\n"),
            "content/b.md": ASSET.format(title="B", extra="", body=body),
        },
    )
    built = _build(project, tmp_path / "site")
    page = tab.page
    page.set_viewport_size({"width": 1280, "height": 600})
    page.goto(built.url("assets/a.html"))
    page.click("text=the news")
    page.wait_for_function("() => location.hash === '#h-what-s-new'")
    for given in ("#whats-new", "#what-s-new", "#h-WHATS-NEW", "#h-what-s-new"):
        page.goto(built.url("assets/b.html") + given)
        page.wait_for_function("() => location.hash === '#h-what-s-new'")
        top = page.evaluate("document.getElementById('h-what-s-new').getBoundingClientRect().top")
        assert -2 < top < 100, given  # at the top of the window (to a fraction of a pixel)
    # The public page's name of "H-1B visas" is h-1b-visas; here it is h-h-1b-visas.
    page.goto(built.url("assets/b.html") + "#h-1b-visas")
    page.wait_for_function("() => location.hash === '#h-h-1b-visas'")
    page.goto(built.url("assets/a.html"))
    page.goto(built.url("assets/b.html") + "#nowhere")  # no such part: the page's top, as before
    assert page.evaluate("[location.hash, window.scrollY]") == ["#nowhere", 0]
    page.goto(built.url("assets.html") + "#stage=awareness")
    assert page.evaluate("location.hash") == "#stage=awareness"
    assert tab.errors == []


# -- served -----------------------------------------------------------------------------------
@pytest.fixture
def served(built: Built, tmp_path: Path) -> Iterator[tuple[str, Preview]]:
    preview = Preview(built.project, tmp_path / "served", as_of=AS_OF)
    assert preview.rebuild().error == ""
    server = start_server(preview, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    preview.watch_in_background()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", preview
    finally:
        preview.stop()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_browser_served_site_filters_from_the_address(served: tuple[str, Preview], tab: Watched) -> None:
    base, _ = served
    page = tab.page
    page.goto(base + "assets.html#stage=purchase&state=ready")
    assert page.get_by_label("Stage").input_value() == "purchase"
    ids = visible_ids(page)
    assert ids and len(ids) < 36
    page.get_by_label("Search").fill("price")
    page.wait_for_function("() => location.hash.includes('text=price')")
    assert tab.errors == []
    assert serious_violations(page) == []


def test_browser_served_page_reloads_after_a_change(
    served: tuple[str, Preview], built: Built, tab: Watched
) -> None:
    base, preview = served
    page = tab.page
    page.goto(base + "assets/sales/demo-script.html")
    assert page.locator("h1").inner_text() == "Demo script: a Monday at a nine-van firm"
    source = built.project / "content" / "sales" / "demo-script.md"
    original = source.read_text()
    try:
        source.write_text(
            original.replace('title: "Demo script: a Monday', 'title: "Demo script: a busy Monday')
        )
        page.wait_for_function(
            # A function, not an expression: Playwright evaluates an expression with eval(),
            # which the site's content security policy forbids.
            "() => document.querySelector('h1').textContent.startsWith('Demo script: a busy Monday')",
            timeout=30_000,
        )
        source.write_text(original.replace("stages: [evaluation]", "stages: [evaluation, nowhere]"))
        page.wait_for_selector("aside.stagemap-preview", timeout=30_000)
        assert "unknown stage 'nowhere'" in page.locator("aside.stagemap-preview").inner_text()
    finally:
        source.write_text(original)
        preview.rebuild()
    assert tab.errors == []
