"""The host's redirect files as the host reads them: one stagemap cannot read is named by
`check` (`stagemap.read.hostfiles`), an MkDocs site's is the one in its docs folder, and the
rules Netlify matches by query parameter, that serve an error, or that sign a proxy's requests
are read as Netlify reads them (`stagemap.read.hostredirects`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from stagemap.read.hostredirects import HostRule, host_files, netlify_file, unguarded
from tests.conftest import QUIET_CONFIG, write
from tests.test_host_redirects import HEAD, _dead, _links, run

UNREAD = "until then a link to a route its rules cover is checked as if it had none"
HUGO = {
    "stagemap.yml": QUIET_CONFIG + "generator: hugo\nsources: [{path: content, url: '/{path}/'}]\n",
    "hugo.toml": "baseURL = 'https://tallow.example/'\ntitle = 'Tallow Candles'\n",
    "content/guides/wicks.md": HEAD.format(title="Wicks") + "Trim them.\n",
    "content/guides/wax.md": HEAD.format(title="Wax") + "Soy or beeswax.\n",
}


def _large(path: Path) -> None:
    path.write_text("# Tallow's old catalogue routes\n" + "/catalogue/x /guides/wax/ 301\n" * 300_000)


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "rules.txt").write_text("/catalogue/x /guides/wax/ 301\n")


def _outside(path: Path) -> None:
    target = path.parents[2] / "elsewhere_redirects"  # (beside the project)
    target.write_text("/catalogue/x /guides/wax/ 301\n")
    path.symlink_to(target)


def _nothing(path: Path) -> None:
    path.symlink_to(path.parent / "gone")


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # (opened without blocking, and not read: check goes on)


@pytest.mark.parametrize(
    ("name", "make", "why", "fix"),
    [
        ("static/_redirects", _large, "larger than 8 MiB", "write fewer rules, with splats and placeholders"),
        ("static/_redirects", _folder, "a folder, not a file", "the host reads a file of that name"),
        (
            "static/_redirects",
            _outside,
            "a link to a file outside the project",
            "copy the file into the project",
        ),
        ("static/_redirects", _nothing, "a link to nothing", "point the link at the file, or remove it"),
        (
            "static/_redirects",
            _fifo,
            "not a regular file (a pipe, device or socket)",
            "put the file itself in its place",
        ),
    ],
)
def test_a_redirects_file_stagemap_cannot_read_is_named(
    tmp_path: Path, name: str, make: Callable[[Path], None], why: str, fix: str
) -> None:
    """Tallow's _redirects moves its old catalogue routes; when stagemap cannot read it (too
    large, a folder of that name, a link out of the project or to nothing, a pipe), the links
    to those routes were reported as leading nowhere with no word of why: check names the file,
    at its first line, with why and how to fix it, as it names a configuration file it cannot
    read."""
    root = write(tmp_path / "site", {**HUGO, "content/start.md": HEAD.format(title="Start") + "Hello.\n"})
    (root / name).parent.mkdir(exist_ok=True)
    make(root / name)
    err = run(root, "check")[2]
    warning = (
        f"{name}:1:1: warning: the host's redirects in _redirects are not read: {why} ({fix}; {UNREAD})\n"
    )
    assert warning in err


@pytest.mark.parametrize(
    ("name", "text", "why", "fix"),
    [
        (
            "netlify.toml",
            '[[redirects]]\nfrom = "/a"\nto = /b\n',
            "3:6: warning: the host's redirects in netlify.toml are not read: not TOML (Invalid value"
            " (at line 3, column 6))",
            "Netlify does not build a site whose netlify.toml is not TOML",
        ),
        (
            "vercel.json",
            # (a missing comma: Python 3.13 words a trailing comma's error otherwise than 3.11)
            '{"redirects": [\n  {"source": "/a" "destination": "/b"}\n]}',
            "2:19: warning: the host's redirects in vercel.json are not read: not JSON (Expecting ','"
            " delimiter)",
            "Vercel does not build a site whose vercel.json is not JSON",
        ),
    ],
)
def test_a_hosts_settings_file_that_is_not_read_is_named(
    tmp_path: Path, name: str, text: str, why: str, fix: str
) -> None:
    """A netlify.toml or vercel.json with a syntax error gave no rules, and no word either: the
    warning is at the line and column the error is at, and says what to correct."""
    root = write(tmp_path, {**HUGO, name: text, "content/start.md": HEAD.format(title="Start") + "Hi.\n"})
    err = run(root, "check")[2]
    assert f"{name}:{why} (correct it there: {fix}; {UNREAD})\n" in err


def test_an_mkdocs_sites_redirects_file_is_read_in_its_docs_folder(tmp_path: Path) -> None:
    """MkDocs copies every file of its docs folder that is not a page to the site it builds,
    which Netlify publishes: with 'docs_dir: handbook', handbook/_redirects is the live one (the
    preset's docs/ is no folder of this site)."""
    links = "/old-wicks/ /nowhere/"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: mkdocs\nsources: [{path: handbook, url: '/{path}/'}]\n",
        "mkdocs.yml": "site_name: Tallow Handbook\nsite_url: https://tallow.example/\ndocs_dir: handbook\n",
        "handbook/_redirects": "/old-wicks/ /wicks/ 301\n",
        "docs/_redirects": "/nowhere/ /wicks/ 301\n",  # (beside it, not the docs_dir: not published)
        "handbook/wicks.md": HEAD.format(title="Wicks") + "Trim them.\n",
        "handbook/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert '<p><a href="wicks.html">0</a></p>' in page
    assert '<span class="broken-link" title="Link target not found: /nowhere/">1</span>' in page
    assert "handbook/_redirects" in host_files(root, "", ("docs",), "mkdocs")
    assert "docs/_redirects" not in host_files(root, "", ("docs",), "mkdocs")


NETLIFY_RULES = """\
/shop  id=:id  /guides/:id/  301
/retired/*  /404.html  404
/retired/lanterns  /guides/wax/  301
/guides/tapers/  /404.html  404!
/api/*  https://api.tallow.example/:splat  200  Sign=TALLOW_SECRET
/blog/*/feed  /guides/wax/  301
/docs/v:version/  /guides/wax/  301
"""


def test_netlify_rules_by_query_by_error_and_signed_are_read_as_netlify_reads_them(tmp_path: Path) -> None:
    """A rule naming a query parameter ('/shop id=:id') matches a link that has it and no other
    one, its value put back in the 'to', and no link without it (it was left out: the link with it was
    reported as leading nowhere); a rule serving an error (404) ends the request there, so a
    later rule for the same route is never reached (it was left out, and the later rule made
    the link look fine; the warning says the host serves an error there), and a forced one wins
    over the page at its route; 'Sign=' signs a
    proxy's requests and is no condition (the rule was left out); a splat before the end and a
    placeholder inside a part are left out, as before."""
    links = "/shop?id=wax /shop?ref=mail&id=wicks /shop?id=candles /shop /retired/lanterns"
    links += " /guides/tapers/ /api/status /blog/winter/feed /docs/v2/"
    files = {
        **HUGO,
        "static/_redirects": NETLIFY_RULES,
        "content/guides/tapers.md": HEAD.format(title="Tapers") + "Retired.\n",
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    dead = "/shop?ref=mail&id=wicks /shop?id=candles /shop /blog/winter/feed /docs/v2/"
    served = {"/retired/lanterns": "14:5", "/guides/tapers/": "16:5"}
    said = "".join(
        f"content/start.md:{at}: warning: link to '{link}' leads to a route where the host serves an error"
        " (404: a rule of its redirects) (link to a page no such rule covers, or change the rule)\n"
        for link, at in served.items()
    )
    err = run(root, "check", "--links")[2]
    assert sorted(err.splitlines()) == sorted((_dead("content/start.md", links, dead) + said).splitlines())
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert '<p><a href="guides/wax.html">0</a></p>' in page
    assert (
        '<p><span class="broken-link" title="Link target not found: /shop?ref=mail&amp;id=wicks">1</span></p>'
        in page
    )
    assert 'href="https://api.tallow.example/status"' in page


ROLE_RULES = """\
/closed/*  /404.html  404!
/login/  /login/  200
/members/*  /members/:splat  200!  Role=member
/members/*  /login/  401!
/*  200!  Role=staff
/*  /login/  401!
"""
ROLE_TOML = """\
[[redirects]]
from = "/stock/*"
to = "/stock/:splat"
status = 200
force = true
conditions = {Role = ["staff"]}

[[redirects]]
from = "/stock/:shelf"
to = "/login/"
status = 401
force = true
"""


def test_an_error_served_to_visitors_without_a_role_is_left_out_with_the_roles_rule(tmp_path: Path) -> None:
    """Netlify's role gating pairs a rule for a role (left out: what it does hangs on the
    visitor) with an error for everyone else, over the same routes: that error is for the
    visitor the role's rule passes by, so it is left out too (every link under /members/, and,
    over every route, every link on the site, was reported as leading nowhere). A forced error
    over every route is a fallback, left out as the others are; a forced error after no such
    rule still ends the request, and its warning says the host serves it."""
    links = "/guides/wax/ /members/wicks/ /stock/tallow /closed/lanterns/ /login/"
    files = {
        **HUGO,
        "static/_redirects": ROLE_RULES,
        "netlify.toml": ROLE_TOML,
        "content/login.md": HEAD.format(title="Log in") + "Welcome.\n",
        "content/members/wicks.md": HEAD.format(title="Member wicks") + "Long ones.\n",
        "content/stock/tallow.md": HEAD.format(title="Tallow stock") + "Plenty.\n",
        "content/closed/lanterns.md": HEAD.format(title="Lanterns") + "Retired.\n",
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == (
        "content/start.md:12:5: warning: link to '/closed/lanterns/' leads to a route where the host serves"
        " an error (404: a rule of its redirects) (link to a page no such rule covers, or change the rule)\n"
    )
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert '<p><a href="guides/wax.html">0</a></p>' in page
    assert '<p><a href="members/wicks.html">1</a></p>' in page
    assert '<p><a href="stock/tallow.html">2</a></p>' in page
    assert "pages the live site does not build" not in page  # (no draft: the host's error is no such note)


CHAINED = """\
/catalog  id=:id  /moved/:id/  301
/moved/:slug  id=:id  /nowhere/:id/  301
/moved/*  /guides/:splat  301
"""


def test_a_rule_matched_on_its_query_leaves_the_query_behind(tmp_path: Path) -> None:
    """A rule matched on query parameters replaces the request's query with its 'to''s: the
    redirect it makes asks for /moved/wax/ with no query, which the next rule naming 'id' does
    not match (the link's query was carried along the chain, and led nowhere)."""
    links = "/catalog?id=wax /catalog?id=wax&utm=mail"
    files = {
        **HUGO,
        "static/_redirects": CHAINED,
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == _dead("content/start.md", links, "/catalog?id=wax&utm=mail")


def test_a_redirects_file_with_a_byte_not_utf8_is_read_as_netlify_reads_it(tmp_path: Path) -> None:
    """One Latin-1 comment dropped the whole file, and every link its rules cover was reported
    as leading nowhere: the file is read as UTF-8 with that byte replaced, its rules kept."""
    root = write(tmp_path, {**HUGO, "content/start.md": HEAD.format(title="Start") + _links("/old-wax/")})
    (root / "static").mkdir()
    (root / "static/_redirects").write_bytes(
        "# Anciennes pages (caf\xe9)\n/old-wax/ /guides/wax/ 301\n".encode("latin-1")
    )
    assert run(root, "check", "--links")[2] == ""


def test_an_error_rule_of_placeholders_only_is_a_fallback() -> None:
    """An error over every route from some depth ('/:a/:b/*') is a fallback, left out as the
    others are: a file of tens of thousands of them cost every link a walk over each one."""
    text = "".join(f"/:a{n}/:b/:c/* /404.html 404\n" for n in range(3000))
    assert netlify_file(text + "/* /login/ 401!\n") == []
    assert netlify_file("/:year/:slug /404.html 410\n") == [
        HostRule((":year", ":slug"), "/404.html", False, False, error=410)
    ]


def test_an_error_is_left_out_only_after_a_roles_rule_and_over_routes_it_covers() -> None:
    """An error before the role's rule, or over routes it does not cover, is for every visitor:
    it is kept."""
    text = (
        "/members/old  /404.html  410\n/members/*  200!  Role=member\n/members/:id/notes  /login/  401!\n"
        "/shop/*  /404.html  404!\n/members/*  /login/  401!\n"
    )
    guards: list[tuple[int, tuple[str, ...]]] = []
    rules = netlify_file(text, guards)
    assert [r.parts for r in unguarded(rules, guards)] == [("members", "old"), ("shop", ":splat*")]
