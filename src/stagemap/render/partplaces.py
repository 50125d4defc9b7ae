"""Where a link to a part of a page is written in a body (`stagemap.render.deadlinks.missing_parts`):
its ``#name`` ending an address, or, where a Docusaurus client redirect leads to that part, the
redirect's route written as an address."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

from .addresses import Code


def parts_at(body: str, name: str, code: Code) -> list[tuple[int, int]]:
    """Return the spans of ``#name`` (or its percent-escaped form) ending a link's address in
    ``body``, outside ``code``."""
    # Each character as written or percent-escaped, the two mixed (``#no%20such,part``).
    forms = "".join(
        re.escape(c)
        if (c.isascii() and c.isalnum()) or c in "-_.~"
        else f"(?:{re.escape(c)}|(?i:{re.escape(quote(c, safe=''))}))"
        for c in name
    )
    pattern = re.compile(rf"#(?:{forms})(?::~:[^)>\"'`\s]*)?(?=[)>\"'`}}\s]|$)", re.M)
    return [m.span() for m in pattern.finditer(body) if m.start() not in code]


def address_at(body: str, span: tuple[int, int]) -> tuple[int, str, int]:
    """Return where the address ending in the ``#name`` at ``span`` starts (after the ``(``,
    ``<``, quote or space before it; at the ``{{`` or ``{%`` of a shortcode, tag or output in
    it, which may hold spaces and lines: ``({{ site.baseurl }}/t/#x)``), the address as written
    (each run of spaces one space), and where its ``#`` is."""
    index, end = span
    start = max(body.rfind(c, 0, index) for c in "(<\"' \t\n") + 1
    closing = max(body.rfind("}}", start, index), body.rfind("%}", start, index))
    if closing >= 0:  # {{< relref "x" >}}#part, {% link x %}#part, {{ site.baseurl}}/x/#part
        near = max(closing - _IN_TAG, 0)
        opening = max(body.rfind("{{", near, closing), body.rfind("{%", near, closing))
        start = opening if opening >= 0 and "\n\n" not in body[opening:index] else index
    return start, " ".join(body[start:end].split()), index


_IN_TAG = 500
"""How far before its end a tag or output in an address is looked for its opening."""


def redirected_at(body: str, routes: Iterable[str], code: Code, base: str = "") -> list[tuple[int, str, int]]:
    """Return, as `address_at` does, each address in ``body`` outside ``code`` that is one of
    ``routes`` (written from the root, any case, with or without a last ``/``, a query or a
    fragment after it; with or without ``base``, the path of the site's address, before it, as
    Docusaurus's links take either): a link there reaches the part a client redirect at it leads to."""
    names = "|".join(re.escape(route) for route in sorted(routes, key=len, reverse=True))
    if not names:
        return []
    own = f"(?-i:{re.escape(base.rstrip('/'))})?" if base.rstrip("/") else ""  # (its case as written)
    pattern = re.compile(
        rf"(?<=[(<\"'\s]){own}/(?:{names})/?(?:[?#][^)>\"'`\s]*)?(?=[)>\"'`\s]|$)", re.I | re.M
    )
    return [(m.start(), m.group(), m.start()) for m in pattern.finditer(body) if m.start() not in code]
