"""What a body costs markdown-it-py where the cost does not follow its length, bounded before any
parse (`stagemap.model.costs`, `stagemap.model.limits`): the padded cells of its tables and the
text its brackets are matched over. The estimates are checked against what the engines do (they
must never count less), and each limit is reached in linear time, before the blocks are found.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.parser_inline import ParserInline

from stagemap.model import limits
from stagemap.model.costs import bracket_scan, cells_over
from stagemap.read.blocks import block_starts, parser
from stagemap.render import cmark, disputes, markdown

WIDE = "|a" * 571 + "|\n" + "|-" * 571 + "|\n" + "x\n" * 114 + "\n"
"""A 2.5 KB table whose rows, without a '|', are padded to 571 cells: 65,000 cells in all."""
PROSE = ("word " * 2_000 + "\n\n") * 15
OPEN = "[" * 100 + " " + "x-" * 63_000 + "\n"
"""A paragraph of 126 KB after a hundred brackets none of which closes: 17 s for markdown-it-py."""


def _estimate(found: object, body: str, most: int) -> int:
    """The estimate itself, by halving: the least bound ``found(body, bound)`` lets through."""
    low, high = 0, most
    while low < high:
        middle = (low + high) // 2
        if found(body, middle) is None:  # type: ignore[operator]
            high = middle
        else:
            low = middle + 1
    return low


def test_padded_table_cells_are_bounded_before_the_blocks_are_found() -> None:
    body = "# Prices\n\n" + PROSE + WIDE * 4
    assert body.count("|") < 5_000 and body.count("\n") < limits.MAX_LINES

    def places(text: str) -> list[int]:
        raise AssertionError("the blocks were found before the cells were counted")

    start = time.process_time()
    found = limits.exceeded(body, places)
    assert time.process_time() - start < 0.5  # it parsed 65,000 cells a table: 2 s and 255 MB
    # Each table makes 66,000 cells at most: the second takes the body past 100,000.
    second = len("# Prices\n\n" + PROSE + WIDE)
    line = body.count("\n", 0, second)
    assert found == limits.Exceeded("tables of more than 100,000 cells (short rows padded)", line, 1)
    assert markdown.render(body).html.startswith('<pre class="plain-text">')


def test_tables_whose_cells_are_within_the_bound_render() -> None:
    rows = "| " + " | ".join("abcdefghijklmnop") + " |\n"
    table = rows + "|" + "---|" * 16 + "\n" + rows * 100 + "\n"
    body = "# Prices\n\n" + table * 60  # 96,960 cells, each written: counted as they are
    assert _estimate(cells_over, body, 10**6) == 16 * 102 * 60
    assert limits.exceeded(body, block_starts) is None


CELL = st.sampled_from(["a", " b ", "", "`|`", "\\|", "-", ":-:", "x|y"])
PREFIX = st.sampled_from(["", "> ", "- ", "  ", "1. ", "> - ", "    ", "\t", "- * ", "* 2) + "])


@st.composite
def tables(draw: st.DrawFn) -> str:
    """Bodies of tables of any shape: rows short, long and without '|', in lists and quotes,
    delimiter rows in the rows, headings and blank lines among them."""
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        prefix = draw(PREFIX)
        columns = draw(st.integers(1, 6))
        lines.append(prefix + "|" + "|".join(draw(CELL) for _ in range(columns)) + "|")
        lines.append(prefix + draw(st.sampled_from(["|", ""])) + "|".join(["-"] * draw(st.integers(1, 6))))
        for _ in range(draw(st.integers(0, 8))):
            row = draw(st.sampled_from(["x", "|x", "|a|b|c|d|e|f|g|", "|-|-|", "# h", "", "> q", "    c"]))
            lines.append(draw(st.sampled_from([prefix, ""])) + row)
    return "\n".join(lines) + "\n"


@settings(max_examples=400, deadline=None)
@given(tables())
def test_table_cells_are_never_counted_fewer_than_the_engines_make(body: str) -> None:
    tokens = parser(False).parse(body)
    made = sum(t.type in ("td_open", "th_open") for t in tokens)
    assert _estimate(cells_over, body, 10**6) >= made
    html = cmark.to_html(body) if cmark.available else None
    if html is not None:
        assert _estimate(cells_over, body, 10**6) >= len(re.findall(r"<t[dh][ >]", html))


@contextmanager
def _steps() -> Iterator[Counter[str]]:
    """Count the tokens markdown-it-py steps over while it looks for the ``]`` of a ``[``."""
    counted: Counter[str] = Counter()
    original = ParserInline.skipToken

    def skip(self: ParserInline, state: object) -> None:
        counted["steps"] += 1
        original(self, state)  # type: ignore[arg-type]

    with mock.patch.object(ParserInline, "skipToken", skip):
        yield counted


INLINE = st.sampled_from(
    [
        *["[", "]", "![", "x-", "word ", "`", "``", "<", ">", "<http://a]>", "\\[", "\\]", "\\", "(", ")"],
        *["](u)", "*", "_", "\n", "\n\n", "\n  \n", "- ", "> ", "# ", "|", "&#93;", "<b title=']'>", "`]`"],
        *["[`x`](y)", "[`a` `]` b](u)", "``]`", "`[`"],
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(INLINE, max_size=60).map("".join), st.booleans())
def test_the_bracket_estimate_is_never_below_what_markdown_it_scans(body: str, allow_html: bool) -> None:
    with _steps() as counted:
        parser(allow_html).parse(body)
    # Each '[' is looked for twice at most (once inside the text before it, once itself), a
    # step at least a character; the cached steps of text already read count the same.
    assert counted["steps"] <= 2 * _estimate(bracket_scan, body, 10**9) + len(body)


def test_brackets_left_open_are_bounded_by_the_text_they_run_over() -> None:
    body = "# Notes\n\n<b>x</b>\n\n" + OPEN  # raw HTML: the part goes to markdown-it-py
    start = time.process_time()
    found = limits.exceeded(body, block_starts)
    assert time.process_time() - start < 0.5
    assert found == limits.Exceeded("'[' left open over more than 4,000,000 characters in all", 4, 1)
    spread = ("[a " + "x-" * 400) * 100  # a hundred '[' on their own, each open to the end
    assert _estimate(bracket_scan, spread, 10**9) > 3_000_000
    closed = "[a link](https://example.com/a) and [`code`](u) " * 2_000
    assert _estimate(bracket_scan, closed, 10**9) < 200_000


@pytest.mark.parametrize(
    "body",
    [
        "[" + "`a` ]" * 200_000,  # a ']' after many backtick runs
        "[" * 20_000 + "]" * 20_000,
        ("[" + "<" * 10 + "]") * 100_000,
        "|a|\n" + "|-|\n" * 100_000,  # every row a delimiter row
        "x|" * 100_000 + "\n" + "-|" * 100_000 + "\n" + "x\n" * 100_000,
        " " * 500_000 + "-|" + " " * 500_000 + "x\n",
        "- " * 500_000 + "x\n",
        ("> - " * 50 + "|a|\n" + "> - " * 50 + "|-|\n") * 5_000,
    ],
)
def test_the_costs_are_found_in_linear_time(body: str) -> None:
    start = time.process_time()
    bracket_scan(body, 10**12)
    cells_over(body, 10**12)
    assert time.process_time() - start < 1.0


@pytest.mark.parametrize("allow_html", [False, True])
def test_a_part_markdown_it_renders_is_parsed_once(allow_html: bool) -> None:
    pieces = ["# Title", "<b>raw</b> text", "Para [one](a) **b**", "## Two", "> quoted *c*", "Para `d`"]
    body = "\n\n".join(piece + f" {n}" for n, piece in enumerate(pieces * 40)) + "\n"
    parsed: Counter[str] = Counter()
    original = ParserInline.parse

    def parse(self: ParserInline, src: str, *args: object) -> object:
        parsed[src] += 1
        return original(self, src, *args)  # type: ignore[arg-type]

    with mock.patch.object(limits, "MAX_PART_BYTES", 1100):
        whole = markdown.render(body, allow_html=allow_html, top=2, drop_title="Title 0")
        with mock.patch.object(ParserInline, "parse", parse):
            again = markdown.render(body, allow_html=allow_html, top=2, drop_title="Title 0")
        assert len(limits.parts(body, block_starts) or ()) > 2
    assert again == whole
    assert whole.headings[0].text == "Two 3"  # the title dropped
    twice = {src for src, n in parsed.items() if n > 1 and src != "Title 0"}
    assert twice == set()


@pytest.mark.parametrize(
    "body",
    [
        "a" + "]:" * 100_000 + "\n",  # each link definition's search once ran to the line's end
        "a]:" + "x" * 200_000 + "\n" + "]:" * 100_000 + "\n",
        "]:" + " " * 200_000 + "\nDepot\n",
        "- " * 100_000 + "x\n",  # a list item that may be a rule
        "1. " + "_ " * 100_000 + "\n\n",
        "Van\\\n" + "> " * 100_000 + "b\n",  # a hard break, then a quote's markers
    ],
)
def test_the_compiled_paths_checks_are_linear_on_hostile_lines(body: str) -> None:
    start = time.process_time()
    disputes.doubtful(body)
    assert time.process_time() - start < 0.5
