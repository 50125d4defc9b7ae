"""Pipe tables without their outer pipes, or a few spaces in (`stagemap.render.bareheads`).

The compiled path renders such a table only where cmark-gfm and markdown-it-py read it alike;
a seeded fuzz of their shapes checks that it never differs, and that it does render a good
share of them (so the check is neither widened back nor narrowed past what is safe).
"""

from __future__ import annotations

import random
import time

import pytest

from stagemap.render import cmark, disputes
from tests.test_markdown_fast import agrees, compiled_or_none

pytestmark = pytest.mark.skipif(not cmark.available, reason="cmarkgfm has no wheel for this platform")

_HEADS = ["Name", "Role", "Team lead", "Desk", "`key`", "`a|b`", "*Shift*", "&amp;", "a\\|b", "", "Code", "1"]
_CELLS = [
    "Ada",
    "Ops desk",
    "`x`",
    "`x|y`",
    "",
    " ",
    "*on call*",
    "- a",
    "> q",
    "1. x",
    "# h",
    "a\\|b",
    "a\\\\|b",
]
_CELLS += ["***", "---", ":--", "|", "x\\", "```", "    code", "[r]: /u", "=", "==="]
_ALIGNS = [":--", "---", "-", ":-:", "--:", "--", ":-", "-:"]
_OPENERS = [
    "",
    "",
    "",
    "",
    "",
    "",
    "  - ",
    "- ",
    "* ",
    "1. ",
    "10. ",
    "> ",
    "- - ",
    "-   ",
    "-     ",
    " ",
    "  ",
    "   ",
]
_BEFORE = [
    "",
    "",
    "",
    "Intro.\n\n",
    "Intro.\n",
    "- item\n",
    "- item\n\n",
    "> q\n",
    "> q\n\n",
    "# H\n",
    "***\n",
]
_BEFORE += [
    "```\nx\n```\n",
    "[r]: /u\n",
    "[r]: /u\n\n",
    "term\n: Acme's meaning\n\n",
    "a|b\n",
    "    code\n\n",
]
_BEFORE += [
    "Use `a\\|b`:\n",
    "Use a\\\\|b:\n",
    "1. x\n\n   y\n\n",
    "|a|b|\n|-|-|\n",
    "x\n===\n",
    "    code\n",
]
_AFTER = [
    "",
    "",
    "\n",
    "\nText after.\n",
    "Text after.\n",
    "- next\n",
    "> q\n",
    "---\n",
    "===\n",
    "\n[r]: /u\n",
]
_AFTER += ["```\nx\n```\n", "    code\n", "\n    code\n", "\n  tail\n", "  tail\n"]


def bare_table_body(rng: random.Random) -> str:
    """A body around a table whose rows mostly leave out their outer pipes, at the top level,
    a few spaces in or in a list item or a quote, after text or a blank line."""
    n = rng.choice([1, 2, 2, 3, 4])
    m = n if rng.random() < 0.85 else max(1, n + rng.choice([-1, 1]))
    opener = rng.choice(_OPENERS)
    if not opener.strip():
        indent = opener
    elif opener.startswith(">"):
        indent = ">" + " " * (len(opener) - 1)
    else:
        indent = "    " if opener.startswith("  -") else " " * len(opener)
    inner = rng.choice(["", "", "", " ", "  ", "   ", "    "])
    head = rng.choice(["|", " | ", "| ", " |"]).join(
        rng.choice(_HEADS[:4] if rng.random() < 0.6 else _HEADS) for _ in range(n)
    )
    if rng.random() < 0.15:
        head += rng.choice(["|", " |", "  ", " "])
    if rng.random() < 0.2:
        head = "|" + head
    delimiter = (
        (rng.choice(["|", " | ", "|", ":|:"]) if rng.random() < 0.95 else "||")
        .join(rng.choice(_ALIGNS) for _ in range(m))
        .replace("::", ":")
    )
    if rng.random() < 0.15:
        delimiter = rng.choice(["|", " ", "| ", "  "]) + delimiter
    if rng.random() < 0.15 or "|" not in delimiter:  # (a line of dashes alone is no table's)
        delimiter += rng.choice(["|", " |"])
    inner2 = inner if rng.random() < 0.85 else rng.choice(["", " ", "  ", "    ", "     "])
    first, second = (opener, indent) if rng.random() < 0.85 else (indent, opener)
    lines = [first + inner + head, second + inner2 + delimiter]
    for _ in range(rng.choice([0, 1, 2, 3])):
        prefix = indent if rng.random() < 0.8 else rng.choice(["", " ", "  ", ">", "> ", "- ", "    "])
        cells = max(rng.choice([n, n, n - 1, n + 1, 1]), 1)
        pick = _CELLS[:6] if rng.random() < 0.6 else _CELLS
        lines.append(prefix + inner + rng.choice(["|", " | "]).join(rng.choice(pick) for _ in range(cells)))
    return rng.choice(_BEFORE) + "\n".join(lines) + "\n" + rng.choice(_AFTER)


def test_compiled_path_never_differs_on_tables_without_outer_pipes() -> None:
    rng = random.Random(20261208)
    texts = [bare_table_body(rng) for _ in range(20000)]
    results = [agrees(text) for text in texts]
    assert [text for text, same in zip(texts, results, strict=True) if same is False] == []
    assert results.count(True) >= 800  # 922 (351 before, and 17 of them differed)


DIFFERING = [
    # A table that interrupts a paragraph in a list item: markdown-it makes it, cmark-gfm keeps text.
    "- Larkspur's desks\n  Desk|Owner\n  :--|:--\n- Hours\n",
    # A header line under a paragraph, further in than its delimiter row.
    "Our desks:\n    Desk | Owner\n   --: | :-\n",
    # A header that is a list item's first line, its delimiter row the item's next line.
    "1. Desk | Owner\n   ---:|:-:\n",
    "- Desk| Owner\n  --: | - |\n",
    # A header of one cell and no pipe: a table to cmark-gfm only.
    "Desk\n| :--\n",
    "Desk\n:-- |\n",
    # An escaped pipe in the paragraph a table interrupts (its header starts with a pipe or not):
    # cmark-gfm drops the backslash, in a code span too.
    "Pick `a\\|b` for either:\n| Plan | Price |\n| --- | --- |\n| Pro | 5 |\n",
    "Pick a\\\\|b:\n|Plan|\n|-|\n",
    # Headers that are another block's line (a heading, a list item, a quote, a fence): a table
    # to markdown-it, that block to cmark-gfm (a review's mutants: the header's first character).
    "# Desk|Owner\n-|-\n",
    "- Desk|Owner\n-|-\n",
    "   - Desk|Owner\n   -|-\n",
    "- Larkspur\n\n  # Desk|Owner\n  -|-\n",
    "> Desk|Owner\n-|-\n",
    "```|Owner\n-|-\n",
]
"""Tables without a leading pipe that the two parsers build differently: the compiled path declines each."""

MARGIN = [
    "Our desks:\nDesk | Owner\n--: | :-\nFront | Ada\n",  # a table that interrupts a top-level paragraph
    "Desk\\\\|Owner\n:--|:--\nFront|Ada\n",  # an escaped backslash before a pipe
    "Desk|Owner\n  :--|:--\n",  # the delimiter row further in than the header
    "> Desk|Owner\n> :--|:--\n",  # in a quote
    "Desk|Owner|Hours\n:--|:--\n",  # more header cells than delimiter cells
    "Desk|Owner\n- |:--\n",  # a delimiter row that is a list item to markdown-it
]
"""Tables the two parsers read alike today, declined all the same (the check's margin)."""

AGREEING = [
    "Desk|Owner|Hours\n:--|:--|:-:\nFront|Ada|9-5\nBack|Grace|\n",
    "- Staff:\n\n  Desk|Owner\n  :--|:--\n  Front|Ada\n",
    "Notes here.\n\nDesk | Owner\n--- | ---\n`a|b` | *x*\n",
    "&nbsp;|Larkspur|Others\n:--|:-:|:-:\nFreight|yes|no\n",
    "Term\n: Larkspur's meaning\n\n  Desk|Owner\n  :--|:--\n  Front|Ada\n",
    "`key`|Meaning|\n---|---|\n`a`|b\n- next\n",
    "Pick `a\\|b` for either:\n\n| Plan | Price |\n| --- | --- |\n| Pro | 5 |\n",
]
"""Tables without their outer pipes, or two spaces in after a blank line, that the compiled path renders."""


@pytest.mark.parametrize("text", DIFFERING + MARGIN)
def test_compiled_path_declines_tables_the_parsers_may_read_differently(text: str) -> None:
    assert compiled_or_none(text) is None


@pytest.mark.parametrize("text", AGREEING)
def test_compiled_path_renders_plain_tables_without_outer_pipes(text: str) -> None:
    assert agrees(text) is True


@pytest.mark.parametrize("unit", ["|Plan|Price|\n|-|-|\n \n", "Plan|Price\n-|-\n \n"])
def test_tables_parted_by_lines_of_spaces_are_checked_in_linear_time(unit: str) -> None:
    text = unit * 20000
    start = time.process_time()
    assert not disputes.doubtful(text)
    assert (
        time.process_time() - start < 1.5
    )  # 0.1 and 0.2 s; 13 s when each table's paragraph was sought from the start
