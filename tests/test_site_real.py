"""The static site built from each fixture website: no raw MDX or shortcode syntax, every route link placed.

Each site is read as tests/test_read_sites.py reads it (the generator's preset, the excludes
of its EXPECTED.yml) and built into a copy of it. The `links` of each EXPECTED.yml are the
answer key: a link to another page that is an asset must lead to that asset's page here, a
link to an image must lead to a copy of the image, and any other route (a listing page, a
call to action the product app serves) must lead to the public site. `PUBLIC_ONLY` names the
few links to assets that no route-to-file rule can match, with the reason; those lead to the
public site too, never nowhere.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stagemap.analyse.coverage import analyse
from stagemap.analyse.paths import asset_paths
from stagemap.analyse.site import plan_site
from stagemap.cli.app import cli
from stagemap.model.project import Project
from stagemap.read.assets import load_library
from stagemap.read.attachments import linkable_files, site_root_files
from stagemap.read.settings import config_from_data
from stagemap.render.dialects import clean
from stagemap.render.links import BodyLinks
from stagemap.write.publish import build_into

from .conftest import MINIMAL_CONFIG, write
from .test_read_sites import SETTINGS, SITES, expected, tree_hashes

SITE_NAMES = sorted(SETTINGS)
AS_OF = dt.date(2025, 1, 15)
PUBLIC_ONLY: dict[tuple[str, str], str] = {
    ("about.md", "/blog/2024/04/how-we-test-label-templates/"): (
        "Jekyll's permalink pattern puts the post's date in its route; no url pattern can say that"
    ),
    ("docs/label-templates.md", "/blog/2024/01/shelf-edge-barcodes/"): "the same, with a slug",
}
"""(from, href) of links to assets that lead to the public site, and why."""
RAW = re.compile(
    r"\{\{[<%]|[<%]\}\}|\{%|%\}|^\s*(?:import|export) |&lt;/?[A-Za-z]|:::|--8&lt;--|^!!!|^\?\?\?|\{[#.][\w-]+\}"
    r"|\{[a-z_.]+\}",
    re.M,
)
"""Site syntax that must never reach a page: shortcodes, Liquid, ESM, tags, admonitions, attributes."""


def copy_site(site: str, where: Path) -> Path:
    shutil.copytree(SITES / site, where / site)
    return where / site


def settings_for(site: str) -> dict[str, Any]:
    answer = expected(site)
    excludes = sorted({f["glob"] for f in answer["files"].values() if f["fate"] == "excluded"})
    return {
        "generator": answer["generator"],
        "sources": [{"path": ".", "exclude": [*excludes, "/EXPECTED.yml"]}],
        "urls": {"base": answer["url"]["base"]},
        "cache": False,
        **SETTINGS[site],
    }


@pytest.fixture(scope="module", params=SITE_NAMES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Build one fixture site into a temporary folder, from a copy of the site."""
    site = request.param
    root = copy_site(site, tmp_path_factory.mktemp(site))
    before = tree_hashes(root)
    config = config_from_data(root, settings_for(site))
    library = load_library(config)
    out = root.parent / "out"
    build_into(Project(config, library), out, AS_OF)
    return {"site": site, "root": root, "before": before, "config": config, "library": library, "out": out}


def body_of(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text.split('<div class="body">', 1)[1].split("\n</div>\n", 1)[0]


def test_real_sites_show_no_raw_site_syntax(built: dict[str, Any]) -> None:
    pages = [p for p in sorted((built["out"] / "assets").rglob("*.html")) if 'class="body"' in p.read_text()]
    assert len(pages) == len(built["library"].assets)
    raw = {p.name: RAW.findall(body_of(p)) for p in pages if RAW.search(body_of(p))}
    assert raw == {}


def test_real_sites_build_changes_no_file_of_the_site(built: dict[str, Any]) -> None:
    after = tree_hashes(built["root"])
    assert {p: h for p, h in after.items() if p in built["before"]} == built["before"]
    assert all(p.startswith(".stagemap-cache/") for p in set(after) - set(built["before"]))


def resolved(built: dict[str, Any]) -> dict[tuple[str, str], str]:
    """Return where each answer-key link from an asset leads, as a site path or an address."""
    config, library = built["config"], built["library"]
    plan = plan_site(
        config,
        library,
        analyse(config, library, AS_OF),
        generator="test",
        attachments=linkable_files(config.content_dir),
        public=site_root_files(config.root, config.rules.static_dirs),
    )
    by_path = {a.path: a for a in library.assets}
    found = {}
    for link in expected(built["site"]).get("links", []):
        asset = by_path.get(link["from"])
        if asset is None or link["to"] == "external":
            continue  # a partial or snippet: not a page here
        page = plan.paths[asset.id]
        rewrite = BodyLinks(
            link["from"],
            page,
            plan.links.by_source,
            plan.paths,
            plan.links.attachments,
            plan.links.routes,
            plan.links.routes.own[asset.id],
        )
        href = clean(link["href"], ".md", config.rules.generator).strip()
        to = rewrite(href)
        assert to is not None, link
        # The link must be in the page as it was resolved.
        assert f'="{to}"' in (built["out"] / page).read_text(encoding="utf-8"), link
        if not to.startswith("https://"):
            to = posixpath.normpath(posixpath.join(posixpath.dirname(page), to))
        found[(link["from"], link["href"])] = to
    return found


def test_real_sites_route_links_lead_where_the_answer_key_says(built: dict[str, Any]) -> None:
    answer = expected(built["site"])
    files, base = answer["files"], answer["url"]["base"].rstrip("/")
    by_path = {a.path: a.id for a in built["library"].assets}
    paths = {a.id: p for a, p in zip(built["library"].assets, _pages(built), strict=True)}
    got = resolved(built)
    want = {}
    for (source, href), to in got.items():
        target = next(x["to"] for x in answer["links"] if x["from"] == source and x["href"] == href)
        fate = files.get(target, {}).get("fate")
        if fate == "asset" and (source, href) not in PUBLIC_ONLY:
            want[(source, href)] = paths[by_path[target]]
        elif files.get(target, {}).get("kind") == "image":
            want[(source, href)] = to  # checked below: a copy of the image
            assert (built["out"] / to).read_bytes() == (SITES / built["site"] / target).read_bytes()
        else:
            want[(source, href)] = base + (files.get(target, {}).get("url") or href)
    assert got == want


def _pages(built: dict[str, Any]) -> list[str]:
    paths = asset_paths(a.id for a in built["library"].assets)
    return [paths[a.id] for a in built["library"].assets]


def test_real_sites_are_the_same_with_either_markdown_path(
    built: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = built["root"].parent / "out-python"
    monkeypatch.setenv("STAGEMAP_MARKDOWN", "python")
    build_into(Project(built["config"], built["library"]), out, AS_OF)
    assert tree_hashes(out) == tree_hashes(built["out"])


GOLDEN_PAGES = {
    "docusaurus": ("docs/getting-started/02-import-patients.mdx", "site/real-mdx-body.html"),
    "hugo": ("content/blog/cost-of-late-invoicing.md", "site/real-shortcode-body.html"),
    "gatsby": ("content/pages/plans.mdx", "site/real-mdx-expression-body.html"),
}


@pytest.mark.parametrize("built", sorted(GOLDEN_PAGES), indirect=True)
def test_real_sites_mdx_and_shortcode_pages_match_golden(built: dict[str, Any], golden: Any) -> None:
    source, name = GOLDEN_PAGES[built["site"]]
    asset = next(a for a in built["library"].assets if a.path == source)
    page = asset_paths(a.id for a in built["library"].assets)[asset.id]
    golden(name, body_of(built["out"] / page) + "\n")


@pytest.mark.parametrize("built", ["hugo"], indirect=True)
def test_real_sites_story_in_front_matter_is_shown(built: dict[str, Any]) -> None:
    text = (built["out"] / "assets/content/customers/millbrook-electrical.html").read_text(encoding="utf-8")
    assert "This page's text lives in its front matter" in text
    assert "<dt>Challenge</dt><dd><p>Three electricians, one part-time bookkeeper" in text
    assert "<dt>Quote</dt><dd><p>I send one email now, not three" in text


@pytest.mark.parametrize("allow", [False, True])
def test_real_sites_raw_html_reads_as_markdown_unless_html_is_allowed(tmp_path: Path, allow: bool) -> None:
    page = '---\ntitle: Guide\n---\nRead <a href="https://example.org/">the rules</a> <b>first</b>.\n'
    settings = (
        f"cache: false\ngenerator: jekyll\nsources: [pages]\nsite: {{allow_html: {str(allow).lower()}}}\n"
    )
    root = write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG + settings, "pages/guide.md": page})
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(root / "out")])
    assert result.exit_code == 0, result.output
    body = body_of(root / "out" / "assets" / "guide.html")
    if allow:
        assert '<a href="https://example.org/">the rules</a> <b>first</b>' in body
    else:
        assert "<strong>first</strong>" in body and ">the rules</a>" in body and "&lt;" not in body
