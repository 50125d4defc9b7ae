"""The fixture sites under tests/data/sites: each file gets the fate its EXPECTED.yml gives it.

Each site is read as `stagemap init` would set it up: the generator's preset, the site's
repository as the one source, and the excludes, listing rules and internal folders a person
would name for it. The excludes are EXPECTED.yml's own globs, so each excluded file must name
the glob the answer key gives.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from stagemap.model.library import Library, Vocabulary
from stagemap.read.assets import load_library, parse_asset
from stagemap.read.settings import config_from_data

SITES = Path(__file__).parent / "data" / "sites"

SETTINGS: dict[str, dict[str, Any]] = {
    "hugo": {
        "non_assets": {
            "listing": ["_index.md", "!content/pricing/_index.md", "!content/about/_index.md"],
        },
        "audiences": {"internal": ["content/handbook/"]},
    },
    "jekyll": {
        "non_assets": {"listing": ["/index.md", "/customers.md", "docs/index.md", "blog/index.html"]},
        "audiences": {"internal": ["_handbook/"]},
    },
    "docusaurus": {
        "non_assets": {"listing": ["docs/getting-started/index.mdx", "src/pages/customers/index.md"]},
        "audiences": {"internal": ["handbook/"]},
    },
    "gatsby": {
        "non_assets": {
            "listing": ["content/customers/index.mdx", "content/product/index.mdx"],
            "data": ["content/team/"],
        },
        "audiences": {"internal": ["content/handbook/"]},
    },
    "astro": {"audiences": {"internal": ["src/content/handbook/"]}},
    "mkdocs": {
        "non_assets": {"listing": ["docs/*/index.md", "!docs/about/index.md"]},
        "audiences": {"internal": ["docs/internal/"]},
    },
}
"""What a person (or init) would add for each site besides its excludes."""


def expected(site: str) -> dict[str, Any]:
    return yaml.safe_load((SITES / site / "EXPECTED.yml").read_text(encoding="utf-8"))


def site_settings(site: str) -> dict[str, Any]:
    """Return the settings a person would write for a fixture site (see the module docstring)."""
    answer = expected(site)
    excludes = sorted({f["glob"] for f in answer["files"].values() if f["fate"] == "excluded"})
    return {
        "generator": answer["generator"],
        "sources": [{"path": ".", "exclude": [*excludes, "/EXPECTED.yml"]}],
        "urls": {"base": answer["url"]["base"]},
        "cache": False,
        **SETTINGS[site],
    }


def read_site(site: str) -> Library:
    return load_library(config_from_data(SITES / site, site_settings(site)))


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


pytestmark = pytest.mark.skipif(not SITES.is_dir(), reason="fixture sites not present")
SITE_NAMES = sorted(SETTINGS)


@pytest.mark.parametrize("site", SITE_NAMES)
def test_sites_every_file_gets_its_expected_fate(site: str) -> None:
    answer = expected(site)["files"]
    fates = {f.path: f for f in read_site(site).fates}
    assert set(fates) - {"EXPECTED.yml"} == set(answer)
    wrong = {
        path: (fates[path].fate, fates[path].rule)
        for path, want in answer.items()
        if fates[path].fate != want["fate"]
        or (want["fate"] == "excluded" and fates[path].rule != want["glob"])
    }
    assert wrong == {}


@pytest.mark.parametrize("site", SITE_NAMES)
def test_sites_assets_get_their_audience_and_draft_status(site: str) -> None:
    answer = expected(site)["files"]
    library = read_site(site)
    got = {a.path: (a.audience, a.status == "draft") for a in library.assets}
    want = {
        path: ("internal" if f.get("audience") == "internal" else "buyer", f.get("status") == "draft")
        for path, f in answer.items()
        if f["fate"] == "asset"
    }
    assert {p: got[p] for p in want} == want


@pytest.mark.parametrize("site", SITE_NAMES)
def test_sites_broken_file_is_the_one_problem(site: str) -> None:
    answer = expected(site)["files"]
    broken = [p for p, f in answer.items() if f["fate"] == "problem"]
    library = read_site(site)
    assert sorted({p.path for p in library.problems if p.severity == "error"}) == broken


@pytest.mark.parametrize("site", SITE_NAMES)
def test_sites_reading_changes_no_file(site: str) -> None:
    before = tree_hashes(SITES / site)
    read_site(site)
    assert tree_hashes(SITES / site) == before


URL_SETTINGS: dict[str, dict[str, Any]] = {
    "hugo": {
        "sources": [{"path": "content", "exclude": ["legal/"], "url": "/{dir}/{slug}/"}],
        "non_assets": {
            "listing": ["_index.md", "!/pricing/_index.md", "!/about/_index.md"],
            "bundle": ["snippets/"],
        },
    },
    "mkdocs": {
        "sources": [{"path": "docs", "exclude": ["stylesheets/"]}],
        "urls": {"pattern": "/{path}/"},
        "non_assets": {"listing": ["*/index.md", "!about/index.md"]},
    },
    "gatsby": {
        "sources": [
            {"path": "content/pages", "url": "/{slug}/"},
            {"path": "content", "exclude": ["team/", "snippets/"], "url": "/{dir}/{slug}/"},
        ],
        "non_assets": {"listing": ["customers/index.mdx", "product/index.mdx"]},
    },
}
"""Sites whose routes one pattern per source describes, with each source's globs."""


@pytest.mark.parametrize(
    ("folder", "pattern", "count"),
    [
        # /blog/2023/10/03/cost-of-no-shows from a dated name, /blog/x from ``slug: x``.
        ("blog", "/blog/{date}/{slug}", 6),
        # Number prefixes dropped, ``id`` and a relative ``slug`` rename the last part, an
        # absolute ``slug`` is taken from /docs/, an index stands for its folder.
        ("docs", "/docs/{doc}", 8),
    ],
)
def test_sites_docusaurus_routes_match_the_answer_key(folder: str, pattern: str, count: int) -> None:
    answer = expected("docusaurus")
    base = answer["url"]["base"]
    settings = {
        "generator": "docusaurus",
        "cache": False,
        "sources": [{"path": folder, "url": pattern}],
        "urls": {"base": base},
    }
    library = load_library(config_from_data(SITES / "docusaurus", settings))
    want = {
        path: base.rstrip("/") + f["url"] if f["url"] else ""  # a draft has none
        for path, f in answer["files"].items()
        if path.startswith(folder + "/") and f["fate"] == "asset"
    }
    assert len(want) == count and {a.path: a.url for a in library.assets if a.path in want} == want


@pytest.mark.parametrize("site", sorted(URL_SETTINGS))
def test_sites_asset_urls_match_the_expected_routes(site: str) -> None:
    answer = expected(site)
    base = answer["url"]["base"]
    settings = {"generator": answer["generator"], "cache": False, **URL_SETTINGS[site]}
    settings["urls"] = {"base": base, **settings.get("urls", {})}
    library = load_library(config_from_data(SITES / site, settings))
    want = {
        path: base.rstrip("/") + f["url"]
        for path, f in answer["files"].items()
        if f["fate"] == "asset" and f.get("url")
    }
    got = {a.path: a.url for a in library.assets if a.path in want}
    assert got == want


def test_sites_hugo_pages_never_rendered_have_no_address() -> None:
    """``build: {render: never}``: Hugo makes no page, so no kit or play may link to one."""
    answer = expected("hugo")
    settings = {
        "generator": "hugo",
        "cache": False,
        **URL_SETTINGS["hugo"],
        "urls": {"base": answer["url"]["base"]},
    }
    library = load_library(config_from_data(SITES / "hugo", settings))
    never = {
        p for p, f in answer["files"].items() if f["fate"] == "asset" and "url" in f and f["url"] is None
    }
    assert never == {"content/handbook/demo-script.md", "content/handbook/sales-process.md"}
    assert {a.path: a.url for a in library.assets if a.path in never} == dict.fromkeys(never, "")
    assert all(a.url for a in library.assets if a.path.startswith("content/blog/"))


@pytest.mark.parametrize(
    ("build", "url"), [("{render: link}", ""), ("{render: always}", "https://x.example/api/")]
)
def test_sites_hugo_pages_rendered_as_a_link_only_have_no_address(build: str, url: str) -> None:
    """OpenTelemetry's site has 37 stubs with ``build: {render: link}`` and a ``redirect``: Hugo
    writes no page of them (only lists and menus link to their address), so neither may a kit."""
    rules = config_from_data(
        Path("/tmp"), {"generator": "hugo", "urls": {"base": "https://x.example/", "pattern": "/{path}/"}}
    ).rules
    text = f"---\ntitle: API\nredirect: https://elsewhere.example/\nbuild: {build}\n---\n"
    asset, _ = parse_asset(
        "content/api.md", "api", text.encode(), Vocabulary(("awareness",), ("risk",), ()), rules
    )
    assert asset is not None and asset.url == url
