"""markdown.py: raw HTML stays text, unsafe links are dropped, ids are prefixed, links follow."""

from __future__ import annotations

import pytest

from stagemap.model.safelinks import is_safe_link
from stagemap.read.blocks import parser
from stagemap.render.markdown import render, render_html, slug


def test_markdown_raw_html_is_escaped_by_default() -> None:
    html = render_html('<script>alert(1)</script>\n\nHi <img src=x onerror="alert(1)"> there\n')
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_markdown_allow_html_passes_raw_html_through() -> None:
    html = render_html("<details><summary>More</summary>Body</details>\n", allow_html=True)
    assert "<details><summary>More</summary>Body</details>" in html


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ],
)
def test_markdown_unsafe_link_is_not_a_link(link: str) -> None:
    html = render_html(f"[click]({link}) and <{link}> and ![img]({link})\n")
    assert "<a " not in html
    assert "<img" not in html
    assert "href" not in html


@pytest.mark.parametrize(
    "link",
    [
        "https://example.com/x",
        "http://example.com",
        "mailto:sales@example.com",
        "tel:+441234",
        "irc://irc.example.net/#vans",  # Jekyll's docs name their chat so
        "ftp://ftp.example.com/rates.pdf",
        "other.html",
        "#part",
    ],
)
def test_markdown_safe_link_is_kept(link: str) -> None:
    assert is_safe_link(link)
    assert "<a href=" in render_html(f"[go]({link})\n")


def test_markdown_tables_and_strikethrough_render() -> None:
    html = render_html("| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~gone~~\n")
    assert "<table>" in html and '<td style="text-align:right">2</td>' in html
    assert "<s>gone</s>" in html


def test_markdown_heading_ids_are_prefixed_unique_and_shifted() -> None:
    result = render("# Location\n\n## Location\n\n## Café prices!\n\n[up](#location)\n", top=2)
    assert result.html.startswith('<h2 id="h-location">Location</h2>\n<h3 id="h-location-1">Location</h3>')
    assert '<h3 id="h-café-prices">' in result.html
    assert '<a href="#h-location">up</a>' in result.html
    assert [h.level for h in result.headings] == [2, 3, 3]


def test_markdown_drops_a_first_heading_that_repeats_the_title() -> None:
    result = render("# The  Title\n\nText\n\n## Part\n", top=2, drop_title="the title")
    assert result.html == '<p>Text</p>\n<h2 id="h-part">Part</h2>\n'


def test_markdown_relative_links_go_through_rewrite_and_broken_ones_become_text() -> None:
    seen: list[str] = []

    def rewrite(url: str) -> str | None:
        seen.append(url)
        return "../assets/b.html" if url.startswith("b.md") else None

    result = render(
        "[b](b.md#x) [gone](gone.md) ![pic](pic.png) [ext](https://x.org) [top](/abs)\n", rewrite=rewrite
    )
    assert seen == ["b.md#x", "gone.md", "pic.png", "/abs"]
    assert '<a href="../assets/b.html">b</a>' in result.html
    assert '<span class="broken-link" title="Link target not found: gone.md">gone</span>' in result.html
    assert "[missing image: pic]" in result.html
    assert '<a href="https://x.org">ext</a>' in result.html
    assert result.broken == ("gone.md", "pic.png", "/abs")


def test_markdown_parser_is_built_once_per_setting() -> None:
    assert parser(False) is parser(False)
    assert parser(True) is not parser(False)


def test_markdown_slug_never_empty() -> None:
    assert slug("!!!") == "section"
    assert slug("Why it Keeps Happening") == "why-it-keeps-happening"
