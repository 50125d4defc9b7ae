"""Tabs on the compiled path: where they stand, cmark-gfm and markdown-it-py agree or the body declines.

`stagemap.render.tabs` lets the compiled path render a body whose tabs all lie in a top-level
fenced block's code or inside a line's text; every other tab sends the body to markdown-it-py.
The fuzz below is seeded and strings together the shapes tabs take: leading, trailing and
inner tabs in list items, quotes, headings, tables, link definitions, code spans and fenced
blocks at the top level and further in.
"""

from __future__ import annotations

import random

import pytest

from stagemap.render import cmark
from stagemap.render.tabs import tab_doubt
from tests.test_markdown_fast import agrees

pytestmark = pytest.mark.skipif(not cmark.available, reason="cmarkgfm has no wheel for this platform")

LEADS = [
    "", "", "", "- ", "* ", "1. ", "> ", "> - ", "- > ", " ", "  ", "   ", "    ", "\t", " \t", "  \t",
    "-\t", ">\t", "1.\t", "  - ", "- - ", ">  ", "> \t", "-  ", "10) ", "\t\t", "-\t\t", "> > ", "+ ",
]  # fmt: skip
WORDS = [
    "crates", "Halvard Freight", "*ship*", "**paid**", "`load`", "`a\tb`", "` \tx\t `", "_x_", "[rates](x.md)",
    "[r](x.md\t'T')", "[r](<x\ty.md>)", "[r]( x.md )", "[ref]", "[a\tb]", "&amp;", "&#9;", "\\", "\\*", "<b\tc>",
    "<a\thref=x>", "<http://a.b>", "~~s~~", "|", "a|b", "#", "=", "---", ":", "-", "1.", "*", "_", "__", "**",
    "`", "``", "(", ")", "]", "[", "!", "'t'", '"t"', "x.md", "é", "[a\tb\nc]", "`a\t\nb`", '"t\tx\ny"',
]  # fmt: skip
GAPS = [" ", " ", "\t", "\t\t", " \t", "\t ", "  ", ""]
CODE = [
    "def ship(crate) {", "\treturn crate", "a\tb", "\t", "x\t", "{{ rate }}\t", "```", "~~~", "    y", "- z",
    "> q", "|a|\tb|", "\t```", " \t~~~", "```\tgo", "  \t```", "``` \tx",
]  # fmt: skip


def inline(rng: random.Random, count: int = 0) -> str:
    text = rng.choice(["", "", "\t", " "])
    for _ in range(count or rng.randint(1, 6)):
        text += rng.choice(WORDS) + rng.choice(GAPS)
    return text.rstrip(" ") if rng.random() < 0.5 else text


def line(rng: random.Random) -> str:
    lead, kind = rng.choice(LEADS), rng.random()
    if kind < 0.35:
        return lead + inline(rng)
    if kind < 0.45:
        marks = rng.choice(["#", "##", "###"]) + rng.choice(GAPS[:-1])
        return lead + marks + inline(rng) + rng.choice(["", " #", "\t#", "\t", " ##\t"])
    if kind < 0.52:
        return lead + rng.choice(["---", "===", "- - -", "*\t*\t*", "___\t", "--", "|---|---|", "|-\t|:-:|"])
    if kind < 0.60:
        cells = rng.choice([" | ", "\t|\t", "|", " |\t"]).join(
            inline(rng, 1) for _ in range(rng.randint(1, 3))
        )
        return lead + rng.choice(["|", ""]) + cells + rng.choice(["|", "", "\t|", "|\t"])
    if kind < 0.67:
        label = "[" + rng.choice(["ref", "a\tb", "r"]) + "]:" + rng.choice(GAPS)
        return lead + label + rng.choice(["/u", "<x\ty>", "/v"]) + rng.choice(["", "\t'T'", ' "t\tx"', "\t"])
    if kind < 0.75:
        info = rng.choice(["", "go", "\tgo", "go\tx", " js", "js\t", "\t"])
        return lead + rng.choice(["```", "~~~", "````"]) + info
    if kind < 0.82:
        return lead + rng.choice(["\t", " \t", "\t ", "", "  "])
    return lead + rng.choice(WORDS) + rng.choice(["\t", "  ", "\\", " \t ", "\t\t", "\tend"])


def fenced(rng: random.Random) -> list[str]:
    fence = rng.choice(["```", "~~~", "````", "```"])
    lines = [
        rng.choice(["", "", " ", "  "]) + fence + rng.choice(["", "go", "js", "njk", "go\tx", "\t", "html"])
    ]
    for _ in range(rng.randint(0, 6)):
        lines.append(rng.choice(["", "\t", "  \t"]) * rng.randint(0, 2) + rng.choice(CODE))
    if rng.random() < 0.9:
        lines.append(
            rng.choice([fence, fence, fence + "\t", fence + " ", " " + fence, "\t" + fence, fence + "`"])
        )
    return lines


PROSE_LEADS = [
    "",
    "",
    "- ",
    "* ",
    "1. ",
    "> ",
    "> > ",
    "- > ",
    "> - ",
    "  ",
    "   ",
    "    ",
    "  - ",
    "# ",
    "> # ",
]
PROSE = [
    "Rates", "*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "![", "](x.md", "](x.md)", "<", ">", "&", "&amp;",
    "&#9;", ";", "\\", "\\`", "\\*", "'", '"', "http://x.y", "<http://a.b>", "a@b.c", "~~", "~", "#", "!", ":",
    "=", "-", "+", ".", "é", "x.md", "'T'", '"T"', "<b>", "</b>", "www.x.y", "[r]", "[r]:",
]  # fmt: skip
PROSE_GAPS = ["\t", "\t", "\t\t", " \t", "\t ", " ", "", "\t\t\t"]


def prose_line(rng: random.Random) -> str:
    """A line of text with tabs between its words, in a list item, a quote or a heading."""
    text = rng.choice(PROSE_LEADS) + rng.choice(["crates", "Halvard", "a", "é", "*a*", "`c`", "[l](x.md)"])
    for _ in range(rng.randint(1, 8)):
        text += rng.choice(PROSE_GAPS) + rng.choice(PROSE)
    return text + rng.choice(["", "", "", "  ", "\\", " ", "\t", "\tz"])


def fuzz_body(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return (
            "\n".join(prose_line(rng) if rng.random() < 0.8 else line(rng) for _ in range(rng.randint(1, 8)))
            + "\n"
        )
    lines: list[str] = []
    for _ in range(rng.randint(1, 10)):
        pick = rng.random()
        if pick < 0.25:
            lines.extend(fenced(rng))
        elif pick < 0.35:
            lines.append("")
        else:
            lines.append(line(rng))
    return "\n".join(lines) + "\n"


def test_tabs_never_make_the_paths_differ_on_seeded_fuzz() -> None:
    rng = random.Random(20261208)
    texts = [fuzz_body(rng) for _ in range(20000)]
    results = [agrees(text, None) for text in texts]
    assert [text for text, same in zip(texts, results, strict=True) if same is False] == []
    tabbed = sum(1 for text, same in zip(texts, results, strict=True) if same and "\t" in text)
    assert tabbed >= 1000  # bodies with tabs do take the compiled path (about 1,270 at this seed)


DIFFERING = [
    "Rates rise in May.\t\nSee the table.\n",  # markdown-it keeps a tab at a line's end
    "Rates rise \t\nin May.\n",
    "Rates rise\t \nin May.\n",
    "> ```\n>\tship(crate)\n> ```\n",  # a quote's marker takes a column of the tab (two spaces or a tab)
    ">>1.\t\tcrates\n",  # two tabs after a list marker in quotes
    ">\n\t>\n",  # a tab-indented line after an empty quote: code, or nothing
    ">>Halvard\n\t#\n",  # a lazy line or code after quotes
    "- -\n\t \n\tpaid\n",  # an empty item, a blank line of a tab, a tab-indented line
    ">>*\t\tcrates\n",  # (the other markers: a review's mutants)
    ">>+\t\tcrates\n",
    ">>1)\t\tcrates\n",
    "```\n    ```\n```\nRates rise\t\nin May.\n",  # a fence line four spaces in closes nothing
    "```\r\n```\r\nRates rise\t\nin May.\n",  # a CR the caller left in: its fences are not read
    "~~~\r~~~\nRates rise\t\nin May.\n",
]
"""Shapes on which the two parsers differ over a tab: the compiled path must decline each."""


@pytest.mark.parametrize("text", DIFFERING)
def test_tabs_where_the_parsers_differ_decline(text: str) -> None:
    assert tab_doubt(text)
    assert agrees(text, None) is None


AGREEING = [
    # Go and Nunjucks indented with tabs in fenced blocks at the top level.
    "Ship a crate:\n\n```go\nfunc ship(c Crate) error {\n\tif c.Empty() {\n\t\treturn nil\n\t}\n}\n```\n",
    "~~~njk\n{% for crate in crates %}\n\t<li>{{ crate.name }}\t{{ crate.weight }}</li>\n{% endfor %}\n~~~\n",
    "- one\n- two\n\n```js\n\tconst rate = 5;\n```\n\n> After.\n",
    "````\n```\n\tnot a fence\n```\n````\n",
    # A tab inside a line's text: Halvard's generated command pages.
    "## See also\n\n* [halvard ship](/commands/halvard_ship/)\t - Ship a crate\n* [halvard](/commands/)\t - Halvard\n",
    "Rates\tand\tweights, `a\tb` and *paid*\tin May.\n",
]
"""Tabs the compiled path now renders, as markdown-it-py does."""


@pytest.mark.parametrize("text", AGREEING)
def test_tabs_in_fenced_code_and_inside_text_take_the_compiled_path(text: str) -> None:
    assert not tab_doubt(text)
    assert agrees(text, None) is True


@pytest.mark.parametrize(
    "text",
    [
        "```go\tx\nship()\n```\n",  # a tab in a fence's info string
        "```\nship()\n```\t\n",  # after a closing fence
        "- ```\n\tship()\n  ```\n",  # in a fence in a list item (a marker may split it)
        " ```\nship()\n```\n\tcode\n",  # after a fence a space in, whose closing line looks like an opening
        "\tcode\n",  # indented code, a list item or a quote indented with a tab
        "-\tcrates\n",
        "> \tcrates\n",
        "#\tRates\n",
        "| a\t| b |\n|---|---|\n",  # a table's row
        "[ref]:\t/rates\n",  # a link definition
    ],
)
def test_other_tabs_still_decline(text: str) -> None:
    assert tab_doubt(text)
