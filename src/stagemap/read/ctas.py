"""Find the links a page ends on: its calls to action, for a next step inferred when none is written."""

from __future__ import annotations

import re

MAX_LINKS = 3
"""How many of a body's last internal links an asset keeps."""
# Each pattern starts with a literal, so scanning a long body stays cheap.
_MARKDOWN = re.compile(r"\]\(\s*<?([^)\s>]+)")
_HTML = re.compile(r"href=[\"']([^\"']+)[\"']")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


def cta_links(body: str) -> tuple[str, ...]:
    """Return the targets of the body's last `MAX_LINKS` internal links, last first, each once.

    Internal means a route or a relative path: not ``http(s):``, ``mailto:`` or another scheme,
    and not an anchor on the same page. Images (``![...](...)``) are left out.
    """
    found: list[tuple[int, str]] = []
    if "](" in body:
        for match in _MARKDOWN.finditer(body):
            opening = body.rfind("[", 0, match.start())
            if opening > 0 and body[opening - 1] == "!":
                continue  # an image
            found.append((match.start(), match.group(1)))
    if "href=" in body:
        found += [(m.start(), m.group(1)) for m in _HTML.finditer(body)]
    last: list[str] = []
    for _, href in sorted(found, reverse=True):
        if not _EXTERNAL.match(href) and href not in last:
            last.append(href)
            if len(last) == MAX_LINKS:
                break
    return tuple(last)
