"""Find the links a page ends on: its calls to action, for a next step inferred when none is written."""

from __future__ import annotations

import re

MAX_LINKS = 3
"""How many of a body's last internal links an asset keeps."""
_LINK = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)|href=[\"']([^\"']+)[\"']")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


def cta_links(body: str) -> tuple[str, ...]:
    """Return the targets of the body's last `MAX_LINKS` internal links, last first, each once.

    Internal means a route or a relative path: not ``http(s):``, ``mailto:`` or another scheme,
    and not an anchor on the same page. Images (``![...](...)``) are left out.
    """
    found: list[str] = []
    for match in _LINK.finditer(body):
        if match.group(1):
            continue  # an image
        href = match.group(2) or match.group(3)
        if not _EXTERNAL.match(href):
            found.append(href)
    last: list[str] = []
    for href in reversed(found):
        if href not in last:
            last.append(href)
        if len(last) == MAX_LINKS:
            break
    return tuple(last)
