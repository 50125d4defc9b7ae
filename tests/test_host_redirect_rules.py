"""The host's redirect files as the host reads them: one stagemap cannot read is named by
`check` (`stagemap.read.hostfiles`), an MkDocs site's is the one in its docs folder, and the
rules Netlify matches by query parameter, that serve an error, or that sign a proxy's requests
are read as Netlify reads them (`stagemap.read.hostredirects`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from stagemap.read.hostredirects import host_files
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
    path.write_text("# Tallow's old catalogue routes\n" + "/catalogue/x /guides/wax/ 301\n" * 80_000)


def _latin1(path: Path) -> None:
    path.write_bytes("/bougies-parfum\xe9es /guides/wax/ 301\n".encode("latin-1"))


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "rules.txt").write_text("/catalogue/x /guides/wax/ 301\n")


def _outside(path: Path) -> None:
    target = path.parents[2] / "elsewhere_redirects"  # (beside the project)
    target.write_text("/catalogue/x /guides/wax/ 301\n")
    path.symlink_to(target)


def _nothing(path: Path) -> None:
    path.symlink_to(path.parent / "gone")


@pytest.mark.parametrize(
    ("name", "make", "why", "fix"),
    [
        ("static/_redirects", _large, "larger than 2 MiB", "write fewer rules, with splats and placeholders"),
        ("static/_redirects", _latin1, "not UTF-8 text", "save it as UTF-8"),
        ("static/_redirects", _folder, "a folder, not a file", "the host reads a file of that name"),
        (
            "static/_redirects",
            _outside,
            "a link to a file outside the project",
            "copy the file into the project",
        ),
        ("static/_redirects", _nothing, "a link to nothing", "point the link at the file, or remove it"),
    ],
)
def test_a_redirects_file_stagemap_cannot_read_is_named(
    tmp_path: Path, name: str, make: Callable[[Path], None], why: str, fix: str
) -> None:
    """Tallow's _redirects moves its old catalogue routes; when stagemap cannot read it (too
    large, not UTF-8, a folder of that name, a link out of the project or to nothing), the links
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
    ("name", "text", "why"),
    [
        ("netlify.toml", '[[redirects]]\nfrom = "/a"\nto = /b\n', "not TOML ("),
        ("vercel.json", '{"redirects": [{"source": "/a",}]}', "not JSON ("),
    ],
)
def test_a_hosts_settings_file_that_is_not_read_is_named(
    tmp_path: Path, name: str, text: str, why: str
) -> None:
    """A netlify.toml or vercel.json with a syntax error gave no rules, and no word either."""
    root = write(tmp_path, {**HUGO, name: text, "content/start.md": HEAD.format(title="Start") + "Hi.\n"})
    err = run(root, "check")[2]
    assert f"{name}:1:1: warning: the host's redirects in {name} are not read: {why}" in err


def test_an_mkdocs_sites_redirects_file_is_read_in_its_docs_folder(tmp_path: Path) -> None:
    """MkDocs copies every file of its docs folder that is not a page to the site it builds,
    which Netlify publishes: with 'docs_dir: handbook', handbook/_redirects is the live one (the
    preset's docs/ is no folder of this site)."""
    links = "/old-wicks/ /nowhere/"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: mkdocs\nsources: [{path: handbook, url: '/{path}/'}]\n",
        "mkdocs.yml": "site_name: Tallow Handbook\nsite_url: https://tallow.example/\ndocs_dir: handbook\n",
        "handbook/_redirects": "/old-wicks/ /wicks/ 301\n",
        "handbook/wicks.md": HEAD.format(title="Wicks") + "Trim them.\n",
        "handbook/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert '<p><a href="wicks.html">0</a></p>' in page
    assert '<span class="broken-link" title="Link target not found: /nowhere/">1</span>' in page
    assert "handbook/_redirects" in host_files(root, "", ("docs",), "mkdocs")


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
    """A rule naming a query parameter ('/shop id=:id') matches a link that has it, its value
    put back in the 'to', and no link without it (it was left out: the link with it was
    reported as leading nowhere); a rule serving an error (404) ends the request there, so a
    later rule for the same route is never reached (it was left out, and the later rule made
    the link look fine), and a forced one wins over the page at its route; 'Sign=' signs a
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
    dead = "/shop?id=candles /shop /retired/lanterns /guides/tapers/ /blog/winter/feed /docs/v2/"
    assert run(root, "check", "--links")[2] == _dead("content/start.md", links, dead)
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert '<p><a href="guides/wax.html">0</a></p>' in page
    assert '<p><a href="guides/wicks.html">1</a></p>' in page
    assert 'href="https://api.tallow.example/status"' in page
