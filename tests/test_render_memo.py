"""The site's repeated fragments (header, site map, journey bar) are rendered once and stay right on every page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from stagemap import load_project
from stagemap.analyse.coverage import analyse
from stagemap.analyse.site import plan_site
from stagemap.render.environment import environment, render
from stagemap.render.site import render_site
from tests.conftest import ROOT, write

AS_OF = dt.date(2026, 11, 24)


def test_memo_renders_a_fragment_once_per_key_and_site(tmp_path: Path) -> None:
    write(tmp_path, {"templates/t.txt": "{% memo key %}{{ tick() }}{% endmemo %}\n"})
    env = environment(tmp_path / "templates")
    ticks: list[int] = []

    def tick() -> int:
        ticks.append(1)
        return len(ticks)

    site, other = {"title": "a"}, {"title": "a"}
    shown = [
        render(env, "t.txt", {"site": s, "key": k, "tick": tick})
        for s, k in [(site, 1), (site, 1), (site, 2), (site, 1), (other, 1), (site, 1)]
    ]
    # Same site and key: the kept text; a new site value (a new build) starts afresh.
    assert shown == ["1", "1", "2", "1", "3", "4"]


def test_environment_reads_each_template_file_once(tmp_path: Path) -> None:
    write(tmp_path, {"templates/t.txt": "one\n"})
    env = environment(tmp_path / "templates")
    assert render(env, "t.txt", {}) == "one\n"
    write(tmp_path, {"templates/t.txt": "two\n"})
    # An environment does not look at template files again (the preview makes a new one).
    assert render(env, "t.txt", {}) == "one\n"
    assert render(environment(tmp_path / "templates"), "t.txt", {}) == "two\n"


def _current(html: str, label: str) -> list[str]:
    block = html.split(label, 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="[^"]+" aria-current="page">([^<]+)</a>', block)


def test_memo_site_map_marks_only_each_pages_own_link_as_current() -> None:
    project = load_project(ROOT)
    report = analyse(project.config, project.library, AS_OF)
    plan = plan_site(project.config, project.library, report, generator="test")
    site = render_site(plan, environment(project.config.templates_dir))
    for kind in ("stages", "questions", "personas"):
        items = plan.site[kind]
        assert items
        for item in items:
            assert _current(site[f"{kind}/{item.id}.html"].text, 'aria-label="Site map"') == [item.name]
    for path, page in site.items():
        if path.startswith("assets/") or path in ("assets.html", "index.html", "gaps.html"):
            assert _current(page.text, 'aria-label="Site map"') == [], path
    assert _current(site["gaps.html"].text, 'aria-label="Main"') == ["Gaps"]
    assert _current(site["stages.html"].text, 'aria-label="Main"') == ["Stages"]
