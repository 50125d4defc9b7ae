"""A rule of the host's settings files that cannot be used (`stagemap.read.hostsettings`): a
``[[redirects]]`` table of ``netlify.toml`` or an entry of ``vercel.json`` is named by `check`
at its place, with what the host does with it, and the file's other rules still apply; a
status is read as Netlify's parser reads it (``parseInt`` with no radix: ``0x12d`` is 301)."""

from __future__ import annotations

import time
from pathlib import Path

from stagemap.read.hostlines import netlify_file
from stagemap.read.hostredirects import HostRule, netlify_toml, vercel_json
from stagemap.read.hostrule import parse_int
from tests.conftest import QUIET_CONFIG, write
from tests.test_host_redirects import HEAD, _dead, _links, run

SITE = {
    "stagemap.yml": QUIET_CONFIG + "generator: hugo\nsources: [{path: content, url: '/{path}/'}]\n",
    "hugo.toml": "baseURL = 'https://quillfeather.example/'\ntitle = 'Quillfeather Inks'\n",
    "content/inks/iron-gall.md": HEAD.format(title="Iron gall ink") + "Dark and lasting.\n",
    "content/inks/sepia.md": HEAD.format(title="Sepia ink") + "Warm brown.\n",
}
TOML = """\
[build]
  publish = "public"

[[redirects]]
  from = "/old-iron"
  to = "/inks/iron-gall/"

[[redirects]]
  to = "/inks/sepia/"

[[redirects]]
  from = "/old-sepia"
  to = "/inks/sepia/"
  status = "permanent"

[[redirects]]
  from = "/brown"
  to = "/inks/sepia/"
  status = "301"

[[redirects]]
  from = "/cuttlefish"
  to = "/inks/sepia/"
  status = 305

redirects_note = "kept for the shop"
"""
VERCEL_JSON = """\
{
  "trailingSlash": "yes",
  "redirects": [
    {"source": "/old-iron", "destination": "/inks/iron-gall"},
    {"destination": "/inks/sepia"},
    {"source": "/brown", "destination": ["/inks/sepia"]},
    {"source": "/umber", "destination": "/inks/sepia", "statusCode": "301"},
    "sepia",
    {"source": "ochre", "destination": "/inks/sepia"}
  ],
  "rewrites": {"source": "/shop", "destination": "/inks"}
}
"""
NETLIFY = "its build's log names the rule, and Netlify applies the file's other rules"


def test_a_netlify_toml_table_that_cannot_be_used_is_named_at_its_place(tmp_path: Path) -> None:
    """A table with no 'from', or a status that is no number, was skipped in silence (a link its
    author meant it for was reported as leading nowhere, with no word of the rule); each is now
    named at its table or key, saying Netlify ignores it. A status Netlify reads but gives no
    meaning to is named as applied by Netlify, not as ignored. A status written as text ("301")
    is a number to Netlify, and its rule applies; so do the file's other rules."""
    links = "/old-iron /brown /old-sepia /cuttlefish"
    root = write(
        tmp_path,
        {**SITE, "netlify.toml": TOML, "content/start.md": HEAD.format(title="Start") + _links(links)},
    )
    code, _, said = run(root, "check", "--links")
    assert code == 0
    lines = said.splitlines()
    assert lines[:2] == _dead("content/start.md", links, "/old-sepia /cuttlefish").splitlines()
    assert lines[2:] == [
        "netlify.toml:8:1: warning: Netlify ignores [[redirects]] table 2 in netlify.toml: it has no 'from'"
        f' (write from = "/old-page"; {NETLIFY})',
        "netlify.toml:14:3: warning: Netlify ignores [[redirects]] table 3 in netlify.toml: its status,"
        ' "permanent", is not a number (write status = 301 (a redirect), 200 (a rewrite) or 404'
        f" (an error); {NETLIFY})",
        "netlify.toml:24:3: warning: Netlify applies [[redirects]] table 5 in netlify.toml, but stagemap"
        " cannot follow it: its status '305' is none Netlify's documentation gives a meaning to (write"
        " 301, 302, 303, 307 or 308 (a redirect), 200 (a rewrite) or 404 (an error); Netlify's"
        " documentation gives no reading of it)",
    ]


def test_each_kind_of_netlify_toml_table_netlify_cannot_read() -> None:
    """A table that is a string, a 'from' that is a number or starts with /.netlify, a missing
    'to' (but for a splat's rewrite), a status 'true', a 'to' that is no address, a query that is
    a list; 'redirects' written as one table rather than a list of them; tables written inline
    are named at the 'redirects' key."""
    unread: list[tuple[str, str, int, int, bool, str]] = []
    text = (
        'redirects = [{from = "/a", to = "/b"}, "c", {from = 4, to = "/d"},'
        ' {from = "/.netlify/e", to = "/f"}, {from = "/g"}, {from = "/h/*", status = 200},'
        ' {from = "/i", to = "/j", status = true}, {from = "/k", to = "l"},'
        ' {from = "/m", to = "/n", query = ["o"]}, {from = "/p", to = "/q", status = "0x12d"}]\n'
    )
    assert netlify_toml(text, [], [], unread) == [
        HostRule(("a",), "/b", False),
        HostRule(("p",), "/q", False),
    ]
    assert [(why, line, col, kept, what) for why, _, line, col, kept, what in unread] == [
        ("it is text, not a table", 1, 1, False, "[[redirects]] table 2"),
        ("its 'from' is a number, not text", 1, 1, False, "[[redirects]] table 3"),
        (
            "its 'from', '/.netlify/e', starts with /.netlify, which Netlify keeps for its own routes",
            1,
            1,
            False,
            "[[redirects]] table 4",
        ),
        (
            "it has no 'to' (only a splat's rewrite, from = \"/app/*\" with status 200, has none)",
            1,
            1,
            False,
            "[[redirects]] table 5",
        ),
        ("its status, true, is not a number", 1, 1, False, "[[redirects]] table 7"),
        ("its 'to', 'l', is no address", 1, 1, True, "[[redirects]] table 8"),
        ("its 'query' is no table of parameters and their values", 1, 1, True, "[[redirects]] table 9"),
    ]
    unread.clear()
    assert netlify_toml('[redirects]\nfrom = "/a"\nto = "/b"\n', [], [], unread) == []
    assert [(why, line, col, what) for why, _, line, col, _, what in unread] == [
        ("it is a table, not a list of [[redirects]] tables", 1, 1, "the 'redirects'")
    ]


def test_a_vercel_json_entry_that_breaks_the_schema_is_named_at_its_key() -> None:
    """Vercel does not deploy a vercel.json that breaks its schema: each such entry was skipped
    in silence, and is now named at the key at fault (or the entry, where a key is missing); a
    source that is no path is read by Vercel and passed by here; the other entries still apply.
    A key written twice counts where it is written last, as JSON is read."""
    unread: list[tuple[str, str, int, int, bool, str]] = []
    assert vercel_json(VERCEL_JSON, [], [], unread) == [
        HostRule(("old-iron",), "/inks/iron-gall", True, sensitive=True, slash=False)
    ]
    assert [(why, line, col, kept, what) for why, _, line, col, kept, what in unread] == [
        ("it is text, not true or false", 2, 3, False, "'trailingSlash'"),
        ("it has no 'source'", 5, 5, False, "redirects[1]"),
        ("its 'destination' is a list, not text", 6, 26, False, "redirects[2]"),
        ('its statusCode, "301", is no whole number from 100 to 999', 7, 56, False, "redirects[3]"),
        ("it is text, not an object", 8, 5, False, "redirects[4]"),
        (
            "its source, 'ochre', is neither a path from the site's root nor an address",
            9,
            6,
            True,
            "redirects[5]",
        ),
        ("it is an object, not a list", 11, 3, False, "'rewrites'"),
    ]
    assert [fix.endswith("gives no reading of it") for _, fix, _, _, _, _ in unread] == [False] * 5 + [
        True,
        False,
    ]
    twice = (
        '{"redirects": [{"source": "/a"}],\n'
        ' "redirects": [{"source": "/b", "destination": "/c", "statusCode": 301.5}]}'
    )
    unread.clear()
    assert vercel_json(twice, [], [], unread) == []
    assert [(why, line, col) for why, _, line, col, _, _ in unread] == [
        ("its statusCode, 301.5, is no whole number from 100 to 999", 2, 54)
    ]


def test_a_status_is_read_as_netlify_s_parse_int_reads_it(tmp_path: Path) -> None:
    """Netlify's parser reads a status with JavaScript's Number.parseInt and no radix, which
    reads '0x12d' as hexadecimal, 301: the rule was passed by as a status 0 (its first digit),
    with a warning, and a link it covers was reported as leading nowhere."""
    assert [
        parse_int(w) for w in ("0x12d", "0X12D!", "-0x1", "0x", "0xg", "301!", "3O1", " 302", "true")
    ] == [
        301,
        301,
        -1,
        None,
        None,
        301,
        3,
        302,
        None,
    ]
    assert [parse_int(v) for v in (301, 301.9, True, float("nan"), 1e21)] == [301, 301, None, None, 1]
    errors: list[tuple[str, str, int, int, bool]] = []
    assert netlify_file(
        "/old-iron /inks/iron-gall/ 0x12d\n/sepia-old /inks/sepia/ 0x12d!\n", None, errors
    ) == [
        HostRule(("old-iron",), "/inks/iron-gall/", False),
        HostRule(("sepia-old",), "/inks/sepia/", True),
    ]
    assert errors == []
    links = "/old-iron /sepia-old"
    files = {
        **SITE,
        "static/_redirects": "/old-iron /inks/iron-gall/ 0x12d\n/sepia-old /inks/sepia/ 0x12d!\n",
    }
    root = write(tmp_path, {**files, "content/start.md": HEAD.format(title="Start") + _links(links)})
    assert run(root, "check", "--links")[2] == ""


def test_without_clean_urls_vercel_serves_an_html_page_at_that_address_only(tmp_path: Path) -> None:
    """Vercel serves each file at its own path: without cleanUrls, a page Jekyll writes at
    '/about.html' is served there only, '/about' and '/about/' are not found (trailingSlash
    alone moves '/about' to '/about/', neither of them the file), yet they were taken to reach
    the page. Each is now named, with the address to link to; '/about.html' still reaches it.
    With cleanUrls, or where Netlify's files say Netlify may host the site, nothing changes."""
    links = "/about /about/ /about.html about"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: jekyll\nsources: [{path: ., url: '/{file}.html'}]\n",
        "_config.yml": "title: Quillfeather Inks\n",
        "vercel.json": '{"trailingSlash": true}\n',
        "about.md": HEAD.format(title="About") + "A family of ink makers.\n",
        "start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path, files)
    said = (
        "leads nowhere on Vercel, which serves that page at /about.html only (vercel.json sets no cleanUrls)"
    )
    fix = 'link to /about.html, or set "cleanUrls": true in vercel.json'
    _, out, err = run(root, "check", "--links")
    assert "no file read here makes" not in out  # (the page is there: not one of the site's unread routes)
    assert err == (
        f"start.md:6:5: warning: link to '/about' {said} ({fix})\n"
        f"start.md:8:5: warning: link to '/about/' {said} ({fix})\n"
        f"start.md:12:5: warning: link to 'about' {said} ({fix})\n"
    )
    (root / "vercel.json").write_text('{"trailingSlash": false, "cleanUrls": true}\n', "utf-8")
    assert run(root, "check", "--links")[2] == ""
    (root / "vercel.json").write_text('{"trailingSlash": false}\n', "utf-8")
    (root / "netlify.toml").write_text('[build]\n  publish = "_site"\n', "utf-8")
    assert run(root, "check", "--links")[2] == ""


def test_many_rules_that_cannot_be_used_are_counted_not_each_named() -> None:
    """As a _redirects file's lines: past twenty rules with a warning in one file, the next
    one's warning counts those after it."""
    unread: list[tuple[str, str, int, int, bool, str]] = []
    assert netlify_toml("[[redirects]]\nto = '/inks/'\n" * 25, [], [], unread) == []
    assert len(unread) == 21
    assert unread[-1][0] == "it has no 'from'; 4 more rules after it have a warning too, not named one by one"
    assert unread[-1][2:4] == (41, 1)
    unread.clear()
    assert vercel_json('{"rewrites": [' + ", ".join(['{"source": "/a"}'] * 25) + "]}", [], [], unread) == []
    assert [len(unread), unread[0][2:4], unread[-1][5]] == [21, (1, 15), "rewrites[20]"]


def test_many_inline_rules_are_placed_once() -> None:
    """Rules written inline (redirects = [...]) are placed at the 'redirects' key: it was looked
    for again from the file's start for each bad rule, before all but twenty-one were counted
    rather than named (22 s for 4,000 under 10,000 lines of notes); now once, for those named."""
    notes = "# where the shop's old addresses went\n" * 10_000
    text = notes + "redirects = [" + ", ".join('{to = "/inks/"}' for _ in range(4_000)) + "]\n"
    unread: list[tuple[str, str, int, int, bool, str]] = []
    began = time.process_time()  # (CPU time: a loaded machine does not stretch it)
    assert netlify_toml(text, [], [], unread) == []
    assert time.process_time() - began < 3
    assert len(unread) == 21 and {(line, col) for _, _, line, col, _, _ in unread} == {(10_001, 1)}
    assert unread[-1][0].endswith("; 3979 more rules after it have a warning too, not named one by one")


def test_what_vercel_and_netlify_refuse_beyond_a_missing_key(tmp_path: Path) -> None:
    """Vercel's schema allows no key but its own in an entry ('status' for 'statusCode' was
    applied here as a 308), nor 'permanent' beside 'statusCode', nor a 'permanent' that is no
    true or false: Vercel does not deploy the site, and says so at the key. Netlify's parser
    drops a table whose 'headers' is no table (it was applied). Each warning says what the host
    does: Vercel will not deploy, Netlify ignores the rule, or applies it where only stagemap
    cannot follow it."""
    vercel = (
        '{"redirects": [\n'
        '  {"source": "/old-iron", "destination": "/inks/iron-gall", "status": 301},\n'
        '  {"source": "/old-sepia", "destination": "/inks/sepia", "permanent": true, "statusCode": 301},\n'
        '  {"source": "/umber", "destination": "/inks/sepia", "permanent": "yes"},\n'
        '  {"source": "ochre", "destination": "/inks/sepia"}\n'
        "]}\n"
    )
    root = write(tmp_path, {**SITE, "vercel.json": vercel})
    schema = (
        "warning: redirects[{}] in vercel.json breaks Vercel's schema, so Vercel will not deploy the site"
    )
    assert run(root, "check")[2] == (
        f"vercel.json:2:61: {schema.format(0)}: it has a key Vercel's schema does not allow, 'status'"
        ' (write "statusCode": 301)\n'
        f"vercel.json:3:58: {schema.format(1)}: it sets both 'permanent' and 'statusCode', which Vercel"
        " refuses (keep one of them)\n"
        f"vercel.json:4:54: {schema.format(2)}: its 'permanent' is text, not true or false (write"
        ' "permanent": true (308) or false (307))\n'
        "vercel.json:5:4: warning: Vercel applies redirects[3] in vercel.json, but stagemap cannot follow"
        " it: its source, 'ochre', is neither a path from the site's root nor an address (write a path"
        " from the site's root (/a-path) or an address (https://...); Vercel's documentation gives no"
        " reading of it)\n"
    )
    toml = '[[redirects]]\n  from = "/old-iron"\n  to = "/inks/iron-gall/"\n'
    toml += '  headers = "X-Robots-Tag: noindex"\n'
    unread: list[tuple[str, str, int, int, bool, str]] = []
    assert netlify_toml(toml, [], [], unread) == []
    assert [(why, line, col, kept) for why, _, line, col, kept, _ in unread] == [
        ("its 'headers' is text, not a table", 4, 3, False)
    ]
    assert netlify_toml(toml.replace('"X-Robots-Tag: noindex"', '{X-Robots-Tag = "noindex"}')) == [
        HostRule(("old-iron",), "/inks/iron-gall/", False)
    ]


def test_a_header_or_key_inside_a_multi_line_string_is_not_taken_for_one() -> None:
    """A '[[redirects]]' line or a 'status = ...' line inside a multi-line string (a note kept in
    the file) is text: it was counted as a table's header, or taken for the key at fault, and the
    warning pointed at the note."""
    text = (
        '[build]\n  publish = "public"\n  notes = """\n[[redirects]]\n  status = 999\n"""\n'
        "  more = '''\n[[redirects]]\n'''\n\n"
        '[[redirects]]\n  from = "/old-iron"\n  to = "/inks/iron-gall/"\n  moved = """\n  status = 1\n"""\n'
        '  status = "permanent"\n'
    )
    unread: list[tuple[str, str, int, int, bool, str]] = []
    assert netlify_toml(text, [], [], unread) == []
    assert [(line, col, what) for _, _, line, col, _, what in unread] == [(17, 3, "[[redirects]] table 1")]
