"""A site's raw HTML blocks read to their end tag, as kramdown (Jekyll) and Python-Markdown (MkDocs) read them.

Both keep an HTML block element that starts a line (a ``div``, a ``section``, a ``table``...)
going until its matching end tag, blank lines and indentation inside it included. CommonMark
ends such a block at its first blank line: after it, a nested element indented four spaces or
more is an indented code block, and the page shows its markup as code (a card's heading and
list in a grid of divs, a second badge after a blank line). Here each such block is taken whole
and read as a page written in HTML is (`stagemap.read.htmlpage.html_page_to_markdown`): by
what its elements are, whatever their indentation. What it holds is HTML, not Markdown (as
both read it by default); its template tags are held as written, to be read afterwards with
the rest of the body.

An element marked ``markdown`` (``markdown="1"``, ``"block"``, ``"span"`` or bare), or one
holding such an element, is left as it is: what it holds is Markdown
(`stagemap.render.blocks.unwrapped`). So is one never closed, and one holding no blank line
(CommonMark reads it as one block too): they are read as any raw HTML. Each tag and comment is
looked at once, and each block read once, so that a body of tags never closed is read in time
linear in its length.
"""

from __future__ import annotations

import bisect
import re

from ..lazyre import lazy
from ..read.htmlpage import html_page_to_markdown
from .blocks import fence_after, indented

BLOCK_ELEMENTS = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "div", "dl",
        "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "main", "nav", "ol", "p", "section", "table", "ul",
    }
)  # fmt: skip
"""Elements that open an HTML block when they start a line (``pre`` is read before, as code)."""

READ_WHOLE = frozenset({"jekyll", "mkdocs"})
"""Generators whose Markdown reads an HTML block to its end tag (kramdown, Python-Markdown)."""

_TAG = lazy(r"<!--|<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
"""A comment's opening, or a tag's opening and its name (``/`` for an end tag; CommonMark's
names: ``<host_name>`` is text)."""
_REST_OF_TAG = lazy(r"""((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>""")
"""What follows a tag's name up to its ``>``: its attributes (a quoted value holds no ``<``)."""
_MARKDOWN = lazy(r"""(?:^|\s)markdown(?:\s*=\s*(["']?)(?:1|block|span)\1)?(?=[\s/]|$)""", re.I)
"""The ``markdown`` attribute, with a value that makes what the element holds Markdown."""
_BLANK_LINE = lazy(r"\n[ \t]*\n")
"""A blank line (with the line end before it)."""


def html_blocks(text: str) -> str:
    """Return ``text`` (a body of Markdown) with each HTML block element that starts a line (up to
    three spaces in, not in fenced code) read whole, to its balanced end tag, as Markdown at the
    indentation of its opening line (see the module docstring)."""
    if "<" not in text:
        return text
    lines = text.split("\n")
    runs: list[tuple[list[str], bool]] = [([], False)]  # runs of lines, and whether each is code
    fence = ""
    for line in lines:
        was, fence = fence, fence_after(fence, line)
        if bool(was or fence) != runs[-1][1]:
            runs.append(([], bool(was or fence)))
        runs[-1][0].append(line)
    return "\n".join("\n".join(run) if code else _read_whole("\n".join(run)) for run, code in runs if run)


def _read_whole(text: str) -> str:
    """Return ``text`` (no fenced code in it) with its top-level HTML blocks as Markdown."""
    if "<" not in text:
        return text
    ends, opened, markdown = _tags(text)
    blanks = [found.start() for found in _BLANK_LINE.finditer(text)]
    parts: list[str] = []
    done = 0
    for start, name in opened:
        end = ends.get(start)
        line = text.rfind("\n", 0, start) + 1
        indent = text[line:start]
        if (
            end is None
            or start < done
            or name not in BLOCK_ELEMENTS
            or len(indent) > 3
            or indent.strip(" ")
            or bisect.bisect_left(blanks, start)
            == bisect.bisect_left(blanks, end)  # one block to CommonMark too
            or bisect.bisect_left(markdown, start) < bisect.bisect_left(markdown, end)
        ):
            continue
        made = html_page_to_markdown(text[start:end]).strip("\n")
        after = len(text) if (stop := text.find("\n", end)) < 0 else stop
        trailing = text[end:after].strip()  # (after the end tag: a paragraph of its own)
        parts.append(text[done:line])
        if line and not "".join(parts[-2:]).endswith("\n\n"):
            parts.append("\n")  # a blank line before the block, and one after it
        parts += (indented(made, indent), "\n\n" + indent + trailing if trailing else "")
        next_line = text[after + 1 : (stop if (stop := text.find("\n", after + 1)) >= 0 else len(text))]
        parts.append("\n" if next_line.strip() else "")
        done = after
    return "".join(parts) + text[done:] if parts else text


def _tags(text: str) -> tuple[dict[int, int], list[tuple[int, str]], list[int]]:
    """Return where the element opened at each place ends (past its balanced end tag, for those
    closed), the elements opened (their place and lower-case name, in order), and
    where those marked ``markdown`` open. Comments are skipped; what follows one never closed is
    a comment."""
    ends: dict[int, int] = {}
    opened: list[tuple[int, str]] = []
    markdown: list[int] = []
    open_by_name: dict[str, list[int]] = {}
    at = 0
    while (found := _TAG.search(text, at)) is not None:
        if found.group(2) is None:  # a comment
            close = text.find("-->", found.end())
            if close < 0:
                break
            at = close + 3
            continue
        at = found.end()
        rest = _REST_OF_TAG.match(text, at)
        if rest is None:
            continue  # no tag: a "<" in the text
        at = rest.end()
        name, attributes = found.group(2).lower(), rest.group(1)
        if found.group(1):
            if open_by_name.get(name):
                ends[open_by_name[name].pop()] = at
        elif not attributes.rstrip().endswith("/"):
            opened.append((found.start(), name))
            open_by_name.setdefault(name, []).append(found.start())
            if _MARKDOWN.search(attributes):
                markdown.append(found.start())
    return ends, opened, markdown
