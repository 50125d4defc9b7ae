"""Turn the MDX parts of a body (ESM lines, JSX elements, ``{expressions}``) into Markdown.

- ``import`` and ``export`` statements at the start of a line are removed, up to the next
  blank line (an ESM block ends there in MDX);
- ``{/* comments */}`` are removed; any other ``{expression}`` is computed by the live site,
  so it becomes a labelled placeholder, but in a Markdown link's destination
  (``[Docs]({site.docs}/setup)``), where MDX reads no expression: the braces stay as written,
  the link's address on the live page;
- an element with an ``href`` or ``to`` and text children on one line becomes a link; one with
  a ``src`` becomes an image;
- a component whose name holds ``Quote`` or ``Testimonial`` becomes a block quote, signed
  with its ``name``/``author`` and ``role``/``title``;
- any other component shows its children (with its ``title`` or ``label`` in bold first), or,
  with no children, a labelled placeholder; lower-case HTML tags are dropped, text kept.

What cannot be read as a tag (``a < b``) is left as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lazyre import lazy
from ..read.htmlpage import html_page_to_markdown
from ..read.htmltables import CELL, NEXT_CELL, ROW
from ..read.markdowntext import element_anchor, escaped, in_destination
from .blocks import ItemColumns, indented, may_indent, outdented
from .elements import HTML_ELEMENTS, Tag, element, empty_element, placeholder
from .esm import drop_esm
from .jsstrings import attribute_value, file_address

_NAME = lazy(r"[A-Za-z][\w.:-]*")
_HTML_NAME = lazy(r"[A-Za-z][A-Za-z0-9-]*(?=[\s/>])")
"""An HTML tag's name as CommonMark reads one: ``<host_name>`` is text on a page that is no MDX."""
_ENDS_PARAGRAPH = lazy(r"#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|[-*+][ \t]|\d{1,9}[.)][ \t]")
"""The start of a line that ends the paragraph before it: a heading, a fence, a list item."""
_ATTR_NAME = lazy(r"[A-Za-z_:@][\w.:-]*")
_NEXT = lazy(r"[{<]")
_NEXT_TAG = lazy(r"<")
_VOID = frozenset(
    {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
"""HTML elements that never hold anything, written without ``/>``."""
MDX_COMMENT = lazy(r"\{\s*/\*.*?\*/\s*\}", re.S)
"""An MDX comment, ``{/* ... */}``: nothing in it shows on the live page."""
_UNQUOTED = lazy(r"[^\s\"'=<>`]+")


def mdx_to_markdown(text: str) -> str:
    """Return an MDX chunk (no fenced code in it) as Markdown."""
    text = drop_esm(text)
    if "<" not in text and "{" not in text:
        return text
    return _Builder(MDX_COMMENT.sub("", text) if "/*" in text else text).run()


def html_to_markdown(text: str) -> str:
    """Return a Markdown chunk's raw HTML as Markdown, by the rules for JSX elements: links and
    images kept, other tags dropped and their text kept; ``<script>`` and ``<style>`` dropped
    whole; void elements (``<img>``, ``<br>``, ``<input>``) need no ``/>``. Braces are text."""
    if "<" not in text:
        return text
    return _Builder(text, html=True).run()


_PRE = lazy(r"^[ \t]*<pre(?=[\s>])", re.M | re.I)


def preformatted(text: str, above: str = "") -> str:
    """Return ``text`` (no fenced code in it) with each ``<pre>`` that starts a line, up to its
    ``</pre>`` (blank lines and all, as CommonMark's first kind of HTML block runs), as a fenced
    code block of its text: code as written, its tags the markup of that text, its entities
    characters. Where a site's raw HTML is rewritten, before its indented code is looked for.

    A ``<pre>`` four or more columns in opens such a block inside a list item too (less than
    four columns past where the item's text starts, `may_indent`), as goldmark reads it there:
    its lines lose the item's indentation, the code block gets it back and stays in the item
    (Tekton's output under a numbered step). ``above`` is the body before ``text`` (a fence
    may part the item's first line from it)."""
    lower = text.lower()
    parts: list[str] = []
    done = 0
    lines: list[str] = []
    for opening in _PRE.finditer(text):
        indent = opening.group(0)[:-4]
        if opening.start() < done or not _may_open(indent, text, opening.start(), above, lines):
            continue
        end = lower.find("</pre>", opening.end())
        if end < 0:
            break  # no later <pre> is closed either
        end += len("</pre>")
        block = html_page_to_markdown(outdented(text[opening.start() : end], indent)).strip("\n")
        parts += (text[done : opening.start()], "\n" + indented(block, indent) + "\n")
        done = end
    return "".join(parts) + text[done:] if parts else text


def _may_open(indent: str, text: str, at: int, above: str, lines: list[str]) -> bool:
    """Whether a ``<pre>`` after ``indent`` at ``at`` in ``text`` opens an HTML block: up to three
    spaces in, or inside a list item (``lines``: the lines of ``above`` and ``text``, filled in
    at the first that needs them)."""
    if len(indent.expandtabs(4)) < 4:
        return True
    if not lines:
        lines += (above + text).split("\n")
    return may_indent(lines, above.count("\n") + text.count("\n", 0, at), indent)


_LITERAL = lazy(r"""\{[ \t]*(['"])([^'"\\\n{}<>`*_\[\]]*)\1[ \t]*\}""")
"""An expression that is a plain string literal (``{' '}``, ``{"and"}``): the page shows its text."""


def _computed(expression: str) -> str:
    """Return the label of an expression's placeholder: *Computed content*, naming the value
    when it is one (``config.email``, SST's legal pages: a value of a module not read)."""
    expression = expression.strip()
    named = len(expression) <= 60 and _NAMED.fullmatch(expression)
    return f"Computed content ({expression})" if named else "Computed content"


@dataclass(slots=True)
class _Open:
    tag: Tag
    at: int
    """Index in the output where its children start."""
    block: bool
    indent: str | None = None
    """The spaces before its tag when nothing else is there (None: text is): closed at a line's
    end, it is a block, at that indentation."""


@dataclass(slots=True)
class _Builder:
    text: str
    html: bool = False
    """Read HTML in Markdown: no expressions, void elements, unquoted attribute values."""
    out: list[str] = field(default_factory=list)
    stack: list[_Open] = field(default_factory=list)
    items: ItemColumns | None = None
    """The list items' text columns, worked out at the first indented element (see `ItemColumns`)."""

    def run(self) -> str:
        text, start = self.text, 0
        seek = _NEXT_TAG if self.html else _NEXT
        i = seek.search(text)
        while i is not None:
            at = i.start()
            # ``\{`` and ``\<`` are the characters themselves, as Markdown escapes them.
            if text[at] == "{" and not escaped(text, at) and not in_destination(text, at):
                end = _balanced(text, at)
                if end is not None:
                    self.out.append(text[start:at])
                    literal = _LITERAL.fullmatch(text, at, end)
                    if literal is not None:  # ``{' '}``, which formatters put at line ends: its text
                        self.out.append(literal.group(2))
                    elif not text[at + 1 : end - 1].strip():  # ``{}``: an empty expression shows nothing
                        pass
                    else:
                        pad = "\n\n" if _alone(text, at, end) else ""
                        self.out.append(pad + placeholder(_computed(text[at + 1 : end - 1])) + pad)
                    start = end
            elif not escaped(text, at) and (tag := _parse_tag(text, at, self.html)) is not None:
                before = text[start:at]
                line = _line_start(text, at)
                indent = None if line is None else text[line:at]
                if line is not None and indent:  # put back around what the element becomes (see `_placed`)
                    before = before[: len(before) - len(indent)] if before.endswith(indent) else before
                    if self.items is None:
                        self.items = ItemColumns(text)
                    column = self.items.at(line, len(indent.expandtabs(4)))
                    indent = " " * column if column else ""
                self.out.append(before)
                if self.html and tag.name.lower() in _VOID:
                    tag.empty = True
                line_end = _blank_after(text, tag.end)
                self._tag(tag, indent is not None and line_end, indent, line_end)
                start = tag.end
            i = seek.search(text, max(start, at + 1))
        for opened in reversed(self.stack):  # left open here (closed past a fence): its id stays
            mark = element_anchor(opened.tag.name, opened.tag.attrs) if opened.tag.name[:1].islower() else ""
            if mark:
                self.out.insert(opened.at, f"\n\n{mark}\n\n" if opened.block else mark)
        self.out.append(text[start:])
        made = "".join(self.out)
        if CELL in made or ROW in made:  # cells and rows outside any table: their text
            made = made.replace(ROW, "\n").replace(CELL, " ").replace(NEXT_CELL, " ")
        return made

    def _tag(self, tag: Tag, block: bool, indent: str | None = None, line_end: bool = False) -> None:
        if self.html and not tag.closing and tag.name.lower() in ("td", "th", "tr"):
            self._end_cells(tag.name.lower())
        if tag.closing:
            self._close(tag.name, line_end)
        elif (
            tag.empty
            and tag.name.lower() == "br"
            and not any(o.tag.name.lower() in ("td", "th") for o in self.stack)
        ):
            self.out.append(empty_element(tag, block).removesuffix("\n") + self._break(tag, line_end))
        elif tag.empty:
            self.out.append(_placed(empty_element(tag, block), indent, block))
        else:
            self.stack.append(_Open(tag, len(self.out), block, indent))

    def _break(self, tag: Tag, line_end: bool) -> str:
        """Return a ``<br>`` as a Markdown hard break: a backslash ending its line (the next line,
        or the rest of this one, goes on after it), or nothing at a paragraph's end (one in a
        block quote's line keeps the quote whole; an HTML cell's is its cell's business); in a
        pipe table's row or a heading, which a break would end, a space."""
        start = self.text.rfind("\n", 0, tag.end) + 1
        if self.text[start:].lstrip(" \t>").startswith(("|", "#")):
            return " "  # in a table's row or a heading, which a line break would end: a space
        if not line_end:
            return "\\\n"
        newline = self.text.find("\n", tag.end)
        if newline < 0:
            return ""
        end = self.text.find("\n", newline + 1)
        following = self.text[newline + 1 : end if end >= 0 else len(self.text)].lstrip(" \t>")
        # (A heading, a fence or a list item on the next line ends the paragraph: a backslash
        # there would be text.)
        return "\\" if following.strip() and not _ENDS_PARAGRAPH.match(following) else ""

    def _end_cells(self, opening: str) -> None:
        """Close the cell (and, for a new row, the row) HTML leaves open: ``<td>a<td>b``."""
        ends = ("td", "th") if opening != "tr" else ("td", "th", "tr")
        while self.stack and self.stack[-1].tag.name.lower() in ends:
            self._close(self.stack[-1].tag.name)

    def _close(self, name: str, line_end: bool = False) -> None:
        depth = next((k for k in range(len(self.stack) - 1, -1, -1) if self.stack[k].tag.name == name), None)
        if depth is None:
            return
        while self.html and len(self.stack) - 1 > depth:  # HTML closes what it leaves open: <td>a</tr>
            self._close(self.stack[-1].tag.name)
        opened = self.stack[depth]
        del self.stack[depth:]
        children = "".join(self.out[opened.at :])
        del self.out[opened.at :]
        # <Tab label="Red">Apples</Tab> on a line of its own is a block, as one over three lines
        # is; an HTML element there (<a>, <span>) stays in the text around it.
        own_line = opened.indent is not None and line_end and opened.tag.name[:1].isupper()
        block = opened.block or (own_line and not self.html)
        made = element(opened.tag, children, block)
        if not block and opened.indent is not None and (marker := _MARKER.match(made)):
            at = marker.end(1) - 1 if marker.group(1)[0].isdigit() else marker.start(1)
            made = f"{made[:at]}\\{made[at:]}"  # <small>* a note</small> is no list item
        self.out.append(_placed(made, opened.indent, block))


_MARKER = lazy(r"[ \t]*(\d{1,9}[.)]|[*+\->]|#{1,6})(?=[ \t]|$)")
"""What would open a list item, a heading or a quote at the start of a line (``* ``, ``1. ``,
``# ``, ``> ``): where an inline element that starts a line is dropped, its text must not."""


def _placed(made: str, indent: str | None, block: bool) -> str:
    """Return what an element became, at the indentation its tag had: in front of a block's every
    line (it stays in its list item; in another element, that one's dedent takes it off)."""
    if not indent:
        return made
    if not block:
        return indent + made
    return "\n".join(indent + line if line.strip() else line for line in made.split("\n"))


def _alone(text: str, start: int, end: int) -> bool:
    """Return True when text[start:end] is the only thing on its line(s)."""
    return _line_start(text, start) is not None and _blank_after(text, end)


def _line_start(text: str, at: int) -> int | None:
    """Return where the line holding ``at`` starts when only spaces stand before ``at`` in it,
    else None: looked at from ``at`` back over spaces alone (the whole line, for each of
    40,000 elements on one, took seconds)."""
    while at and text[at - 1] != "\n" and text[at - 1].isspace():
        at -= 1
    return at if not at or text[at - 1] == "\n" else None


def _blank_after(text: str, end: int) -> bool:
    """Return whether only spaces follow ``end`` in its line (see `_line_start`)."""
    while end < len(text) and text[end] != "\n" and text[end].isspace():
        end += 1
    return end == len(text) or text[end] == "\n"


def _balanced(text: str, i: int) -> int | None:
    """Return the index after the ``}`` matching the ``{`` at ``i``, strings skipped; None if none."""
    depth = 0
    quote = ""
    j = i
    while j < len(text):
        ch = text[j]
        if quote:
            if ch == "\\":
                j += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'`":
            quote = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return None


def _parse_tag(text: str, i: int, html: bool = False) -> Tag | None:
    """Read a JSX (or, with ``html``, an HTML) tag starting at ``text[i] == '<'``, or None."""
    j = i + 1
    closing = text.startswith("/", j)
    j += closing
    if text.startswith(">", j):  # a fragment <> or </>
        return Tag("", {}, closing, False, j + 1)
    found = (_HTML_NAME if html else _NAME).match(text, j)
    if found is None:
        return None
    j = found.end()
    # HTML's elements and attributes are read whatever their case (``<BR />``, ``<A HREF=...>``);
    # in MDX a capitalised name is a component's.
    name = found.group(0)
    name = name.lower() if html and name.lower() in HTML_ELEMENTS else name
    attrs: dict[str, str] = {}
    while j < len(text):
        while j < len(text) and text[j].isspace():
            j += 1
        if text.startswith("/>", j):
            return Tag(name, attrs, closing, True, j + 2)
        if text.startswith(">", j):
            return Tag(name, attrs, closing, False, j + 1)
        if text.startswith("{", j):  # a spread {...props}
            end = _balanced(text, j)
            if end is None:
                return None
            j = end
            continue
        key = _ATTR_NAME.match(text, j)
        if key is None or not (text[j - 1].isspace() or text[j - 1] in "\"'}"):  # (``<sales@x.com>``: no tag)
            return None
        j = key.end()
        value = "true"
        after = _past_spaces(text, j)  # spaces may stand around '=': src = "x"
        if text.startswith("=", after):
            j, got = _value(text, _past_spaces(text, after + 1), html)
            if got is None:
                return None
            value = attribute_value(key.group(0), got, html) if "\n" in got else got
        attrs[key.group(0).lower() if html else key.group(0)] = value
    return None


def _past_spaces(text: str, j: int) -> int:
    """Return the index of the first character at or after ``j`` that is no space or tab."""
    while j < len(text) and text[j] in " \t":
        j += 1
    return j


_HELD_SPAN = lazy("\x00\\d+\x00")
_NAMED = lazy(r"(?!(?:true|false|null|undefined)$)[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*")
"""An expression that is a variable (``heroPic``, ``props.title``): its value is the page's code's."""
"""A template literal (`` `...${x}...` ``) the page's reader held aside as a code span (see
`stagemap.render.dialects`): what it makes is worked out when the page is built."""


def _value(text: str, j: int, html: bool = False) -> tuple[int, str | None]:
    """Read an attribute value at ``j``: a quoted string, a ``{expression}`` (JSX; "" for a
    template literal or a variable, which are worked out when the page is built) or an unquoted
    value (HTML)."""
    if j < len(text) and text[j] in "\"'":
        end = text.find(text[j], j + 1)
        return (end + 1, text[j + 1 : end]) if end > 0 else (j, None)
    if html:
        bare = _UNQUOTED.match(text, j)
        return (bare.end(), bare.group(0)) if bare else (j, None)
    if text.startswith("{", j):
        closed = _balanced(text, j)
        if closed is None:
            return j, None
        inner = text[j + 1 : closed - 1].strip()
        if (inner[:1] == "`" and "${" in inner) or _HELD_SPAN.fullmatch(inner) or _NAMED.fullmatch(inner):
            return closed, ""  # a template worked out when the page is built: unknown here
        if len(inner) >= 2 and inner[0] == inner[-1] and inner[0] in "\"'`":
            inner = inner[1:-1]
        return closed, file_address(inner)
    return j, None
