"""What the host really serves: a ``_redirects`` line Netlify cannot read is named by `check`
(`stagemap.read.hostlines`), the address a link reaches after a rule that names query
parameters carries no query, and Vercel's ``cleanUrls`` moves ``/x.html`` to ``/x`` before
any rule of ``vercel.json`` (`stagemap.analyse.hostrouting`)."""

from __future__ import annotations

import time
from pathlib import Path

from stagemap.read.hostlines import MOST_SAID, netlify_file
from stagemap.read.hostredirects import HostRule, vercel_json
from stagemap.read.hostrule import clean_route
from tests.conftest import QUIET_CONFIG, write
from tests.test_host_redirects import HEAD, _dead, _links, run

HUGO = {
    "stagemap.yml": QUIET_CONFIG + "generator: hugo\nsources: [{path: content, url: '/{path}/'}]\n",
    "hugo.toml": "baseURL = 'https://brambleway.example/'\ntitle = 'Brambleway Bikes'\n",
    "content/rides/gravel.md": HEAD.format(title="Gravel rides") + "Wide tyres.\n",
    "content/rides/commute.md": HEAD.format(title="Commuting") + "Mudguards.\n",
}
DROPPED = "Netlify applies the file's other rules"
PASSED = "Netlify's documentation gives no reading of it"
FATE = {
    True: "Netlify applies a line of _redirects, but stagemap cannot follow it",
    False: "Netlify ignores a line of _redirects",
}
"""What a warning says a line's fate is: Netlify reads it (True) or leaves it out."""
FORM = f"write 'from to status', such as '/old-page /new-page 301'; {DROPPED}"
RULES = """\
# Brambleway's old shop routes
/old-gravel /rides/gravel/ 301
/tyres
/mudguards   mudguards.html
/saddles /rides/commute/ permanent
/lights 301 /rides/commute/
/bells /rides/commute/ Country=nl
rides/winter /rides/gravel/ 301
/catalogue colour /rides/gravel/ 301
/racks /rides/commute/ 302 members
/old-commute /rides/commute/ 301!  # still read
"""


def test_a_redirects_line_netlify_cannot_read_is_named(tmp_path: Path) -> None:
    """A line with no address it leads to, a status that is no number, a status before the
    address, conditions with no status, a 'from' that is no path, a query or a condition that
    is no key=value pair: each was passed over in silence (a link its author meant it for was
    reported as leading nowhere, with no word of the line). Each now gets a warning at its line
    and the word at fault, with how to write it; the file's other rules still apply."""
    links = "/old-gravel /old-commute /saddles"
    files = {
        **HUGO,
        "static/_redirects": RULES,
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    said = [
        ("3:1", "no address it leads to after '/tyres'", FORM),
        (
            "4:14",
            "'mudguards.html' is no address it leads to (one starts with /, http:// or https://)",
            FORM,
        ),
        (
            "5:26",
            "its status 'permanent' is not a number",
            f"write the status right after the address it leads to (301, 302, 200, 404); {DROPPED}",
        ),
        (
            "6:9",
            "no address it leads to after '/lights' (only a splat's rewrite, '/app/* 200', has none)",
            FORM,
        ),
        (
            "7:24",
            "its status 'Country=nl' is not a number",
            f"write the status right after the address it leads to (301, 302, 200, 404); {DROPPED}",
        ),
        (
            "8:1",
            "its 'from', 'rides/winter', is neither a path from the site's root nor an address",
            "start it with / (a path from the site's root); as it is, it matches no request",
        ),
        (
            "9:12",
            "'colour' is no query parameter (key=value)",
            "write 'key=:name' (any value, which the address it leads to may use) or 'key=value'; " + PASSED,
        ),
        (
            "10:28",
            "'members' is no condition (key=value, such as Country=fr)",
            f"write each condition as key=value, or remove the word; {PASSED}",
        ),
    ]
    kept = ("8:1", "9:12", "10:28")  # (Netlify reads these lines: only stagemap passes them by)
    expected = "".join(
        f"static/_redirects:{at}: warning: {FATE[at in kept]}: {why} ({fix})\n" for at, why, fix in said
    )
    assert run(root, "check")[2] == expected
    assert run(root, "check", "--links")[2] == _dead("content/start.md", links, "/saddles") + expected


def test_netlify_reads_a_status_as_its_first_digits_and_a_forwarding_rule_has_no_to() -> None:
    """Netlify reads a status as JavaScript's parseInt does ('301!' forced, '302x' 302); a
    splat's rewrite with no 'to' ('/app/* 200') is read, and changes no link's fate."""
    errors: list[tuple[str, str, int, int, bool]] = []
    rules = netlify_file("/a /b 302x\n/c /d 301!\n/shop/* 200\n", None, errors)
    assert rules == [HostRule(("a",), "/b", False), HostRule(("c",), "/d", True)]
    assert errors == []


def test_many_unreadable_lines_are_counted_not_each_named() -> None:
    """A file of thousands of lines Netlify cannot read names the first ones, and the next
    counts the rest; reading it stays linear in its size."""
    errors: list[tuple[str, str, int, int, bool]] = []
    text = "/spokes\n" * 200_000
    started = time.process_time()
    assert netlify_file(text + "/hubs /rides/gravel/ 301\n", None, errors) == [
        HostRule(("hubs",), "/rides/gravel/", False)
    ]
    assert time.process_time() - started < 20
    assert len(errors) == MOST_SAID + 1
    assert errors[-1][0] == (
        f"no address it leads to after '/spokes'; {200_000 - MOST_SAID - 1} more lines after it have a"
        " warning too, not named one by one"
    )
    assert errors[-1][2:] == (MOST_SAID + 1, 1, False)


QUERY_RULES = """\
/catalogue  range=:range  /rides/  301
/old-rides  /rides/  301
"""


def test_the_address_a_query_rule_leads_to_carries_no_query(tmp_path: Path) -> None:
    """A rule that names query parameters gives the query of the address it leads to (none
    here): the link's own no longer goes along to the live list page it reaches (it did:
    '/rides/?range=gravel'); its fragment does, as a browser keeps it over a redirect. A rule
    that names none passes the link's query on, as Netlify does."""
    links = "/catalogue?range=gravel#tyres /old-rides?ref=mail"
    public = "generator: hugo\nurls: {base: 'https://brambleway.example'}\n"
    files = {
        **HUGO,
        "stagemap.yml": QUIET_CONFIG + public + "sources: [{path: content, url: '/{path}/'}]\n",
        "static/_redirects": QUERY_RULES,
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == ""
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert 'href="https://brambleway.example/rides/#tyres"' in page
    assert 'href="https://brambleway.example/rides/?ref=mail"' in page


CLEAN = """{
  "cleanUrls": true,
  "redirects": [
    {"source": "/pricing", "destination": "/plans/"},
    {"source": "/legacy.html", "destination": "/plans/"}
  ]
}"""


def test_vercel_clean_urls_move_an_html_address_before_any_rule(tmp_path: Path) -> None:
    """With 'cleanUrls', Vercel redirects '/pricing.html' to '/pricing' before it tries a rule,
    so the rule at '/pricing' covers a link to '/pricing.html' (it was reported as leading
    nowhere), and a rule at '/legacy.html' is never reached (a link there was taken to reach
    the plans page; the live site answers 404). '/about/index.html' is served at '/about'."""
    links = "/pricing.html /legacy.html /about/index.html /pricing"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: hugo\nsources: [{path: content, url: '/{path}/'}]\n",
        "hugo.toml": "baseURL = 'https://brambleway.example/'\ntitle = 'Brambleway Bikes'\n",
        "vercel.json": CLEAN,
        "content/plans.md": HEAD.format(title="Plans") + "Monthly servicing.\n",
        "content/about.md": HEAD.format(title="About") + "A workshop.\n",
        "content/start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    assert run(root, "check", "--links")[2] == _dead("content/start.md", links, "/legacy.html")
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/start.html").read_text("utf-8")
    assert '<p><a href="plans.html">0</a></p>' in page
    assert '<p><a href="about.html">2</a></p>\n<p><a href="plans.html">3</a></p>' in page


def test_the_routes_clean_urls_moves() -> None:
    """As Vercel's routing package writes cleanUrls' redirects, in the form trailingSlash names."""
    assert clean_route("/pricing.html", "bare") == "/pricing"
    assert clean_route("/pricing.html/", "slash") == "/pricing/"
    assert clean_route("/about/index", "bare") == "/about"
    assert clean_route("/index.html", "slash") == "/"
    assert clean_route("/pricing", "bare") is None
    assert clean_route("/styles.css", "bare") is None
    clean: list[str] = []
    assert vercel_json(CLEAN, None, clean) == [
        HostRule(("pricing",), "/plans/", True, sensitive=True, slash=False)
    ]
    assert clean == ["bare"]


def test_a_page_written_at_an_html_address_is_shown_at_the_one_vercel_serves(tmp_path: Path) -> None:
    """A Jekyll page is written at '/about.html'; with 'cleanUrls' Vercel serves it at '/about'
    (the '.html' address only redirects there): that is the address the built site shows, and a
    relative link on it still reaches its neighbour."""
    files = {
        "stagemap.yml": QUIET_CONFIG
        + "generator: jekyll\nurls: {base: 'https://brambleway.example/'}\n"
        + "sources: [{path: ., url: '/{file}.html'}]\n",
        "_config.yml": "title: Brambleway\n",
        "vercel.json": '{"cleanUrls": true}\n',
        "about.md": HEAD.format(title="About") + "A workshop; meet the [team](team.html).\n",
        "team.md": HEAD.format(title="Team") + "Three mechanics.\n",
    }
    root = write(tmp_path / "site", files)
    assert run(root, "check", "--links")[2] == ""
    assert run(root, "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/about.html").read_text("utf-8")
    assert 'On the public site: <a href="https://brambleway.example/about">' in page
    assert '<a href="team.html">team</a>' in page
