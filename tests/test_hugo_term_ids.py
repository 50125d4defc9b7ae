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


# Nothing here the compiled renderer refuses (a link in bold, or emphasis in bold, would send the
# body to markdown-it-py): its run with renderer "" is the compiled path's.
FAST_BODY = (
    "## Pumps\n\n<!-- the crews -->\nbeta\n: The second crew.\n\n"
    "## Options\n`--all`\n: Every pump.\n\n"
    "Pumps\nValves\n: Twice.\n\n"
    "Back slash\\\n: Shown with its backslash.\n"
)


@pytest.mark.parametrize("renderer", ["python", ""])
def test_hugo_terms_under_a_heading_or_a_comment_get_ids_on_both_paths(
    renderer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hugo 0.168 makes each of these a term with its id: a heading or a comment right above
    ended the search for a term, the colon showed as text, and `check --links` reported a link
    to #--all. A backslash ending a term showed as emphasis (``*Back slash*``)."""
    monkeypatch.setenv("STAGEMAP_MARKDOWN", renderer)
    if renderer == "" and markdown.compiled_enabled():

        def refused(*args: object, **kwargs: object) -> None:
            raise AssertionError("the compiled path refused the body")

        monkeypatch.setattr(markdown, "_token_render", refused)
    page = markdown.render(clean(FAST_BODY, ".md", "hugo", {SITE_PARAMS: {TERM_IDS: True}}), top=2).html
    assert _ids(page) == [
        "h-pumps",
        "h-beta",  # under a comment closed on its line
        "h-options",
        "h-all",  # right under a heading
        "h-pumps-1",  # each line a term, numbered with the heading
        "h-valves",
        "h-back-slash",
    ]
    assert "<!-- the crews -->" not in page and "<p>: " not in page
    assert '<p><strong>Back slash\\</strong> <span id="h-back-slash"></span></p>' in page


def test_hugo_terms_starting_with_emphasis_are_terms() -> None:
    """A line starting ``*`` or ``**`` is no list item: each is a term (Hugo: ``note``)."""
    text = "**Note**\n: Read before a shift.\n\n*Pumps* of the quay\nNote\n: Twice.\n"
    page = markdown.render(clean(text, ".md", "hugo", {SITE_PARAMS: {TERM_IDS: True}}), top=2).html
    assert _ids(page) == ["h-note", "h-pumps-of-the-quay", "h-note-1"]
    assert '<p><strong><strong>Note</strong></strong> <span id="h-note"></span></p>' in page


@pytest.mark.parametrize(
    "text",
    [
        "- A list item\nRuns on\n: here.\n",  # a lazy line of the item: no list
        "> Quoted\nRuns on\n: here.\n",
        "<div>\nIn the block\n: here.\n",  # an HTML block up to a blank line
        "| a | b |\n|---|---|\nA row\n: here.\n",  # a table's row
        "Indented\n  : is no definition to goldmark.\n",
    ],
)
def test_hugo_makes_no_term_of_a_line_another_block_holds(text: str) -> None:
    """As Hugo 0.168 reads them; a list further down has its term and its id."""
    made = clean(text + "\nLast\n: at the top.\n", ".md", "hugo", {SITE_PARAMS: {TERM_IDS: True}})
    assert made.startswith(text + "\n")
    assert _ids(markdown.render(made, top=2).html) == ["h-last"]


def test_hugo_keeps_a_list_items_indented_lines_in_it_whatever_stands_below() -> None:
    """A definition list further down once pulled an item's own lines out of the list."""
    text = "- First item\n\n  Pump\n  : in the item.\n\nOther\n: at the top.\n"
    made = clean(text, ".md", "hugo", {})
    assert made.startswith("- First item\n\n  Pump\n  : in the item.\n")
    assert "**Other**" in made


@pytest.mark.parametrize("renderer", ["python", ""])
@pytest.mark.parametrize(
    ("generator", "params"), [("docusaurus", {}), ("hugo", {SITE_PARAMS: {TERM_IDS: True}})]
)
def test_a_pages_own_private_use_character_is_its_text_not_a_terms_mark(
    renderer: str, generator: str, params: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """U+E050 was the mark ending a term: written in a page, it was taken out everywhere (code
    too), gave a span in a code block, broke a heading's HTML on one path, took an id on the
    other; an entity (``&#xe050;``) made one too. Now it is the page's own, on every path."""
    monkeypatch.setenv("STAGEMAP_MARKDOWN", renderer)
    body = (
        "## Foo \ue050 bar\n\ntext after\n\n```\nx \ue050\n```\n\n"
        "Press &#xe050; to play.\n\nPress \ue050 to play.\n\n## Press to play\n"
    )
    page = markdown.render(clean(body, ".md", generator, params), top=2).html
    assert _ids(page) == ["h-foo-bar", "h-press-to-play"]
    assert "<h2" in page and page.count("</h2>") == 2 and "<span" not in page
    assert "<code>x \ue050\n</code>" in page
    assert page.count("\ue050") == 4


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
        # Without the setting the shortcode's ": " lines make no id: help.md#sirens is reported too.
        ({"hugo.toml": "title = 'Quay'\n"},
         ["#crews-1", "help.md#sirens", "rota.md#crews-1", "rota.md#gone", "rota.md#oncall"]),
        ({"hugo.yaml": "title: Quay\nmarkup:\n  goldmark:\n    parser:\n      autodefinitiontermid: 'true'\n"},
         ["rota.md#gone"]),
        ({"config/_default/hugo.toml": "title = 'Quay'\n", "config/_default/markup.toml": "[goldmark.parser]\nautoDefinitionTermID = true\n"},
         ["rota.md#gone"]),
        ({"config/_default/hugo.json": '{"title": "Quay", "markup": {"goldmark": {"parser": '
          '{"autoDefinitionTermID": true}}}}',
          "config/production/markup.yaml": "goldmark:\n  extensions:\n    definitionList: false\n"},
         ["#crews-1", "help.md#sirens", "rota.md#crews-1", "rota.md#gone", "rota.md#oncall"]),
    ],
)  # fmt: skip
def test_check_links_finds_a_hugo_sites_terms_where_its_configuration_gives_them_ids(
    tmp_path: Path, files: dict[str, str], missing: list[str]
) -> None:
    """Each place and format of Hugo's settings; production's may turn definition lists off."""
    root = write(tmp_path, {**_pages("{{% alarms %}}"), **files})
    assert _parts(root) == missing


def test_a_shortcodes_definition_lines_make_no_ids_where_hugo_reads_its_output_as_html(
    tmp_path: Path,
) -> None:
    """Called as ``{{< alarms >}}``, the template's output is not Markdown to Hugo: its ": "
    lines make no term, so help.md#sirens leads nowhere, setting or not."""
    root = write(tmp_path, {**_pages("{{< alarms >}}"), "hugo.toml": "title = 'Quay'\n" + TERMS_ON})
    assert _parts(root) == ["help.md#sirens", "rota.md#gone"]


def _pages(call: str) -> dict[str, str]:
    shortcode = "{{ range .Site.Data.alarms }}\n`{{ .name }}`\n: {{ .what }}\n{{ end }}\n"
    return {
        "stagemap.yml": SETTINGS,
        "content/rota.md": "---\ntitle: Rota\n---\n" + BODY,
        "content/links.md": LINKS,
        # A shortcode of the site's own writing a definition list, called with Markdown's notation.
        "layouts/shortcodes/alarms.html": shortcode,
        "content/help.md": f"---\ntitle: Help\n---\n## Alarms\n\n{call}\n",
    }


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
