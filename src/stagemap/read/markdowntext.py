"""Pieces of Markdown that the readers of a site's own syntax write: a mark for the site's own
anchors (which Markdown cannot write: `stagemap.render.anchors` makes them ids once rendered)
a link's target, and what an attribute list is (`ATTR_LIST`). Used by the reading of HTML pages (`stagemap.read.htmlpage`) and of MDX
and other dialects (`stagemap.render.dialects`, `stagemap.render.jsx`). And the line ends
Markdown reads (`lf`), for every reader of a body's lines; and whether a place is in a link's
destination (`in_destination`), where MDX reads no expression; and a value written so that
Markdown shows it as written (`plain_text`)."""

from __future__ import annotations

import re

from ..lazyre import lazy

_NOT_NAME = lazy(r"[^\w.:-]+")
ATTR_TOKEN = r"""(?:[#.][\w:.-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s{}"']+))"""
"""One item of an attribute list (kramdown, Hugo, MkDocs' attr_list): ``#id``, ``.class``,
``key=value`` (its value quoted or not)."""
ATTR_LIST = rf"\{{:?[ \t]*{ATTR_TOKEN}(?:[ \t]+{ATTR_TOKEN})*[ \t]*\}}"
"""A whole attribute list: ``{#id}``, ``{ .class }``, ``{: #id}``, ``{ id="9.7.0" data-toc-label="x" }``.
The title a heading gives (`stagemap.read.bare`) and the heading's anchor on the page
(`stagemap.render.anchors`) read the same lists."""


def lf(text: str) -> str:
    """Return ``text`` with its line ends LF, as Markdown reads them: CR LF and a lone CR alike
    (markdown-it-py's first step; cmark-gfm reads them so too)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def anchor(name: str) -> str:
    """Return the mark a site's own anchor named ``name`` leaves in a body ("" for no name)."""
    name = _NOT_NAME.sub("", name)[:200]
    return f"\ue040{name}\ue041" if name else ""


def element_anchor(name: str, attrs: dict[str, str]) -> str:
    """Return the mark of an HTML element's ``id`` (or an ``a``'s ``name``), else ""."""
    given = attrs.get("id") or (attrs.get("name") if name.lower() == "a" else "")
    return anchor(given) if given else ""


def link_target(url: str) -> str:
    """Return a link target as Markdown writes it: in angle brackets when it holds spaces or
    parentheses, but for one made by the site's template tags, read afterwards."""
    if re.search(r"[\s()<>]", url) and "{{" not in url and "{%" not in url:
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def escaped(text: str, at: int) -> bool:
    """Whether the character at ``at`` in ``text`` follows an odd number of backslashes (escaped)."""
    before = at
    while before and text[before - 1] == "\\":
        before -= 1
    return (at - before) % 2 == 1


def in_destination(text: str, at: int) -> bool:
    """Whether ``text[at]`` is in an inline link's or image's destination, not closed before it
    (``[Docs](`` then no space and no unmatched ``)``; or ``](<`` then no ``>``): MDX reads no
    expression there, so ``{...}`` is part of the address. Only the last `_REACH` characters
    before it, on its line, are looked at, so that a brace on a long line costs no more."""
    reach = max(0, at - _REACH)
    opened = text.rfind("](", max(reach, text.rfind("\n", reach, at) + 1), at)
    if opened < 0:
        return False
    if text.startswith("<", opened + 2):
        return text.find(">", opened + 2, at) < 0
    closed = text.count(")", opened + 2, at) > text.count("(", opened + 2, at)
    return not closed and _SPACE.search(text, opened + 2, at) is None


_REACH = 2048
"""How far back on its line a brace is looked at for the link destination it may be in."""
_SPACE = lazy(r"\s")


_MARKS = lazy(r"([\\`*_\[\]<>{}&|~])")
"""What Markdown reads as markup anywhere in a line, escaped in a value shown as text."""
_OPENER = lazy(r"\d{1,9}(?=[.)])|(?=[#>+=-])")
"""The start of a value that would open a block at a line's start (a heading, a quote, a list
item, a setext underline or a rule), escaped wherever the value stands: a backslash before
punctuation is read the same in the middle of a line."""


def plain_text(value: str) -> str:
    """Return ``value`` on one line, written so that Markdown reads none of it as markup, at a
    line's start too (``1\\. Install``, ``\\# x``): text as MDX inserts a value, or as a card
    prints its description."""
    text = _MARKS.sub(r"\\\1", " ".join(value.split()))
    opener = _OPENER.match(text)  # (the backslash goes where it ends: 1\. or \#)
    return text if opener is None else text[: opener.end()] + "\\" + text[opener.end() :]
