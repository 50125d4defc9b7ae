"""Pages written in HTML (a Jekyll site's ``index.html`` or ``pricing.html``, a Hugo content file
ending in ``.html``) are read as assets and shown as what they say, not as their markup."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import stagemap
from stagemap.cli.app import cli
from stagemap.read.htmlpage import html_page_to_markdown
from stagemap.render import dialects, markdown
from stagemap.render.anchors import anchor
from tests.conftest import ROOT, write

LIVE = "shown on the live site"
MARK = anchor("usage")
LANDING = (ROOT / "tests/data/landing-page.html").read_text()


def test_a_landing_page_becomes_markdown_by_its_blocks_not_its_indentation() -> None:
    assert html_page_to_markdown(LANDING) == (
        "# Route planning for *busy* crews\n\n"
        "Plan the week in minutes. Send every van the right way & on time.\n\n"
        "[See pricing](/pricing/)\n\n"
        "## Why teams switch\n\n"
        "- Fewer missed calls\n- One schedule:\n  - for the office\n  - for the road\n\n"
        "1. Plan\n1. Drive\n\n"
        "1\\. Not a list, # not a heading, \\*not\\* emphasis\n\n"
        "![A van on a map](</img/van map.png>)\n\n"
        "| Plan | Price |\n|---|---|\n| Crew | £40 \\| month |\n\n"
        "```\ncurl https://api.example\n  --data x\n```\n\n"
        "> It paid for itself.\n\n"
        # A link around blocks (a card): its first block's text is the link.
        "### [Harbour Vans](/customers/harbour/)\n\n"
        "Cut call-backs by a third.\n\n"
        "[Read the **blog**](/blog/) or nothing. [![Logo](/i.png)](/x)\n"
    )


def test_nested_ordered_lists_and_quotes_keep_their_structure() -> None:
    html = "<ol><li>Plan<ol><li>Week</li></ol></li></ol><blockquote><h2>Said</h2><p># one</p></blockquote><p>- two</p>"
    assert html_page_to_markdown(html) == "1. Plan\n   1. Week\n\n> ## Said\n\n> \\# one\n\n\\- two\n"


SETTINGS = (
    "name: Harbour\npurpose: Why we exist.\nmodel: buyer-journey\ngenerator: jekyll\n"
    "sources:\n  - path: .\n    url: /{path}/\n    exclude: [_site/]\n"
    "urls:\n  base: https://harbour.example/\n"
    "rules:\n  - match: {path: pricing.html}\n    set: {stages: [purchase], questions: [risk]}\n"
)
SITE: dict[str, str | bytes] = {
    "stagemap.yml": SETTINGS,
    "_config.yml": "title: Harbour\n",
    "_layouts/default.html": "---\n---\n<html><body>{{ content }}</body></html>\n",
    "index.html": "---\nlayout: default\npermalink: /\n---\n" + LANDING,
    "pricing.html": (
        "---\nlayout: default\ntitle: Pricing\n---\n<section>\n  <div>\n    <h2>Crew plan</h2>\n"
        "    <p>Forty pounds a month, <a href=\"{{ 'contact/' | relative_url }}\">ask us</a>.</p>\n"
        "    {% for plan in site.data.plans %}<p>{{ plan.name }}</p>{% endfor %}\n  </div>\n</section>\n"
    ),
    "old-pricing.html": "---\nredirect_to: /pricing/\n---\n",
    "404.html": "---\npermalink: /404.html\n---\n<h1>Lost at sea</h1>\n",
    "google1234.html": "google-site-verification: google1234.html\n",
}


def test_a_jekyll_sites_html_pages_are_assets_titled_and_shown_as_they_read(tmp_path: Path) -> None:
    root = write(tmp_path / "site", SITE)
    library = stagemap.load_project(root).library
    assets = {a.path: (a.title, a.url, a.stages) for a in library.assets}
    assert assets == {
        # No title: the first <h1>.
        "index.html": ("Route planning for busy crews", "https://harbour.example/", ()),
        "pricing.html": ("Pricing", "https://harbour.example/pricing/", ("purchase",)),
    }
    fates = {f.path: (f.fate, f.kind, f.reason) for f in library.fates}
    assert fates["old-pricing.html"] == (
        "non-asset",
        "unpublished",
        "redirect_to (the site serves a redirect in its place, not a page)",
    )
    assert fates["404.html"][:2] == ("non-asset", "error-page")
    assert fates["google1234.html"][:2] == ("non-asset", "no front matter")
    assert fates["_layouts/default.html"][:2] == ("non-asset", "partial")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(out), "--as-of", "2026-12-01"])
    assert result.exit_code == 0, result.output
    page = (out / "assets/pricing.html").read_text()
    assert '<h2 id="h-crew-plan">Crew plan</h2>' in page
    assert 'Forty pounds a month, <a href="https://harbour.example/contact/">ask us</a>.' in page
    assert "A list from the site" in page and "<pre>" not in page
    home = (out / "assets/index.html").read_text()
    assert '<h2 id="h-why-teams-switch">Why teams switch</h2>' in home and "track(" not in home
    # The search index has the page's words, not its markup (nor its entities).
    words: dict[str, list[int]] = {}
    for part in (out / "static/search").glob("w-*.js"):
        words.update(json.loads(part.read_text().split(",", 1)[1].rstrip(");\n"))["words"])
    assert words["crews"] == [0] and words["forty"] == [1]
    assert not {"class", "hero", "div", "section", "amp", "script"} & set(words)


_TAGS = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<ul>", "<li>", "</ul>", "<ol>", "</ol>", "<h2>", "</h2>", "<a href='/x'>",
     "</a>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", "<pre>", "</pre>", "<blockquote>",
     "</blockquote>", "<script>", "</script>", "<em>", "</em>", "<br>", "<img src='i.png' alt='x'>", "&amp;",
     "<b>", "</b>", "<i>", "</i>", "<code>", "</code>", "<a href='/y'>", "<h3 id='z'>", "</h3>", "<![", "{{< s >}}",
     "{{ x }}", "\ue020", "`", "~~~", "1. ", "# "]
)  # fmt: skip


@given(st.lists(_TAGS | st.text(max_size=8), max_size=40))
def test_any_html_becomes_markdown_that_renders_without_raw_tags(parts: list[str]) -> None:
    """Unclosed, misnested and stray tags never raise, and nothing of the markup reaches the page."""
    text = html_page_to_markdown("".join(parts))
    assert text == "" or text.endswith("\n")
    rendered = markdown.render(text).html
    assert "<script" not in rendered and "<div" not in rendered


def test_hugo_shortcodes_in_an_html_page_are_read_and_self_anchors_are_text() -> None:
    """A heading's own anchor (<a id="usage" href="#usage">) would lead nowhere here; a shortcode's
    angle brackets must reach the shortcode reader as written, not escaped."""
    html = (
        '<div class="figure">\n  <h2><a id="usage" href="#usage">Usage</a></h2>\n'
        '  <p>See {{< param "x" >}} and <a href="#usage">the chart</a>.</p>\n</div>\n{{< plotly >}}\n'
    )
    assert html_page_to_markdown(html) == (
        f'## {MARK}Usage\n\nSee {{{{< param "x" >}}}} and [the chart](#usage).\n\n{{{{< plotly >}}}}\n'
    )
    assert dialects.clean(html, ".html", "hugo", {"x": "ten"}, html=True) == (
        f"## {MARK}Usage\n\nSee ten and [the chart](#usage).\n\n*\\[plotly: {LIVE}\\]*\n"
    )
    # The anchor is kept: links to #usage from the body (or another page) reach the heading.
    page = markdown.render(dialects.clean(html, ".html", "hugo", {"x": "ten"}, html=True), top=2).html
    assert '<h2 id="h-usage">Usage</h2>' in page and 'href="#h-usage"' in page  # one id, the heading's
    many = "{{<" * 20_000 + "<p>end</p>"  # never closed: read in linear time, as text
    assert html_page_to_markdown(many).endswith("end\n")


def test_html_text_that_looks_like_markdown_stays_text_and_code_stays_code() -> None:
    """Found by a review: each of these became other Markdown than the page said."""
    html = (
        "<p>2024 was a good year</p><p>3. Not a list</p><p>~~~</p><p>---</p>"
        "<p><code>a_b</code> and <code>&lt;div&gt;</code> and <code>x`y</code></p>"
        "<p><strong>Note: </strong>read <em> this</em>.<b></b></p>"
        "<pre>```\n~~~~~\n&lt;img src=x onerror=alert(1)&gt;\n</pre>"
        '<p><a href="/x"><pre>&lt;script&gt;s()&lt;/script&gt;</pre><span>After it</span></a></p>'
        "<p>See {{ 'docs/usage/' | relative_url }} and {{ page.my_title }}.</p>"
    )
    assert html_page_to_markdown(html) == (
        "2024 was a good year\n\n3\\. Not a list\n\n\\~~~\n\n\\---\n\n"
        "`a_b` and `<div>` and ``x`y``\n\n**Note:** read *this*.\n\n"
        "````\n```\n~~~~~\n<img src=x onerror=alert(1)>\n````\n\n"
        "```\n<script>s()</script>\n```\n\n[After it](/x)\n\n"
        "See {{ 'docs/usage/' | relative_url }} and {{ page.my_title }}.\n"
    )
    cleaned = dialects.clean(html, ".html", "jekyll", {"my_title": "MT"})
    assert "See /docs/usage/ and MT." in cleaned
    page = markdown.render(cleaned, allow_html=True).html  # even where raw HTML is allowed
    assert "<img src=x" not in page and "<script>" not in page


def test_odd_html_never_raises_nor_leaks_the_readers_marks() -> None:
    assert html_page_to_markdown("<p>a <![ b</p>") == "a \\<!\\[ b\n"
    assert html_page_to_markdown("{{< x >}}<p>\ue0305\ue031 \ue020td\ue021</p>") == "{{< x >}}\n\n5 td\n"
    table = "<table><tr><td><ul><li>a</li></ul><h2>H</h2><pre>c</pre></td><td>b</td></tr></table>"
    assert html_page_to_markdown(table + "</table><td>x</td><table><tr><td>open") == (
        "| a H c | b |\n|---|---|\n\nx\n\nopen\n"
    )
    deep = html_page_to_markdown("<ul><li>x" * 2000)  # read at most MAX_DEPTH deep
    assert deep.count("\n") == 2000 and max(len(line) - len(line.lstrip()) for line in deep.split("\n")) == 14
    assert html_page_to_markdown("<a" * 50_000).startswith("\\<a\\<a")  # stray brackets: text


def test_a_list_items_text_that_looks_like_a_list_stays_its_text() -> None:
    html = "<ol><li>1. First</li><li>- dash</li></ol><h2>1. Intro</h2>"
    assert html_page_to_markdown(html) == "1. 1\\. First\n1. \\- dash\n\n## 1. Intro\n"
