"""Long bodies (a changelog, a policy, a site's history) render as Markdown, in parts.

A body over `limits.MAX_PART_BYTES` is cut on lines where a block of its top level starts
(`stagemap.read.blocks.plan`), each part headed by the link definitions it names and rendered
on its own: the page must be the one the whole body gives. The property test cuts generated
documents into parts of 100 bytes and compares, both engines, raw HTML on and off.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from stagemap.cli.app import cli
from stagemap.model import limits
from stagemap.read import blocks
from stagemap.read.blocks import block_starts
from stagemap.render import markdown
from tests.conftest import QUIET_CONFIG, write
from tests.test_html_pages import SETTINGS

PIECES = [
    "# Release [1.2.0]",
    "## Same",
    "## Same",
    "### Fixed [#12][] and [the docs]",
    "Setext heading\n===",
    "A paragraph with [a link][1.2.0], *emphasis*, `code` and [inline](https://example.com/x).",
    "A lazy paragraph\n# interrupted by a heading",
    "- one\n- two\n\n  more of two",
    "1. first\n   # a heading in an item\n2. second",
    "> quoted\n> # a heading in a quote",
    "> quoted and lazy\ncontinued",
    "```\ncode\n\n# not a heading\n```",
    "~~~~\n\n# x\n~~~\n~~~~",
    "````md\n```\n# inside\n```\n````",
    "- item\n\n  ```\n  # fenced in an item\n  ```",
    "1. item\n   ```\n   a fence the item's end closes",
    "```",
    "    indented code\n\n    # still code",
    "| a | b |\n|---|---|\n| 1 | [x][#12] |",
    "<!--\n\n# in a comment\n-->",
    "<pre>\n\n# in pre\n</pre>",
    "<div>\n# in a div\n</div>",
    "[1.2.0]: https://example.com/compare/1.1...1.2",
    "[#12]: https://example.com/issues/12\n  'Issue twelve'",
    '[the docs]: <https://example.com/the docs> "Docs"',
    # Seen by a review: entities and encoded line breaks in a definition, labels folded
    # differently by the two engines, a label broken by an escaped line end, NUL.
    '[#12]: /x&amp;copy; "Line&#10;&#10;break &#13; and &#32;"',
    "[Ünï  Cöde]: /u\n[ა]: /georgian\n[a\u00a0b]: /nbsp\n[foo\\\nbar]: /escaped-break",
    "Names [ünï cöde], [ა], [a\u00a0b], [foo\\\nbar] and [a\x00b].",
    "[a\x00b]: /nul",
    "[" + "\\[" * 40,
    "[1.2.0]: https://example.com/second-definition-loses",
    "Ünïcödé text — the byte count is not the character count.",
    "***",
    "#hashtag is not a heading",
    "\t# a tab makes code",
]
HEADINGS = ["", "# Release [1.2.0]\n\n", "## Same\n", "### Fixed [#12][] and [the docs]\n\n", "#### Four\r\n"]
SEPARATORS = ["\n", "\n\n", "\r\n\r\n", "\n\n\n", "\r\r"]
PART = 100
"""The part size of the property test: a few pieces to a part."""


def _render(text: str, part_bytes: int, **options: object) -> markdown.Rendered:
    with mock.patch.object(limits, "MAX_PART_BYTES", part_bytes):
        return markdown.render(text, rewrite=lambda url: "to/" + url, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("renderer", ["cmark", "python"])
@pytest.mark.parametrize("allow_html", [False, True])
@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(HEADINGS),
            st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=3),
        ),
        min_size=1,
        max_size=10,
    ),
    st.sampled_from([1, 2, 3]),
)
def test_a_body_rendered_in_parts_is_the_page_the_whole_body_gives(
    renderer: str, allow_html: bool, sections: list[tuple[str, list[tuple[str, str]]]], top: int
) -> None:
    text = "".join(
        heading + "".join(piece + separator for piece, separator in pieces) for heading, pieces in sections
    )
    with mock.patch.object(limits, "MAX_PART_BYTES", PART):
        cut = limits.parts(text, block_starts)
    assume(cut is not None)  # a stretch over PART bytes with no heading: shown as plain text
    event(f"{len(cut or ())} parts")
    options = {"allow_html": allow_html, "top": top, "drop_title": "Release [1.2.0]"}
    with mock.patch.dict("os.environ", {"STAGEMAP_MARKDOWN": renderer}):
        whole = _render(text, 1 << 20, **options)
        parted = _render(text, PART, **options)
    assert parted == whole


def test_a_long_body_is_cut_where_blocks_start_into_parts_as_long_as_they_may_be() -> None:
    section = "## Section\n\n" + "word " * 100 + "\n\n"
    fence = "```\n" + "# not here\n\nnor here\n\n" * 5 + "```\n\n"
    body = "Intro.\n\n" + section * 3 + fence + section
    with mock.patch.object(limits, "MAX_PART_BYTES", 1100):
        found = limits.parts(body, block_starts)
    assert found is not None and "".join(found) == body
    starts = [sum(map(len, found[:n])) for n in range(len(found))]
    # The intro, two sections and a heading fit in the first part; the fence is never cut.
    assert starts == [0, 8 + 2 * len(section) + 12, 8 + 3 * len(section) + len(fence) + 12]
    assert all(len(part) <= 1100 for part in found)


def test_each_part_starts_with_the_link_definitions_it_names() -> None:
    section = "## [1.0.0]\n\n" + "word " * 100 + "\n\n"
    definitions = '[1.0.0]: https://example.com/1.0.0\n[Old  Notes]: <https://example.com/old notes>\n  "Old & \\"new\\""\n'
    body = "See [the notes][old\nnotes].\n\n" + section * 4 + definitions
    with mock.patch.object(limits, "MAX_PART_BYTES", 1100):
        found = limits.parts(body, block_starts)
    assert found is not None and len(found) == 3 and "".join(found) == body
    with mock.patch.object(limits, "MAX_PART_BYTES", 1100):
        made = blocks.plan(body)
    # Copied as written; a definition starts a part as a block does: the last part is the second.
    one, old = definitions[: definitions.index("[Old")], definitions[definitions.index("[Old") :]
    assert found[2] == old
    assert made == [one + old + "\n" + found[0], one + "\n" + found[1], old + "\n" + found[2]]
    page = _render(body, 1100)
    assert page == _render(body, 1 << 20)
    assert (
        page.html.count('<a href="https://example.com/old%20notes" title="Old &amp; &quot;new&quot;">') == 1
    )


@pytest.mark.parametrize(
    ("body", "reason", "line", "col"),
    [
        ("x" * (limits.MAX_PART_BYTES + 1), "a block over 128 KiB", 0, 1),
        ("# A\n\n" + "x" * limits.MAX_PART_BYTES + "\n", "a block over 128 KiB", 2, 1),
        ("# A\n\nshort\n\n# B\n\n" + ("- " + "x" * 60 + "\n") * 2200, "a block over 128 KiB", 6, 1),
        (
            "x\n" * limits.MAX_LINES + "\n# B\n\n" + "x" * 100_000,
            "too many lines to render in parts (over 20,000, nested ones counting more)",
            0,
            1,
        ),
        ("# A\n\n```\n\n# B\n\n" + "x" * limits.MAX_PART_BYTES, "a block over 128 KiB", 2, 1),
        ("# A\n\n" + ("x" * 60_000 + "\n\n# B\n\n") * 35, "body larger than 2 MiB", 0, 1),
        ("# A\n\n" + ("[" * 1_999 + "\n\n") * 21, "more than 40,000 '[' brackets", 42, 21),
        (  # 99 columns by 22 rows a table: the 46th takes the cells past 100,000
            "# A\n\n" + ("|a" * 99 + "|\n" + "|-" * 99 + "|\n" + "x\n" * 20 + "\n") * 100,
            "tables of more than 100,000 cells (short rows padded)",
            2 + 23 * 45,
            1,
        ),
        (
            "# A\n\n" + ("  " * 30 + "- x\n") * 2100,  # 30 deep: finding its blocks took 0.8 ms a line
            "too many lines to render in parts (over 20,000, nested ones counting more)",
            0,
            1,
        ),
        ("# A\n\n" + "x" * 60_000 + "\n\n# B\n\n" + "[" * 2001, "more than 2,000 '[' brackets", 6, 2001),
    ],
)
def test_a_long_body_beyond_a_limit_names_it_and_where(body: str, reason: str, line: int, col: int) -> None:
    assert limits.exceeded(body, block_starts) == limits.Exceeded(reason, line, col)
    assert limits.parts(body, block_starts) is None


def test_a_body_with_more_brackets_than_a_part_may_hold_is_cut_too() -> None:
    links = "[a](b) " * (limits.MAX_BRACKETS - 10)
    body = "# A\n\n" + links + "\n\n# B\n\n" + links + "\n"
    assert len(limits.parts(body, block_starts) or ()) == 2
    assert markdown.render(body).html.count('<a href="b">a</a>') == 2 * (limits.MAX_BRACKETS - 10)


CHANGELOG_ENTRY = """## [{v}] - 2026-{m:02d}-01

### Fixed

- The schedule export now keeps the engineer's notes ([#{v}][{v}]).
- A visit moved by the office shows on the van's tablet within a minute.

"""


def test_check_and_build_render_a_long_changelog_as_markdown(tmp_path: Path) -> None:
    entries = "".join(CHANGELOG_ENTRY.format(v=v, m=v % 12 + 1) for v in range(1400, 0, -1))
    links = "".join(f"[{v}]: https://example.com/issues/{v}\n" for v in range(1400, 0, -1))
    body = "# Changelog\n\nEvery change, newest first.\n\n" + entries + links
    assert limits.MAX_PART_BYTES < len(body.encode()) < limits.MAX_BODY_BYTES
    head = "---\ntitle: Changelog\nstages: adoption\nquestions: risk\n---\n"
    write(tmp_path, {"stagemap.yml": QUIET_CONFIG, "content/changelog.md": head + body})
    out = tmp_path / "out"
    assert _check_and_build(tmp_path, out) == (0, "")
    page = (out / "assets" / "changelog.html").read_text("utf-8")
    assert 'class="plain-text"' not in page
    assert page.count('<h2 id="h-1400-2026-09-01">') == 1
    assert page.count('<h3 id="h-fixed') == 1400
    assert '<h3 id="h-fixed-1399">Fixed</h3>' in page
    assert '(<a href="https://example.com/issues/1">#1</a>)' in page
    assert '(<a href="https://example.com/issues/1400">#1400</a>)' in page


RELEASE = """## 3.{v}.0

### Features

* Add a quiet mode to the kettle's timer. PR [#{v}1](https://example.com/pull/{v}1) by [@ana](https://example.com/ana).
* Let the porch light follow the sunset. PR [#{v}2](https://example.com/pull/{v}2) by [@bo](https://example.com/bo).

### Fixes

* Keep the thermostat's schedule when the power comes back. PR [#{v}3](https://example.com/pull/{v}3).

"""


def test_check_and_build_render_release_notes_over_half_a_megabyte_as_markdown(tmp_path: Path) -> None:
    # Release notes of 1,420 releases (a project's whole history, 540 KB) were shown as plain
    # text: the whole body was bounded at 512 KiB.
    body = "# Release Notes\n\n" + "".join(RELEASE.format(v=v) for v in range(1_420, 0, -1))
    assert 512 * 1024 < len(body.encode()) < limits.MAX_BODY_BYTES
    head = "---\ntitle: Release Notes\nstages: adoption\nquestions: risk\n---\n"
    write(tmp_path, {"stagemap.yml": QUIET_CONFIG, "content/release-notes.md": head + body})
    out = tmp_path / "out"
    assert _check_and_build(tmp_path, out) == (0, "")
    page = (out / "assets" / "release-notes.html").read_text("utf-8")
    assert 'class="plain-text"' not in page
    assert page.count('<h3 id="h-fixes') == 1_420
    assert '<h3 id="h-features-1419">Features</h3>' in page
    assert '<a href="https://example.com/pull/13">#13</a>' in page


def test_check_names_a_block_too_long_for_a_part(tmp_path: Path) -> None:
    head = "---\ntitle: Policy\nstages: purchase\nquestions: risk\n---\n"
    body = "# Terms\n\nIntro.\n\n## Scope\n\n" + "The agreement covers every visit. " * 4_000 + "\n"
    write(tmp_path, {"stagemap.yml": QUIET_CONFIG, "content/policy.md": head + body})
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "check"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr == (
        "content/policy.md:12:1: warning: rendered as plain text: a block over 128 KiB"
        " (split the file, or simplify it; see Limits in docs/markdown.md)\n"
    )


def test_a_long_html_page_renders_in_parts_with_no_warning_about_its_markup(tmp_path: Path) -> None:
    # Read as Markdown, the raw HTML is one block far over a part; the text made of it is not.
    sections = "".join(
        f'<section class="clause">\n  <div class="inner">\n    <h2>Clause {n}</h2>\n'
        f"    <p>{'The crew keeps to the agreed route and calls ahead. ' * 12}</p>\n  </div>\n</section>\n"
        for n in range(400)
    )
    assert len(sections) > limits.MAX_PART_BYTES
    out = tmp_path / "out"
    assert "plain text" not in _check_and_build(_terms_site(tmp_path, sections), out)[1]
    page = (out / "assets/terms.html").read_text()
    assert 'class="plain-text"' not in page
    assert page.count('<h2 id="h-clause-') == 400 and '<h2 id="h-clause-399">Clause 399</h2>' in page


def test_check_reads_a_body_with_cr_line_ends_as_rendering_does(tmp_path: Path) -> None:
    """Seen by a review: the read counted CR LF as two characters and a lone CR as no line end."""
    head = "---\ntitle: Notes\nstages: adoption\nquestions: risk\n---\n"
    paragraph = "The van leaves at eight.\r\n" * 5_000  # 130,000 bytes; 125,000 with LF
    deep = "# A\r\r" + ">" * 40 + " deep\r"
    write(
        tmp_path,
        {"stagemap.yml": QUIET_CONFIG, "content/notes.md": head + paragraph, "content/deep.md": head + deep},
    )
    out = tmp_path / "out"
    assert _check_and_build(tmp_path, out)[1] == (
        "content/deep.md:8:33: warning: rendered as plain text: nesting deeper than 32"
        " (split the file, or simplify it; see Limits in docs/markdown.md)\n"
    )
    assert 'class="plain-text"' not in (out / "assets/notes.html").read_text()
    assert 'class="plain-text"' in (out / "assets/deep.html").read_text()


def test_an_html_page_whose_text_goes_beyond_a_limit_is_reported_at_its_first_line(tmp_path: Path) -> None:
    """Seen by a review: with its markup no longer read as Markdown, an HTML page shown as plain
    text had no warning at all. The check reads the text made of it, as the page does."""
    paragraph = "<p>" + "The crew keeps to the agreed route and calls ahead. " * 3_000 + "</p>\n"
    out = tmp_path / "out"
    assert (
        "terms.html:4:1: warning: rendered as plain text: a block over 128 KiB (in the text of its HTML)"
        " (split the file, or simplify it; see Limits in docs/markdown.md)\n"
    ) in _check_and_build(_terms_site(tmp_path, paragraph), out)[1]
    assert 'class="plain-text"' in (out / "assets/terms.html").read_text()


def _check_and_build(root: Path, out: Path) -> tuple[int, str]:
    """Run ``check`` and ``build -o out`` on the project at ``root`` (the build must succeed);
    return check's exit code and what it wrote to stderr."""
    checked = CliRunner().invoke(cli, ["-C", str(root), "check"], catch_exceptions=False)
    built = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(out)], catch_exceptions=False)
    assert built.exit_code == 0, built.output
    return checked.exit_code, checked.stderr


def _terms_site(tmp_path: Path, html: str) -> Path:
    """A Jekyll site whose ``terms.html`` page holds ``html`` after its title."""
    return write(
        tmp_path / "site",
        {
            "stagemap.yml": SETTINGS,
            "_config.yml": "title: Harbour\n",
            "terms.html": "---\ntitle: Terms\n---\n<h1>Terms</h1>\n" + html,
        },
    )
