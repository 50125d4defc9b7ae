"""Raw HTML blocks on Jekyll and MkDocs sites run to their end tag, as kramdown and Python-Markdown
read them, blank lines and indentation inside included (render/htmlblocks.py)."""

from __future__ import annotations

import pytest

from stagemap.render import markdown
from stagemap.render.dialects import clean
from stagemap.render.htmlblocks import html_blocks

LIVE = "shown on the live site"

BOX = (
    "Before you start:\n\n"
    '<div class="grid-row">\n'
    '  <div class="grid-col card card--do">\n'
    '    <h3>{% include icon.html name="tick" %} What to do</h3>\n\n'
    "    <ul>\n"
    "      <li>Say who the form is for.</li>\n"
    '      <li>Ask for one thing <a href="{{ site.baseurl }}/forms/">at a time</a>.</li>\n'
    "    </ul>\n"
    "  </div>\n"
    "</div>\n\n"
    "After the box.\n"
)
BADGES = (
    "# Kettle API\n\n"
    '<div class="badges">\n'
    '    <a href="https://ci.example/kettle"><img src="https://ci.example/kettle.svg" alt="Build"></a>\n\n'
    '    <a href="https://pkg.example/kettle"><img src="https://pkg.example/kettle.svg" alt="Release"></a>\n'
    "</div>\n\n"
    "Kettle boils water over HTTP.\n"
)


def test_htmlblocks_a_jekyll_box_of_nested_divs_with_a_blank_line_is_read_whole() -> None:
    """The U.S. Web Design System's Jekyll site (64 of 268 pages): its "What to do" boxes, a card
    in a grid row with a blank line inside, showed the card's list as a block of escaped code
    (CommonMark ends the HTML at the blank line; kramdown reads it to the row's </div>). Its
    heading's icon include stays a placeholder in the heading."""
    assert clean(BOX, ".md", "jekyll", html=True) == (
        "Before you start:\n\n"
        f"### *\\[Included from icon.html: {LIVE}\\]* What to do\n\n"
        "- Say who the form is for.\n- Ask for one thing [at a time](/forms/).\n\n"
        "After the box.\n"
    )
    assert markdown.render(clean(BOX, ".md", "jekyll", html=True)).html == (
        "<p>Before you start:</p>\n"
        f'<h3 id="h-what-to-do"><em>[Included from icon.html: {LIVE}]</em> What to do</h3>\n'
        '<ul>\n<li>Say who the form is for.</li>\n<li>Ask for one thing <a href="/forms/">at a time</a>.</li>\n</ul>\n'
        "<p>After the box.</p>\n"
    )


def test_htmlblocks_an_mkdocs_badge_after_a_blank_line_is_no_code() -> None:
    """Django REST framework's MkDocs home page: the second badge of its <div class="badges">,
    indented after a blank line, showed as a block of code; Python-Markdown reads the div whole."""
    assert clean(BADGES, ".md", "mkdocs", html=True) == (
        "# Kettle API\n\n"
        "[![Build](https://ci.example/kettle.svg)](https://ci.example/kettle) "
        "[![Release](https://pkg.example/kettle.svg)](https://pkg.example/kettle)\n\n"
        "Kettle boils water over HTTP.\n"
    )


def test_htmlblocks_only_on_jekyll_and_mkdocs_with_html_rewritten() -> None:
    """Goldmark (Hugo) ends the block at the blank line as CommonMark does; with
    site.allow_html on the HTML is passed through; stagemap's own format is left alone."""
    text = '<div class="a">\n  <p>One</p>\n\n    <p>Two</p>\n</div>\n'
    assert clean(text, ".md", "hugo", html=True) == "One\n\n    <p>Two</p>\n"
    assert clean(text, ".md", "jekyll") == text
    assert clean(text, ".md", "", html=True) == text
    assert clean(text, ".md", "mkdocs", html=True) == "One\n\nTwo\n"


def test_htmlblocks_markdown_marked_elements_keep_their_markdown() -> None:
    """kramdown's markdown="1" and md_in_html's bare markdown make what an element holds
    Markdown: such an element, or a block holding one, is read as before (blocks.unwrapped); a
    raw block inside a marked one is read whole."""
    outer = (
        '<div class="grid" markdown>\n\n**Tea** first\n\n<div class="card">\n  <p>Card</p>\n\n'
        "    <p>Second</p>\n</div>\n\n</div>\n"
    )
    assert clean(outer, ".md", "mkdocs", html=True) == "**Tea** first\n\nCard\n\nSecond\n"
    inner = '<div class="row">\n\n<div markdown="1">\n**Tea** first\n</div>\n\n</div>\n'
    assert clean(inner, ".md", "jekyll", html=True) == "**Tea** first\n"
    assert html_blocks(inner) == inner


def test_htmlblocks_its_text_is_html_not_markdown() -> None:
    """Neither kramdown (by default) nor Python-Markdown reads Markdown in a raw HTML block."""
    text = "<details>\n<summary>More</summary>\n\nHidden **words**, `code`.\n\n</details>\n"
    assert clean(text, ".md", "jekyll", html=True) == "More\n\nHidden \\*\\*words\\*\\*, \\`code\\`.\n"


def test_htmlblocks_in_a_list_item_stays_in_the_item_and_text_after_the_end_tag_follows() -> None:
    item = '1. Open the box.\n\n   <div class="tip">\n     <p>Mind the edge.</p>\n\n       <p>Use gloves.</p>\n   </div>\n\n2. Lift it.\n'
    assert markdown.render(clean(item, ".md", "jekyll", html=True)).html == (
        "<ol>\n<li>\n<p>Open the box.</p>\n<p>Mind the edge.</p>\n<p>Use gloves.</p>\n</li>\n"
        "<li>\n<p>Lift it.</p>\n</li>\n</ol>\n"
    )
    after = '<div class="a">\n\n    <p>One</p>\n</div> and more\n\nNext.\n'
    assert clean(after, ".md", "mkdocs", html=True) == "One\n\nand more\n\nNext.\n"


@pytest.mark.parametrize(
    "text",
    [
        # Never closed, closed by another element, and split by a fence: read as before.
        '<div class="a">\n  <p>One</p>\n\n    <p>Two</p>\n',
        "<section>\n  <p>One</p>\n\n    <p>Two</p>\n</div>\n",
        "<div>\n\n```\nx\n```\n\n</div>\n",
        # No blank line inside: CommonMark reads it as one block too, as before.
        '<div class="a">\n    <p>One</p>\n</div>\n',
        # Four spaces in, or a tab: indented code, not a block.
        "Text.\n\n    <div>\n\n    <p>b</p>\n    </div>\n",
        "\t<div>\n\n\t<p>b</p>\n\t</div>\n",
        # In a comment.
        "<!-- <div>\n\n    <p>b</p>\n</div> -->\nText.\n",
    ],
)
def test_htmlblocks_leave_what_is_no_closed_top_level_block(text: str) -> None:
    assert html_blocks(text) == text
