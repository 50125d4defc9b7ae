"""The addresses Liquid writes in a page's links where they can be known without the site:
Jekyll's and Eleventy's ways of writing a path from the site's root.

The build reads them where it works out a page's Liquid (`stagemap.render.liquid`), and the
reading of the links a page ends on (`stagemap.read.ctas`) reads them the same way, so that a
next step is inferred from ``[Pricing]({{ '/pricing/' | relative_url }})`` as from ``/pricing/``:
not in a Liquid comment, which shows nothing, nor in ``{% raw %}``, which shows its tags as
written (`live_addresses`).
"""

from __future__ import annotations

import posixpath
import re

from ..lazyre import lazy
from .liquidspans import blank, blanked_liquid_comments, raw_parts
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


def filtered_path(found: re.Match[str], url_prefix: str = "") -> str:
    """Return the path a `PATH_FILTER` match makes: from the site's root through ``relative_url``
    (or ``absolute_url``, ``url``); through ``prepend`` alone, as written, links being read from
    the site's root (``/images/panel.png``; ``images/panel.png`` stays relative, as with an empty
    ``baseurl``). ``url_prefix``: the path prefix Eleventy's ``url`` filter puts in front of a
    path from the root (``/handbook/``; `stagemap.read.eleventyprefix.URL_PREFIX`)."""
    path = found.group(2)
    names = _FILTER_NAME.findall(found.group(3))
    if all(name == "prepend" for name in names):
        return path
    if path.startswith("//") or _SCHEME.match(path):
        return path
    if url_prefix and names == ["url"]:
        return eleventy_url(path, url_prefix)
    return "/" + path.lstrip("/")


def eleventy_url(path: str, prefix: str) -> str:
    """Return what Eleventy's ``url`` filter makes of ``path`` (not an address) on a site served
    under ``prefix`` (``/harbour/``), as its ``src/Filters/Url.js`` does: the path normalised (its
    last ``/`` kept); ``/`` or the prefix itself is the prefix; another path from the root has the
    prefix put in front; a relative path stays as it is."""
    plain = _normalised(path)
    if plain in ("/", _normalised("/" + prefix)):
        return _normalised("/" + prefix)
    return _normalised(f"/{prefix}/{path}") if plain.startswith("/") else plain


def _normalised(path: str) -> str:
    """Return ``path`` as Node's ``path.posix.join`` gives it: normalised, a last ``/`` kept."""
    plain = posixpath.normpath(path) if path else "."
    plain = "/" + plain.lstrip("/") if plain.startswith("//") else plain  # (normpath keeps a leading //)
    return plain + "/" if path.endswith("/") and not plain.endswith("/") else plain


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
    addresses outside ``{% raw %}`` worked out (`worked_addresses`); a raw block's text as written.
    Raw blocks and comments are read as the build reads them (`stagemap.read.liquidspans`)."""
    if nunjucks and "{#" in text:
        text = NUNJUCKS_COMMENT.sub(lambda found: blank(found.group(0)), text)
    text = blanked_liquid_comments(text)
    return "".join(part if i % 2 else worked_addresses(part) for i, part in enumerate(raw_parts(text)))


def _output_address(match: re.Match[str]) -> str:
    expression = " ".join(match.group(1).split())
    if expression in SITE_ADDRESS:
        return ""
    path = PATH_FILTER.match(expression)
    return filtered_path(path) if path else match.group(0)
