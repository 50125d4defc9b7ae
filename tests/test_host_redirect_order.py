"""The order in which a site's host answers a request (`stagemap.analyse.hostrouting`): a file
at the route before a rule that is not forced, chains of redirects, and the cost of many rules;
and that the host's files are read only inside the project."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from stagemap.read import hostfiles, hostredirects
from stagemap.read.hostredirects import HostRule, RuleIndex, host_files, host_rules, netlify_file, read_host
from tests.conftest import QUIET_CONFIG, write
from tests.test_host_redirects import HEAD, _dead, _links, run

HUGO = {
    "stagemap.yml": QUIET_CONFIG + "generator: hugo\nsources: [{path: content, url: '/{path}/'}]\n",
    "hugo.toml": "baseURL = 'https://loomhouse.example/'\ntitle = 'Loomhouse'\n",
    "content/plans.md": HEAD.format(title="Plans") + "Looms by the month.\n",
}


def test_a_static_file_and_a_list_page_win_over_a_rule_that_is_not_forced(tmp_path: Path) -> None:
    """Netlify serves a file at a route over a rule there that is not forced: a file of the
    static folder (the splat over /downloads/ would send its PDF elsewhere) and a list page
    the generator makes (Hugo's /blog/); a forced rule still wins over them."""
    links = "/downloads/guide.pdf /blog/ /archive/"
    rules = "/downloads/*  /files/:splat\n/blog  /news/  301\n/archive/ /plans/ 301!\n"
    files = {
        **HUGO,
        "static/_redirects": rules,
        "static/downloads/guide.pdf": "%PDF-1.4 a loom guide\n",
        "content/blog/one.md": HEAD.format(title="One") + "Warp and weft.\n",
        "content/archive/two.md": HEAD.format(title="Two") + "Old looms.\n",
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == ""
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert "public/downloads/guide.pdf" in page
    assert "broken" not in page
    assert '<p><a href="plans.html">2</a></p>' in page


def test_a_draft_does_not_shadow_a_rule_and_chains_are_followed(tmp_path: Path) -> None:
    """A draft has no file on the live site: the rule at its route answers. A redirect to
    another rule's route is followed (the browser asks again); a loop still leads nowhere. A
    rule's 'from' written with percent escapes matches the route as a link reads it."""
    links = "/old/ /a /loop-one /authors/céline"
    rules = (
        "/old/ /plans/ 301\n/a /b 301\n/b /c 301\n/c /plans/ 301\n"
        "/loop-one /loop-two 301\n/loop-two /loop-one 301\n/authors/c%C3%A9line /plans/ 301\n"
    )
    files = {
        **HUGO,
        "static/_redirects": rules,
        "content/old.md": "---\ntitle: Old\ndraft: true\n---\nGone.\n",
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == _dead("content/start.md", links, "/loop-one")
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert '<p><a href="plans.html">0</a></p>\n<p><a href="plans.html">1</a></p>' in page
    assert '<p><a href="plans.html">3</a></p>' in page


def test_a_forced_pattern_rule_wins_over_a_client_redirect(tmp_path: Path) -> None:
    """Docusaurus's client redirects plugin writes a page at its 'from'; Netlify serves a forced
    rule over any file, one with a splat as one for a single route."""
    config = (
        "module.exports = {\n  url: 'https://loomhouse.example',\n  baseUrl: '/',\n"
        "  plugins: [['@docusaurus/plugin-client-redirects', {redirects: [\n"
        "    {from: '/docs/old/legacy', to: '/docs/intro'}]}]],\n};\n"
    )
    links = "/docs/old/legacy"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: docusaurus\nsources: [{path: docs, url: '/docs/{doc}'}]\n",
        "docusaurus.config.js": config,
        "static/_redirects": "/docs/old/* /docs/setup 301!\n",
        "docs/intro.md": HEAD.format(title="Intro") + "Hello.\n",
        "docs/setup.md": HEAD.format(title="Setup") + "Threading.\n",
        "docs/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == ""
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert '<p><a href="setup.html">0</a></p>' in page


def test_many_rules_cost_a_bounded_lookup_per_link(monkeypatch: pytest.MonkeyPatch) -> None:
    """A site may have thousands of rules: a link is matched only against those whose first
    word it has at that place (or with no word), and a long route reads no more of its parts
    than the rules' words reach."""
    text = "".join(f"/:lang/p{n} /x{n}\n" for n in range(2000))
    text += "".join(f"/old{n}/* /new{n}/:splat\n" for n in range(2000))
    index = RuleIndex.of(netlify_file(text))
    calls: list[HostRule] = []
    real = hostredirects.matched_parts

    def counted(
        rule: HostRule, given: list[str], slash: bool = False, query: Mapping[str, str] | None = None
    ) -> str | None:
        calls.append(rule)
        return real(rule, given, slash, query)

    monkeypatch.setattr(hostredirects, "matched_parts", counted)
    assert index.first_match("/en/p1999/") == ("/x1999", True, False)
    assert index.first_match("/old1500/a/b") == ("/new1500/a/b", True, False)
    assert index.first_match("/en/" + "w/" * 20000) is None
    assert len(calls) == 2


def test_the_hosts_files_are_read_inside_the_project_only(tmp_path: Path) -> None:
    """A static folder that is a link to a folder outside the project, and an Eleventy
    passthrough copy of a file outside it, are not read nor watched, and check says so; a
    settings file that is a link to a file inside the project is read as the host reads it."""
    outside = write(tmp_path / "outside", {"st/_redirects": "/moved /plans/ 301\n"})
    links = "/moved /renamed"
    files = {
        **HUGO,
        "hosting/netlify.toml": '[[redirects]]\nfrom = "/renamed"\nto = "/plans/"\n',
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path / "site", files)
    (root / "static").symlink_to(outside / "st")
    (root / "netlify.toml").symlink_to(root / "hosting/netlify.toml")
    outside_warning = (
        "static/_redirects:1:1: warning: the host's redirects in _redirects are not read: its folder"
        " static/ is a link to a folder outside the project (copy that folder into the project in place"
        " of the link static; until then a link to a route its rules cover is checked as if it had none)\n"
    )
    assert run(root, "check", "--links")[2] == _dead("content/start.md", links, "/moved") + outside_warning
    config = "module.exports = function (c) {\n  c.addPassthroughCopy({'../outside/st/_redirects': '_redirects'});\n};\n"
    eleventy = write(tmp_path / "eleventy", {".eleventy.js": config})
    assert host_files(eleventy, "", (), "eleventy") == ("netlify.toml", "vercel.json")
    assert hostfiles.eleventy_copied(eleventy, eleventy) == [eleventy / "../outside/st/_redirects"]
    assert [p.message for p in read_host(eleventy, "", (), "eleventy")[1]] == [
        "the host's redirects in _redirects are not read: outside the project"
    ]


def test_a_rule_over_every_route_from_some_depth_is_left_out() -> None:
    """A fallback over every route with a part or more hides every dead link as well."""
    assert netlify_file("/:lang/* /index.html 200\n/* /index.html 200\n") == []
    assert hostredirects.vercel_json('{"rewrites": [{"source": "/:path+", "destination": "/"}]}') == []


def test_the_host_reads_one_settings_file(tmp_path: Path) -> None:
    """Netlify reads the netlify.toml of the folder it builds from, not one per folder: the
    site's folder's where it has one, else the project's."""
    toml = '[[redirects]]\nfrom = "/{}"\nto = "/plans/"\n'
    root = write(tmp_path, {"netlify.toml": toml.format("top"), "site/netlify.toml": toml.format("inner")})
    assert [rule.parts for rule in host_rules(root, "site", (), "hugo")] == [("inner",)]
    (root / "site/netlify.toml").unlink()
    assert [rule.parts for rule in host_rules(root, "site", (), "hugo")] == [("top",)]
