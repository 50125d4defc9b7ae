"""The addresses Liquid writes in a page's links where they can be known without the site:
Jekyll's and Eleventy's ways of writing a path from the site's root.

The build reads them where it works out a page's Liquid (`stagemap.render.liquid`), and the
reading of the links a page ends on (`stagemap.read.ctas`) reads them the same way, so that a
next step is inferred from ``[Pricing]({{ '/pricing/' | relative_url }})`` as from ``/pricing/``:
not in a Liquid comment, which shows nothing, nor in ``{% raw %}``, which shows its tags as
written (`live_addresses`).
"""

from __future__ import annotations

import bisect
import re

from ..lazyre import lazy
from .ownblocks import NUNJUCKS_COMMENT

PATH_FILTER = lazy(
    r"""^(["'])([^"']*)\1((?:\s*\|\s*(?:relative_url|absolute_url|url|prepend\s*:\s*site\.(?:baseurl|url)))+)\s*$"""
)
"""A path through filters that put it under the site's address: Jekyll's ``relative_url`` and
``absolute_url``, Eleventy's ``url``, and Liquid's ``prepend`` of the site's base path or
address, one or both (``"/images/panel.png" | prepend: site.baseurl``), which sites wrote
before Jekyll had the other two."""
SITE_ADDRESS = frozenset({"site.baseurl", "site.url", "site.baseurl | prepend: site.url"})
"""Outputs of the site's own address: what follows them is read from the site's root."""
_FILTER_NAME = lazy(r"\|\s*(\w+)")
_SCHEME = lazy(r"[A-Za-z][A-Za-z0-9+.-]*:")
"""An address with a scheme (``https:``, ``mailto:``): relative_url leaves it as it is."""
_OUTPUT = lazy(r"\{\{-?\s*([^{}\n]{0,500}?)\s*-?\}\}")
_ADDRESS_TAG = lazy(r"\{%-?\s*(link|post_url)\s+([^%\n]{0,500}?)\s*-?%\}")
_RAW = lazy(r"\{%-?\s*raw\s*-?%\}")
_END_RAW = lazy(r"\{%-?\s*endraw\s*-?%\}")
_COMMENT = lazy(r"\{%-?\s*comment\b[^%]{0,1000}%\}")
_END_COMMENT = lazy(r"\{%-?\s*endcomment\s*-?%\}")
"""Liquid's raw blocks (which do not nest) and comments (which do), read as the build reads them
(`stagemap.render.liquid.raw_spans`, `stagemap.render.liquid.blanked_liquid_comments`)."""


def filtered_path(found: re.Match[str]) -> str:
    """Return the path a `PATH_FILTER` match makes: from the site's root through ``relative_url``
    (or ``absolute_url``, ``url``); through ``prepend`` alone, as written, links being read from
    the site's root (``/images/panel.png``; ``images/panel.png`` stays relative, as with an empty
    ``baseurl``)."""
    path = found.group(2)
    if all(name == "prepend" for name in _FILTER_NAME.findall(found.group(3))):
        return path
    return path if path.startswith("//") or _SCHEME.match(path) else "/" + path.lstrip("/")


def tag_address(tag: str, named: str) -> str | None:
    """Return the address Jekyll's ``{% link x %}`` or ``{% post_url x %}`` makes of ``named``
    (quotes taken off), as the path of the file it names from the site's folder (a post's
    without its ending); None for another tag."""
    if tag == "post_url":
        return f"/_posts/{named.lstrip('/')}"
    if tag == "link":
        return "/" + named.lstrip("/")
    return None


def worked_addresses(text: str) -> str:
    """Return ``text`` with each output of the site's address (`SITE_ADDRESS`: nothing) or of a
    path through its filters (`PATH_FILTER`), and each ``link`` and ``post_url`` tag, replaced by
    the address it makes; any other output or tag stays as written."""
    if "{%" in text:
        text = _ADDRESS_TAG.sub(
            lambda m: tag_address(m.group(1), m.group(2).strip().strip("\"'")) or "", text
        )
    return _OUTPUT.sub(_output_address, text) if "{{" in text else text


def live_addresses(text: str, nunjucks: bool = False) -> str:
    """Return a body as its links read once Liquid (or, with ``nunjucks``, Nunjucks) has run over
    it: its comments as spaces, their line breaks kept (a fence one holds opens nothing), and the
    addresses outside ``{% raw %}`` worked out (`worked_addresses`); a raw block's text as written."""
    if nunjucks and "{#" in text:
        text = NUNJUCKS_COMMENT.sub(_blank, text)
    raws = _raw_spans(text) if "raw" in text else []
    comments = _comment_spans(text, raws) if "comment" in text else []
    if comments:
        pieces, at = [], 0
        for start, end in comments:
            pieces += [text[at:start], _blank(text[start:end])]
            at = end
        text = "".join(pieces) + text[at:]
        raws = _raw_spans(text) if raws else []  # (none of them in a comment any more)
    pieces, at = [], 0
    for start, end in raws:
        pieces += [worked_addresses(text[at:start]), text[start:end]]
        at = end
    return "".join(pieces) + worked_addresses(text[at:])


def _blank(found: re.Match[str] | str) -> str:
    """Return text (or a match's) as spaces, its line breaks kept."""
    text = found if isinstance(found, str) else found.group(0)
    return "".join(c if c in "\r\n" else " " for c in text)


def _raw_spans(text: str) -> list[tuple[int, int]]:
    """Return where ``text``'s raw blocks are, tags included: each ends at the first closing after
    it (a raw opening in one is text); one never closed is none."""
    spans: list[tuple[int, int]] = []
    for opening in _RAW.finditer(text):
        if spans and opening.start() < spans[-1][1]:
            continue
        closing = _END_RAW.search(text, opening.end())
        if closing is None:
            break
        spans.append((opening.start(), closing.end()))
    return spans


def _comment_spans(text: str, raws: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return where ``text``'s outermost comments are, tags included: a closing ends the last
    comment still open; a tag in a raw block (``raws``) is text."""
    starts = [start for start, _ in raws]

    def outside(found: re.Match[str]) -> bool:
        at = bisect.bisect_right(starts, found.start()) - 1
        return at < 0 or found.start() >= raws[at][1]

    tags = sorted(
        [(m.start(), m.end(), False) for m in _COMMENT.finditer(text) if outside(m)]
        + [(m.start(), m.end(), True) for m in _END_COMMENT.finditer(text) if outside(m)]
    )
    still_open: list[int] = []
    blocks: list[tuple[int, int]] = []
    for start, end, closes in tags:
        if not closes:
            still_open.append(start)
        elif still_open:
            blocks.append((still_open.pop(), end))
    outermost: list[tuple[int, int]] = []
    for start, end in sorted(blocks):
        if not outermost or start >= outermost[-1][1]:
            outermost.append((start, end))
    return outermost


def _output_address(match: re.Match[str]) -> str:
    expression = " ".join(match.group(1).split())
    if expression in SITE_ADDRESS:
        return ""
    path = PATH_FILTER.match(expression)
    return filtered_path(path) if path else match.group(0)
