"""A page written in HTML (Jekyll's ``pricing.html``, a Hugo content file ending in ``.html``) as Markdown.

A landing page's body is markup laid out for the site's styles: sections in divs in grids,
indented as deep as they nest. Dropping the tags and keeping the text (as a Markdown body's
stray HTML is read, `stagemap.render.jsx`) would leave that indentation, which Markdown reads
as code. Here the page is read as HTML: headings become ``#`` headings, paragraphs and other
blocks (``div``, ``section``, ``li``...) paragraphs or list items, ``pre`` a fenced code block,
tables Markdown tables; links, images, emphasis and code spans are kept; ``script``, ``style``,
``template``, ``noscript``, ``svg`` and forms' controls are dropped; white space is HTML's (a
run of it is one space). Text is escaped, but for ``{`` and ``%``: the site's template tags
(Jekyll's Liquid, ``{{ x }}``, ``{% for %}``) are read afterwards, as in a Markdown body.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .anchors import element_anchor
from .htmltables import TABLE_PARTS, table_part

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
_MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`", "kbd": "`"}
_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_SPACE = re.compile(r"[ \t\r\n\f]+")
_INNERMOST = re.compile(r"\ue020(td|th|tr|table)\ue021([^\ue020]*)\ue020/\1\ue021")
"""A table part holding no other (its text between its marks)."""
_SHORTCODE = re.compile(r"\{\{[<%][^{}]{0,1000}?[>%]\}\}")
_HELD = re.compile("\ue030(\\d+)\ue031")
_BLOCK_TEXT = re.compile(r"((?:> )*(?:#+ |\s*(?:-|1\.) )?)(.*)", re.S)
"""A block's Markdown marks (quote, heading, list item) and its text."""
_LINE_START = re.compile(r"^([#+-]|\d+)([.)]?)(?=\s)")
"""A paragraph's start Markdown would read as a heading or a list item: escaped."""


def html_page_to_markdown(text: str) -> str:
    """Return the body of a page written in HTML as Markdown."""
    held: list[str] = []
    if "{{" in text:  # Hugo's shortcodes ({{< x >}}) are read afterwards: held as they are written

        def hold(found: re.Match[str]) -> str:
            held.append(found.group(0))
            return f"\ue030{len(held) - 1}\ue031"

        text = _SHORTCODE.sub(hold, text)
    reader = _Reader()
    reader.feed(text)
    reader.close()
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

    # -- building ---------------------------------------------------------------------------
    def _end_block(self) -> None:
        text = " ".join("".join(self.line).split())
        self.line = []
        if not text:
            return
        if not (self.item or self.heading):
            text = _LINE_START.sub(lambda m: m[1] + "\\" + m[2] if m[2] else "\\" + m[1], text)
        if self.heading:
            text = f"{self.heading} {text}"
        elif self.item:
            text, self.item = f"{self.item} {text}", ""  # later paragraphs of the item: paragraphs
        self.blocks.append("> " * self.quotes + text)

    def markdown(self) -> str:
        self._end_block()
        out: list[str] = []
        after_item = False
        for block in self.blocks:
            if not block:  # the end of a list or a quote: what follows stands apart from it
                after_item = False
                continue
            item = block.lstrip("> ").startswith(("- ", "1. "))
            out.append(("\n" if item and after_item else "\n\n") + block if out else block)
            after_item = item
        return "".join(out) + "\n" if out else ""

    # -- the parser's calls -------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {k: v or "" for k, v in attrs}
        self._start(tag, given)
        mark = element_anchor(tag, given)
        if mark and not self.hidden and self.pre is None:  # the site's own anchor: links to it work
            self.line.append(mark)

    def _start(self, tag: str, given: dict[str, str]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
            return
        if self.hidden:
            return
        if self.pre is not None:
            return
        if tag == "pre":
            self._end_block()
            self.pre = []
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._end_block()
            self.heading = "#" * int(tag[1])
        elif tag in ("ul", "ol"):
            self._end_block()
            self.lists.append(tag)
        elif tag == "li":
            self._end_block()
            # Nested under its parents' markers: two columns under "- ", three under "1. ".
            indent = "".join(" " * (3 if kind == "ol" else 2) for kind in self.lists[:-1])
            self.item = indent + ("1." if self.lists and self.lists[-1] == "ol" else "-")
        elif tag in TABLE_PARTS:
            if tag == "table" and not self.tables:
                self._end_block()
            self.tables += tag == "table"
            self.line.append(f"\ue020{tag}\ue021")
        elif tag == "blockquote" and not self.tables:
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
                self.line.append(f"![{_escape(' '.join(given.get('alt', '').split()))}]({_target(src)})")
        elif tag in _MARKS:
            self.line.append(_MARKS[tag])

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
            return
        if self.hidden:
            return
        if self.pre is not None:
            if tag == "pre":
                code = "".join(self.pre).strip("\n")
                fence = "~~~~" if "```" in code else "```"
                self.blocks.append(f"{fence}\n{code}\n{fence}")
                self.pre = None
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
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
        elif tag == "blockquote" and not self.tables:
            self._end_block()
            self.quotes = max(self.quotes - 1, 0)
            self.blocks.append("")
        elif tag in TABLE_PARTS:
            self.line.append(f"\ue020/{tag}\ue021")
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
            self.line.append(_MARKS[tag])

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.pre is not None:
            self.pre.append(data)
            return
        self.line.append(_escape(data))

    def _link(self, href: str, block: int, at: int) -> None:
        """Make what a link held a link: its text in the line, or, when it held blocks (a card
        with a heading and a paragraph), the text of the first of them."""
        if not href:
            return
        if len(self.blocks) == block:
            if "".join(self.line[at:]).strip():
                self.line.insert(at, "[")
                self.line.append(f"]({_target(href)})")
            return
        for i in range(block, len(self.blocks)):
            found = _BLOCK_TEXT.match(self.blocks[i])
            if found and found.group(2):
                self.blocks[i] = f"{found.group(1)}[{found.group(2)}]({_target(href)})"
                return

    # -- tables -------------------------------------------------------------------------------
    def _table(self) -> None:
        """Make the table just closed (its parts marked in the line) a Markdown table, as a block."""
        joined = "".join(self.line)
        start = joined.find("\ue020table\ue021")
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


def _target(url: str) -> str:
    """Return a link target as Markdown writes it: in angle brackets when it holds spaces or
    parentheses, but for one made by the site's template tags, read afterwards."""
    if re.search(r"[\s()<>]", url) and "{{" not in url and "{%" not in url:
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url
