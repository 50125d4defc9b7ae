"""Hugo's addresses as its configuration sets them: ``permalinks`` (a pattern of tokens for the pages
of a section or of a ``target``) and ``uglyURLs`` (``/x.html`` for ``/x/``), read for
`stagemap.read.sitedefaults`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .sectionpages import DEFAULT_TAXONOMIES, TAXONOMIES


@dataclass(frozen=True, slots=True)
class Permalink:
    """One of Hugo's ``permalinks``: a URL pattern in Hugo's tokens (``/:year/:slug/``) for some pages."""

    pattern: str
    section: str | None = None
    """The top-level section (``posts``) whose pages it is for (the map form); None: by ``target``."""
    kind: str = "page"
    """Hugo's kind of page it is for: ``page``, or ``section`` for a section's ``_index`` page,
    ``term`` or ``taxonomy`` for a taxonomy's pages (``[permalinks.term]``, Hugo 0.112 on)."""
    target: dict[str, Any] | None = None
    """The list form's page matcher (``path``, ``kind``...); None: every page."""


def ugly_sections(value: Any) -> frozenset[str]:
    """Return Hugo's ``uglyURLs`` (``true``, or a map of sections to ``true``) as the sections it names."""
    if value is True:
        return frozenset({"*"})
    if isinstance(value, dict):
        return frozenset(str(k).strip("/") for k, v in value.items() if v is True)
    return frozenset()


UGLY_SECTIONS = "\0ugly-sections"
"""The key under which a Hugo site's params hold its ``uglyURLs`` (`ugly_sections`, sorted; no
key: none): its list pages there are written to ``guides.html``, not ``guides/index.html``."""


_KINDS = ("page", "section", "term", "taxonomy")
"""The kinds of page ``[permalinks]`` may hold a map of patterns for (``[permalinks.page]``)."""


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
            elif str(key).lower() in _KINDS and isinstance(given, dict):
                kind = str(key).lower()
                found += (
                    Permalink(p, str(k).strip("/"), kind) for k, p in given.items() if isinstance(p, str)
                )
    return tuple(found)


LANGUAGE_LEAD = "\0language-lead"
"""The key under which a Hugo site's params hold the path it serves its default language under
(`language_lead`), where it has one."""


def lead_params(config: Mapping[Any, Any]) -> dict[str, str]:
    """Return what a Hugo site's params hold of the path it serves its default language under
    (`LANGUAGE_LEAD`, `language_lead`): nothing where it serves it from the root."""
    lead = language_lead(config)
    return {LANGUAGE_LEAD: lead} if lead else {}


def language_lead(config: Mapping[Any, Any]) -> str:
    """Return the path a Hugo site's configuration serves its default language under: ``/en``
    (its ``defaultContentLanguage``, else ``en``) where ``defaultContentLanguageInSubdir`` is
    true (keys in any case, as Hugo reads them), else ""."""
    given = {str(k).lower(): v for k, v in config.items()}
    if given.get("defaultcontentlanguageinsubdir") is not True:
        return ""
    return "/" + str(given.get("defaultcontentlanguage") or "en").lower().strip("/")


TERM_LINKS = "\0term-links"
"""The key under which a Hugo site's params hold the patterns of its taxonomies' addresses
(`term_links`; no key of a configuration file can be this one)."""


def term_params(links: tuple[Permalink, ...], taxonomies: frozenset[str] | None) -> dict[str, Any]:
    """Return what a Hugo site's params hold for the routes of its taxonomies' and terms' pages
    (`stagemap.analyse.hugoroutes`): the taxonomies its configuration names (`TAXONOMIES`;
    none: Hugo's own) and the ``permalinks`` of theirs (`TERM_LINKS`, `term_links`)."""
    moved = term_links(links, DEFAULT_TAXONOMIES if taxonomies is None else taxonomies)
    named = {TAXONOMIES: tuple(sorted(taxonomies))} if taxonomies is not None else {}
    return {**named, TERM_LINKS: moved} if named or moved else {}


def term_links(links: tuple[Permalink, ...], taxonomies: frozenset[str]) -> tuple[tuple[str, str, str], ...]:
    """Return the patterns of ``links`` that move the pages of the ``taxonomies``, as (kind,
    taxonomy, pattern), ``term`` (a term's page) or ``taxonomy`` (the taxonomy's), the first for
    each: a pattern given for a section of the taxonomy's name (``tags = "/tag/:slug/"``) is its
    terms' (Hugo 0.111.3 moves them so; later ones set it for both kinds of page), never the
    taxonomy's page's (0.111.3 writes ``/tags/`` where it was)."""
    found: dict[tuple[str, str], str] = {}
    for link in links:
        if link.section in taxonomies and link.kind in ("page", "term", "taxonomy"):
            found.setdefault(("taxonomy" if link.kind == "taxonomy" else "term", link.section), link.pattern)
    return tuple(sorted((kind, taxonomy, pattern) for (kind, taxonomy), pattern in found.items()))
