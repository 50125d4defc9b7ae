"""Hugo's addresses as its configuration sets them: ``permalinks`` (a pattern of tokens for the pages
of a section or of a ``target``) and ``uglyURLs`` (``/x.html`` for ``/x/``), read for
`stagemap.read.sitedefaults`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Permalink:
    """One of Hugo's ``permalinks``: a URL pattern in Hugo's tokens (``/:year/:slug/``) for some pages."""

    pattern: str
    section: str | None = None
    """The top-level section (``posts``) whose pages it is for (the map form); None: by ``target``."""
    kind: str = "page"
    """Hugo's kind of page it is for: ``page``, or ``section`` for a section's ``_index`` page."""
    target: dict[str, Any] | None = None
    """The list form's page matcher (``path``, ``kind``...); None: every page."""


def ugly_sections(value: Any) -> frozenset[str]:
    """Return Hugo's ``uglyURLs`` (``true``, or a map of sections to ``true``) as the sections it names."""
    if value is True:
        return frozenset({"*"})
    if isinstance(value, dict):
        return frozenset(str(k).strip("/") for k, v in value.items() if v is True)
    return frozenset()


def permalinks(value: Any) -> tuple[Permalink, ...]:
    """Return Hugo's ``permalinks`` setting: a map of sections (``posts: /:year/:slug/``), a map of
    kinds of such maps (``page: {posts: ...}``), or a list of ``pattern``s with a ``target``."""
    found: list[Permalink] = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and isinstance(item.get("pattern"), str):
                target = item.get("target")
                found.append(
                    Permalink(item["pattern"], None, "", target if isinstance(target, dict) else None)
                )
    elif isinstance(value, dict):
        for key, given in value.items():
            if isinstance(given, str):
                found.append(Permalink(given, str(key).strip("/")))
            elif str(key).lower() in ("page", "section") and isinstance(given, dict):
                kind = str(key).lower()
                found += (
                    Permalink(p, str(k).strip("/"), kind) for k, p in given.items() if isinstance(p, str)
                )
    return tuple(found)
