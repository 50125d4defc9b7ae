"""Links that reach a page the way the live site serves it: a link naming a page's file goes
where the host's rules send the page's address (`stagemap.render.routelinks.RouteLinks._hosted`),
a link to the ``index.html`` a generator writes a page to reaches the page (`RouteLinks._writes`),
and Vercel's ``cleanUrls`` serves a moved address from a file whatever the pages' ending."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from stagemap.analyse.linkreading import LinkReading
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
def test_clean_urls_reads_a_moved_address_as_its_clean_route(tmp_path: Path, generator: str) -> None:
    """With 'cleanUrls', '/missing.html' is moved to '/missing', which Vercel serves from
    missing.html or missing/index.html, where these generators write every page (some that
    stagemap does not know one by one): it leads where '/missing' does, to the live site when
    the site has an address, nowhere when it has none. '/guides/setup.html' reaches the page."""
    links = "/missing.html /nothing/index.html /guides/setup.html /guides/setup/index.html /missing"
    pages = {
        "guides/setup.md": HEAD.format(title="Setup") + "Fill the converter.\n",
        "news/start.md": HEAD.format(title="Start") + _links(links),
    }
    vercel = {"vercel.json": '{"cleanUrls": true}\n'}
    folder = SITES[generator][1]
    assert run(_site(tmp_path / "live", generator, pages, vercel, BASE), "check", "--links")[2] == ""
    root = _site(tmp_path / "site", generator, pages, vercel)
    dead = "/missing.html /nothing/index.html /missing"
    assert run(root, "check", "--links")[2] == _dead(f"{folder}/news/start.md", links, dead)


def test_clean_urls_reaches_the_pages_a_docusaurus_plugin_makes(tmp_path: Path) -> None:
    """The blog plugin makes its index, its tags page and its pages of posts, written to
    blog/tags/index.html and so on: with 'cleanUrls', '/blog/tags.html' is moved to '/blog/tags'
    and served from there, as '/blog/tags' is (the live site). A route below the blog that the
    plugin makes no page at leads nowhere, written either way."""
    links = "/blog/index.html /blog/tags.html /blog/page/2.html /blog/tags /blog/nothing.html /blog/nothing"
    config = QUIET_CONFIG + BASE + "generator: docusaurus\n"
    config += "sources: [{path: docs, url: '/docs/{doc}'}, {path: blog, url: '/blog/{post}'}]\n"
    files = {
        "stagemap.yml": config,
        "docusaurus.config.js": "module.exports = {};\n",
        "vercel.json": '{"cleanUrls": true}\n',
        "blog/2024-03-01-nibs.md": HEAD.format(title="Nibs") + "Fine and broad.\n",
        "docs/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path / "site", files)
    assert run(root, "check", "--links")[2] == _dead(
        "docs/start.md", links, "/blog/nothing.html /blog/nothing"
    )
    found = _built(root, tmp_path / "out", "start.html")
    assert found[:4] == [
        "https://quillmoor.example/blog",
        "https://quillmoor.example/blog/tags",
        "https://quillmoor.example/blog/page/2",
        "https://quillmoor.example/blog/tags",
    ]


def test_a_rule_to_a_folder_on_the_live_site_keeps_one_slash(tmp_path: Path) -> None:
    """A forced rule at a page's address leads to '/shop/pens/', which no page here has: the
    link goes to the live site's '/shop/pens/', whether it names the page's file or its address
    (its 'to' ends in a slash already: none more is added)."""
    pages = {
        "pens.md": HEAD.format(title="Pens") + "Fountain pens.\n",
        "start.md": HEAD.format(title="Start") + _links("pens.md /pens/ /pens"),
    }
    rules = {"static/_redirects": "/pens/  /shop/pens/  301!\n"}
    root = _site(tmp_path / "site", "hugo", pages, rules, BASE)
    assert run(root, "check", "--links")[2] == ""
    assert _built(root, tmp_path / "out", "start.html") == ["https://quillmoor.example/shop/pens/"] * 3


def test_hugo_ugly_urls_write_a_term_to_its_html_file_and_a_section_to_its_folder(tmp_path: Path) -> None:
    """With 'uglyURLs', current Hugo (0.148 on) writes a term's list page to tags/steel.html,
    while the home page, a section's and a taxonomy's stay index.html (guides/index.html,
    tags/index.html): those reach their pages, and guides.html, tags.html and
    tags/steel/index.html, which the live site does not have, lead nowhere; so does a folder no
    section is, and a page's folder (it is written to setup.html)."""
    links = "/guides/index.html /news/index.html /guides.html /index.html /guides/setup.html"
    links += " /guides/setup/index.html /tags/index.html /tags.html /tags/steel.html /tags/steel/index.html"
    pages = {
        "guides/_index.md": "---\ntitle: Guides\n---\n",
        "guides/setup.md": HEAD.format(title="Setup").replace("---\n", "---\ntags: [steel]\n", 1)
        + "Fill the converter.\n",
        "start.md": HEAD.format(title="Start") + _links(links),
    }
    files = {"hugo.toml": "baseURL = 'https://quillmoor.example/'\nuglyURLs = true\n"}
    root = _site(tmp_path / "site", "hugo", pages, files)
    (root / "hugo.toml").write_text(files["hugo.toml"], "utf-8")
    dead = "/news/index.html /guides.html /guides/setup/index.html /tags.html /tags/steel/index.html"
    assert run(root, "check", "--links")[2] == _dead("content/start.md", links, dead)


def test_a_file_a_template_writes_is_no_folder(tmp_path: Path) -> None:
    """Eleventy writes 'permalink: /feed.xml' to feed.xml: '/feed.xml' reaches it, but there is
    no feed.xml/index.html for '/feed.xml/index.html' to reach."""
    links = "/feed.xml /feed.xml/index.html"
    pages = {"start.md": HEAD.format(title="Start") + _links(links)}
    feed = {
        "feed.njk": "---\npermalink: /feed.xml\n---\n<feed>{% for n in collections.all %}<entry/>{% endfor %}"
    }
    root = _site(tmp_path / "site", "eleventy", pages, feed)
    assert run(root, "check", "--links")[2] == _dead("start.md", links, "/feed.xml/index.html")


def test_the_index_html_of_the_address_a_link_names_is_judged_by_that_address(tmp_path: Path) -> None:
    """Hugo writes an alias '/team/' to team/index.html, and 'url: /pens' (no dot) to
    pens/index.html: links to those files were reported, judged by the page's own address
    ('/about.html') or taken as a file's. A page at '/about.html' still has no about/index.html."""
    links = "/team/index.html /pens/index.html /pens /about/index.html"
    about = (
        "---\ntitle: About\nurl: /about.html\naliases: [/team/]\n"
        + HEAD.partition("\n")[2].partition("\n")[2]
    )
    pens = "---\ntitle: Pens\nurl: /pens\nstages: [awareness]\nquestions: [problems]\n---\n"
    pages = {
        "about.md": about + "We make pens.\n",
        "pens.md": pens + "Fountain pens.\n",
        "start.md": HEAD.format(title="Start") + _links(links),
    }
    root = _site(tmp_path / "site", "hugo", pages, {})
    assert run(root, "check", "--links")[2] == _dead("content/start.md", links, "/about/index.html")


def test_a_page_an_eleventy_pagination_makes_is_there_at_its_index_html(tmp_path: Path) -> None:
    """An Eleventy pagination writes 'permalink: "/crews/{{ crew.slug }}/"' to
    crews/alpha/index.html: a link to that file reached nowhere, as the pages a pagination
    makes were not asked. A crew the data has not is still reported."""
    links = "/crews/alpha/index.html /crews/alpha/ /crews/omega/index.html"
    crews = (
        "---\npagination:\n  data: crews\n  size: 1\n  alias: crew\n"
        'permalink: "/crews/{{ crew.slug }}/"\n---\n<h1>{{ crew.name }}</h1>\n'
    )
    extra = {"_data/crews.json": '[{"slug": "alpha", "name": "Alpha"}, {"slug": "beta", "name": "Beta"}]'}
    pages = {"crews.njk": crews, "start.md": HEAD.format(title="Start") + _links(links)}
    root = _site(tmp_path / "site", "eleventy", pages, extra)
    assert run(root, "check", "--links")[2] == _dead("start.md", links, "/crews/omega/index.html")


def test_a_forced_rule_off_the_pages_with_no_site_address_is_named(tmp_path: Path) -> None:
    """With no site address, a forced rule sending the address of the page 'pens.md' is to
    '/shop/pens/', where no page here is, left the link leading nowhere, with a hint to point it
    at a content file, which it does: the warning names the rule's address and where it leads."""
    pages = {
        "pens.md": HEAD.format(title="Pens") + "Fountain pens.\n",
        "start.md": HEAD.format(title="Start") + _links("pens.md"),
    }
    rules = {"static/_redirects": "/pens/  /shop/pens/  301!\n"}
    root = _site(tmp_path / "site", "hugo", pages, rules)
    out = run(root, "check", "--links")[2]
    assert out.startswith(
        "content/start.md:6:5: warning: link to 'pens.md' leads to '/shop/pens/', where a forced"
    )
    assert (
        "rule of the host's (a redirect or a rewrite) at its page's address '/pens/' sends it"
        " (no page read here is there, nor can the site's address (urls.base) tell what is:" in out
    )
    assert "leads nowhere" not in out


def test_the_rules_at_a_pages_address_are_followed_once_a_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link naming a page's file asked the host's rules at the page's address each time: with
    many rules, or cleanUrls moving every '.html' address, every such link paid for it. The
    answer is kept for the plan: three pages linking to pens.md four times ask once."""
    asked: list[str] = []
    redirected = LinkReading.redirected

    def counted(self: LinkReading, route: str, *args: Any) -> str:
        asked.append(route)
        return redirected(self, route, *args)

    monkeypatch.setattr(LinkReading, "redirected", counted)
    pages = {"pens.md": HEAD.format(title="Pens") + "Fountain pens.\n"}
    for name in ("one", "two", "three"):
        pages[f"{name}.md"] = HEAD.format(title=name.title()) + _links("pens.md pens.md#top pens.md pens.md")
    rules = {"static/_redirects": "/pens/  /inks/  301\n/nibs/  /paper/  301!\n"}
    root = _site(tmp_path / "site", "hugo", pages, rules, BASE)
    assert run(root, "check", "--links")[2] == ""
    assert asked.count("/pens/") == 1
