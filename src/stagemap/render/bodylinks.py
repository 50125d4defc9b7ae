"""Links in a rendered body: which are allowed, and each relative one rewritten for the site.

- links and images must use an allowed scheme (``http``, ``https``, ``mailto``, ``tel``) or
  none at all (a relative link); anything else (``javascript:``, ``data:``, ``vbscript:``,
  ``file:``...) is not turned into a link and stays visible as text;
- ``#fragment`` links follow the ``h-`` prefix of heading ids;
- relative links are handed to a caller's function, which turns a link to another content file
  into a link to that asset's page (or reports it broken: it is then shown as text).

The same rules for both renderers: on markdown-it-py's tokens (`fix_links`) and on the HTML
cmark-gfm writes (`fast_links`, which hands the body to the token path on any doubt).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..lazyre import lazy
from ..model.safelinks import at_address, is_relative, is_safe_link
from . import anchors, cmark
from .links import HUGO_REF

if TYPE_CHECKING:
    from markdown_it.token import Token

HEADING_PREFIX = anchors.HEADING_PREFIX
_LINK_ATTR = lazy(r'<(a|img) (href|src)="([^"]*)"')

Rewrite = Callable[[str], str | None]
"""Turns a relative link found in a body into the URL to use, or None when it leads nowhere."""


class _Once:
    """A rewrite calling the original once per URL (it may copy an attachment), with its `site_address`."""

    def __init__(self, rewrite: Rewrite) -> None:
        self.rewrite = rewrite
        self.seen: dict[str, str | None] = {}
        self.site_address = own_address(rewrite)

    def __call__(self, url: str) -> str | None:
        if url not in self.seen:
            self.seen[url] = self.rewrite(url)
        return self.seen[url]


def once(rewrite: Rewrite) -> Rewrite:
    """Return ``rewrite`` calling the original once per URL (it may copy an attachment)."""
    return _Once(rewrite)


def own_address(rewrite: Rewrite | None) -> str:
    """Return the site's own address a rewrite reads links under as its own (its ``site_address``,
    `stagemap.render.links.BodyLinks.site_address`), or "": a link written with it is
    rewritten as a link from the site's root is (``https://x.example/docs/a/`` as ``/docs/a/``)."""
    return str(getattr(rewrite, "site_address", "") or "")


def _internal(url: str, own: str) -> bool:
    """Whether ``url`` is a link to a file of the library, or to a page at the site's own address."""
    return is_relative(url) or at_address(url, own)


def fragment(url: str) -> str:
    """Prefix the fragment of a link to a body heading, as the heading ids are prefixed."""
    path, sep, frag = url.partition("#")
    if sep and frag and frag != "top" and not frag.startswith(HEADING_PREFIX):  # #top: the page's top
        return f"{path}#{HEADING_PREFIX}{frag}"
    return url


def fast_links(out: str, rewrite: Rewrite | None) -> str | None:
    """Refuse what the token path refuses, rewrite relative links; None on any doubt."""
    parts: list[str] = []
    last = 0
    own = own_address(rewrite)
    for match in _LINK_ATTR.finditer(out):
        url = html.unescape(match.group(3))
        if url.startswith(("https://", "http://")) and not (own and url.startswith(own)):
            continue  # the common case, safe and not relative: nothing to check or change
        if not is_safe_link(url):
            return None
        new = url
        if url.startswith("#"):
            new = fragment(url)
        elif rewrite is not None and _internal(url, own):
            target = rewrite(url)
            if not target:  # broken, or no link (see `fix_links`): the token path says how
                return None
            new = target
        if new != url:
            parts += [out[last : match.start(3)], cmark.escape(new)]
            last = match.end(3)
    return "".join(parts) + out[last:] if parts else out


def fix_links(tokens: list[Token], rewrite: Rewrite | None) -> tuple[str, ...]:
    broken: list[str] = []
    own = own_address(rewrite)
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        children = block.children
        for i, child in enumerate(children):
            key = "href" if child.type == "link_open" else "src" if child.type == "image" else None
            if key is None:
                continue
            url = str(child.attrGet(key) or "")
            if url.startswith("#"):
                child.attrSet(key, fragment(url))
                continue
            if rewrite is None or not _internal(url, own):
                continue
            new = rewrite(url)
            if new:
                child.attrSet(key, new)
                continue
            if new == "" and child.type == "link_open":  # a page of the site, not of this one
                _unlink(children, i, url, broken=False)
                continue
            url = url.removeprefix(HUGO_REF)  # a Hugo ref, shown as its author wrote it
            broken.append(url)
            if child.type == "image":
                child.type, child.tag = "text", ""
                child.content = f"[missing image: {child.content or url}]"
                child.attrs = {}
                continue
            _unlink(children, i, url)
    return tuple(broken)


def _unlink(children: list[Token], start: int, url: str, broken: bool = True) -> None:
    """Turn a link into a marked span, keeping its text (not ``broken``: a page of the site
    that is not in the library, and no public site to link to)."""
    opening = children[start]
    opening.tag = "span"
    attrs: dict[str, Any] = (
        {"class": "broken-link", "title": f"Link target not found: {url}"}
        if broken
        else {"class": "site-link", "title": f"A page of the site, not in this library: {url}"}
    )
    opening.attrs = attrs
    depth = 0
    for token in children[start:]:
        if token.type == "link_open":
            depth += 1
        elif token.type == "link_close":
            depth -= 1
            if depth == 0:
                token.tag = "span"
                return
