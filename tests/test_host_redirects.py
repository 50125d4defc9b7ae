"""A site's host redirects and rewrites (Netlify's ``_redirects`` and ``netlify.toml``, Vercel's
``vercel.json``): a link to a route a rule covers reaches where the rule leads."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli import loading
from stagemap.cli.app import cli
from stagemap.read.hostredirects import HostRule, host_files, matched, netlify_file, netlify_toml, vercel_json
from tests.conftest import QUIET_CONFIG, write
from tests.test_unchanged_build import LibraryRead, age, read_again, rewrite, run_build

HEAD = "---\ntitle: {title}\nstages: [awareness]\nquestions: [problems]\n---\n"
HINT = "(point it at a content file, a page's route or a file in the site's static folders)"


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def _links(links: str) -> str:
    return "".join(f"[{i}]({link})\n\n" for i, link in enumerate(links.split()))


def _dead(page: str, links: str, dead: str) -> str:
    """The warnings `check --links` gives for the links of ``dead`` among ``links`` on ``page``."""
    at = {link: f"{6 + 2 * i}:{4 + len(str(i))}" for i, link in enumerate(links.split())}
    return "".join(
        f"{page}:{at[link]}: warning: link to '{link}' leads nowhere {HINT}\n" for link in dead.split()
    )


NETLIFY_TOML = """\
[build]
  publish = "public"

[[redirects]]
  from = "/guides/old-descaling/"
  to = "/guides/descaling/"
  force = true

[[redirects]]
  from = "/guides/steeping"
  to = "/guides/brewing/"

[[redirects]]
  from = "/manuals/*"
  to = "/guides/:splat"
  status = 301
  force = true

[[redirects]]
  from = "/shop"
  to = "/guides/brewing/"
  query = {item = ":item"}

[[redirects]]
  from = "/careers/*"
  to = "https://jobs.kettleworks.example/:splat"
  force = true

[[redirects]]
  from = "/*"
  to = "/index.html"
  status = 200
"""
REDIRECTS = """\
# Moved in the spring catalogue.
/kettles/:model/spec   /guides/:model/   301!
/stores                /guides/stores/   302 Country=nz,au
/gone/*                /404.html         404
/stats/script.js       https://count.example/script.js  200
/old-news              /guides/news/
"""


def test_a_link_to_a_route_a_netlify_rule_covers_reaches_where_it_leads(tmp_path: Path) -> None:
    """Roadie's Gatsby site (not mirrored here: a fixture) moves old docs routes in netlify.toml
    ('[[redirects]]' from, to, force) and its pages still link to the old routes: 20 of its 47
    warnings said such a link leads nowhere, though Netlify sends it to a page of the site. A
    link to a rule's route now reaches where the rule leads (a splat's and a placeholder's part
    filled in), checked as a link there; a rule a page at its route shadows (not forced) gives
    way to the page; a rule with conditions (a query, a country), one that serves an error, and
    one over every route (a fallback) are left out, and a rule leading to a route no page has
    leads nowhere as before."""
    links = (
        "/guides/old-descaling/ /guides/steeping /manuals/brewing/ /manuals/missing/ /kettles/brewing/spec"
    )
    links += " /shop /careers/engineer /stores /gone/thing /stats/script.js /old-news /nowhere/"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: gatsby\nsources: [{path: content, url: '/{path}/'}]\n",
        "gatsby-config.js": "module.exports = { siteMetadata: { siteUrl: 'https://kettleworks.example' } };\n",
        "netlify.toml": NETLIFY_TOML,
        "static/_redirects": REDIRECTS,
        "content/guides/descaling.md": HEAD.format(title="Descaling") + "Vinegar.\n",
        "content/guides/brewing.md": HEAD.format(title="Brewing") + "Heat.\n",
        "content/guides/steeping.md": HEAD.format(title="Steeping") + "Wait.\n",
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    dead = "/manuals/missing/ /shop /stores /old-news /nowhere/"
    served = (
        "content/start.md:22:5: warning: link to '/gone/thing' leads to a route where the host serves an"
        " error (404: a rule of its redirects) (link to a page no such rule covers, or change the rule)\n"
    )
    assert sorted(err.splitlines()) == sorted((_dead("content/start.md", links, dead) + served).splitlines())
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert '<p><a href="guides/descaling.html">0</a></p>\n<p><a href="guides/steeping.html">1</a></p>' in page
    assert '<p><a href="guides/brewing.html">2</a></p>' in page
    assert '<p><a href="guides/brewing.html">4</a></p>' in page
    assert 'href="https://jobs.kettleworks.example/engineer"' in page
    assert 'href="https://count.example/script.js"' in page


def test_vercel_redirects_win_over_a_page_and_its_rewrites_do_not(tmp_path: Path) -> None:
    """Vercel serves vercel.json's 'redirects' before the site's files and its 'rewrites' only
    where no file is; a source names its parameters as path-to-regexp does (':slug', ':path*'),
    and the destination puts them back. A rule with 'has' (a condition) is left out. Vercel
    reads a source with path-to-regexp's 'strict' and 'sensitive': '/pricing' does not match
    '/pricing/' (whose page shows), nor '/support/:topic' '/support/lids/'. A redirect to a
    route a rewrite covers is followed there ('/help/other' to '/support/other' to '/plans/')."""
    vercel = """{
      "redirects": [
        {"source": "/pricing", "destination": "/plans/", "permanent": true},
        {"source": "/help/:path*", "destination": "/support/:path*"},
        {"source": "/promo", "destination": "/plans/", "has": [{"type": "query", "key": "code"}]}
      ],
      "rewrites": [
        {"source": "/support/:topic", "destination": "/plans/"},
        {"source": "/faq/:topic?", "destination": "/support/cleaning/"}
      ]
    }"""
    links = (
        "/pricing/ /pricing /help/cleaning /help/other /promo /support/cleaning/ /support/lids /support/lids/"
    )
    links += " /faq /faq/x /Pricing"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: hugo\nsources: [{path: content, url: '/{path}/'}]\n",
        "hugo.toml": "baseURL = 'https://kettleworks.example/'\ntitle = 'Kettleworks'\n",
        "vercel.json": vercel,
        "content/pricing.md": HEAD.format(title="Old pricing") + "Old.\n",
        "content/plans.md": HEAD.format(title="Plans") + "Cheap.\n",
        "content/support/cleaning.md": HEAD.format(title="Cleaning") + "Scrub.\n",
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    assert err == _dead("content/start.md", links, "/promo /support/lids/")
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert '<p><a href="pricing.html">0</a></p>\n<p><a href="plans.html">1</a></p>' in page
    assert '<p><a href="support/cleaning.html">2</a></p>\n<p><a href="plans.html">3</a></p>' in page
    assert '<p><a href="support/cleaning.html">5</a></p>\n<p><a href="plans.html">6</a></p>' in page
    assert (
        '<p><a href="support/cleaning.html">8</a></p>\n<p><a href="support/cleaning.html">9</a></p>' in page
    )
    assert '<p><a href="pricing.html">10</a></p>' in page


@pytest.mark.parametrize("included", [True, False])
def test_a_jekyll_sites_redirects_file_is_read_where_jekyll_copies_it(tmp_path: Path, included: bool) -> None:
    """Jekyll leaves out a file whose name starts with '_' unless its 'include' names it: the
    site's root '_redirects' reaches Netlify only then."""
    links = "/old-tips/"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: jekyll\nsources: [{path: ., url: '/{path}/'}]\n",
        "_config.yml": "title: Kettleworks\n" + ("include: [_redirects]\n" if included else ""),
        "_redirects": "/old-tips/ /tips/ 301\n",
        "tips.md": HEAD.format(title="Tips") + "Descale monthly.\n",
        "start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    assert err == ("" if included else _dead("start.md", links, links))


def test_an_eleventy_sites_redirects_file_is_read_when_copied_through(tmp_path: Path) -> None:
    """Eleventy copies no file that is not a template unless its configuration passes it
    through; 'addPassthroughCopy' of the input folder's '_redirects' puts it at the site's root."""
    config = "module.exports = function (c) {\n  c.addPassthroughCopy('src/_redirects');\n"
    config += "  return { dir: { input: 'src' } };\n};\n"
    links = "/old-tips/"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: eleventy\nsources: [{path: src, url: '/{path}/'}]\n",
        ".eleventy.js": config,
        "src/_redirects": "/old-tips/ /tips/\n",
        "src/tips.md": HEAD.format(title="Tips") + "Descale monthly.\n",
        "src/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == ""
    assert host_files(root, "", ("src",), "eleventy")[-1] == "src/_redirects"
    (root / ".eleventy.js").write_text(config.replace("c.addPassthroughCopy('src/_redirects');\n", ""))
    assert run(root, "check", "--links")[2] == _dead("src/start.md", links, links)


def test_the_rules_are_read_as_the_hosts_read_them() -> None:
    """A '_redirects' line's conditions leave it out, its query parameters are kept with it; a
    forced status ends in '!'; a missing status is a 301; a splat only at the end; a rule over a
    whole host is not read; a rule serving an error is kept as one; netlify.toml's 'conditions'
    leave a rule out; a broken file gives no rules, and says why."""
    text = (
        "/a /b\n/c /d 302!\n/e id=:id /f 301\n/g /h 301 Role=admin\n/i/* /j/:splat 200\n"
        "/k/*/l /m\nhttps://shop.example/* /n 301\n/o /p 410\n/q   /r   # a note\n"
    )
    assert netlify_file(text) == [
        HostRule(("a",), "/b", False),
        HostRule(("c",), "/d", True),
        HostRule(("e",), "/f", False, query=(("id", ":id"),)),
        HostRule(("i", ":splat*"), "/j/:splat", False, moved=False),
        HostRule(("o",), "/p", False, moved=False, error=410),
        HostRule(("q",), "/r", False),
    ]
    toml = '[[redirects]]\nfrom = "/s"\nto = "/t"\nconditions = {Language = ["de"]}\n'
    assert netlify_toml(toml) == []
    toml = '[[redirects]]\nfrom = "/s"\nto = "/t/:id"\nquery = {id = ":id", v = 2}\n'
    assert netlify_toml(toml) == [HostRule(("s",), "/t/:id", False, query=(("id", ":id"), ("v", "2")))]
    errors: list[tuple[str, int, int]] = []
    assert netlify_toml("[[redirects]\nfrom =", errors) == []
    assert errors[0][0].startswith("not TOML (") and errors[0][1:] == (1, 12)
    assert vercel_json('{"redirects": [{"source": "/u/(\\\\d+)", "destination": "/v"}]}') == []
    assert vercel_json("{not json") == []
    rule = HostRule(("news", ":year", ":slug"), "/blog/:year/:slug/", False)
    assert matched(rule, "/news/2024/Spring-Kettles/") == "/blog/2024/Spring-Kettles/"
    assert matched(rule, "/news/2024/") is None
    assert matched(HostRule(("i", ":splat*"), "/j/:splat", False), "/I") == "/j/"
    assert matched(HostRule(("w", ":rest+"), "/x/:rest+", False), "/w") is None
    assert matched(HostRule(("w", ":rest+"), "/x/:rest+", False), "/w/a/b") == "/x/a/b"


def test_an_edit_of_the_hosts_rules_builds_the_site_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """netlify.toml at the project's root is no file of the sources: the 'nothing changed'
    fingerprint must look at it, and serve watches it and each '_redirects'."""
    root = tmp_path / "repo"
    for name, text in {
        "gatsby-config.js": "module.exports = {};\n",
        "netlify.toml": '[[redirects]]\nfrom = "/a"\nto = "/b"\n',
        "content/b.md": "---\ntitle: B\n---\n[a](/a)\n",
    }.items():
        rewrite(root / name, text)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    age(root)
    out = tmp_path / "site"
    assert run_build(root, out)[0] == 0
    rewrite(root / "netlify.toml", '[[redirects]]\nfrom = "/a"\nto = "/c"\n')

    def read_project(*_args: object, **_kwargs: object) -> None:
        raise LibraryRead

    monkeypatch.setattr(loading, "read_project", read_project)
    assert read_again(root, out)
    assert set(host_files(root, "", ("static",), "gatsby")) == {
        "netlify.toml",
        "vercel.json",
        "static/_redirects",
    }


def test_a_docusaurus_sites_host_rules_join_its_client_redirects(tmp_path: Path) -> None:
    """On a Docusaurus site served under a path of its own ('/guide/'), the host's rules name
    whole paths, the client redirects routes below it: a host rule is read below that path (one
    outside it is no route of the site), and a forced one wins over the page the client
    redirects plugin writes at its route, as Netlify serves it over any file."""
    config = (
        "module.exports = {\n  url: 'https://kettleworks.example',\n  baseUrl: '/guide/',\n"
        "  plugins: [['@docusaurus/plugin-client-redirects', {redirects: [\n"
        "    {from: '/docs/legacy', to: '/docs/intro'}, {from: '/docs/older', to: '/docs/intro'}]}]],\n};\n"
    )
    rules = (
        "/guide/docs/old-setup /guide/docs/intro 301\n/guide/docs/moved/* /guide/docs/:splat 301\n"
        "/guide/docs/legacy /guide/docs/setup 301!\n/guide/docs/older /guide/docs/setup 301\n"
        "/docs/elsewhere /guide/docs/intro 301\n"
    )
    links = "/docs/old-setup /guide/docs/old-setup /docs/legacy /docs/older /docs/moved/intro /docs/elsewhere"
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: docusaurus\nsources: [{path: docs, url: '/docs/{doc}'}]\n"
        + "urls: {base: 'https://kettleworks.example/guide/'}\n",
        "docusaurus.config.js": config,
        "static/_redirects": rules,
        "docs/intro.md": HEAD.format(title="Intro") + "Hello.\n",
        "docs/setup.md": HEAD.format(title="Setup") + _links(links),
    }
    root = write(tmp_path, files)
    _, _, err = run(root, "check", "--links")
    assert err == _dead("docs/setup.md", links, "/docs/elsewhere")
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/setup.html").read_text("utf-8")
    assert (
        '<p><a href="intro.html">0</a></p>\n<p><a href="intro.html">1</a></p>\n'
        '<p><a href="setup.html">2</a></p>\n<p><a href="intro.html">3</a></p>\n'
        '<p><a href="intro.html">4</a></p>'
    ) in page
