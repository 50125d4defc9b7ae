"""Where Vercel alone hosts a site without cleanUrls, a link to '/about' for a page written at
'/about.html' leads nowhere (`stagemap.read.hostrule.EXACT`), unless vercel.json has a rule
stagemap does not follow, which may serve it: Vercel's older 'routes', a regular expression, a
fallback over every route, a condition ('has', 'missing'). Then nothing is said of such links,
as before. A rewrite of every route to its '.html' address is read: the route is served."""

from __future__ import annotations

from pathlib import Path

import pytest

from stagemap.read.hostrule import host_rule, matched, trailing_slash
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


def _notes_site(tmp_path: Path, vercel: str, links: str) -> Path:
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: jekyll\nsources: [{path: ., url: '/{file}.html'}]\n",
        "_config.yml": "title: Tallowmere Candles\n",
        "vercel.json": vercel,
        "about.md": HEAD.format(title="About") + "Candles poured by hand since 1987.\n",
        "notes/v1.2.md": HEAD.format(title="Wick notes 1.2") + "Cotton wicks from this release on.\n",
        "start.md": HEAD.format(title="Start") + _links(links),
    }
    return write(tmp_path, files)


def _nowhere(line: int, link: str, page: str) -> str:
    said = SAID.replace("/about.html", f"/{page}.html")
    fix = FIX.replace("/about.html", f"/{page}.html")
    return f"start.md:{line}:5: warning: link to '{link}' {said} ({fix})\n"


def test_trailing_slash_true_leaves_a_route_whose_last_part_has_a_dot_to_the_rewrite(tmp_path: Path) -> None:
    """trailingSlash: true adds a slash only where the last part of the route has no dot, and
    takes it off where that part names a file (Vercel's convertTrailingSlash): '/notes/v1.2/'
    moves to '/notes/v1.2', which the '.html' rewrite serves from notes/v1.2.html. The rewrite
    was dropped whenever trailingSlash was true, and both links were said to lead nowhere;
    '/about' still moves to '/about/', which the rewrite does not match."""
    rewrite = '"rewrites": [{"source": "/:path*", "destination": "/:path*.html"}]'
    links = "/notes/v1.2 /notes/v1.2/ /about /about/"
    root = _notes_site(tmp_path, "{" + rewrite + ', "trailingSlash": true}\n', links)
    assert run(root, "check", "--links")[2] == _nowhere(10, "/about", "about") + _nowhere(
        12, "/about/", "about"
    )
    (root / "vercel.json").write_text('{"trailingSlash": true}\n')  # (no rewrite: neither is the file)
    assert run(root, "check", "--links")[2] == (
        _nowhere(6, "/notes/v1.2", "notes/v1.2")
        + _nowhere(8, "/notes/v1.2/", "notes/v1.2")
        + _nowhere(10, "/about", "about")
        + _nowhere(12, "/about/", "about")
    )


def test_trailing_slash_true_keeps_a_redirect_from_a_file_address(tmp_path: Path) -> None:
    """A redirect from '/old.html' was dropped under trailingSlash: true, as if Vercel moved
    '/old.html' to '/old.html/' first: it does not (the last part has a dot), and moves
    '/old.html/' to '/old.html', so both are redirected. A source '/gone.html/' is the one no
    request reaches."""
    vercel = (
        '{"trailingSlash": true, "redirects": [{"source": "/old.html", "destination": "/about.html"},'
        ' {"source": "/gone.html/", "destination": "/about.html"}]}\n'
    )
    root = _notes_site(tmp_path, vercel, "/old.html /old.html/ /gone.html")
    assert run(root, "check", "--links")[2] == (
        "start.md:10:5: warning: link to '/gone.html' leads nowhere (point it at a content file,"
        " a page's route or a file in the site's static folders)\n"
    )


def test_trailing_slash_as_vercel_moves_a_route_before_a_pattern_is_matched() -> None:
    """A pattern's source is matched after the move, which hangs on the route asked for, not
    only on the source: under true, '/notes/:slug' matches '/notes/v1.2' (and '/notes/v1.2/',
    moved there) but not '/notes/intro', moved to '/notes/intro/'; a last part with a dot but
    no file's ending ('v1.', 'a.b-c') and '/.well-known' are left as they are."""
    rule = host_rule("/notes/:slug", "/wicks/:slug", 308, True, False, trailing=True)
    assert rule is not None
    assert [matched(rule, r) for r in ("/notes/v1.2", "/notes/v1.2/", "/notes/intro", "/notes/intro/")] == [
        "/wicks/v1.2",
        "/wicks/v1.2",
        None,
        None,
    ]
    assert [matched(rule, r) for r in ("/notes/v1.", "/notes/v1./", "/notes/a.b-c/")] == [
        "/wicks/v1.",
        None,
        None,
    ]
    assert trailing_slash([".well-known", "brand"], False, True) is False
    assert trailing_slash(["brand"], False, True) is True
    assert trailing_slash(["brand"], True, False) is False
    slashed = host_rule("/notes/:slug/", "/wicks/:slug/", 308, True, True, trailing=True)
    assert slashed is not None
    assert [matched(slashed, r) for r in ("/notes/intro", "/notes/v1.2/")] == ["/wicks/intro/", None]


def test_a_rewrite_may_have_transforms_and_an_unknown_key_turns_exact_paths_off(tmp_path: Path) -> None:
    """Vercel's schema allows 'transforms' in a rewrite (the path the code behind it is told):
    the rule was said to break the schema and dropped, so '/about' got a false warning too. A
    key stagemap does not know may be one a newer Vercel allows: it is not said to break the
    schema; the rule is passed by, and links to '/about' are taken to reach the page, as for
    any rule stagemap does not follow. 'status', and a rewrite's 'permanent', still break it."""
    transforms = '"transforms": [{"type": "request.path", "op": "set", "args": "/:path*"}]'
    rewrite = '{"source": "/:path*", "destination": "/:path*.html", ' + transforms + "}"
    root = _site(tmp_path, '{"rewrites": [' + rewrite + "]}\n")
    assert run(root, "check", "--links")[2] == SLASH
    (root / "vercel.json").write_text(
        '{"rewrites": [{"source": "/shop/:item", "destination": "/about", "cacheHint": "warm"}]}\n'
    )
    assert run(root, "check", "--links")[2] == (
        "vercel.json:1:66: warning: stagemap cannot follow rewrites[0] in vercel.json: it has a key"
        " stagemap does not know, 'cacheHint' (if Vercel's documentation names it, stagemap passes"
        " the rule by, as what it does cannot be told; if not, Vercel refuses the file)\n"
    )
    (root / "vercel.json").write_text(
        '{"rewrites": [{"source": "/shop/:item", "destination": "/about", "permanent": true}]}\n'
    )
    assert run(root, "check", "--links")[2] == BARE + SLASH + (
        "vercel.json:1:66: warning: rewrites[0] in vercel.json breaks Vercel's schema, so Vercel will"
        " not deploy the site: it has a key Vercel's schema does not allow, 'permanent' (move it to"
        " 'redirects', or remove it)\n"
    )


def test_a_rewrite_to_a_route_whose_page_is_at_its_html_address_leads_nowhere(tmp_path: Path) -> None:
    """'/shop/:item' to '/about' was taken to reach about.html, though Vercel, serving each file
    at its own path, finds no file at '/about' after the rewrite; with the '.html' rewrite too,
    '/about' is served from about.html, and so is the route rewritten there."""
    root = _site(tmp_path, '{"rewrites": [{"source": "/shop/:item", "destination": "/about"}]}\n')
    (root / "start.md").write_text(HEAD.format(title="Start") + _links("/shop/beeswax /about.html"))
    assert run(root, "check", "--links")[2] == _nowhere(6, "/shop/beeswax", "about")
    html = '{"source": "/:path*", "destination": "/:path*.html"}'
    (root / "vercel.json").write_text(
        '{"rewrites": [{"source": "/shop/:item", "destination": "/about"}, ' + html + "]}\n"
    )
    assert run(root, "check", "--links")[2] == ""
