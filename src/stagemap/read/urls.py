"""Work out an asset's public address from a ``url`` field or the settings' URL pattern.

A pattern is a route with names in braces, filled in from the file's path under its source:
``{path}`` (without the ending, and without a last ``index``, ``_index`` or ``README``),
``{dir}`` (its folder), ``{name}`` (its last part), ``{slug}`` (the ``slug`` key, else the
name) and ``{section}`` (its first folder). Doubled slashes are closed up. A route is joined
to the base URL; a full ``http(s)://`` address is kept as it is.
"""

from __future__ import annotations

import re
from typing import Any

INDEX_NAMES = ("index", "_index", "readme")
"""Last parts of a path that stand for their folder."""


def route_parts(sub: str, slug: Any) -> dict[str, str]:
    """Return the names a URL pattern can use for the file at ``sub`` under its source."""
    path = sub.rpartition(".")[0] if "." in sub.rpartition("/")[2] else sub
    parts = path.split("/")
    if parts and parts[-1].lower() in INDEX_NAMES:
        parts = parts[:-1]
    name = parts[-1] if parts else ""
    return {
        "path": "/".join(parts),
        "dir": "/".join(parts[:-1]),
        "name": name,
        "slug": slug.strip() if isinstance(slug, str) and slug.strip() else name,
        "section": parts[0] if len(parts) > 1 else "",
    }


def public_url(given: str, pattern: str, base: str, sub: str, slug: Any) -> str:
    """Return the asset's address: ``given`` (a ``url`` field) wins over the pattern; empty when neither."""
    if given.startswith(("http://", "https://")):
        return given
    if given:
        route = given
    elif pattern and base:
        parts = route_parts(sub, slug)
        route = parts["slug"] if parts["slug"].startswith("/") else pattern.format(**parts)
    else:
        return ""
    route = re.sub(r"/{2,}", "/", "/" + route.lstrip("/"))
    return base.rstrip("/") + route if base else route
