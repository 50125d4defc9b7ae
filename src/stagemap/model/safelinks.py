"""Which links a body may hold: the one policy of the Markdown parser and both renderers.

Links and images must use an allowed scheme (``http``, ``https``, ``mailto``, ``tel``, ``sms``,
``ftp``, ``irc``, ``ircs``: each opens a page or an app, never runs script) or none at all (a
relative link); anything else (``javascript:``, ``data:``, ``vbscript:``,
``file:``...) is not turned into a link and stays visible as text. Also: whether a link is at
the site's own address, and that address's path. Pure.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from ..lazyre import lazy

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms", "ftp", "irc", "ircs"})
_SCHEME = lazy(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = lazy(r"[\x00-\x20]+")


def is_safe_link(url: str) -> bool:
    """Return True for a relative link or one with an allowed scheme."""
    # Browsers ignore ASCII whitespace and control characters inside a scheme.
    probe = url.strip().lower()[:40]
    if not probe.isprintable() or " " in probe:  # else it holds nothing to remove
        probe = _INVISIBLE.sub("", probe)
    match = _SCHEME.match(probe)
    return match is None or match.group(1) in SAFE_SCHEMES


def is_relative(url: str) -> bool:
    """Return True for a link to a file of the library: ``x.md``, ``../y.png`` or ``/z.md``.

    Not ``#x``, ``?x``, ``//host`` or ``scheme:``. A link starting with one ``/`` means the
    content folder's root (the site may be opened from disk or a sub-path, where a
    root-absolute link would lead nowhere).
    """
    return bool(url) and not url.startswith(("#", "//", "?")) and _SCHEME.match(url.lower()) is None


def at_address(url: str, own: str) -> bool:
    """Whether ``url`` is a page at the site's address ``own`` (``urls.base`` without its last
    ``/``): ``own`` itself, or followed by a path, a query or a fragment (not ``own-other``)."""
    return bool(own) and url.startswith(own) and url[len(own) : len(own) + 1] in ("", "/", "?", "#")


@functools.lru_cache(maxsize=16)
def base_path(base: str) -> str:
    """Return the path of the site's address ``base`` without its last ``/`` (``/guide``), or ""."""
    return urlsplit(base).path.rstrip("/") if base else ""
