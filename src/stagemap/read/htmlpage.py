"""A page written in HTML (Jekyll's ``pricing.html``, a Hugo content file ending in ``.html``) as Markdown.

A landing page's body is markup laid out for the site's styles: sections in divs in grids,
indented as deep as they nest. Dropping the tags and keeping the text (as a Markdown body's
stray HTML is read, `stagemap.render.jsx`) would leave that indentation, which Markdown reads
as code. Here the page is read as HTML: headings become ``#`` headings, paragraphs and other
blocks (``div``, ``section``, ``li``...) paragraphs or list items, ``pre`` a fenced code block,
tables Markdown tables; links, images, emphasis and code spans are kept; ``script``, ``style``,
``template``, ``noscript``, ``svg`` and forms' controls are dropped; a frame or a player
(``iframe``, ``video``...) is a link to what it shows; white space is HTML's (a
run of it is one space). Text is escaped; the site's template tags (Jekyll's Liquid,
``{{ x }}``, ``{% for %}``, Hugo's shortcodes) are held as written and read afterwards, as in
a Markdown body. Lists and quotes nest at most `MAX_DEPTH` deep (deeper ones are read at that
depth), and a body with far more ``<`` than ``>`` has its stray ``<`` read as text (the
standard library's parser slows down quadratically on them).

A reader, not a renderer: reading the file checks the limits of the text its page is made of
(`stagemap.read.blocks.exceeded_as_rendered`); rendering takes the same text through
`stagemap.render.dialects`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..lazyre import lazy
from .htmltables import HELD_LOOP, HELD_TAG, LOOP_TAG, TABLE_PARTS, table_part
from .markdowntext import element_anchor, link_target

MAX_DEPTH = 8
"""How deep lists and block quotes nest here at most."""

HTML_PAGE_ENDINGS = (".html", ".htm", ".njk", ".liquid")
"""Endings of pages written in HTML: Eleventy's Nunjucks and Liquid templates write HTML too."""


def is_html_page(path: str) -> bool:
    """Whether the content file at ``path`` is a page written in HTML (`HTML_PAGE_ENDINGS`)."""
    return path.lower().endswith(HTML_PAGE_ENDINGS)


_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "main", "nav",
        "ol", "p", "section", "summary", "ul",
    }
)  # fmt: skip
"""Elements that stand apart from the text around them."""
_HIDDEN = frozenset({"script", "style", "template", "noscript", "svg", "select", "textarea", "button"})
"""Elements whose content is no text of the page."""
_EMBEDS = {"iframe": "Embedded page", "video": "Video", "audio": "Audio", "embed": "Embedded content"}
"""Elements that show another page or a player: a link to what they show (its ``src``, else a
``<video>``'s first ``<source>``), labelled by their title, as in a Markdown body."""
_PLAYERS = frozenset({"iframe", "video", "audio"})
"""Elements whose text is shown only where the browser cannot show them (as in a Markdown body)."""
_MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*"}
_CODE = frozenset({"code", "kbd", "samp", "tt"})
_BLOCK_IN_TABLE = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre"})
"""Blocks that, in a table's cell, are only the text they hold."""
_OURS = dict.fromkeys((0xE020, 0xE021, 0xE030, 0xE031, 0xE032, 0xE040, 0xE041))
"""The private-use characters used here (and by anchors) as marks: never taken from the page."""
_TABLE_MARK = lazy("\ue020/?\\w+\ue021")
_UNCLOSED = lazy(r"<(?=[^<>]*<)")
"""A ``<`` whose tag never closes before the next one."""
_SPECIAL = lazy(r"([\\`*_\[\]<>|])")
_SPACE = lazy(r"[ \t\r\n\f]+")
_INNERMOST = lazy(r"\ue020(td|th|tr|table)\ue021([^\ue020]*)\ue020/\1\ue021")
"""A table part holding no other (its text between its marks)."""
_TEMPLATE_TAG = lazy(r"\{\{[^{}]{0,1000}?\}\}|\{%[^{}]{0,1000}?%\}")
"""A template tag (``{{ x }}``, ``{% x %}``, ``{{< x >}}``, ``{{% x %}}``): held as written."""
_HELD = lazy("[\ue030\ue032](\\d+)\ue031")
_BLOCK_TEXT = lazy(r"((?:> )*(?:#+ |\s*(?:-|1\.) )?)(?!```|~~~|\|)([^\n]+)$")
"""A block of one line, its Markdown marks (quote, heading, list item) and its text (not code, not a table)."""
_LINE_START = lazy(r"^(?:([#+-]|~~~|---|===)|(\d{1,9})([.)]))(?=\s|$)")
"""A paragraph's start Markdown would read as a heading, a list item, a fence or a rule: escaped."""


def html_page_to_markdown(text: str) -> str:
    """Return the body of a page written in HTML as Markdown."""
    text = text.translate(_OURS)
    held: list[str] = []
    if "{{" in text or "{%" in text:  # the site's template tags are read afterwards, as written

        def hold(found: re.Match[str]) -> str:
            held.append(found.group(0))
            mark = HELD_LOOP if LOOP_TAG.match(found.group(0)) else HELD_TAG
            return f"{mark}{len(held) - 1}\ue031"

        text = _TEMPLATE_TAG.sub(hold, text)
    if text.count("<") > text.count(">") + 64:
        text = _UNCLOSED.sub("&lt;", text)
    if "<![" in text:
        text = re.sub(r"<!\[(?!CDATA\[)", "&lt;![", text)  # not a section the parser can read
    reader = _Reader()
    try:
        reader.feed(text)
        reader.close()
    except AssertionError:  # the standard library's parser gave up on a malformed declaration
        return _escape(re.sub(r"<[^<>]*>", " ", text)).strip() + "\n"
    made = reader.markdown()
    return _HELD.sub(lambda m: held[int(m.group(1))], made) if held else made


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.line: list[str] = []
        self.hidden = 0
        self.pre: list[str] | None = None
        self.lists: list[str] = []
        self.item = ""
        self.heading = ""
        self.links: list[tuple[str, int, int]] = []
        """Each open link's target, and the block and the place in the line where it started."""
        self.quotes = 0
        """How many block quotes the text is in."""
        self.tables = 0
        """How many tables the text is in: their blocks are cells' text until the table closes."""
        self.code: list[str] | None = None
        """The text of the code span being read (in ``code``, ``kbd``...), as written."""
        self.marks: list[tuple[str, int]] = []
        """Each open emphasis: its mark and where it stands in the line."""
        self.playing = ""
        """The label of a player opened without a ``src``, until one of its sources gives it."""
        self.players = 0
        """How many frames and players are open: their text is a browser's fallback, not shown."""

    # -- building ---------------------------------------------------------------------------
    def _end_block(self) -> None:
        for _, at in self.marks:  # emphasis that runs over blocks: not marked
            self.line[at] = ""
        self.marks = []
        text = " ".join("".join(self.line).split())
        self.line = []
        if not text:
            return
        if not self.heading:  # (in a list item too: "- 1. x" would be a list in the item)
            text = _LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], text)
        if self.heading:
            text = f"{self.heading} {text}"
        elif self.item:
            text, self.item = f"{self.item} {text}", ""  # later paragraphs of the item: paragraphs
        self.blocks.append("> " * min(self.quotes, MAX_DEPTH) + text)

    def markdown(self) -> str:
        self._end_block()
        out: list[str] = []
        after_item = False
        for block in self.blocks:
            if not block:  # the end of a list or a quote: what follows stands apart from it
                after_item = False
                continue
            if "\ue020" in block:  # a table that never closed: its text
                block = " ".join(_TABLE_MARK.sub(" ", block).split())
            item = block.lstrip("> ").startswith(("- ", "1. "))
            out.append(("\n" if item and after_item else "\n\n") + block if out else block)
            after_item = item
        return "".join(out) + "\n" if out else ""

    # -- the parser's calls -------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {k: v or "" for k, v in attrs}
        self.players += tag in _PLAYERS
        self._start(tag, given)
        mark = element_anchor(tag, given)
        if mark and not self.hidden and self.pre is None and self.code is None:  # links to it work
            self.line.append(mark)

    def _start(self, tag: str, given: dict[str, str]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
            return
        if tag == "br" and self.pre is not None and not self.hidden:
            self.pre.append("\n")  # a line break in preformatted text (a tool's output, lines as <br>)
            return
        if self.hidden or self.pre is not None or self.code is not None:
            return
        if self.tables and tag in _BLOCK_IN_TABLE:
            self.line.append(" ")
        elif tag in _CODE:
            self.code = []
        elif tag == "pre":
            self._end_block()
            self.pre = []
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._end_block()
            self.heading = "#" * int(tag[1])
        elif tag in ("ul", "ol"):
            self._end_block()
            self.lists.append(tag if len(self.lists) < MAX_DEPTH else "")
        elif tag == "li":
            self._end_block()
            # Nested under its parents' markers: two columns under "- ", three under "1. ".
            kinds = [k for k in self.lists if k]  # (a list nested too deep is read at the last depth)
            indent = "".join(" " * (3 if kind == "ol" else 2) for kind in kinds[:-1])
            self.item = indent + ("1." if kinds and kinds[-1] == "ol" else "-")
        elif tag in TABLE_PARTS:
            if tag == "table" and not self.tables:
                self._end_block()
            self.tables += tag == "table"
            self.line.append(f"\ue020{tag}\ue021" if self.tables else " ")
        elif tag == "blockquote":
            self._end_block()
            self.quotes += 1
        elif tag in _BLOCKS or tag == "hr":
            if self.tables:
                self.line.append(" ")
            else:
                self._end_block()
        elif tag == "br":
            self.line.append(" ")
        elif tag == "a":
            href = given.get("href", "").strip()
            if href and href == "#" + given.get("id", given.get("name", "")).strip():
                href = ""  # the anchor links to itself (a heading's own mark): its text alone
            self.links.append((href, len(self.blocks), len(self.line)))
        elif tag == "img":
            src = given.get("src", "").strip()
            if src:
                self.line.append(f"![{_escape(' '.join(given.get('alt', '').split()))}]({link_target(src)})")
        elif tag in _EMBEDS or (tag == "source" and self.playing):
            self._embed(tag, given)
        elif tag in _MARKS:
            self.marks.append((_MARKS[tag], len(self.line)))
            self.line.append(_MARKS[tag])

    def _embed(self, tag: str, given: dict[str, str]) -> None:
        """A frame or a player (or a ``<source>`` of one opened without a ``src``): a link to
        what it shows, labelled by its title; in a link, its label alone (no link in a link)."""
        label = self.playing or given.get("title") or given.get("aria-label") or _EMBEDS[tag]
        src = given.get("src", "").strip()
        self.playing = "" if src or tag in ("iframe", "embed") else " ".join(label.split())
        if src and any(href for href, _, _ in self.links):
            self.line.append(_escape(" ".join(label.split())))
        elif src:
            self.line.append(f"[{_escape(' '.join(label.split()))}]({link_target(src)})")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("video", "audio"):  # (its sources gave no address: none is shown)
            self.playing = ""
        if tag in _PLAYERS:
            self.players = max(self.players - 1, 0)
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
            return
        if self.hidden:
            return
        if self.pre is not None:
            if tag == "pre":
                code = "".join(self.pre).strip("\n")
                fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", code))])
                quoted = "> " * min(self.quotes, MAX_DEPTH)
                lines = (fence, *code.split("\n"), fence)
                self.blocks.append("\n".join((quoted + line).rstrip() for line in lines))
                self.pre = None
            return
        if self.code is not None:
            if tag in _CODE:
                self._code_span()
            return
        if self.tables and tag in _BLOCK_IN_TABLE:
            self.line.append(" ")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._end_block()
            self.heading = ""
        elif tag in ("ul", "ol"):
            self._end_block()
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self.blocks.append("")  # the list ends: what follows stands apart from it
        elif tag == "li":
            self._end_block()
        elif tag == "blockquote":
            self._end_block()
            self.quotes = max(self.quotes - 1, 0)
            self.blocks.append("")
        elif tag in TABLE_PARTS:
            self.line.append(f"\ue020/{tag}\ue021" if self.tables else " ")
            if tag == "table" and self.tables:
                self.tables -= 1
                if not self.tables:
                    self._table()
        elif tag in _BLOCKS:
            if self.tables:
                self.line.append(" ")
            else:
                self._end_block()
        elif tag == "a" and self.links:
            self._link(*self.links.pop())
        elif tag in _MARKS:
            self._close_mark(_MARKS[tag])

    def handle_data(self, data: str) -> None:
        if self.hidden or self.players:
            return
        if self.pre is not None:
            self.pre.append(data)
        elif self.code is not None:
            self.code.append(data)
        else:
            self.line.append(_escape(data))

    def _code_span(self) -> None:
        """End the code span being read: its text between enough backticks, as written."""
        text = " ".join("".join(self.code or ()).split())
        self.code = None
        if text:
            ticks = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
            pad = " " if text.startswith("`") or text.endswith("`") else ""
            self.line.append(f"{ticks}{pad}{text}{pad}{ticks}")

    def _close_mark(self, mark: str) -> None:
        """Close the emphasis ``mark`` opened last: its spaces outside it, nothing if it holds nothing."""
        at = next((i for i in range(len(self.marks) - 1, -1, -1) if self.marks[i][0] == mark), None)
        if at is None:
            return
        start = self.marks.pop(at)[1]
        for _, inside in self.marks[at:]:  # opened inside it and not closed (misnested): unmarked
            self.line[inside] = ""
        del self.marks[at:]
        inner = "".join(self.line[start + 1 :])
        if not inner.strip():
            self.line[start] = ""
            return
        lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
        self.line[start + 1 :] = [inner.strip()]
        self.line[start] = lead + mark
        self.line.append(mark + trail)

    def _link(self, href: str, block: int, at: int) -> None:
        """Make what a link held a link: its text in the line, or, when it held blocks (a card
        with a heading and a paragraph), the text of the first of them."""
        if not href:
            return
        if len(self.blocks) == block:
            if "".join(self.line[at:]).strip():
                self._insert(at, "[")
                self.line.append(f"]({link_target(href)})")
            return
        for i in range(block, len(self.blocks)):
            found = _BLOCK_TEXT.match(self.blocks[i])
            if found and found.group(2):
                self.blocks[i] = f"{found.group(1)}[{found.group(2)}]({link_target(href)})"
                return
        if "".join(self.line).strip():  # no block of text before it: the text after them
            self._insert(0, "[")
            self.line.append(f"]({link_target(href)})")

    def _insert(self, at: int, piece: str) -> None:
        """Put ``piece`` in the line at ``at``, the places of open emphasis after it moved on."""
        self.line.insert(at, piece)
        self.marks = [(mark, i + 1 if i >= at else i) for mark, i in self.marks]

    # -- tables -------------------------------------------------------------------------------
    def _table(self) -> None:
        """Make the table just closed (its parts marked in the line) a Markdown table, as a block."""
        for _, at in self.marks:  # emphasis open across the table: not marked
            self.line[at] = ""
        self.marks = []
        joined = "".join(self.line)
        start = max(joined.find("\ue020table\ue021"), 0)
        before, inner = joined[:start], joined[start:]

        def part(found: re.Match[str]) -> str:
            return table_part(found.group(1), found.group(2))

        while True:
            made = _INNERMOST.sub(part, inner)
            if made == inner:
                break
            inner = made
        inner = re.sub(r"\ue020/?\w+\ue021", " ", inner)
        self.line = [before]
        self._end_block()
        self.blocks.append(inner.strip("\n"))


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text))
