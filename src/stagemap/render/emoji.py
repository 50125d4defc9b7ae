"""GitHub's emoji shortcodes (``:rocket:``, ``:+1:``) as the emoji, where the site shows them so.

Hugo with ``enableEmoji`` (goldmark's emoji extension) and Jekyll with ``jemoji`` both read
GitHub's names (`stagemap.read.siteemoji` tells which sites do): a name between two colons,
anywhere in a page's text, even inside a word, is its emoji (Jekyll shows a picture of it, here
the character stands for it); a name GitHub does not have stays as written, colons and all. Code
is left alone, fenced, indented or in a span, as both leave it. The names and characters are in
``stagemap/data/emoji.txt`` (1,913 names of 1,870 emoji), read the first time a page needs them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from typing import Any

from ..lazyre import lazy
from ..read.siteemoji import GITHUB_EMOJI
from .shortcodes import SITE_PARAMS

_SHORTCODE = lazy(r":([a-z0-9_+-]{1,40})(?=:)")
"""A name between colons (GitHub's are in lower case, at most 40 characters long), the closing
colon left unread: where the name is not one of GitHub's, that colon may open the next."""


def github_emoji_on(generator: str, params: Mapping[str, Any] | None) -> bool:
    """Whether the site whose page has these ``params`` (its own in them) shows GitHub's shortcodes as emoji."""
    site = params.get(SITE_PARAMS) if params and generator in ("hugo", "jekyll") else None
    return isinstance(site, Mapping) and site.get(GITHUB_EMOJI) is True


def github_emoji(text: str) -> str:
    """Return ``text`` (no code in it) with each of GitHub's emoji shortcodes its emoji."""
    if ":" not in text:
        return text
    known = _names()
    words = _Words(text) if "://" in text or "](" in text or "<" in text else None  # (most bodies: none)
    parts: list[str] = []
    done = at = 0
    while (found := _SHORTCODE.search(text, at)) is not None:
        emoji = known.get(found.group(1))
        at = found.end()  # (the closing colon: it may open another name, as goldmark reads on there)
        if emoji is not None and (words is None or not words.in_address(found.start())):
            parts += [text[done : found.start()], emoji]
            done = at = found.end() + 1
    return "".join(parts) + text[done:] if parts else text


class _Words:
    """Tells whether a place in a text is inside a link's address (``[x](/a/:tada:/)``), a web
    address written out (``https://x.example/:tada:``) or a tag (``<x title=":tada:">``): no
    text, where neither goldmark nor jemoji reads shortcodes. Asked about places further and
    further on, it reads each character of the text once (a long body of names stays linear)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.read = 0  # (where the text is read up to)
        self.start = 0  # (where the word read up to starts: after the last white space)
        self.mark = -1  # (the last ``://`` or ``](`` in the word)
        self.opened = self.closed = -1  # (the last tag's ``<`` and the last ``>``: a tag spans words)

    def in_address(self, at: int) -> bool:
        """Whether ``at`` (no earlier than the last place asked about) is inside an address or a tag."""
        text, read = self.text, self.read
        space = max(text.rfind(c, read, at) for c in " \t\n")
        if space != -1:
            self.start, self.mark = space + 1, -1
        since = max(self.start, read - 2)  # (a mark may have begun just before what is new)
        self.mark = max(self.mark, text.rfind("://", since, at), text.rfind("](", since, at))
        for tag in _TAG.finditer(
            text, max(read - 1, 0), at
        ):  # (``<`` then a letter or ``/``: ``a < b`` is none)
            self.opened = tag.start()
        self.closed = max(self.closed, text.rfind(">", read, at))
        self.read = at
        return self.mark >= self.start or self.opened > self.closed


_TAG = lazy(r"<[A-Za-z/]")
"""Where a tag opens (raw HTML in a page: ``<a title=":tada:">``, whose values are no text)."""


@functools.cache
def _names() -> dict[str, str]:
    """Return each of GitHub's emoji names with its characters (read once, from the package's data)."""
    text = resources.files("stagemap").joinpath("data", "emoji.txt").read_text("utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            points, *aliases = line.split()
            emoji = "".join(chr(int(point, 16)) for point in points.split("-"))
            names.update(dict.fromkeys(aliases, emoji))
    return names
