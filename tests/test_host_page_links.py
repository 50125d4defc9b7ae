"""Links that reach a page the way the live site serves it: a link naming a page's file goes
where the host's rules send the page's address (`stagemap.render.routelinks.RouteLinks._hosted`),
a link to the ``index.html`` a generator writes a page to reaches the page (`RouteLinks._writes`),
and Vercel's ``cleanUrls`` serves a moved address from a file whatever the pages' ending."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import QUIET_CONFIG, write
from tests.test_host_redirects import HEAD, _dead, _links, run

BASE = "urls: {base: 'https://quillmoor.example/'}\n"
SITES = {
    "hugo": ({"hugo.toml": "baseURL = 'https://quillmoor.example/'\n"}, "content", "/{path}/"),
    "jekyll": ({"_config.yml": "title: Quillmoor\n"}, ".", "/{path}/"),
    "eleventy": ({"eleventy.config.js": "export default function () {}\n"}, ".", "/{path}/"),
    "mkdocs": ({"mkdocs.yml": "site_name: Quillmoor\n"}, "docs", "/{path}/"),
    "docusaurus": ({"docusaurus.config.js": "module.exports = {};\n"}, "docs", "/docs/{path}"),
    "astro": ({"astro.config.mjs": "export default {};\n"}, "src/content/docs", "/{path}/"),
    "gatsby": ({"gatsby-config.js": "module.exports = {};\n"}, "content", "/{path}/"),
}


def _site(
    tmp_path: Path, generator: str, pages: dict[str, str], extra: dict[str, str], base: str = ""
) -> Path:
    files, folder, url = SITES[generator]
    pre = "" if folder == "." else folder + "/"
    config = QUIET_CONFIG + base + f"generator: {generator}\nsources: [{{path: {folder}, url: '{url}'}}]\n"
    return write(
        tmp_path, {"stagemap.yml": config, **files, **extra, **{pre + k: v for k, v in pages.items()}}
    )


def _built(root: Path, out: Path, page: str) -> list[str]:
    assert run(root, "build", "-o", str(out))[0] == 0
    return re.findall(r'<a href="([^"]*)">\d+</a>', (out / "assets" / page).read_text("utf-8"))


def test_a_link_to_a_page_file_follows_a_forced_rule_at_its_address(tmp_path: Path) -> None:
    """'/pens/ /inks/ 301!' is forced: the browser asked for /pens/, the address Hugo writes for
    a link to pens.md (or a ref to it), is sent to the inks page. A link to the file reached the
    pens page all the same; one written as the address was redirected. A rule that is not forced
    gives way to the page built at its address, so a link to nibs.md still reaches nibs."""
    links = "pens.md /pens/ pens.md#colours nibs.md /nibs/"
    pages = {
        "pens.md": HEAD.format(title="Pens") + "Fountain pens.\n",
        "inks.md": HEAD.format(title="Inks") + "## Colours\n\nBlue-black.\n",
        "nibs.md": HEAD.format(title="Nibs") + "Fine and broad.\n",
        "paper.md": HEAD.format(title="Paper") + "Cotton paper.\n",
        "start.md": HEAD.format(title="Start") + _links(links),
    }
    rules = {"static/_redirects": "/pens/  /inks/  301!\n/nibs/  /paper/  301\n"}
    root = _site(tmp_path / "site", "hugo", pages, rules)
    assert run(root, "check", "--links")[2] == ""
    found = _built(root, tmp_path / "out", "start.html")
    assert found == ["inks.html", "inks.html", "inks.html#h-colours", "nibs.html", "nibs.html"]


def test_a_link_to_a_page_file_follows_a_vercel_redirect_and_a_forced_error(tmp_path: Path) -> None:
    """A Vercel redirect is served before any file, and a forced 404 ends the request: a link
    to the file of a page at such an address goes where a link to the address goes."""
    vercel = '{"redirects": [{"source": "/docs/guides/pens", "destination": "/docs/guides/inks"}]}\n'
    pages = {
        "guides/pens.md": HEAD.format(title="Pens") + "Fountain pens.\n",
        "guides/inks.md": HEAD.format(title="Inks") + "Blue-black.\n",
        "guides/gone.md": HEAD.format(title="Gone") + "Retired.\n",
        "guides/start.md": HEAD.format(title="Start") + _links("pens.md gone.md"),
    }
    root = _site(tmp_path / "site", "docusaurus", pages, {"vercel.json": vercel})
    assert _built(root, tmp_path / "out", "guides/start.html") == ["inks.html", "gone.html"]
    root = _site(tmp_path / "site2", "hugo", {k.partition("/")[2]: v for k, v in pages.items()}, {})
    (root / "static").mkdir()
    (root / "static/_redirects").write_text("/gone/  /404.html  404!\n", "utf-8")
    out = run(root, "check", "--links")[2]
    assert "link to 'gone.md' leads to a route where the host serves an error (404" in out


@pytest.mark.parametrize("generator", ["hugo", "jekyll", "eleventy"])
def test_a_link_to_the_index_html_a_generator_writes_reaches_the_page(tmp_path: Path, generator: str) -> None:
    """Hugo, Jekyll and Eleventy write a page at '/guides/setup/' to guides/setup/index.html,
    which any host serves: a link to that file was reported as leading nowhere, as were the
    home page's and a listing's. A page written to about.html has no about/index.html, and no
    page is at '/guides/setup.html'."""
    links = "/guides/setup/index.html ../../guides/setup/index.html /index.html /about/index.html /guides/setup.html"
    about = "---\ntitle: About\nurl: /about.html\nstages: [awareness]\nquestions: [problems]\n---\n"
    pages = {
        "guides/setup.md": HEAD.format(title="Setup") + "Fill the converter.\n",
        "about.md": (about.replace("url:", "permalink:") if generator != "hugo" else about)
        + "We make pens.\n",
        "news/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = _site(tmp_path / "site", generator, pages, {})
    start = "news/start.md" if generator != "hugo" else "content/news/start.md"
    assert run(root, "check", "--links")[2] == _dead(start, links, "/about/index.html /guides/setup.html")
    found = _built(root, tmp_path / "out", "news/start.html")
    assert found[:2] == ["../guides/setup.html", "../guides/setup.html"]


def test_a_hugo_listing_is_there_at_its_index_html(tmp_path: Path) -> None:
    """A section's list page Hugo writes to guides/index.html: a link to it reaches the listing."""
    pages = {
        "guides/_index.md": "---\ntitle: Guides\n---\n",
        "guides/setup.md": HEAD.format(title="Setup") + "Fill the converter.\n",
        "start.md": HEAD.format(title="Start") + _links("/guides/index.html /guides/"),
    }
    root = _site(tmp_path / "site", "hugo", pages, {}, BASE)
    assert run(root, "check", "--links")[2] == ""


@pytest.mark.parametrize("generator", ["mkdocs", "docusaurus", "astro", "gatsby"])
def test_clean_urls_serves_a_moved_address_from_its_file_on_every_generator(
    tmp_path: Path, generator: str
) -> None:
    """With 'cleanUrls', '/missing.html' is only moved to '/missing', which Vercel serves from a
    file that is not there: on a site with an address it was taken to reach the live site on
    these generators (whose pages do not end in '.html'), while Hugo's and Jekyll's reported it.
    '/guides/setup.html' is moved to '/guides/setup', which the page is served at."""
    links = "/missing.html /nothing/index.html /guides/setup.html /guides/setup/index.html"
    pages = {
        "guides/setup.md": HEAD.format(title="Setup") + "Fill the converter.\n",
        "news/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = _site(tmp_path / "site", generator, pages, {"vercel.json": '{"cleanUrls": true}\n'}, BASE)
    folder = SITES[generator][1]
    dead = "/missing.html /nothing/index.html"
    assert run(root, "check", "--links")[2] == _dead(f"{folder}/news/start.md", links, dead)
