"""The links a body ends on (`stagemap.read.ctas`): the fast walk from the end finds what a full scan finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from stagemap.read.ctas import MAX_LINKS, cta_links

_MARKDOWN = re.compile(r"\]\(\s*<?([^)\s>]+)")
_HTML = re.compile(r"href=[\"']([^\"']+)[\"']")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


def every_link_then_the_last(body: str) -> tuple[str, ...]:
    """The plain reading, as a test oracle: every link with its place, sorted, the last internal ones kept."""
    found = []
    for match in _MARKDOWN.finditer(body):
        opening = body.rfind("[", 0, match.start())
        if not (opening > 0 and body[opening - 1] == "!"):
            found.append((match.start(), match.group(1)))
    found += [(m.start(), m.group(1)) for m in _HTML.finditer(body)]
    last: list[str] = []
    for _, href in sorted(found, reverse=True):
        if not _EXTERNAL.match(href) and href not in last:
            last.append(href)
    return tuple(last[:MAX_LINKS])


# Pieces that make links, images, HTML links, nesting and near misses when strung together.
PIECES = st.sampled_from(
    [
        "[a](",
        "![i](",
        "](",
        ")",
        "[",
        "]",
        "!",
        " ",
        "\n",
        "<",
        ">",
        "/pricing/",
        "../faq/",
        "demo",
        "https://x.example/",
        "mailto:a@b.example",
        "#top",
        "//cdn.example/x",
        'href="/demo"',
        "href='/page'",
        'href="https://y.example/"',
        "text",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_the_walk_from_the_end_matches_a_full_scan(body: str) -> None:
    assert cta_links(body) == every_link_then_the_last(body)


def test_links_over_an_earlier_link_are_read_as_a_full_scan_reads_them() -> None:
    # A destination may hold "](": the scan from the start reads it as one link, so must the walk.
    body = "[a](x](y) and [b](z)\n"
    assert cta_links(body) == every_link_then_the_last(body) == ("z", "x](y")


def test_images_and_outside_links_are_passed_over_until_three_are_found() -> None:
    body = "".join(f"[p{i}](/p{i}) ![img](/i{i}.png) [out](https://x.example/{i})\n" for i in range(6))
    assert cta_links(body) == ("/p5", "/p4", "/p3")


def test_links_are_read_as_the_pages_template_engine_leaves_them() -> None:
    """Reviewer r7 (Jekyll): addresses in comments and raw blocks were worked out as live links.
    Nunjucks' ``{# #}`` is a comment, Liquid's shows as text; a raw block's own plain link stays
    a link; a fence never closed is no code block (kramdown, Python-Markdown)."""
    body = "[a](/a/)\n{# [b]({{ '/b/' | url }}) #}\n"
    assert cta_links(body, "njk") == ("/a/",)
    assert cta_links(body, "liquid") == ("/b/", "/a/")
    assert cta_links(body) == ("{{", "/a/")  # no engine: read as written, as before (it leads nowhere)
    raw = "{% raw %}[c](/c/) [d]({{ '/d/' | relative_url }}){% endraw %}"
    assert cta_links(raw, "liquid") == ("/c/",)
    assert cta_links("```\n[e](/e/)\n````\n[f](/f/)\n~~~\n[g](/g/)\n") == ("/g/", "/f/")


def test_a_fence_closes_only_after_what_its_opening_stood_after() -> None:
    """The last review of the sitting, on a Hugo and a Jekyll fixture of our own: a ``` line
    four spaces in (indented code, no fence) or left open in a list item was closed by a later
    fence at the margin, and the links between, the page's real ones, were dropped as code:
    the inferred next step was lost. A fence closes only after the same indentation and quote
    marks as its opening; one never closed so is no block (a link in code kept costs less)."""
    indented = (
        "Indent a fence:\n\n    ```\n    code\n\nThen read [the notes](/notes/).\n\n```\n[no](/code/)\n```\n"
    )
    assert cta_links(indented) == ("/notes/",)
    listed = "1. Build:\n   ```sh\n   make\n2. Then read [the notes](/notes/).\n\n```\ny\n```\n"
    assert cta_links(listed) == ("/notes/",)
    quoted = "> ```\n> [in code](/code/)\n> ```\n\nRead [a](/a/).\n"
    assert cta_links(quoted) == ("/a/",)
