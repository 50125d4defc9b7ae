"""Lists of links a page ends on: a menu offers several ways on, not one next step.

A page that closes on a table of contents, a navigation list or a "see all" list (a section's
index, a site's home) names no single next step: its last link is only the list's last item.
A menu is a stretch of lists, tables and cards (MDX components named ``Card`` or ``...Card``),
with nothing between them but rules, blank lines and markup (no line of prose, no heading), in
which `MENU_ITEMS` or more items open on a link (to a page of the site or not: a reading list
is a menu too) and those are at least half its items. The reading of the links a page ends on
(`stagemap.read.ctas`) takes none from a menu or before it.

Where a stretch is cut: at a heading, unless the lists above it make a menu and the first one
under it goes on in the same way (a home page's lists of links, one a heading, some of two);
at a list item whose text runs on over more than one line of prose (a feature list, a page of
steps: prose, not a menu); and where a list, table or card of another kind follows a menu with
fewer than `MENU_ITEMS` links: a call to action after it (a card, "Book a demo") is read alone.
"""

from __future__ import annotations

import re

from ..lazyre import lazy
from .codespans import Paragraphs

MENU_ITEMS = 3
"""How many items opening on a link make a stretch of lists and tables a menu (when they are at
least half its items)."""

_QUOTE = lazy(r"[ \t]*+(?:>[ \t]?+)++")
"""A blockquote's marks at a line's start (its lists are read as if it held none)."""
_QUOTED_LINE = lazy(r"^[ \t]*+>", re.MULTILINE)
_ITEM = lazy(
    r"[ \t]*+(?:>[ \t]*+)*+"
    r"(?:(?:[-*+]|\d{1,9}[.)])[ \t]++|<li\b[^>\n]*+>?|\|(?![ \t:|-]*+$)|(<(?:[A-Z][\w.]*?)?Card)\b)"
)
"""The opening of a list item (Markdown's or HTML's), a table row, or a card (an MDX component
named ``Card`` or ``...Card``: Starlight's ``<LinkCard>``), up to its text or attributes."""
_LATER_ITEM = lazy(r"\n" + _ITEM.pattern)
"""`_ITEM` on a line after the first (a newline leads: looked for fast)."""
_OPENS_ON_LINK = lazy(
    r"(?:[ \t*_]|\[[ xX]\][ \t]|<(?!(?:a|Link)\s)[^<>\n]*+>)*+"
    r"(?:\[(?:[^\[\]\n!]|!(?!\[)|!?\[[^\[\]\n]*+\]\([^)\n]*+\))*+\][(\[]"
    r"|<a\s[^>\n]*?href=|<Link\s[^>\n]*?(?<![\w-])(?:href|to)=)"
)
"""An item's text that starts with a link (after emphasis marks, a task's box, tags): a Markdown
one (its text may hold an image; a reference link too), an HTML one or a ``<Link>``
component's (``to``, Docusaurus's and Gatsby's). Each place of the text
is read in one way only (no quantifier tries another), so a text that never closes costs its
length."""
_SHORTCUT = lazy(r"(?:[ \t*_]|\[[ xX]\][ \t]|<(?!a\s)[^<>\n]*+>)*+\[([^\[\]\n]++)\](?![(\[])")
"""An item's text that starts with a bracketed label (``[Pricing]``), after what `_OPENS_ON_LINK`
passes over: a link where the body defines that label."""
_HEADING = lazy(r"[ \t]*+(?:#{1,6}+(?:[ \t]|$)|<h[1-6]\b)")
_RULE = lazy(r"[ \t]*+(?:[-=*_|:][ \t]*+)++$")
"""A rule, a setext underline or a table's delimiter row."""
_DELIMITER = lazy(r"[ \t]*+\|?+[ \t]*+:?-++:?[ \t]*+\|[-:| \t]*+$", re.MULTILINE)
"""A table's delimiter row, with or without its leading pipe."""
_LATER_DELIMITER = lazy(r"\n" + _DELIMITER.pattern, re.MULTILINE)
_NO_TEXT = lazy(
    r"<[^<>\n]*+>|\{%(?:[^%{\n]|%(?!\})|\{(?!%))*+%\}|\{\{(?:[^{}\n]|\}(?!\})|\{(?!\{))*+\}\}|\{:[^{}\n]*+\}"
)
"""Markup that shows no prose: tags, template tags and outputs, kramdown's attribute lists. None
holds its own opening, so an opening never closed is read up to the next one only."""
_DEFINITION = lazy(r"[ \t]*+\[[^\[\]\n]++\]:")
"""A link reference definition (``[win]: windows.md``): shown nowhere."""
_QUOTED = lazy(r"\"[^\"\n]*+\"|'[^'\n]*+'")
"""A quoted attribute value (a ``>`` in it does not end the tag)."""

_NEXT_WORDS = (
    r"[ \t*_]*+(?:what'?s[ \t]++next|(?:up[ \t]++|where[ \t]++to[ \t]++)?next(?:[ \t]++steps?)?"
    r"|get[ \t]++started(?:[ \t]++(?:now|today))?|try[ \t]++it(?:[ \t]++(?:free|now))?|call[ \t]++to"
    r"[ \t]++action)[ \t*_]*+[:!.?]*+[ \t*_]*+"
)
_NEXT_STEP = lazy(
    r"[ \t]*+(?:#{1,6}+[ \t]++|<h[1-6][^>]*+>)" + _NEXT_WORDS + r"(?:\{[^}\n]*+\}|</h[1-6]>|#++)?[ \t]*+$",
    re.IGNORECASE,
)
"""A heading that is all a call to the reader's next step ("Next steps", "What's next?", "Get
started", in English: elsewhere none is told apart). Each run of spaces is read one way only."""
_NEXT_STEP_TEXT = lazy(r"[ \t]*+" + _NEXT_WORDS + r"(?:\{[^}\n]*+\})?[ \t]*+$", re.IGNORECASE)
"""`_NEXT_STEP` for the text of a setext heading (the line above its underline)."""
_SETEXT = lazy(r" {0,3}(?:=++|-++)[ \t]*+$")
"""A setext heading's underline (``Next steps`` over ``----------``), when a paragraph's one line
stands above it: else a rule, or nothing."""


_CARD_HREF = lazy(r"(?:href|(?<![\w-])to)=")
"""A card's link: its ``href``, or ``to`` (a Docusaurus or Gatsby card's, as their ``<Link>``'s)."""
_CARD_LINES = 12
"""How many lines a card's opening tag may run over (one attribute a line)."""

_LINK, _ITEM_KIND, _QUIET, _TEXT, _HEAD = range(5)
_ITEMS = (_LINK, _ITEM_KIND)
_Group = tuple[int, bool, str, int, int]
"""(first line, whether a heading parts it from the group before, its kind of item, items
opening on a link, items) of a run of items of one kind; an item whose text runs on over more
than a line of prose is a group of its own, of kind ``prose``, with no item of a menu."""


class Menus:
    """The menus of one body (as `stagemap.read.ctas` reads it), each worked out once."""

    def __init__(self, body: str, paragraphs: Paragraphs, labels: frozenset[str] = frozenset()) -> None:
        self.body = body
        self.paragraphs = paragraphs
        self.labels = labels
        """The link labels the body defines (``[demo]: /contact/``), as `reference_label` gives
        them: an item opening on ``[demo]`` alone opens on a link."""
        self.lines: list[str] = []
        self.kinds: dict[int, tuple[int, str]] = {}
        self.rows: dict[int, bool] = {}
        """Whether each line read is a row of a table with no leading pipes."""
        self.judged: list[tuple[int, int, bool]] = []
        """(first line, line after the last, whether it is a menu) of each stretch read."""

    def holds(self, at: int) -> bool:
        """Return True if the link at offset ``at`` of the body sits in a menu."""
        if not self._in_item(at):  # (most links stand in prose: the body is not split for them)
            return False
        if not self.lines:
            lines = self.body.split("\n")
            quoted = _QUOTED_LINE.search(self.body) is not None
            self.lines = [_unquoted(line) for line in lines] if quoted else lines
        line = self.body.count("\n", 0, at)
        for _ in range(2):
            for start, end, menu in self.judged:
                if start <= line < end:
                    return menu
            self.judged += self._stretches(line)
        return False

    def _in_item(self, at: int) -> bool:
        """Return True if an item opens on the line holding offset ``at`` or above it in its
        paragraph, or the line is a table's row (one without a leading pipe too)."""
        body, start = self.body, self.paragraphs.start(at)
        end = body.find("\n", at)
        end = len(body) if end < 0 else end
        if _ITEM.match(body, start) or _LATER_ITEM.search(body, start, end):
            return True
        piped = body.find("|", body.rfind("\n", 0, at) + 1, end) >= 0
        return piped and _LATER_DELIMITER.search(body, start, at) is not None

    def _stretches(self, line: int) -> list[tuple[int, int, bool]]:
        """Return the stretches (see the module) of the lines of lists and tables holding
        ``line``, each judged; none when no item opens above it in its block."""
        top, bottom = self._top(line), self._bottom(line)
        groups = self._groups(top, bottom)
        if not groups or groups[0][0] > line:
            return []
        # Above a heading, the stretch goes on only for a list like the one under it.
        chunks = [groups]
        while top > 0 and self._kind(top - 1)[0] == _HEAD and chunks[-1][0][4] == chunks[-1][0][3] >= 2:
            head = top - 1
            setext = head > 0 and self._kind(head - 1)[0] == _HEAD and _SETEXT.match(self.lines[head])
            head -= 1 if setext else 0  # (a setext heading's text stands above its underline)
            # Not across the heading of a call to action after a menu ("Next steps", "What's next").
            if len(chunks) == 1 and (_NEXT_STEP_TEXT if setext else _NEXT_STEP).match(self.lines[head]):
                break
            above = self._top(head)
            section = self._groups(above, top)
            if not section:
                break
            chunks[-1][0] = (chunks[-1][0][0], True, *chunks[-1][0][2:])
            chunks.append(section)
            top = above
        groups = [group for chunk in reversed(chunks) for group in chunk]
        made: list[tuple[int, int, bool]] = []
        first, links, items, kind = groups[0][0], 0, 0, ""
        for start, headed, group, more_links, more in groups:
            menu = links >= MENU_ITEMS and 2 * links >= items
            alike = menu and group == kind and more == more_links >= 2  # the menu goes on
            apart = "prose" in (group, kind) or (headed and not alike)
            if start > first and (apart or (menu and group != kind and more_links < MENU_ITEMS)):
                made.append((first, start, menu))
                first, links, items = start, 0, 0
            links, items, kind = links + more_links, items + more, group
        made.append((first, bottom, links >= MENU_ITEMS and 2 * links >= items))
        return made

    def _top(self, line: int) -> int:
        """Return the first line of the stretch holding ``line``: after the prose above it."""
        n = line
        while n > 0:
            kind, _ = self._kind(n - 1)
            if kind == _HEAD:
                return n
            if kind == _TEXT:
                block = n - 1
                while block > 0 and self.lines[block - 1].strip() and self._kind(block - 1)[0] == _QUIET:
                    block -= 1
                if block == 0 or self._kind(block - 1)[0] not in _ITEMS:
                    return n  # prose: no item above it in its block
                n = block - 1  # a lazy line of the item above
                continue
            n -= 1
        return 0

    def _bottom(self, line: int) -> int:
        """Return the line after the stretch holding ``line``: where prose starts below it."""
        n, listed = line + 1, True
        while n < len(self.lines):
            text = self.lines[n]
            if not text.strip():
                listed = False
            else:
                kind, _ = self._kind(n)
                if kind in _ITEMS or kind == _HEAD:
                    listed = kind != _HEAD
                elif kind == _TEXT and not listed:
                    return n  # prose, with no item above it in its block
            n += 1
        return n

    # long: one walk down the stretch, item by item, with the prose each carries
    def _groups(self, top: int, bottom: int) -> list[_Group]:
        """Return the runs of items of one kind from line ``top`` to ``bottom`` (see `_Group`)."""
        groups: list[_Group] = []
        headed, item, prose, link = False, -1, 0, False
        kind = ""

        def close() -> None:
            nonlocal headed
            if item < 0:
                return
            if prose > 1:
                groups.append((item, headed, "prose", 0, 0))
            elif groups and groups[-1][2] == kind and not headed:
                first, above, same, links, items = groups[-1]
                groups[-1] = (first, above, same, links + link, items + 1)
            else:
                groups.append((item, headed, kind, int(link), 1))
            headed = False

        for n in range(top, bottom):
            what, group = self._kind(n)
            if what in _ITEMS:
                close()
                item, prose, link, kind = n, 0, what == _LINK, group
            elif what == _HEAD:
                close()
                item, headed = -1, True
            elif item >= 0 and kind != "card" and _shows_text(self.lines[n]):
                prose += 1
        close()
        return groups

    def _kind(self, n: int) -> tuple[int, str]:
        """Return what line ``n`` is: an item (opening on a link, or not) and its kind (list,
        html, table, card), a heading, a line that shows no prose (a rule, markup alone,
        indented: after an item, its continuation), or text."""
        known = self.kinds.get(n)
        if known is None:
            known = self.kinds[n] = self._read_kind(n)
        return known

    def _read_kind(self, n: int) -> tuple[int, str]:
        line = self.lines[n]
        item = _ITEM.match(line)
        if item and item.group(1):
            return (_LINK if self._card_link(n) else _ITEM_KIND), "card"
        if item:
            rest = line[item.end() :]
            if line.lstrip().startswith("<li") and not rest.strip() and n + 1 < len(self.lines):
                rest = self.lines[n + 1]  # (its link on the next line)
            group = (
                "html" if line.lstrip().startswith("<li") else "table" if line.lstrip()[0] == "|" else "list"
            )
            return (_LINK if self._opens_on_link(rest) else _ITEM_KIND), group
        if _HEADING.match(line) or self._setext(n - 1 if _SETEXT.match(line) else n):
            return _HEAD, ""
        if "|" in line and self._row(n):
            return (_LINK if self._opens_on_link(line) else _ITEM_KIND), "table"
        if _RULE.match(line) or line.startswith(("  ", "\t")):
            return _QUIET, ""
        return (_QUIET if not _shows_text(line) else _TEXT), ""

    def _opens_on_link(self, text: str) -> bool:
        """Return True if an item's ``text`` opens on a link (`_OPENS_ON_LINK`), or on a shortcut
        reference whose label the body defines (``[Pricing]``)."""
        if _OPENS_ON_LINK.match(text):
            return True
        shortcut = _SHORTCUT.match(text) if self.labels else None
        return shortcut is not None and reference_label(shortcut.group(1)) in self.labels

    def _setext(self, n: int) -> bool:
        """Return True if line ``n`` is the text of a setext heading: a paragraph of that one line
        (after a blank line or a heading, not an item, a rule, a row or indented code) whose next
        line is an underline (`_SETEXT`)."""
        lines = self.lines
        if not 0 <= n < len(lines) - 1 or not _SETEXT.match(lines[n + 1]):
            return False
        line = lines[n]
        if not _shows_text(line) or line.startswith(("    ", "\t")) or _ITEM.match(line) or "|" in line:
            return False
        return n == 0 or not lines[n - 1].strip() or _HEADING.match(lines[n - 1]) is not None

    def _row(self, n: int) -> bool:
        """Return True if line ``n`` is a row of a table with no leading pipes: the lines above
        it, up to the table's delimiter row, hold pipes too."""
        walked, above = [], n
        while above not in self.rows:
            walked.append(above)
            above -= 1
            if above < 0 or "|" not in self.lines[above]:
                row = False
                break
            if _DELIMITER.match(self.lines[above]):
                row = above >= 1 and "|" in self.lines[above - 1]
                break
        else:
            row = self.rows[above]
        self.rows.update(dict.fromkeys(walked, row))
        return row

    def _card_link(self, n: int) -> bool:
        """Return True if the card opening on line ``n`` links: an ``href`` among its attributes,
        on its lines up to the end of its tag (a few lines at most)."""
        for line in self.lines[n : n + _CARD_LINES]:
            bare = _QUOTED.sub('""', line)
            tag = bare.split(">", 1)[0]
            if _CARD_HREF.search(tag):
                return True
            if len(tag) < len(bare):  # the tag ends on this line
                return False
        return False


def reference_label(label: str) -> str:
    """A link reference's label as CommonMark matches it: case folded, its runs of white space
    one space (a quote's marks on its later lines too)."""
    return " ".join(label.replace("\n>", "\n").split()).casefold()


def may_hold(body: str, start: int) -> bool:
    """Return True if a list item, a table row or a card may open in ``body`` from offset
    ``start`` (a newline, or -1 for the start) on: without one, no link there is in a menu."""
    found = _ITEM.match(body) if start < 0 else None
    return bool(
        found or _LATER_ITEM.search(body, max(start, 0)) or _LATER_DELIMITER.search(body, max(start, 0))
    )


def _unquoted(line: str) -> str:
    """Return ``line`` without the blockquote marks it opens on."""
    quote = _QUOTE.match(line) if ">" in line else None
    return line[quote.end() :] if quote else line


def _shows_text(line: str) -> bool:
    """Return True if ``line`` shows prose: text besides markup, not a heading, a rule nor a
    link reference definition."""
    if _HEADING.match(line) or _RULE.match(line) or _DEFINITION.match(line):
        return False
    return bool(_NO_TEXT.sub("", line).strip())
