"""What the site's pages offer a rep and a planner: navigation, plays, gaps in order, search."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from stagemap import load_project
from stagemap.analyse.coverage import analyse
from stagemap.analyse.site import page_count, plan_site
from stagemap.render.environment import environment
from stagemap.render.site import Rendered, render_site
from tests.conftest import MINIMAL_CONFIG, ROOT, write

AS_OF = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def site() -> dict[str, Rendered]:
    project = load_project(ROOT)
    plan = plan_site(
        project.config, project.library, analyse(project.config, project.library, AS_OF), generator="test"
    )
    return render_site(plan, environment(project.config.templates_dir))


def _nav(html: str) -> list[tuple[str, str]]:
    block = html.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', block)


def test_site_navigation_leads_to_overview_stages_plays_gaps_assets(site: dict[str, Rendered]) -> None:
    assert _nav(site["index.html"].text) == [
        ("index.html", "Overview"),
        ("stages.html", "Stages"),
        ("plays.html", "Plays"),
        ("gaps.html", "Gaps"),
        ("assets.html", "Assets"),
    ]
    assert [label for _, label in _nav(site["plays/evaluation/ops-director.html"].text)][1] == "Stages"
    assert _nav(site["plays/evaluation/ops-director.html"].text)[0] == ("../../index.html", "Overview")
    current = re.search(r'<a [^>]*aria-current="page">([^<]+)', site["plays/evaluation.html"].text)
    assert current is not None and current.group(1) == "Plays"


def test_site_every_page_has_the_search_box(site: dict[str, Rendered]) -> None:
    pages = [p for p in site if p.endswith(".html")]
    assert len(pages) == 99
    for path in pages:
        text = site[path].text
        assert 'id="site-search"' in text and 'data-search="' in text, path
        assert "stagemap.js" in text, path
    deep = site["plays/evaluation/ops-director.html"].text
    assert 'data-search="../../static/search/index.js" data-root="../../"' in deep


def test_site_plays_per_stage_and_persona(site: dict[str, Rendered]) -> None:
    plays = sorted(p for p in site if p.startswith("plays/"))
    assert len(plays) == 9 + 9 * 3
    everyone = site["plays/commitment.html"].text
    assert '<h1 id="title">Committing to change <span class="for">for everyone</span></h1>' in everyone
    persona = site["plays/commitment/ops-director.html"].text
    assert '<span class="for">for Operations director</span>' in persona
    assert "<dt>Not a fit</dt>" in persona
    grid = site["plays.html"].text
    assert grid.count('href="plays/') == 36
    assert '<th scope="col">Operations director</th>' in grid


def test_site_persona_page_leads_to_its_plays(site: dict[str, Rendered]) -> None:
    text = site["personas/office-manager.html"].text
    links = re.findall(r'href="(\.\./plays/[^"]+)"', text)
    assert links == [
        f"../plays/{s}/office-manager.html"
        for s in (
            "awareness",
            "exploration",
            "commitment",
            "evaluation",
            "purchase",
            "onboarding",
            "adoption",
            "advocacy",
            "renewal",
        )
    ]


def test_site_gaps_page_is_in_make_next_order(site: dict[str, Rendered]) -> None:
    text = site["gaps.html"].text
    ranks = [int(n) for n in re.findall(r'<h2 id="brief-[^"]+"><span class="rank">#(\d+)</span>', text)]
    assert ranks == list(range(1, len(ranks) + 1)) and len(ranks) == 25


def test_site_retired_asset_page_offers_no_next_step(site: dict[str, Rendered]) -> None:
    retired = site["assets/sales/pricing-sheet-2024.html"].text
    assert "Retired: do not send it to buyers." in retired
    assert "next-step" not in retired
    assert 'class="next-step"' in site["assets/blog/missed-calls-cost.html"].text


def test_site_stage_page_has_a_table_of_contents(site: dict[str, Rendered]) -> None:
    text = site["stages/evaluation.html"].text
    toc = text.split('<nav class="toc" aria-label="On this page">', 1)[1].split("</nav>", 1)[0]
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert targets[:3] == ["why", "say", "q-who-we-are"]
    for target in targets:
        assert f'id="{target}"' in text, target


def test_site_asset_tables_label_every_cell_for_small_screens(site: dict[str, Rendered]) -> None:
    text = site["assets.html"].text
    row = text.split('<tr data-id="', 2)[1]
    labels = re.findall(r'data-label="([^"]+)"', row.split("</tr>", 1)[0])
    assert labels == ["Stages", "Questions", "For", "Format", "Status"]
    assert '<details class="more-filters" id="more-filters">' in text


def test_site_a_file_with_an_error_keeps_a_page_with_its_problem(tmp_path: Path) -> None:
    project = write(
        tmp_path / "p",
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/good.md": "---\ntitle: Good\nstages: [awareness]\nquestions: [problems]\n---\nHi\n",
            "content/blog/typo.md": "---\ntitle: Typo\nstages: [awarness]\nquestions: [problems]\n---\nHi\n",
        },
    )
    loaded = load_project(project)
    plan = plan_site(
        loaded.config, loaded.library, analyse(loaded.config, loaded.library, AS_OF), generator="test"
    )
    made = render_site(plan, environment(loaded.config.templates_dir))
    page = made["assets/blog/typo.html"].text
    assert '<h1 id="title">typo.md</h1>' in page
    assert "content/blog/typo.md:3:10: error: unknown stage &#39;awarness&#39;" in page
    assert 'href="assets/blog/typo.html">its page</a>' in made["index.html"].text
    assert page_count(loaded.config, loaded.library) == len([p for p in made if p.endswith(".html")])
