"""Where each paragraph of a text starts, as a generator's Markdown splits the text into blocks:
the paragraph right above a definition's ``:`` line is its terms (`stagemap.render.deflists`).

A line belongs to a paragraph unless a block takes it. Some blocks are one line and end the
paragraph above them (a heading, a thematic break, a comment closed on its line): the line
under one starts a new paragraph (``## Options`` then `` `--all` `` then ``: Everything.``: the
term is `` `--all` ``). Others hold every line up to a blank one (a list item, a quote, a block
of HTML ``<div>``, a table): a line there is in no paragraph (``- item`` then ``Term`` then
``: d``: ``Term`` runs on in the item, and no list is made). A line starting ``**``, ``<kbd>``
or ``*Note*`` is text, as it is to each of them.

The generators differ in what ends a paragraph:

- goldmark (Hugo) reads CommonMark: a heading, a thematic break, a quote, a fence, an HTML
  block of the kinds that may interrupt one (a comment, ``<div>``...), a list item but an empty
  one or one numbered other than 1 (``Intro\\n2. two`` is two lines of text);
- kramdown (Jekyll, its GFM input by default) reads any list item, a quote, a heading, a fence
  and a tag of a block's element at a line's start so (its ``PARAGRAPH_END_GFM``);
- Python-Markdown (MkDocs) splits a block at its blank lines, then takes a heading or a
  thematic break out of it wherever it stands, but reads a list, indented code or HTML only at
  a block's start, and its definition lists before its quotes: ``a\\n> q`` above a ``:`` line
  is two terms.

Each line is looked at once, so that the whole text is read in time linear in its length.
"""

from __future__ import annotations

import re

from ..lazyre import lazy

_ATX = lazy(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_ATX_PYTHON = lazy(r"^#{1,6}")
"""Python-Markdown's heading: no space before, none needed after (``#Title``)."""
_ATX_KRAMDOWN = lazy(r"^#{1,6}[ \t]")
"""kramdown's (GFM's ``ATX_HEADER_START``): no space before."""
_BREAK = lazy(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_UNDERLINE = lazy(r"^ {0,3}(?:=+|-+)[ \t]*$")
_QUOTE = lazy(r"^ {0,3}>")
_ITEM = lazy(r"^( {0,3})(?:[-+*]|(\d{1,9})[.)])(?:([ \t]+)\S|[ \t]*$)")
_FENCE = lazy(r"^ {0,3}(?:`{3,}|~{3,})")
_INDENTED = lazy(r"^(?: {4}|[ ]{0,3}\t)")
_TABLE_RULE = lazy(r"^ {0,3}\|?[ \t]*+:?-++:?[ \t]*+(?:\|[ \t]*+:?-++:?[ \t]*+)*+\|?[ \t]*+$")
_RAW = lazy(r"^ {0,3}<(?:(script|pre|style|textarea)(?=[\s>]|$)|(!--)|(\?)|(!\[CDATA\[)|(![A-Za-z]))", re.I)
"""CommonMark's HTML blocks that end at a marker (kinds 1 to 5), and what each opens with."""
_RAW_ENDS = (
    lazy("</(?:script|pre|style|textarea)>", re.I),
    lazy("-->"),
    lazy(r"\?>"),
    lazy(r"\]\]>"),
    lazy(">"),
)
"""The end marker of each kind (a group of `_RAW`)."""
_BLOCK_TAG = lazy(
    r"^ {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd"
    r"|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head"
    r"|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param"
    r"|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?=[\s/>]|$)",
    re.I,
)
"""An HTML block CommonMark ends at a blank line (kind 6): it may interrupt a paragraph."""
_OWN_TAG = lazy(r"""^ {0,3}(?:<[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|</[A-Za-z][\w-]*\s*>)[ \t]*$""")
"""A line of one whole tag (kind 7): a block only where no paragraph is open."""
_SPAN_TAGS = frozenset(
    {
        "a", "abbr", "acronym", "b", "bdo", "big", "br", "button", "cite", "code", "del", "dfn", "em",
        "font", "i", "img", "input", "ins", "kbd", "label", "map", "mark", "q", "s", "samp", "script",
        "select", "small", "span", "strike", "strong", "sub", "sup", "textarea", "time", "tt", "u", "var",
    }
)  # fmt: skip
"""kramdown's span elements (HTML_SPAN_ELEMENTS): a tag of one at a line's start is text."""
_TAG_NAME = lazy(r"^ {0,3}</?([A-Za-z][\w-]*)")
DEFINITION = lazy(r"^ {0,3}:[ \t]+(\S.*)$")
"""A definition's first line: kramdown's and Python-Markdown's ``:`` may stand 3 spaces in."""
DEFINITION_HUGO = lazy(r"^:[ \t]+(\S.*)$")
"""goldmark's: the ``:`` at the line's very start (definition_list.go: with an indent it is no
definition, ``Term\n  : text`` one paragraph)."""


def paragraph_starts(lines: list[str], generator: str) -> list[int]:
    """Return, for each of ``lines``, the index of the first line of the paragraph it is in, as
    ``generator`` (``hugo``, ``jekyll`` or ``mkdocs``) reads them; -1 for a line in none."""
    starts = [-1] * len(lines)
    start = -1  # the open paragraph's first line
    # What takes the lines: "box" up to a blank line, "lazy" (a list item, a quote, a definition)
    # so too unless a heading breaks out, "code" up to a line not indented, "endN" up to the end
    # marker of an HTML block (`_RAW_ENDS`).
    held = ""
    inside = -1  # the column a list item's or a definition's text starts at: a line so indented is its
    for at, line in enumerate(lines):
        if held.startswith("end"):
            held = "" if _RAW_ENDS[int(held[3:])].search(line) else held
            continue
        if not line.strip():
            start, held = -1, "code" if held == "code" else ""
            continue
        if held == "code" and _INDENTED.match(line):
            continue
        if inside >= 0 and held in ("", "lazy") and start < 0 and len(line) - len(line.lstrip(" ")) >= inside:
            held = "lazy"  # (an item's own lines, after a blank line too)
            continue
        if held == "box" or (held == "lazy" and not _breaks_out(line, generator)):
            continue
        held, inside = "", -1
        kind, inside = _block(line, generator, start >= 0, start == at - 1)
        if kind == "text":
            start = at if start < 0 else start
            starts[at] = start
        else:
            start, held = -1, "" if kind == "one" else kind
    return starts


def _heading(generator: str) -> re.Pattern[str]:
    """Return what starts a heading of one line to ``generator``."""
    return _ATX_PYTHON if generator == "mkdocs" else _ATX_KRAMDOWN if generator == "jekyll" else _ATX


def _breaks_out(line: str, generator: str) -> bool:
    """Whether ``line``, under a list item or a quote, ends it: a heading or a break at its start."""
    return (
        not line.startswith((" ", "\t"))
        and (_heading(generator).match(line) or _BREAK.match(line)) is not None
    )


def _block(line: str, generator: str, in_paragraph: bool, first: bool) -> tuple[str, int]:
    """Return what ``line`` is to ``generator``, under a paragraph's line (``in_paragraph``; its
    first, ``first``) or not: ``text`` (a paragraph's), ``one`` (a block of one line), ``box``
    (a block up to a blank line), ``lazy`` (a list item, a quote or a definition: so too, and
    its text's column, for the lines indented under it), ``code`` (indented code), or ``endN``,
    an HTML block up to its end marker (`_RAW_ENDS`)."""
    if _heading(generator).match(line):
        return "one", -1
    # (kramdown's paragraph goes on over a rule, but for an underline right under its first line.)
    ends = generator != "jekyll" or not in_paragraph or first
    if ends and (_BREAK.match(line) or (in_paragraph and _UNDERLINE.match(line))):
        return "one", -1
    definition = (DEFINITION_HUGO if generator == "hugo" else DEFINITION).match(line)
    if definition:
        return "lazy", definition.start(1)
    if line.lstrip().startswith("\ue000") or _FENCE.match(line):
        return "box", -1  # (a held piece of code, a fence)
    if in_paragraph and "|" in line and _TABLE_RULE.match(line):
        return "box", -1  # (the paragraph above was a table's head)
    # (A comment ends a paragraph in CommonMark and to Python-Markdown, which takes raw HTML out first.)
    raw = _RAW.match(line) if generator != "jekyll" or not in_paragraph else None
    if raw:
        kind = (raw.lastindex or 1) - 1
        return ("one" if _RAW_ENDS[kind].search(line, raw.end()) else f"end{kind}"), -1
    if generator == "mkdocs" and in_paragraph:
        return "text", -1  # (Python-Markdown reads lists, quotes and tags at a block's start only)
    if not in_paragraph and _INDENTED.match(line):
        return "code", -1
    if _tag_block(line, generator, in_paragraph):
        return "box", -1
    item = _ITEM.match(line)
    if item and (
        not in_paragraph or generator == "jekyll" or (item.group(3) and item.group(2) in (None, "1"))
    ):
        return "lazy", item.end() - 1 if item.group(3) else len(line.rstrip()) + 1
    if _QUOTE.match(line) and generator != "mkdocs":
        return "lazy", -1
    return "text", -1


def _tag_block(line: str, generator: str, in_paragraph: bool) -> bool:
    """Whether ``line`` opens a block of HTML to ``generator``'s Markdown."""
    if generator == "hugo":
        return _BLOCK_TAG.match(line) is not None or (not in_paragraph and _OWN_TAG.match(line) is not None)
    name = _TAG_NAME.match(line)
    return name is not None and name.group(1).lower() not in _SPAN_TAGS
