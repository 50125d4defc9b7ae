"""Which files a generator writes its pages to, for the links that name one (``/guides/index.html``,
``/about.html``) on a site whose pages end in ``.html`` (Hugo, Jekyll, Eleventy): see
`stagemap.analyse.routes.Routes.endings` and `Routes.folders`.

- A page whose address ends in ``/`` (or in ``/index.html``) is written to that folder's
  ``index.html``; one whose address ends in ``.html`` to that file; one with another ending
  (``/feed.xml``) to that file, no folder.
- An address with no ending (``/pens``): Hugo writes ``pens/index.html`` (its target paths add
  the output format's ``index.html`` to a ``url`` or an alias with no dot), Jekyll ``pens.html``
  (``Page#destination``), Eleventy a file named ``pens``, as its permalink says.
- Hugo's list pages (a section's, a taxonomy's, a term's) are written to ``guides/index.html``;
  where ``uglyURLs`` covers their section, a term's to ``tags/steel.html``, while the home page,
  a section's and a taxonomy's stay ``index.html`` (Hugo 0.148, July 2025, "Fix some uglyURLs
  issues for home, section and taxonomy kind"; an older Hugo wrote those to ``guides.html``
  too, which a site pinned to one gets read as current Hugo's).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..model.library import Library
from ..read.presets import NOT_A_PAGE
from ..read.sectionpages import DEFAULT_TAXONOMIES, TAXONOMIES, hugo_kind
from .paths import strip_prefix


def written_to_folder(route: str, generator: str) -> bool:
    """Whether the generator writes the page at ``route`` (an address as given: a ``url``, an
    alias, a route) to a folder's ``index.html`` (see the module)."""
    path = route.partition("#")[0].partition("?")[0].strip()
    last = path.rpartition("/")[2].lower()
    if path.endswith("/") or last in ("index.html", "index.htm"):
        return True
    return "." not in last and generator == "hugo"


def html_keys(
    addresses: Iterable[Iterable[str]], jekyll: bool, route_key: Callable[[str], str]
) -> frozenset[str]:
    """Return the keys (``route_key``'s) of the addresses a link ending in ``.html`` reaches
    (`Routes.endings`): on a Jekyll site those with no ending too (``/x``, written to ``x.html``)."""
    return frozenset(
        route_key(r)
        for named in addresses
        for r in named
        if r.endswith((".html", ".htm"))
        or (jekyll and "." not in r.rpartition("/")[2] and not r.endswith("/"))
    )


def folder_keys(
    owned: Iterable[tuple[str, list[str], list[str]]],
    pages: Mapping[str, str],
    generator: str,
    route_key: Callable[[str], str],
) -> set[str]:
    """Return the keys of the routes whose page is written to a folder's ``index.html``
    (`Routes.folders`): of ``owned``, each asset's id, its own addresses and the routes its
    file has, those of its addresses that the generator writes so (`written_to_folder`) and
    where it has none, its file's routes; a key (``route_key``'s) counts for the asset that
    keeps it (``pages``)."""
    found: set[str] = set()
    for asset_id, named, derived in owned:
        for route in named or derived:
            key = route_key(route)
            if pages.get(key) == asset_id and (not named or written_to_folder(route, generator)):
                found.add(key)
    return found


def listed_files(
    routes: Iterable[tuple[str, bool]], ugly: Iterable[str], route_key: Callable[[str], str]
) -> tuple[set[str], set[str]]:
    """Return the keys of the list pages at ``routes`` (``/guides/``, ``/tags/steel/``: routes
    from the site's root, each with whether it is a term's) written to a folder's ``index.html``
    and those written to a ``.html`` file (``tags/steel.html``), as Hugo's ``uglyURLs`` (``ugly``:
    the top sections it covers, ``*`` for all) says of a term's; a route ending in ``.html`` is
    that file, one with another ending no page."""
    every = frozenset(ugly)
    folders: set[str] = set()
    files: set[str] = set()
    for route, term in routes:
        key = route_key(route)
        if not route.endswith(("/", ".html", ".htm")):
            continue  # (a file of another kind, ``/feed.xml``: no folder of a page)
        plain = not term or ("*" not in every and key.partition("/")[0] not in every)
        if route.endswith(("/", "/index.html", "/index.htm")) and plain:
            folders.add(key)
        else:
            files.add(key)  # (``/guides.html``; Hugo's uglyURLs: tags/steel.html for ``/tags/steel/``)
    return folders, files


def written_keys(library: Library, route_key: Callable[[str], str]) -> set[str]:
    """Return the route keys (``route_key``'s) of the files the site's templates write that are
    no pages (``permalink: /feed.xml``): a link to one leads to what the site serves."""
    return {
        route_key("/" + f.rule.partition(": ")[2].lstrip("/")) for f in library.fates if f.kind == NOT_A_PAGE
    }


def term_page(path: str, prefix: str, params: Mapping[str, Any]) -> bool:
    """Whether the content file at ``path`` (under the content folder ``prefix``) is a Hugo term's
    own page (``tags/steel/_index.md``, by the site's taxonomies in ``params``)."""
    taxonomies = frozenset(params.get(TAXONOMIES, DEFAULT_TAXONOMIES))
    return hugo_kind(strip_prefix(path, prefix), taxonomies) == "term"
