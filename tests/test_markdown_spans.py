"""Code spans (and link titles) over a line break: the compiled path declines only where the
two parsers differ, and renders the rest as markdown-it-py does.

Inside a code span or a link's title a line break stays, and markdown-it-py keeps the white
space that starts the next line (past what a list item or a quote takes), where cmark-gfm drops
it. A span that closes on its own line, or one over a line that starts with its text, is read
alike: those take the compiled path (`stagemap.render.codespans`).
"""

from __future__ import annotations

import random
import time

import pytest

from stagemap.render import cmark, codespans, markdown
from tests.test_markdown_fast import agrees, compiled_or_none

pytestmark = pytest.mark.skipif(not cmark.available, reason="cmarkgfm has no wheel for this platform")

PREFIXES = [
    "",
    "",
    "",
    " ",
    "  ",
    "   ",
    "    ",
    "- ",
    "* ",
    "1. ",
    "2) ",
    "  - ",
    "   1. ",
    "-   ",
    "> ",
    ">",
    ">  ",
]
PREFIXES += ["> > ", "> - ", "- > ", ">   "]
WORDS = ["Acme", "ledger", "the invoice", "`", "`", "`", "``", "```", "`total`", "``a ` b``", "\\`", "\\``"]
WORDS += [
    "\\\\`",
    "\\",
    "[guide](guide.md)",
    "[`cli`](cli.md)",
    "<https://acme.example/`x>",
    "<a`b@acme.example>",
]
WORDS += [
    "[terms](terms.md 'Read `first')",
    '[help](help.md "see',
    'below`")',
    "[p][`ref`]",
    "[ref]",
    "*fast*",
]
WORDS += ["**bold**", "&amp;", "&#96;", "|", "x`y", "`z", "w`", "<", "](", "(note `a`)", "'", '"']
BLOCKS = ["```", "```sh", "---", "===", "## Pricing", "    code `x`", "[ref]: /prices", "| a | b |", ""]
"""The fuzz's alphabet: line starts of every container and indentation, words with backticks
escaped or not, links whose destination or title holds one, autolinks, fences and headings."""


def span_body(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(2, 7)):
        if rng.random() < 0.1:
            lines.append("")
            continue
        prefix = rng.choice(PREFIXES)
        if rng.random() < 0.06:
            lines.append(prefix + rng.choice(BLOCKS))
            continue
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5)))
        lines.append(prefix + text + ("  " if rng.random() < 0.05 else ""))
    return "\n".join(lines) + "\n"


def test_compiled_path_never_differs_on_code_spans_over_lines() -> None:
    rng = random.Random(20261208)
    texts = [span_body(rng) for _ in range(20000)]
    results = [agrees(text, None) for text in texts]
    assert [text for text, same in zip(texts, results, strict=True) if same is False] == []
    # The older check (any run may open a span) took the compiled path on 2,010 of these, 2,559 now.
    assert results.count(True) >= 2400


DIFFERING = [
    "Run `acme\n  deploy` first.\n",  # the next line is indented
    "Run `acme\n    deploy` first.\n",
    "> Call `acme\n>  status` now.\n",  # a quoted line, one space more than the quote's
    "- Use `acme\n   --fast` here.\n",  # a list item's line, one space more than the item's
    "Read [the terms](terms.md 'Sign\n   here') today.\n",  # a link's title over an indented line
    "- Read [the terms](terms.md\n  'Sign\n  here') today.\n",
    "- *Acme*\n  ```\n  make\n  ```\n",  # code right after a tight item's text ending in a tag
    # A line of '>' four or more columns past its container is the paragraph's text, not blank.
    "`a\n    >\nb`\n",
    "> Run `acme\n>     >\n> deploy` now\n",
    "- a\n\n  b `x\n      >\n  y`\n",
    # A destination with an escaped ')' or in '<...>' holding one: the title after it holds a run.
    '[x](a\\)b "`") `y\n  z`\n',
    '[x]( <a)b> "`") `y\n  z`\n',
    '![i](a\\)b "`") `c\n  d`\n',
    # ... or runs over an indented line itself.
    '[x](a\\)b "t\n  u")\n',
    '[x]( <a)b> "t\n  u")\n',
    "Run `acme\r  deploy` now\n",  # a bare carriage return breaks the line too
    "[x](a`b) `c\n  d`\n",  # the run in the destination is taken: the next one opens
    "[x][`a] `b\n  c`\n\n[`a]: /u\n",  # ... or in a reference's label
    # An empty quote, then a '>' four or more spaces in (no span: the quotes end apart).
    ">    >\n>     >\n",
    "  x `y\n1. `y\n\n     > >\n        >\n",
    "-   ``\n  >    > \n>       >\n",
]
"""Bodies the two parsers render differently: the compiled path declines them."""


@pytest.mark.parametrize("text", DIFFERING)
def test_compiled_path_declines_what_the_parsers_read_apart(text: str) -> None:
    assert cmark.to_html(text) is None
    fast = markdown._fast_render(text, False, lambda url: url, 2, None)
    assert fast is None


AGREEING = [
    "- Use `acme deploy` and `acme status`\n  then `acme logs` to follow.\n",
    "- See [the guide](guide.md) and `config`\n  for `more` of it.\n",
    "- See [the guide](guide.md) (and `config`)\n  for `more` of it.\n",
    "Call `acme\nstatus` now,\n  then `acme logs`.\n",  # a span over a line that starts with its text
    "> Call `acme\n> status` now.\n>\n>  then `logs`.\n",
    "- Use `acme\n  deploy` here.\n",  # the item's own indentation: both drop it
    "Run `acme` here.\n\n  More `logs`.\n\n    `code` block\n",
    "Escaped \\` and `real` here\n  and `more`.\n",
    "Not escaped \\\\` and `real\n  and `more`.\n",
]
"""Bodies with code spans and indented lines that the two parsers read alike."""


@pytest.mark.parametrize("text", AGREEING)
def test_compiled_path_renders_spans_the_parsers_read_alike(text: str) -> None:
    assert agrees(text, None) is not False


@pytest.mark.parametrize(
    "text",
    [
        "[x](a`b) `c\n  d`\n",  # a run a link's destination may take is also followed as none
        "[x][`a] `b\n  c`\n\n[`a]: /u\n",  # ... or a reference's label
        "`a ``x\n  y``\n\nb`\n",  # a span to a later line is also followed as text
        "a `b ``x\n  y``\n\nc`\n",
        "`a\n    >\nb`\n",  # a '>' four columns in is no blank line
        "- a\n\n  b `x\n      >\n  y`\n",
        '[x](a\\)b "`") `y\n  z`\n',  # where a destination with a backslash ends is not known
        '[x]( <a)b> "`") `y\n  z`\n',  # ... nor one in '<...>'
    ],
)
def test_the_check_itself_finds_each_reading(text: str) -> None:
    """Each of these renders differently in the two parsers. Some are also declined by other
    checks of `disputes` (a run left open, for two lengths of run), so the check is asked
    directly: each holds a span over an indented line only one way of reading its runs finds."""
    assert codespans.over_indent(text)


def test_a_quote_marker_line_is_blank_only_near_its_container() -> None:
    assert not codespans.over_indent("`a\n   >\n  b`\n")  # a new quote: the paragraph ends
    assert codespans.over_indent("`a\n    >\n  b`\n")  # the paragraph's text
    assert not codespans.over_indent("> `a\n>\n>  b`\n")


def test_spans_that_close_on_their_line_take_the_compiled_path() -> None:
    """The older check declined these: the run that closes a span on one line opened, to it,
    a span up to the next line's first run."""
    for text in AGREEING[:3] + AGREEING[6:]:
        assert compiled_or_none(text, None) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "`a" * 50000,
        "`\n " * 50000,
        "](" * 50000,
        "[a](" + "`" * 50000 + " 'x\n  y')\n",
        "][`" * 33000,
        "<`" * 50000,
        "\\`" * 50000,
        "".join("`" * n + "\n " for n in range(1, 450)) * 2,
        "[x](a\\)" + ' "`' * 33000 + "\n  y`\n",
        "]( <" + "a) '`\n" * 20000,
        "`\n    >\n" * 15000,
    ],
)
def test_the_check_is_quick_on_long_hostile_lines(text: str) -> None:
    began = time.process_time()
    codespans.over_indent(text)
    assert time.process_time() - began < 0.5
