"""HTML comments in a body: the live page never shows one, and where it stood matters to Markdown."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lazyre import lazy


def without_comments(text: str, code: Sequence[tuple[int, int]] = ()) -> str:
    """Return ``text`` without its HTML comments: the live page never shows one (a note to the
    site's authors, a marker). A comment alone on its lines inside a block of HTML (one that
    opens with a block tag, or a tag alone on its line, and runs to a blank line) goes with its
    lines: a blank line left there would end the HTML, and what follows it would be read as
    indented code. Elsewhere its lines are left blank, as the comment ends the paragraph before
    it; where blank lines would join the blocks around it (two indented code blocks, or a list
    and the item or indented text after it: CommonMark's own way to part them), an empty link
    definition (`SEPARATOR`) stands in its place, which parts them and shows nothing. One never
    closed stays; one in ``code`` (spans of ``text`` in order, Hugo's code shortcodes) too, as
    the page shows it there. Each closing, blank line and block is looked for once."""
    pieces, at, held = [], 0, 0  # (``held``: the first span of code that may be ahead)
    begins = len(text) - len(text.lstrip())  # where the body's text starts: a comment above it parts nothing
    block, looked = 0, 0  # where the block the comment is in starts; blank lines looked for up to
    while (start := text.find("<!--", at)) >= 0:
        while held < len(code) and code[held][1] <= start:
            held += 1
        if held < len(code) and code[held][0] <= start:
            pieces.append(text[at : code[held][1]])  # in code: as written
            at = code[held][1]
            continue
        end = text.find("-->", start + 4)
        if end < 0:
            break
        end += 3
        line = start
        while line and text[line - 1] in " \t":
            line -= 1
        after = end
        while after < len(text) and text[after] in " \t":
            after += 1
        if (line and text[line - 1] != "\n") or (after < len(text) and text[after] != "\n"):
            pieces.append(text[at:start])  # within a line of text: the comment alone goes
            at = end
            continue
        for blank in _BLANK_LINE.finditer(text, looked, line):
            block = blank.end()
        looked = line
        first = text[block : text.find("\n", block, line) if block < line else line]
        inside_html = block < line and _HTML_BLOCK.match(first) is not None
        pieces.append(text[at:line])
        at = min(after + 1, len(text)) if inside_html else after
        indent = text[line:start]
        if not inside_html and begins < line and len(indent.expandtabs(4)) < 4 and _joined(text, after):
            pieces.append(f"\n{indent}{SEPARATOR}\n")
    return "".join(pieces) + text[at:]


SEPARATOR = "[\ue042]: #"
"""What parts two blocks where a comment stood: a link definition no link names (a private-use
character its label), which Markdown reads as a block and renders as nothing."""
_BLANKS = lazy(r"[ \t]*+(?:\n[ \t]*+)*+")
_ITEM = lazy(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.M)


def _joined(text: str, after: int) -> bool:
    """Whether the next line with text after ``after`` (a comment's end) would go on with the
    block before the comment were its lines blank: one indented four columns or more (indented
    code, an item's next paragraph) or one opening a list item."""
    gap = _BLANKS.match(text, after)
    assert gap is not None  # the pattern matches the empty text
    end = gap.end()
    if end >= len(text) or "\n" not in gap.group(0):
        return False
    indent = text[text.rfind("\n", after, end) + 1 : end]
    return len(indent.expandtabs(4)) >= 4 or _ITEM.match(text, end) is not None


_BLANK_LINE = lazy(r"\n[ \t]*\n")
_HTML_BLOCK = lazy(
    r" {0,3}(?:<(?:address|article|aside|blockquote|body|center|dd|details|dialog|div|dl|dt|fieldset|"
    r"figcaption|figure|footer|form|h[1-6]|header|hr|iframe|li|main|nav|ol|p|section|summary|table|"
    r"tbody|td|tfoot|th|thead|tr|ul)(?:[\s/>]|$)|</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?/?>[ \t]*$)",
    re.I,
)
"""A line that opens a block of HTML (CommonMark's kinds 6 and 7: a block tag, or a tag alone)."""
