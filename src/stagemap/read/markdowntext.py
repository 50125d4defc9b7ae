"""Pieces of Markdown that the readers of a site's own syntax write: a mark for the site's own
anchors (which Markdown cannot write: `stagemap.render.anchors` makes them ids once rendered)
and a link's target. Used by the reading of HTML pages (`stagemap.read.htmlpage`) and of MDX
and other dialects (`stagemap.render.dialects`, `stagemap.render.jsx`). And the line ends
Markdown reads (`lf`), for every reader of a body's lines."""

from __future__ import annotations

import re

_NOT_NAME = re.compile(r"[^\w.:-]+")


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
