"""Lists of links a page ends on: a menu offers several ways on, not one next step.

A page that closes on a table of contents, a navigation list or a "see all" list (a section's
index, a site's home) names no single next step: its last link is only the list's last item.
A menu is a stretch of lists, tables and cards (MDX components named ``...Card``), with nothing
between them but headings, rules and markup (no line of prose), in which `MENU_ITEMS` or more
items open on a link (to a page of the site or not: a reading list is a menu too) and those are
at least half its items. The reading of the links a page ends on (`stagemap.read.ctas`) takes
none from a menu or before it.
"""

from __future__ import annotations

from ..lazyre import lazy
from .codespans import paragraph_start

MENU_ITEMS = 3
"""How many items opening on a link make a stretch of lists and tables a menu (when they are at
least half its items)."""

_ITEM = lazy(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|<li\b[^>]*>|\|(?![ \t:|-]*$)|(<[A-Z][\w.]*Card)\b)")
"""The opening of a list item (Markdown's or HTML's), a table row, or a card (an MDX component
named ``...Card``: Starlight's ``<LinkCard>``, a ``<Card>``), up to its text or attributes."""
_LATER_ITEM = lazy(r"\n" + _ITEM.pattern)
"""`_ITEM` on a line after the first (a newline leads: looked for fast)."""
_OPENS_ON_LINK = lazy(
    r"(?:[ \t*_]|\[[ xX]\][ \t]|<(?!a\s)[^<>\n]*>)*"
    r"(?:\[(?:[^\[\]\n]|!?\[[^\[\]\n]*\]\([^)\n]*\))*\][(\[]|<a\s[^>\n]*href=)"
)
"""An item's text that starts with a link (after emphasis marks, a task's box, tags): a Markdown
one (its text may hold an image; a reference link too) or an HTML one."""
_HEADING_OR_RULE = lazy(r"[ \t]*(?:#{1,6}(?:[ \t]|$)|<h[1-6]\b|(?:[-=*_|:][ \t]*)+$)")
"""A heading, a rule, a setext underline or a table's delimiter row."""
_NO_TEXT = lazy(r"<[^<>\n]*>|\{%.*?%\}|\{\{.*?\}\}|\{:[^}\n]*\}")
"""Markup that shows no prose: tags, template tags and outputs, kramdown's attribute lists."""

_CARD_LINES = 12
"""How many lines a card's opening tag may run over (one attribute a line)."""

_LINK, _ITEM_KIND, _QUIET, _TEXT = range(4)
_ITEMS = (_LINK, _ITEM_KIND)


class Menus:
    """The menus of one body (as `stagemap.read.ctas` reads it), each worked out once."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.lines: list[str] = []
        self.judged: list[tuple[int, int, bool]] = []
        """(first line, line after the last, whether it is a menu) of each stretch read."""

    def holds(self, at: int) -> bool:
        """Return True if the link at offset ``at`` of the body sits in a menu."""
        if not _in_item(self.body, at):  # (most links stand in prose: the body is not split for them)
            return False
        if not self.lines:
            self.lines = self.body.split("\n")
        line = self.body.count("\n", 0, at)
        for start, end, menu in self.judged:
            if start <= line < end:
                return menu
        stretch = self._stretch(line)
        if stretch is None:
            return False
        self.judged.append(stretch)
        return stretch[2]

    def _stretch(self, line: int) -> tuple[int, int, bool] | None:
        """Return the stretch of lists and tables holding ``line`` (see `holds`), or None when
        the line is in none: in its block (lines between blank ones), no item opens above it."""
        start, end = self._block(line)
        first, links, items, prose = self._read(start, end)
        if first > line:
            return None
        counts = [links, items]
        top = first if prose else self._up(start, counts)
        bottom = self._down(end, counts)
        links, items = counts
        return top, bottom, links >= MENU_ITEMS and 2 * links >= items

    def _up(self, start: int, counts: list[int]) -> int:
        """Return where the stretch above line ``start`` begins, adding its items to ``counts``."""
        while True:
            above = start - 1
            while above >= 0 and not self.lines[above].strip():
                above -= 1
            if above < 0:
                return 0
            start, _ = self._block(above)
            first, links, items, prose = self._read(start, above + 1)
            counts[0] += links
            counts[1] += items
            if prose:  # the stretch begins after it
                return first

    def _down(self, end: int, counts: list[int]) -> int:
        """Return the line after the stretch below line ``end``, adding its items to ``counts``."""
        while True:
            below = end
            while below < len(self.lines) and not self.lines[below].strip():
                below += 1
            if below == len(self.lines):
                return below
            _, end = self._block(below)
            _, links, items, prose = self._read(below, end)
            if prose:  # the stretch ends before it
                return below
            counts[0] += links
            counts[1] += items

    def _read(self, start: int, end: int) -> tuple[int, int, int, bool]:
        """Return, for the block of lines ``start`` to ``end``, its first item's line (``end``
        without one), how many items from there open on a link and how many there are, and
        whether a line of prose stands before that first item (the items after it, their
        continuations included, are a list)."""
        kinds = [self._kind(n) for n in range(start, end)]
        first = next((n for n, kind in enumerate(kinds) if kind in _ITEMS), len(kinds))
        listed = kinds[first:]
        return (
            start + first,
            listed.count(_LINK),
            listed.count(_LINK) + listed.count(_ITEM_KIND),
            _TEXT in kinds[:first],
        )

    def _block(self, line: int) -> tuple[int, int]:
        """Return the first line and the line after the last of the block holding ``line``."""
        start, end = line, line + 1
        while start > 0 and self.lines[start - 1].strip():
            start -= 1
        while end < len(self.lines) and self.lines[end].strip():
            end += 1
        return start, end

    def _kind(self, n: int) -> int:
        """Return what line ``n`` is: an item (opening on a link, or not), a line that shows no
        prose (a heading, a rule, markup alone, indented: after an item, its continuation), or
        text."""
        line = self.lines[n]
        item = _ITEM.match(line)
        if item and item.group(1):
            return _LINK if self._card_link(n) else _ITEM_KIND
        if item:
            return _LINK if _OPENS_ON_LINK.match(line, item.end()) else _ITEM_KIND
        if _HEADING_OR_RULE.match(line) or line.startswith(("  ", "\t")):
            return _QUIET
        return _QUIET if not _NO_TEXT.sub("", line).strip() else _TEXT

    def _card_link(self, n: int) -> bool:
        """Return True if the card opening on line ``n`` links: an ``href`` among its attributes,
        on its lines up to the end of its tag (a few lines at most)."""
        for line in self.lines[n : n + _CARD_LINES]:
            tag = line.split(">", 1)[0]
            if "href=" in tag:
                return True
            if len(tag) < len(line):  # the tag ends on this line
                return False
        return False


def _in_item(body: str, at: int) -> bool:
    """Return True if an item opens on the line holding offset ``at`` or above it in its block."""
    start = paragraph_start(body, at)
    end = body.find("\n", at)
    return bool(_ITEM.match(body, start) or _LATER_ITEM.search(body, start, len(body) if end < 0 else end))
