"""markdown-it-attrs' attribute lists (an Eleventy site's plugin) as the plugin finds them: after
which inline elements, at the end of which blocks (its patterns.js and utils.js, read against
CommonMark's own rules for links, emphasis and lists). `stagemap.render.anchors` drops them,
keeping an id as an anchor."""

from __future__ import annotations

import re

from ..lazyre import lazy
from ..read.markdowntext import ATTR_TOKEN, anchor

_ATTR_ITEM = lazy(ATTR_TOKEN)
TABLE_ROW = lazy(r"[ \t]*\|")
"""A pipe table's row, as the sites write them: starting with its pipe."""


def attr_id(attrs: str) -> str:
    """Return the id an attribute list gives (``#x`` or ``id=x``), else ""."""
    for item in _ATTR_ITEM.finditer(attrs):
        token = item.group(0)
        if token.startswith("#") or token.startswith("id="):
            return token[1:] if token.startswith("#") else token[3:].strip("\"'")
    return ""


_ATTRS_LIST = r'\{(?=[^.#]|[.#][^}])(?:[^{}"\n]++|"[^"\n]*+")++\}'
"""A list as markdown-it-attrs reads one: anything between braces but a brace (outside double
quotes, which hold braces as from its 4.5.0, the release a caret range of 4 reaches), three
characters or more (four for a class or an id): ``{.govuk-!-font-size-48}``, ``{name}``,
``{data-toggle}``, ``{title="a {b} c"}``."""
ATTRS_INLINE = lazy(rf"(?<=[)\]*_~\x00])(?=(?P<list>{_ATTRS_LIST})(?!\}}))\{{[^}}]*+\}}")
"""markdown-it-attrs' list right after a link, an image, emphasis, a strikethrough or a code span
(held back as ``\x00N\x00`` then): ``[demo](/demo/){target=demo}``, ``_this_{.red}``,
``~~old~~{.gone}``, the element's, never text; `closes_element` makes sure of the element. The
match ends at the list's first ``}``, quoted or not: the plugin reads the whole list (``list``)
but cuts the text after the element at that brace, so ``{title="a {b} c"}`` leaves `` c"}`` on the page."""
_BLOCK_END = lazy(
    rf"(?:(?:(?<=\S)|(?<=\S\n))[ \t]*+|(?:(?<=\n\n)|\A)(?P<indent> {{0,3}}))({_ATTRS_LIST})[ \t]*"
    r"(?=\n?\Z|\n[ \t]*(?:\n|\Z)|\n[ \t]*(?:[-*+]|1[.)])[ \t]|\n {0,3}(?:#{1,6}[ \t]|>|```|~~~)"
    r"|\n {0,3}(?:=++|-++|(?:\*[ \t]*+){3,}+|(?:_[ \t]*+){3,}+)[ \t]*+(?:\n|\Z)"
    r"|\n(?P<sibling>[ \t]*)\d{1,9}[.)][ \t]|(?P<cell>\|))"
)
"""markdown-it-attrs' list at the end of a block (a paragraph, a heading, a list item, a table's
cell), right after its text, after a space, on the block's last line alone (``Text\n{.lead}``),
or alone in a paragraph of its own (the plugin gives it to that empty paragraph; ``indent``, at
most three spaces: four make a line of code): ``Read this first.{.lead}``, ``- Step one {.done}``,
``| b {.x} |``. The line must end the block (a blank line, the text's end, the next item,
heading, quote or fence next, or a line under it that makes the paragraph a setext heading,
``Install {#install}`` over ``=======``, or a thematic break, ``***``, which ends it): within a
paragraph the plugin reads none, and the live page shows it as text. A list numbered from other
than 1 interrupts no paragraph, but the next item of a list ends the item before it
(``sibling``, less indented than the item's text: `_item_text`). Before a ``|``, only in a
table's row (`TABLE_ROW`)."""


_HEADING_END = lazy(
    r"^((?:[ \t]*+(?:[-*+]|\d{1,9}[.)])[ \t]++|[ \t]*+>[ \t]?+)*+ {0,3}#{1,6}[ \t])"
    rf"((?:[^{{\n]++|\{{)*?)({_ATTRS_LIST})(?:[ \t]++#++)?[ \t]*+$",
    re.M,
)
"""markdown-it-attrs' list ending an ATX heading (``## Setup {#setup}``, before a closing ``##``
too), in a list item or a quote too (``- ## Step {#step}``, which the plugin gives the item): a
heading is a block of one line, whatever the next line holds. (The heading's text is read a run
of other characters than a brace at a time, the list tried at each brace alone: a run of spaces
is gone over once.)"""


def block_ends(text: str, liquid: bool = False) -> str:
    """Return ``text`` with each list at a block's end (`_BLOCK_END`, `_HEADING_END`) made the
    anchor of its id, if any; one before a ``|`` outside a table's row, before ``2.`` that goes
    on with a paragraph or, with ``liquid``, that is a Liquid tag stays as written. (Each line's
    start is looked for once, lines asked in order: a row of a thousand cells is read in one pass.)"""
    if "#" in text:

        def heading(found: re.Match[str]) -> str:
            if liquid and found.group(3).startswith("{%"):
                return found.group(0)
            return found.group(1) + found.group(2).rstrip(" \t") + anchor(attr_id(found.group(3)))

        text = _HEADING_END.sub(heading, text)
    looked, line = 0, 0  # how far the text was looked at for lines, and where the last line starts

    def line_of(at: int) -> int:
        nonlocal looked, line
        line = text.rfind("\n", looked, at) + 1 or line
        looked = at
        return line

    def made(found: re.Match[str]) -> str:
        if liquid and found.group(2).startswith("{%"):
            return found.group(0)
        if found.group("cell") is not None and not TABLE_ROW.match(text, line_of(found.start())):
            return found.group(0)
        indent = found.group("indent")  # (a paragraph of its own: its own line is the text's)
        if found.group("sibling") is not None:
            alone = indent is None and text[found.start() - 1] == "\n"  # the text's line is above
            start = line_of(found.start() - 1 if alone else found.start())
            if _columns(found.group("sibling")) >= _item_text(text, start):
                return found.group(0)
        return (indent or "") + anchor(attr_id(found.group(2)))

    return _BLOCK_END.sub(made, text)


_ITEM_MARK = lazy(r"([ \t]*+)((?:[-*+]|\d{1,9}[.)])(?=[ \t])([ \t]*+))?")


def _item_text(text: str, start: int) -> int:
    """Return the column where the text of the line at ``start`` starts, as a list item's text
    (after its marker and at most four spaces: one where there are more), else its indentation:
    a line of the next item less indented than that ends the item (markdown-it's list rule)."""
    found = _ITEM_MARK.match(text, start)
    assert found is not None  # the pattern matches the empty text
    if found.group(2) is None:
        return _columns(found.group(1))
    marker = _columns(found.group(0)[: len(found.group(0)) - len(found.group(3))])
    gap = _columns(found.group(0)) - marker
    return marker + (1 if gap > 4 else gap)


def _columns(start: str) -> int:
    """Return how many columns ``start`` (a line's first characters) takes, a tab to the next
    multiple of four."""
    return len(start.expandtabs(4)) if "\t" in start else len(start)


_LINK_TARGET = lazy(
    r"(?:<[^<>\n]*>|(?:[^\s()<>\\]|\\.|\((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*+\))*+\))*+)"
    r"""(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*"""
)
"""What a link's parentheses hold: its address (balanced parentheses in it, two deep:
``/wiki/Python_(programming_language)``, as CommonMark allows them), perhaps a title."""
_LONGEST_LINK = 1000
"""How far back the opening of an element a list follows is looked for."""


def closes_element(text: str, at: int, defined: frozenset[str] = frozenset()) -> bool:
    """Whether the character before ``at`` (a list's brace) closes an element markdown-it-attrs
    gives the list to: a ``)`` a link's or an image's (``](address)``), a ``]`` a reference's
    whose label the page defines (``[text][ref]``, ``[text][]``, ``[text]``: ``defined``), a
    ``~~`` that a ``~~`` before it on its line opens, a ``_`` or ``*`` that can close emphasis
    another before it opens (`_EMPHASIS_CLOSED`); a code span is taken as it is. Each look goes
    back a bounded way."""
    before = text[at - 1]
    line = max(text.rfind("\n", max(0, at - _LONGEST_LINK), at) + 1, at - _LONGEST_LINK, 0)
    if before == ")":
        opening = text.rfind("](", line, at - 1)
        return opening >= 0 and _LINK_TARGET.fullmatch(text, opening + 2, at - 1) is not None
    if before == "]":
        opening = text.rfind("[", line, at - 1)
        label = text[opening + 1 : at - 1]
        if opening > line and text[opening - 1] == "]" and not label:  # ``[text][]``: the text is the label
            first = text.rfind("[", line, opening - 1)
            label = text[first + 1 : opening - 1] if first >= 0 else "]"
        return opening >= 0 and "]" not in label and " ".join(label.split()).casefold() in defined
    if before == "~":
        return text.startswith("~~", at - 2) and text.rfind("~~", line, at - 2) >= 0
    if before in _EMPHASIS_CLOSED:
        return _EMPHASIS_CLOSED[before].match(text[line:at][::-1]) is not None
    return True


_EMPHASIS_CLOSED = {
    "_": lazy(r"_++(?=\S)(?:[^_]|(?<=[^\W_])_++(?=[^\W_]))*+(?<=\S)_++(?![^\W_])"),
    "*": lazy(r"\*++(?=\S)[^*]*+(?:(?<=[^\W_])\*|(?<=\S)\*++(?![^\W_]))"),
}
"""Emphasis closing at a line's end, read backwards (the line reversed, from its end): a run of
``_`` or ``*`` after no space (which can close), then, past text and runs of ``_`` inside a
word (which neither open nor close: ``foo_bar_``), the nearest run that can open, before text
(CommonMark's flanking runs, a ``_`` not after a letter or digit): ``_soft_``, ``**x**``, not
``2 * 3 *``."""
