"""Links the host's redirects lead on: on a site Vercel serves with ``cleanUrls``, it redirects
``/x.html`` to ``/x`` and serves that from the file ``x.html`` (or ``x/index.html``), a page's
or a static folder's (`stagemap.analyse.hostrouting.HostRouting.clean_moved`,
`HostRouting.static`); a link naming a source file that is not there is reported whatever rule
its address matches."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import QUIET_CONFIG, write
from tests.test_host_redirects import HEAD, _dead, _links, run

CLEAN = '{"cleanUrls": true}\n'
BASE = "urls: {base: 'https://fernhollow.example/'}\n"


def test_a_missing_html_file_is_reported_though_clean_urls_moves_the_link(tmp_path: Path) -> None:
    """'/missing.html' only redirects to '/missing', which Vercel serves from missing.html: on a
    site with an address, a link to it was taken to reach the live site once the redirect was
    followed, and no longer reported; so was '/nothing/index.html'. A page's '.html' address
    and a folder's index still reach the page."""
    links = "/missing.html docs/missing.html /nothing/index.html /team.html team.html /docs/index.html"
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: jekyll\n"
        + BASE
        + "sources: [{path: ., url: '/{path}.html'}]\n",
        "_config.yml": "title: Fernhollow Tea\n",
        "vercel.json": CLEAN,
        "team.md": HEAD.format(title="Team") + "Four blenders.\n",
        "docs/index.md": HEAD.format(title="Docs") + "Brewing notes.\n",
        "about.md": HEAD.format(title="About") + _links(links),
    }
    root = write(tmp_path, files)
    dead = "/missing.html docs/missing.html /nothing/index.html"
    assert run(root, "check", "--links")[2] == _dead("about.md", links, dead)


def test_a_missing_html_file_of_a_hugo_site_is_reported_with_clean_urls(tmp_path: Path) -> None:
    """The same on Hugo, whose pages are at '/x/': '/plans.html' reaches the plans page (Vercel
    serves '/plans' from plans/index.html), '/legacy/missing.html' nothing."""
    links = "/legacy/missing.html /nothing/index.html /plans.html /plans/index.html /plans"
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: hugo\n"
        + BASE
        + "sources: [{path: content, url: '/{path}/'}]\n",
        "hugo.toml": "baseURL = 'https://fernhollow.example/'\n",
        "vercel.json": CLEAN,
        "content/plans.md": HEAD.format(title="Plans") + "A monthly tin.\n",
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    dead = "/legacy/missing.html /nothing/index.html"
    assert run(root, "check", "--links")[2] == _dead("content/start.md", links, dead)


def test_a_page_the_site_makes_is_there_at_its_html_address_with_clean_urls(tmp_path: Path) -> None:
    """A review of 737cbb2: '/index.html' (the home page Hugo makes from its layouts, with no
    _index.md) and '/tags/index.html' (a list page Hugo makes) were reported once cleanUrls moved
    them; Vercel serves them from the files Hugo writes."""
    links = "/index.html /tags/index.html /gone/index.html"
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: hugo\n"
        + BASE
        + "sources: [{path: content, url: '/{path}/'}]\n",
        "hugo.toml": "baseURL = 'https://fernhollow.example/'\n",
        "vercel.json": CLEAN,
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == _dead("content/start.md", links, "/gone/index.html")


def test_a_static_html_file_is_served_at_its_clean_address(tmp_path: Path) -> None:
    """public/legacy/menu.html is served at '/legacy/menu', where '/legacy/menu.html' redirects:
    both links reach it (the first was taken for the route 'legacy/menu', the second never
    found it), and the built page links the copy of it, with or without a site address."""
    links = "/legacy/menu.html /legacy/menu /legacy/ /legacy/index.html"
    for base in ("", BASE):
        files = {
            "stagemap.yml": QUIET_CONFIG
            + "generator: astro\n"
            + base
            + "sources: [{path: src/content/blog, url: '/blog/{path}/'}]\n",
            "astro.config.mjs": "export default {};\n",
            "vercel.json": CLEAN,
            "public/legacy/menu.html": "<p>The winter menu</p>\n",
            "public/legacy/index.html": "<p>Old pages</p>\n",
            "src/content/blog/brew.md": HEAD.format(title="Brew") + _links(links),
        }
        root = write(tmp_path / f"site{len(base)}", files)
        assert run(root, "check", "--links")[2] == ""
        out = tmp_path / f"out{len(base)}"
        assert run(root, "build", "-o", str(out))[0] == 0
        page = (out / "assets/brew.html").read_text("utf-8")
        for i, copy in enumerate(("menu.html", "menu.html", "index.html", "index.html")):
            assert f'<a href="../public/legacy/{copy}">{i}</a>' in page
        assert (out / "public/legacy/menu.html").is_file()


def test_without_clean_urls_a_static_html_file_is_only_at_its_own_address(tmp_path: Path) -> None:
    """With no 'cleanUrls', '/legacy/menu' is no address of public/legacy/menu.html."""
    links = "/legacy/menu.html /legacy/menu"
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: astro\nsources: [{path: src/content/blog, url: '/blog/{path}/'}]\n",
        "astro.config.mjs": "export default {};\n",
        "public/legacy/menu.html": "<p>The winter menu</p>\n",
        "src/content/blog/brew.md": HEAD.format(title="Brew") + _links(links),
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == _dead("src/content/blog/brew.md", links, "/legacy/menu")


def test_a_missing_source_file_is_reported_though_a_rule_covers_its_address(tmp_path: Path) -> None:
    """A rule sends every address under '/recipes/' to the handbook. A link written as a source
    file ('/recipes/chai.md') names a file that is not there: Hugo writes it as it is, and only
    the catch-all rule takes the reader anywhere, not to the page meant. It was reported before
    rules were judged by where they lead, then no longer; it is again. '/recipes/chai.html', an
    address, still reaches the handbook."""
    links = "/recipes/chai.md ../recipes/chai.md /recipes/chai.html /recipes/chai"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: hugo\nsources: [{path: content, url: '/{path}/'}]\n",
        "hugo.toml": "baseURL = 'https://fernhollow.example/'\n",
        "static/_redirects": "/recipes/*  /handbook/  301\n",
        "content/handbook.md": HEAD.format(title="Handbook") + "Steeping times.\n",
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    dead = "/recipes/chai.md ../recipes/chai.md"
    assert run(root, "check", "--links")[2] == _dead("content/start.md", links, dead)


def test_a_static_html_file_at_a_clean_address_shadows_a_rewrite(tmp_path: Path) -> None:
    """Vercel's rewrites apply only where no file is: with 'cleanUrls', public/legacy/menu.html
    is the file at '/legacy/menu', so a rewrite there does not reach the blog post."""
    rewrite = '{"cleanUrls": true, "rewrites": [{"source": "/legacy/menu", "destination": "/blog/brew/"}]}'
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: astro\nsources: [{path: src/content/blog, url: '/blog/{path}/'}]\n",
        "astro.config.mjs": "export default {};\n",
        "vercel.json": rewrite + "\n",
        "public/legacy/menu.html": "<p>The winter menu</p>\n",
        "src/content/blog/brew.md": HEAD.format(title="Brew") + "Steep it.\n",
        "src/content/blog/start.md": HEAD.format(title="Start") + _links("/legacy/menu /legacy/menu.html"),
    }
    root = write(tmp_path / "site", files)
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert '<a href="../public/legacy/menu.html">0</a>' in page
    assert '<a href="../public/legacy/menu.html">1</a>' in page
