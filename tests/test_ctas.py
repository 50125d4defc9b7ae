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


def test_a_menu_gives_no_link_nor_does_anything_before_it() -> None:
    """github/training-kit's home page and jekyll/jekyll's section pages (installation, plugins)
    close on lists of links, and their last entry was read as the page's call to action. Lists
    and tables with only headings and markup between them are one stretch; 3 or more items
    opening on a link, and at least half of them, make it a menu, which gives no link. A heading
    parts two stretches, unless the list under it is all links, like the menu above it."""
    toc = "See [a](/a/) first.\n\n## Guides\n\n- [b](/b/)\n- [c](/c/)\n- [x](/x/)\n\n### More\n\n1. [d](/d/)\n2. [y](/y/)\n"
    assert cta_links(toc) == ()
    assert cta_links(toc + "\nWhen done, go to [e](/e/).\n") == ("/e/",)
    html = (
        '<ul>\n  <li><a href="/a/">A</a></li>\n  <li class="x"><a class="y" href="/b/">B</a></li>\n'
        '  <li><a href="/z/">Z</a></li>\n</ul>\n<h3>More</h3>\n<div>{% include icon.svg %}</div>\n'
        '<ul>\n  <li><a href="/c/">C</a></li>\n  <li><a href="/d/">D</a></li>\n</ul>\n'
    )
    assert cta_links(html) == ()
    table = "| Part | Note |\n| --- | --- |\n| [a](/a/) | one |\n| **[b](/b/)** | two |\n| [c][c] | three |\n"
    assert cta_links(table) == ()
    wrapped = "- [a](/a/) is\n  long\n- [b](/b/) is\nlazy\n- [ ] [c](/c/)\n"
    assert cta_links(wrapped) == ()
    # Two items, items whose links stand in their text, items mostly without a link: no menu.
    assert cta_links("- [a](/a/)\n- [b](/b/)\n") == ("/b/", "/a/")
    assert cta_links("- Ask [a](/a/)\n- Check [b](/b/)\n- Read [c](/c/)\n") == ("/c/", "/b/", "/a/")
    assert cta_links("- [a](/a/)\n- [b](/b/)\n- [c](/c/)\n" + "- plain\n" * 4) == ("/c/", "/b/", "/a/")
    # Prose between two lists parts them: the last list alone is read.
    assert cta_links("- [a](/a/)\n- [b](/b/)\n- [c](/c/)\n\nOr else:\n\n- [d](/d/)\n") == ("/d/",)


def test_code_spans_and_html_comments_hold_no_link() -> None:
    """A link shown as code or hidden in a comment leads nowhere (read as CommonMark reads
    them: whichever opens first holds what follows; one never closed is none)."""
    assert cta_links("[a](/a/) `[b](/b/)`") == ("/a/",)
    assert cta_links("[a](/a/) ``x ` [b](/b/)``") == ("/a/",)
    assert cta_links('[a](/a/) `<a href="/b/">b</a>`') == ("/a/",)
    assert cta_links("[a](/a/) `x\n\n[b](/b/)` ") == ("/b/", "/a/")  # no span over a blank line
    assert cta_links("[a](/a/)\n<!--\n\n[b](/b/)\n\n-->\n") == ("/a/",)  # a comment runs over them
    assert cta_links("`<!--` [a](/a/) `-->`") == ("/a/",)
    assert cta_links("<!-- ` --> [a](/a/) `") == ("/a/",)
    assert cta_links("[a](/a/) <!-- [b](/b/)") == ("/b/", "/a/")


def test_a_grid_of_link_cards_is_a_menu() -> None:
    """Found trying the menu rule on tauri-apps/tauri-docs: its section index pages (about,
    concept, security) close on a grid of Starlight's ``<LinkCard>``s, and the last card was
    read as the step. A component named ``...Card`` is an item, opening on a link when its tag
    holds an ``href`` (over several lines too); a grid of plain cards is no menu."""
    grid = (
        "Start with [a](/a/).\n\n<CardGrid>\n"
        '  <LinkCard title="B" href="/b/" />\n'
        '  <LinkCard\n    title="C"\n    href="/c/"\n    description="Three."\n  />\n'
        '\t<LinkCard title="D" href="/d/" />\n</CardGrid>\n'
    )
    assert cta_links(grid) == ()
    plain = '<CardGrid>\n  <Card title="B">Two.</Card>\n  <Card title="C">Three.</Card>\n</CardGrid>\n'
    assert cta_links(grid.replace('<LinkCard title="B" href="/b/" />', plain)) == ("/d/", "/c/", "/a/")


def test_a_call_to_action_after_a_menu_is_read_on_its_own() -> None:
    """A review of 568194e: the stretch of a menu ran over headings and blank lines, so a page
    whose resources list is followed by its real call to action (a ``<CtaCard>``, a
    ``<LinkCard>``, or a one-item list under "Next step") inferred nothing, where it inferred the
    call before. A heading parts stretches; a card or list of another kind after a menu, with
    fewer than 3 links, is read alone; and a list of a site's features (cilium's), each item a
    link then paragraphs of prose, is prose, not a menu."""
    menu = "Intro.\n\n## Resources\n\n- [A](a.md)\n- [B](b.md)\n- [C](c.md)\n\n"
    assert cta_links(menu + '<CtaCard title="Book a demo" href="/demo/" />\n') == ("/demo/",)
    assert cta_links(menu + '<LinkCard title="Book a demo" href="/demo/" />\n') == ("/demo/",)
    assert cta_links(menu + "## Next step\n\n- [Book a demo](/demo/)\n") == ("/demo/",)
    assert cta_links(menu + "## More\n\n- [D](d.md)\n- [E](e.md)\n") == ()  # the menu goes on
    features = "".join(
        f"- **[{name}]({name}.md)**\n\n  Said in a sentence\n  that wraps once.\n\n"
        for name in ("fast", "safe", "open")
    )
    assert cta_links("Intro.\n\n" + features) == ("open.md", "safe.md", "fast.md")
    # One line of prose under an item keeps it an item; a table of options above a heading
    # no longer waters down the "See also" list under it.
    brief = "".join(f"- [{n}]({n}.md)\n  Said in a line.\n" for n in ("a", "b", "c"))
    assert cta_links("Intro [x](x.md).\n\n" + brief) == ()
    options = "| Name | Type |\n|---|---|\n" + "| opt | string |\n" * 8
    assert cta_links(f"Intro [x](x.md).\n\n## Options\n\n{options}\n## See also\n\n" + brief) == ()


def test_a_body_with_crlf_line_ends_is_read_as_one_with_lf() -> None:
    """A review of 568194e: paragraphs were parted at '\\n\\n' only, so in a body saved with
    CR LF a lone backtick held every later link as code (a regression), and a table's '|---|'
    row or a rule read as prose."""
    assert cta_links("Press the ` key.\r\n\r\nThen read [setup](setup.md) and `x`.\r\n") == ("setup.md",)
    table = "Read [x](x.md).\r\n\r\n| P | W |\r\n|---|---|\r\n" + "".join(
        f"| [{n}]({n}.md) | {n} |\r\n" for n in "abc"
    )
    assert cta_links(table) == ()
    assert cta_links("- [a](a.md)\r\n- [b](b.md)\r\n---\r\n- [c](c.md)\r\n\r\nThen [d](d.md).\r") == ("d.md",)


def test_code_spans_and_comments_are_read_as_commonmark_reads_them() -> None:
    """A review of 568194e, checked with markdown-it-py: an escaped backtick opened a span, a
    ``<!--`` in a code span or mid-line hid the paragraphs after it up to a later ``-->``, and so
    did one in an indented code block. Only a comment that opens a line (an HTML block) runs
    over blank lines."""
    assert cta_links("Type \\` then read [setup](setup.md) and a ` later.\n") == ("setup.md",)
    assert cta_links("Type \\\\`[a](a.md)` here.\n") == ()  # the backslash is escaped, not the tick
    assert cta_links("Use `<!--` to open.\n\nSee [setup](setup.md).\n\nNext --> Done.\n") == ("setup.md",)
    assert cta_links("Text <!-- a\n\n[setup](setup.md)\n\nmore --> end\n") == ("setup.md",)
    assert cta_links("Ex:\n\n    <!-- begin\n\nRead [setup](setup.md).\n\n    end -->\n") == ("setup.md",)
    assert cta_links("Text <!-- [a](a.md) --> and [b](b.md)\n") == ("b.md",)
    assert cta_links("[a](/a/)\n   <!--\n\n[b](/b/)\n\n-->\n") == ("/a/",)


def test_a_menu_counts_only_when_it_holds_one_of_the_last_links() -> None:
    """A review of 568194e: real-sites.md said a reading list of links out of the site is a menu
    and that every link before a menu counts for nothing, but the links before one are dropped
    only when the menu holds one of the last links within the site. The docs now say so: a page
    that ends on a reading list of other sites still takes its last link within the site as its
    step. (Links written by reference are read since, and a list of them is a menu.)"""
    reading = "\n\n## Further reading\n\n- [MDN](https://x.example/)\n- [W3C](https://y.example/)\n- [T](https://z.example/)\n"
    assert cta_links("Read the [intro](intro.md) first." + reading) == ("intro.md",)
    by_reference = "\n\n- [Windows][win]\n- [macOS][mac]\n- [Linux][lin]\n\n[win]: win.md\n[mac]: mac.md\n[lin]: lin.md\n"
    assert cta_links("Read the [intro](intro.md) first." + by_reference) == ()
    mixed = "\n\n- [Guide](guide.md)\n- [MDN](https://x.example/)\n- [W3C](https://y.example/)\n"
    assert cta_links("Read the [intro](intro.md) first." + mixed) == ()


def test_menus_written_in_other_ways_are_menus() -> None:
    """A review of 568194e: a ``<Card href>`` (no prefix, as the docstring said), an HTML item
    whose ``<a>`` is on the next line, a list in a blockquote, a table with no leading pipes, and
    a card whose title holds '>' were no menu items."""
    intro = "Read [intro](intro.md).\n\n"
    cards = "".join(f'<Card title="{n}" href="/{n}/" />\n' for n in "abc")
    assert cta_links(intro + cards) == ()
    items = "".join(f'  <li>\n    <a href="/{n}/">{n}</a>\n  </li>\n' for n in "abc")
    assert cta_links(intro + f"<ul>\n{items}</ul>\n") == ()
    assert cta_links(intro + "> - [A](a.md)\n> - [B](b.md)\n>\n> - [C](c.md)\n") == ()
    assert cta_links(intro + "Page | What\n---|---\n[A](a.md) | a\n[B](b.md) | b\n[C](c.md) | c\n") == ()
    arrows = '<LinkCard title="A -> B" href="/a/" />\n<LinkCard title="B" href="/b/" />\n<LinkCard title="C" href="/c/" />\n'
    assert cta_links(intro + arrows) == ()
    assert cta_links(intro + "Page | What\n[A](a.md) | a\n[B](b.md) | b\n[C](c.md) | c\n") == (
        "c.md",
        "b.md",
        "a.md",
    )


def test_a_call_to_action_of_two_links_after_a_menu_is_the_pages_own() -> None:
    """Review of 611601c: a menu went on under the next heading whenever the list there was two
    links or more, so a "Next step" heading's two links (a demo, the pricing) after a list of
    resources counted for nothing. A last heading that is all a call to action ("Next steps",
    "What's next?", "Get started") ends the menu; other headings (a nested table of contents,
    "Next.js", "Getting started" among sections, "The next release") do not (review r4)."""
    menu = "Intro [start](/start).\n\n- [a](/a)\n- [b](/b)\n- [c](/c)\n\n"
    action = "- [Book a demo](/demo)\n- [Pricing](/pricing)\n"
    assert cta_links(menu + "## Next step\n\n" + action) == ("/pricing", "/demo")
    assert cta_links("## Resources\n\n" + menu.split("\n\n", 1)[1] + "## What's next\n\n" + action) == (
        "/pricing",
        "/demo",
    )
    by_language = "### English\n\n" + menu.split("\n\n", 1)[1] + "### Spanish\n\n- [d](/d)\n- [e](/e)\n"
    assert cta_links(by_language) == ()
    assert cta_links(by_language.replace("### Spanish", "## Other")) == ()
    m3, two = "- [a](/a)\n- [b](/b)\n- [c](/c)\n\n", "- [d](/d)\n- [e](/e)\n\n"
    nested = (
        "Docs [s](/s).\n\n## Guides\n\n### Basics\n\n" + m3 + "### Advanced\n\n" + two + "## Reference\n\n"
    )
    assert cta_links(nested + two) == ()
    for heading in ("## Next.js", "## Getting started", "## The next release", "## Further reading {#next}"):
        assert cta_links("Intro [s](/s).\n\n## Basics\n\n" + m3 + heading + "\n\n" + two) == ()
    for heading in ("## What's next?", "<h2>Next steps</h2>", "## **Get started**", "### Next steps {#next}"):
        assert cta_links("## Basics\n\n" + m3 + heading + "\n\n" + action) == ("/pricing", "/demo")


def test_reference_links_count_where_they_stand_and_lead_where_defined() -> None:
    body = (
        "We plan the week for you.\n\n"
        "[Book a demo][demo], see [pricing][] or read [the FAQ].\n\n"
        "[demo]: /contact/\n"
        '[Pricing]: <../pricing/> "Prices"\n'
        "[the   faq]: faq.md\n"
    )
    assert cta_links(body) == ("faq.md", "../pricing/", "/contact/")


def test_reference_links_and_inline_links_are_read_in_the_order_they_stand() -> None:
    body = "[Start][go], then [the guide](/guide/).\n\n[go]: /start/\n"
    assert cta_links(body) == ("/guide/", "/start/")
    body = "[the guide](/guide/), then [Start][go].\n\n[go]: /start/\n"
    assert cta_links(body) == ("/start/", "/guide/")


def test_what_only_looks_like_a_reference_link_is_none() -> None:
    definitions = "\n\n[demo]: /contact/\n[img]: logo.png\n"
    assert cta_links("A picture: ![logo][img]." + definitions) == ()  # an image
    assert cta_links("Not a link: \\[demo]." + definitions) == ()  # an escaped bracket
    assert cta_links("Code: `[demo]`." + definitions) == ()  # in a code span
    assert cta_links("[Start][nope] now." + definitions) == ()  # its label names no definition
    assert cta_links("No uses here." + definitions) == ()  # the definitions show nothing
    assert cta_links("[demo]: /contact/\n") == ()
    # The first of two definitions of a label is the one read, as CommonMark reads it.
    assert cta_links("[Demo][demo]\n\n[demo]: /first/\n[DEMO]: /second/\n") == ("/first/",)


def test_a_list_of_reference_links_is_a_menu() -> None:
    body = (
        "Pick your way on.\n\n- [Pricing][p]\n- [Guides][g]\n- [Support][s]\n\n"
        "[p]: /pricing/\n[g]: /guides/\n[s]: /support/\n"
    )
    assert cta_links(body) == ()


def test_setext_headings_part_and_join_menus_as_atx_headings_do() -> None:
    """A heading underlined with ``---`` or ``===`` was read as a line of prose and a rule, so
    a home page of short lists of links under such headings ended on a list of two links that
    gave its last entry as the step, and a "Next steps" heading so written was no call to
    action. Only a paragraph's one line over the underline is a heading's text here."""
    m3, two = "- [a](/a)\n- [b](/b)\n- [c](/c)\n\n", "- [d](/d)\n- [e](/e)\n"
    action = "- [Book a demo](/demo)\n- [Pricing](/pricing)\n"
    assert cta_links("Intro [s](/s).\n\nBasics\n------\n\n" + m3 + "Advanced\n--------\n\n" + two) == ()
    assert cta_links("Intro [s](/s).\n\n## Basics\n\n" + m3 + "Advanced\n========\n\n" + two) == ()
    assert cta_links("Basics\n======\n\n" + m3 + "Next steps\n----------\n\n" + action) == (
        "/pricing",
        "/demo",
    )
    assert cta_links("Basics\n======\n\n" + m3 + "**What's next?**\n---\n\n" + action) == (
        "/pricing",
        "/demo",
    )
    # A paragraph of two lines over an underline (a heading in CommonMark too, but only one
    # line is read as one here) parts the lists as prose; under an item or code it is a rule,
    # which parts nothing.
    assert cta_links("Intro.\n\n" + m3 + "Two lines of\nprose\n---\n\n" + two) == ("/e", "/d")
    assert cta_links("Intro.\n\n" + m3 + "- [f](/f)\n---\n\n" + two) == ()
    assert cta_links("Intro.\n\n" + m3 + "    indented code\n---\n\n" + two) == ()


def test_reference_links_as_commonmark_reads_them_after_review() -> None:
    """Review R1 of 7e20bdd. Footnotes (``[^1]: Based on data.``, Hugo's and kramdown's) were
    read as definitions of links to 'Based', 'Really', 'Trust' and pushed the real step out: a
    definition holds its target and maybe a title, nothing else, and a ``^`` label is a
    footnote's. A list of shortcut references ('- [Pricing]') was no menu. A definition in an
    HTML comment, or under a paragraph's line (where CommonMark reads none), was read first."""
    notes = "\n\n[^1]: Based on data.\n[^2]: Really so.\n[^3]: Trust us.\n"
    assert cta_links("Book a [demo](/demo/) now.[^1] We also[^2] do[^3] more." + notes) == ("/demo/",)
    shortcuts = (
        "Book a [demo](/demo/).\n\n## See also\n\n- [Pricing]\n- [Guides]\n- [Support]\n\n"
        "[pricing]: /pricing/\n[guides]: /guides/\n[support]: /support/\n"
    )
    assert cta_links(shortcuts) == ()
    assert cta_links("Close [demo].\n\n<!--\n[demo]: /old/\n-->\n\n[demo]: /new/\n") == ("/new/",)
    assert cta_links("Close [demo].\n\nFoo\n[demo]: /baz/\n") == ()
    # The label is the one given; a text of its own that is defined does not stand in.
    assert cta_links("[demo][nope] now.\n\n[demo]: /contact/\n") == ()
    # A title's brackets are no link; an escaped backslash escapes nothing after it.
    assert cta_links('[Book][demo]\n\n[demo]: /contact/ "Book [demo] now"\n') == ("/contact/",)
    assert cta_links("See \\\\[demo].\n\n[demo]: /contact/\n") == ("/contact/",)
    # A text over two lines of its paragraph, and a definition in a quote.
    assert cta_links("Read [the\nFAQ] now.\n\n[the faq]: /faq/\n") == ("/faq/",)
    assert cta_links("> Read [the FAQ].\n>\n> [the faq]: /faq/\n") == ("/faq/",)
    assert cta_links("Go [on](<../next/>).\n\n[x]: <../x/> 'X'\n") == ("../next/",)


def test_definitions_after_lines_that_end_no_paragraph_after_review() -> None:
    """Review R3 of a32418f: definitions under a '<!-- Links -->' comment, a rule or a setext
    heading were dropped (only a blank line or an ATX heading was let stand above one), and a
    definition indented four spaces (code) was read: CommonMark reads the first ones and not
    the last."""
    for above in ("<!-- Links -->", "***", "Links\n-----", "```\ncode\n```"):
        assert cta_links(f"Ready? [Book a demo][demo].\n\n{above}\n[demo]: /contact/\n") == ("/contact/",)
    assert cta_links("Ready? [Book a demo][demo].\n\n    [demo]: /contact/\n") == ()
    assert cta_links("Ready? [Book a demo][demo].\n\n- an item\n[demo]: /contact/\n") == ()


def test_a_link_components_address_counts_as_a_link_does() -> None:
    """A Docusaurus or Gatsby page writes its call to action as ``<Link to="/demo/">``: such a
    page ended on no link and got no inferred step. A component's ``to`` is read as an HTML
    link's ``href`` (not another attribute ending in it, ``data-to``); a list of them, or a
    grid of cards linking by ``to``, is a menu."""
    assert cta_links('We plan your week.\n\n<Link to="/demo/">Book a demo</Link>\n') == ("/demo/",)
    assert cta_links('Set <span data-to="/x/">x</span>, then [a](/a/).\n') == ("/a/",)
    items = 'Start with [a](/a/).\n\n- <Link to="/b/">B</Link>\n- <Link to="/c/">C</Link>\n- <Link to="/d/">D</Link>\n'
    assert cta_links(items) == ()
    grid = 'Start with [a](/a/).\n\n<CardGrid>\n  <Card title="B" to="/b/" />\n  <Card title="C" to="/c/" />\n  <Card title="D" to="/d/" />\n</CardGrid>\n'
    assert cta_links(grid) == ()
