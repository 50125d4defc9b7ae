"""Ids of a Hugo site's definition list terms (read/hugomarkup.py, render/deflists.py,
render/markdown.py): with ``markup.goldmark.parser.autoDefinitionTermID`` on, Hugo (0.144 and
later; checked with 0.168) gives each ``dt`` an id made from its text as a heading's is, one
id sequence for both in the page's order. Hugo's own documentation turns it on and links to
``#matchers-1``, the heading under a term ``matchers``: `check --links` reported five such
links as leading nowhere, and a term of a site without the setting had an id the live page
lacks. Each line of a paragraph above a ``: `` line is a term of its own in goldmark."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.hugomarkup import DEFINITION_LISTS, TERM_IDS
from stagemap.read.siteheadings import site_heading_ids
from stagemap.render import markdown
from stagemap.render.dialects import clean
from stagemap.render.shortcodes import SITE_PARAMS
from tests.conftest import QUIET_CONFIG, write

BODY = (
    "`crews`\n: (`[]Crew`) The [crews](#crews-1) on call.\n\n"
    "`PUMP_ROOM_CODE`\n: The door code.\n\n"
    "## Crews\n\nWho goes out.\n\n"
    "`crews`\n: Again, in another list.\n\n"
    "Read [the rota](https://rota.example/) first.\n`OnCall`\n: Who answers.\n\n"
    "[Night *shift*](https://rota.example/night)\n: After dark.\n"
)


def _ids(html: str) -> list[str]:
    return [part.split('"')[0] for part in html.split(' id="')[1:]]


@pytest.mark.parametrize("renderer", ["python", ""])
def test_hugo_terms_get_ids_numbered_with_the_headings_in_the_pages_order(
    renderer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STAGEMAP_MARKDOWN", renderer)
    text = clean(BODY, ".md", "hugo", {SITE_PARAMS: {TERM_IDS: True}})
    page = markdown.render(text, top=2).html
    assert _ids(page) == [
        "h-crews",
        "h-pump_room_code",  # the term's text as shown: a code span's "_" stays
        "h-crews-1",  # the heading after a term of that name
        "h-crews-2",
        "h-read-the-rota-first",  # each line of the paragraph above is a term
        "h-oncall",
        "h-night-shift",  # a link's text, not its address
    ]
    assert '<a href="#h-crews-1">crews</a>' in page
    assert "<p><strong><code>crews</code></strong> <span" in page
    assert "\ue050" not in page


def test_hugo_terms_get_no_ids_unless_the_site_says_so() -> None:
    for site in ({}, {TERM_IDS: False}, {TERM_IDS: True, DEFINITION_LISTS: False}):
        page = markdown.render(clean(BODY, ".md", "hugo", {SITE_PARAMS: site}), top=2).html
        assert _ids(page) == ["h-crews"], site
    # With goldmark's definition lists off there are none: the lines stay as written.
    off = clean(BODY, ".md", "hugo", {SITE_PARAMS: {DEFINITION_LISTS: False}})
    assert "`crews`\n: (`[]Crew`)" in off


SETTINGS = QUIET_CONFIG + "generator: hugo\nsources: [content]\n"
LINKS = (
    "---\ntitle: Links\n---\n[a](rota.md#crews) [b](rota.md#crews-1) [c](rota.md#oncall) [d](rota.md#gone)\n\n"
    "[e](help.md#sirens)\n"
)
TERMS_ON = "[markup.goldmark.parser]\nautoDefinitionTermID = true\n"


def _parts(root: Path) -> list[str]:
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    return sorted(line.split("'")[1] for line in result.stderr.splitlines() if "finds no heading" in line)


@pytest.mark.parametrize(
    ("files", "missing"),
    [
        ({"hugo.toml": "title = 'Quay'\n" + TERMS_ON}, ["rota.md#gone"]),
        ({"hugo.toml": "title = 'Quay'\n"}, ["#crews-1", "rota.md#crews-1", "rota.md#gone", "rota.md#oncall"]),
        ({"hugo.yaml": "title: Quay\nmarkup:\n  goldmark:\n    parser:\n      autodefinitiontermid: 'true'\n"},
         ["rota.md#gone"]),
        ({"config/_default/hugo.toml": "title = 'Quay'\n", "config/_default/markup.toml": "[goldmark.parser]\nautoDefinitionTermID = true\n"},
         ["rota.md#gone"]),
        ({"config/_default/hugo.json": '{"title": "Quay", "markup": {"goldmark": {"parser": '
          '{"autoDefinitionTermID": true}}}}',
          "config/production/markup.yaml": "goldmark:\n  extensions:\n    definitionList: false\n"},
         ["#crews-1", "rota.md#crews-1", "rota.md#gone", "rota.md#oncall"]),
    ],
)  # fmt: skip
def test_check_links_finds_a_hugo_sites_terms_where_its_configuration_gives_them_ids(
    tmp_path: Path, files: dict[str, str], missing: list[str]
) -> None:
    """Each place and format of Hugo's settings; production's may turn definition lists off."""
    shortcode = "{{ range .Site.Data.alarms }}\n`{{ .name }}`\n: {{ .what }}\n{{ end }}\n"
    pages = {
        "stagemap.yml": SETTINGS,
        "content/rota.md": "---\ntitle: Rota\n---\n" + BODY,
        "content/links.md": LINKS,
        # A shortcode of the site's own writing a definition list, called with Markdown's notation.
        "layouts/shortcodes/alarms.html": shortcode,
        "content/help.md": "---\ntitle: Help\n---\n## Alarms\n\n{{% alarms %}}\n",
    }
    root = write(tmp_path, {**pages, **files})
    assert _parts(root) == missing


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("[markup.goldmark.parser]\nautoIDType = 'blackfriday'\n", "blackfriday"),
        ("[markup.goldmark.parser]\nautoidtype = 'github-ascii'\n", "github-ascii"),
        # The name before Hugo 0.144 wins where both are given, as Hugo copies it over the new one.
        ("[markup.goldmark.parser]\nautoIDType = 'blackfriday'\nautoHeadingIDType = 'github'\n", ""),
    ],
)
def test_init_reads_hugos_new_name_for_how_ids_are_made(tmp_path: Path, text: str, found: str) -> None:
    assert site_heading_ids("hugo", tmp_path / "hugo.toml", tomllib.loads(text)) == found
