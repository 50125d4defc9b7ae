"""Where Vercel alone hosts a site without cleanUrls, a link to '/about' for a page written at
'/about.html' leads nowhere (`stagemap.read.hostrule.EXACT`), unless vercel.json has a rule
stagemap does not follow, which may serve it: Vercel's older 'routes', a regular expression, a
fallback over every route, a condition ('has', 'missing'). Then nothing is said of such links,
as before. A rewrite of every route to its '.html' address is read: the route is served."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import QUIET_CONFIG, write
from tests.test_host_redirects import HEAD, _links, run

LINKS = "/about /about/ /about.html"
SAID = "leads nowhere on Vercel, which serves that page at /about.html only (vercel.json sets no cleanUrls)"
FIX = 'link to /about.html, or set "cleanUrls": true in vercel.json'
BARE = f"start.md:6:5: warning: link to '/about' {SAID} ({FIX})\n"
SLASH = f"start.md:8:5: warning: link to '/about/' {SAID} ({FIX})\n"


def _site(tmp_path: Path, vercel: str) -> Path:
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: jekyll\nsources: [{path: ., url: '/{file}.html'}]\n",
        "_config.yml": "title: Tallowmere Candles\n",
        "vercel.json": vercel,
        "about.md": HEAD.format(title="About") + "Candles poured by hand since 1987.\n",
        "start.md": HEAD.format(title="Start") + _links(LINKS),
    }
    return write(tmp_path, files)


@pytest.mark.parametrize(
    "vercel",
    [
        '{"routes": [{"handle": "filesystem"}, {"src": "/(.*)", "dest": "/$1.html"}]}',
        '{"rewrites": [{"source": "/((?!assets/).*)", "destination": "/$1.html"}]}',
        '{"rewrites": [{"source": "/:slug", "destination": "/:slug.html",'
        ' "has": [{"type": "host", "value": "tallowmere.example"}]}]}',
        '{"rewrites": [{"source": "/:page*", "destination": "/shop"}]}',
    ],
    ids=["legacy-routes", "regex", "has", "fallback"],
)
def test_a_rule_stagemap_cannot_follow_says_nothing_of_extensionless_links(
    tmp_path: Path, vercel: str
) -> None:
    """Each of these rules was passed by, and the links it serves were said to lead nowhere, with
    a hint (set cleanUrls) that Vercel refuses beside 'routes'."""
    assert run(_site(tmp_path, vercel + "\n"), "check", "--links")[2] == ""


def test_a_rewrite_to_the_html_address_serves_the_route_without_a_slash(tmp_path: Path) -> None:
    """'/:path*' to '/:path*.html' is Vercel's usual way to serve '/about' from about.html; its
    source, read strictly, matches no route ending in a slash, so '/about/' still leads nowhere,
    unless trailingSlash is false (it moves '/about/' to '/about' first); both do where it is
    true (it moves '/about' to '/about/'). A vercel.json with no rules: both, as before."""
    rewrite = '"rewrites": [{"source": "/:path*", "destination": "/:path*.html"}]'
    root = _site(tmp_path, "{" + rewrite + "}\n")
    assert run(root, "check", "--links")[2] == SLASH
    (root / "vercel.json").write_text('{"rewrites": [{"source": "/:path+", "destination": "/:path.html"}]}')
    assert run(root, "check", "--links")[2] == SLASH
    (root / "vercel.json").write_text("{" + rewrite + ', "trailingSlash": false}')
    assert run(root, "check", "--links")[2] == ""
    (root / "vercel.json").write_text("{" + rewrite + ', "trailingSlash": true}')
    assert run(root, "check", "--links")[2] == BARE + SLASH
    (root / "vercel.json").write_text('{"buildCommand": "jekyll build"}')
    assert run(root, "check", "--links")[2] == BARE + SLASH
