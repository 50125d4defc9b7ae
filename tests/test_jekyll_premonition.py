"""Jekyll's premonition plugin: a quote whose first line is ``kind "Title"`` is a box
(read/sitepackages.jekyll_traits, render/sitemarkdown.premonition_boxes)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.sitepackages import MARKDOWN, jekyll_traits
from stagemap.render.dialects import clean
from stagemap.render.shortcodes import SITE_PARAMS
from tests.conftest import write

BOXES = (
    'Before.\n\n> warning "Mind the steam"\n> Let the pot **cool**.\n>\n> Then pour.\n\n'
    '> note ""\n> A box without a header.\n\n> hint "Not a kind"\n> Stays a quote.\n\n'
    "> Plain words.\n"
)


def made(text: str, *found: str) -> str:
    return clean(text, ".md", "jekyll", {SITE_PARAMS: {MARKDOWN: found}} if found else None)


def test_premonition_quotes_are_labelled_boxes() -> None:
    """KubeVirt's site (Jekyll, plugins: [premonition]): 99 boxes on 26 pages showed their
    opening line ('warning "Title"') as words in a plain quote, where the site shows a box
    headed by the title. An empty title gives no header; a kind the site does not know, and a
    site without the plugin, keep the quote as written."""
    assert made(BOXES, "premonition") == (
        "Before.\n\n> **Mind the steam**\n>\n> Let the pot **cool**.\n>\n> Then pour.\n\n"
        '> A box without a header.\n\n> hint "Not a kind"\n> Stays a quote.\n\n> Plain words.\n'
    )
    assert made(BOXES, "premonition", "premonition:hint").count("> **Not a kind**\n>\n> Stays a quote.") == 1
    assert made(BOXES) == BOXES


def test_premonition_is_read_from_the_sites_plugins() -> None:
    assert jekyll_traits({"plugins": ["jekyll-feed", "premonition"]}) == ("premonition",)
    assert jekyll_traits({"gems": ["premonition"], "premonition": {"types": {"hint": {}}}}) == (
        "premonition",
        "premonition:hint",
    )
    assert jekyll_traits({"plugins": ["jekyll-feed"], "premonition": {"types": {"hint": {}}}}) == ()


def test_a_built_jekyll_page_shows_premonition_boxes(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "_config.yml": "title: Tea\nplugins: [premonition]\n",
            "brew.md": '---\ntitle: Brew\n---\n\n> info "Water"\n> Use it fresh.\n',
        },
    )
    assert CliRunner().invoke(cli, ["-C", str(root), "init"]).exit_code == 0
    assert CliRunner().invoke(cli, ["-C", str(root), "build", "--as-of", "2026-12-06"]).exit_code == 0
    page = (root / "site/assets/brew.html").read_text()
    assert "<blockquote>\n<p><strong>Water</strong></p>\n<p>Use it fresh.</p>\n</blockquote>" in page


def test_a_premonition_box_in_a_list_item_stays_in_the_item() -> None:
    """A reviewer of KubeVirt's boxes: a box indented in a list item ('  > info "Title"') came
    out at the left margin, which ends the list; the box's lines keep the opener's indentation."""
    text = '- Fill the pot.\n\n  > info "Mind the lid"\n  > Keep it on.\n- Pour.\n'
    assert made(text, "premonition") == (
        "- Fill the pot.\n\n  > **Mind the lid**\n  >\n  > Keep it on.\n\n- Pour.\n"
    )
