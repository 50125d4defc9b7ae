"""How a ``_redirects`` line is read where Netlify's parser and stagemap differed
(`stagemap.read.hostlines`): a Jekyll template's Liquid lines, a status that is a number
Netlify gives no meaning to, a ``from`` starting with ``/.netlify``, a byte order mark inside
the file, a digit of another script."""

from __future__ import annotations

from pathlib import Path

from stagemap.read.hostlines import netlify_file
from stagemap.read.hostrule import HostRule
from tests.conftest import QUIET_CONFIG, write
from tests.test_host_redirects import HEAD, _dead, _links, run

PASSED = "Netlify's documentation gives no reading of it"
TEMPLATE = """\
---
layout: null
---
# Fernhollow's moved posts, written by Jekyll
{% for post in site.posts %}{% for old in post.redirect_from %}
{{ old }}   {{ post.url }}   301
{% endfor %}{% endfor %}
/old-tins   /tins.html   301
"""


def test_a_jekyll_template_of_redirects_is_judged_by_its_written_lines(tmp_path: Path) -> None:
    """Jekyll renders a _redirects that opens with front matter through Liquid, and Netlify reads
    only what it writes: the front matter and the Liquid lines got a warning each ("no address
    it leads to after '---'"). They are neither read nor judged now; a line written as it is
    is still read (its rule covers '/old-tins'). A file without front matter is copied as it
    is, and its lines are judged as Netlify reads them."""
    links = "/old-tins /gone"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: jekyll\nsources: [{path: ., url: '/{path}.html'}]\n",
        "_config.yml": "title: Fernhollow Tea\ninclude: [_redirects]\n",
        "_redirects": TEMPLATE,
        "tins.md": HEAD.format(title="Tins") + "Loose leaf.\n",
        "start.md": HEAD.format(title="Start") + _links(links),
    }
    root = write(tmp_path / "site", files)
    assert run(root, "check", "--links")[2] == _dead("start.md", links, "/gone")
    (root / "_redirects").write_text(TEMPLATE.replace("---\n", "", 1), "utf-8")
    said = run(root, "check")[2]
    assert said.startswith("_redirects:1:9: warning: Netlify ignores a line of _redirects: ")
    assert "_redirects:2:1: warning" in said


def test_a_status_netlify_gives_no_meaning_to_is_named() -> None:
    """'3O1' (parseInt reads 3), '0', '1e3' (1) and '305' are numbers, so Netlify's parser keeps
    the line, but its documentation says nothing of what the host does with such a status:
    stagemap passed the rule by in silence; it now says so, at the status."""
    errors: list[tuple[str, str, int, int, bool]] = []
    text = "/a /b 3O1\n/c /d 0\n/e /f 1e3\n/g /h 305\n/i /j 410\n/k /l 308!\n"
    assert netlify_file(text, None, errors) == [
        HostRule(("i",), "/j", False, False, error=410),
        HostRule(("k",), "/l", True),
    ]
    fix = f"write 301, 302, 303, 307 or 308 (a redirect), 200 (a rewrite) or 404 (an error); {PASSED}"
    gives = "is none Netlify's documentation gives a meaning to"
    assert errors == [
        (f"its status '3O1', read as 3 (as parseInt reads it), {gives}", fix, 1, 7, True),
        (f"its status '0' {gives}", fix, 2, 7, True),
        (f"its status '1e3', read as 1 (as parseInt reads it), {gives}", fix, 3, 7, True),
        (f"its status '305' {gives}", fix, 4, 7, True),
    ]


def test_the_parser_s_own_tests_of_a_line() -> None:
    """Netlify's parser rejects any 'from' starting with '/.netlify' ('/.netlify-old' too: it
    was kept); it trims and splits a line where JavaScript sees space, a byte order mark
    inside a file too (it was a word of the 'from', and the line was dropped); and a status is
    ASCII digits (an Arabic-Indic '٣٠١' was read as 301)."""
    errors: list[tuple[str, str, int, int, bool]] = []
    text = "/.netlify-old /x 301\n\ufeff/teapots /tins/ 301\n/cups /tins/ \u0663\u0660\u0661\n"
    assert netlify_file(text, None, errors) == [HostRule(("teapots",), "/tins/", False)]
    assert [(why, line, col) for why, _, line, col, _ in errors] == [
        ("its 'from', '/.netlify-old', starts with /.netlify, which Netlify keeps for its own routes", 1, 1),
        ("its status '\u0663\u0660\u0661' is not a number", 3, 14),
    ]


def test_lines_inside_a_jekyll_templates_liquid_blocks_are_not_read() -> None:
    """A review of 737cbb2: only lines holding Liquid were passed by, so a rule inside
    '{% if jekyll.environment == "staging" %}' (or a comment, or a tag over several lines) was
    read as if Jekyll always wrote it: '/blog/*' to a maintenance page for every visitor."""
    text = (
        '---\n---\n{% if jekyll.environment == "staging" %}\n/blog/*  /maintenance/  302!\n{% endif %}\n'
        "{% comment %}\n/shop  /closed/  301\n{% endcomment %}\n{% include\n  redirects.txt %}\n"
        "/tins  /teas/  301\n"
    )
    errors: list[tuple[str, str, int, int, bool]] = []
    assert netlify_file(text, None, errors, jekyll=True) == [HostRule(("tins",), "/teas/", False)]
    assert errors == []
