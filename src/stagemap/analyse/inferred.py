"""Infer a likely next step from the links a page ends on, for pages that name none.

An inferred step is shown as such and never written: the team confirms it with ``stagemap
tag FILE --set next=ID``. A link counts when it resolves to another asset: by the asset's
public URL, else the route its site gives it (route links such as ``/pricing/`` or
``../faq/``), or by its file (links that name a source file, ``../sales/pricing.md``), or when
it is a stage id itself. A link naming a source file is looked up by file first, from the
page's folder, as Docusaurus, MkDocs and Hugo's page lookups read it: joined to the page's
route instead, it may land on another page when the route sits at another depth than the
file. Docusaurus also looks for one without ``./`` or ``../`` in its docs folder and the
site's. Every page of the site is looked up, not only those a buyer may be sent: a link to a
stale page is no step, where skipping that page would land it on another. A Starlight page's
hero action is its first link (`stagemap.read.ctas`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import unquote, urljoin, urlsplit

from ..lazyre import lazy
from ..model.library import Asset

_SUFFIX = lazy(r"\.(?:md|markdown|mdx|mmark|html?)$", re.IGNORECASE)
_INDEX = lazy(r"/(?:_?index|readme)$", re.IGNORECASE)
_SOURCE = lazy(r"\.(?:md|markdown|mdx|mmark)$", re.IGNORECASE)
"""The ending of a link that names a source file (``./setup.md``)."""


def _key(path: str) -> str:
    """Return a route or file path in one comparable form: percent-decoded (``/my%20guides/`` is
    ``/my guides/``, as the site serves it), lower case, no ending, no trailing slash."""
    path = path.split("#")[0].split("?")[0]
    path = _INDEX.sub("", _SUFFIX.sub("", (unquote(path) if "%" in path else path).rstrip("/")))
    return path.lower() or "/"


def _route(asset: Asset) -> str:
    """Return the asset's route: its public URL's path, else the route its site gives it."""
    return urlsplit(asset.url).path if asset.url else asset.route


def infer_next(
    assets: Iterable[Asset],
    candidates: Iterable[Asset],
    stage_ids: Iterable[str],
    redirected: Callable[[str], str] = str,
    pages: Iterable[Asset] | None = None,
    roots: Sequence[str] = (),
) -> tuple[tuple[str, str], ...]:
    """Return (asset id, target) for each of ``assets`` without a next step whose links lead to one of ``candidates``.

    The last link that resolves wins (calls to action close a page); a link to the asset
    itself does not count. ``redirected`` gives the route a link to a route reaches where the
    site redirects it (`stagemap.analyse.linkreading.LinkReading.in_path`; by default each
    route is its own). A link is looked up among ``pages``, every page of the site (by default
    ``candidates``): one whose page is no candidate (stale, scheduled) counts for nothing, and
    is not looked up again as another page's. ``roots``: on Docusaurus, the folders a file
    link not starting ``./`` or ``../`` is also looked for in (`_file_paths`). Sorted by asset id.
    """
    chosen = [*candidates]
    allowed = frozenset(a.id for a in chosen)
    stages = set(stage_ids)
    routes: dict[str, str] = {}
    files: dict[str, str] = {}  # apart: a page's route (a slug's) may be another page's file path
    for asset in chosen if pages is None else pages:
        if asset.url or asset.route:
            routes.setdefault(_key(_route(asset)), asset.id)
        files.setdefault(_key("/" + asset.path), asset.id)
    found: list[tuple[str, str]] = []
    for asset in assets:
        if asset.next or not asset.links:
            continue
        target = _first_target(asset, (routes, files), (stages, allowed), redirected, roots)
        if target:
            found.append((asset.id, target))
    return tuple(sorted(found))


def _first_target(
    asset: Asset,
    tables: tuple[dict[str, str], dict[str, str]],
    ids: tuple[set[str], frozenset[str]],
    redirected: Callable[[str], str],
    roots: Sequence[str],
) -> str:
    """Return the stage or candidate the first of the asset's links that leads to one leads to.

    A link is looked up in one table, then the other (a source file's first by file): the
    first that has it decides, so a link whose page is no candidate never lands on another page.
    """
    routes, files = tables
    stages, allowed = ids
    here = _route(asset)
    for href in asset.links:
        if href in stages:
            return href
        source = _SOURCE.search(href.split("#")[0].split("?")[0])
        # A link from the site's root is a route whether or not the page has one of its own.
        rooted = here or href.startswith("/")
        route = redirected(urlsplit(urljoin("http://site" + (here or "/"), href)).path) if rooted else ""
        by_route: tuple[str, ...] = (route,) if route else ()
        by_file = _file_paths(asset.path, href, roots if source else ())
        tried = ((files, by_file), (routes, by_route)) if source else ((routes, by_route), (files, by_file))
        hits = (keys.get(_key(key)) for keys, paths in tried for key in paths)
        target = next((hit for hit in hits if hit), "")
        if target != asset.id and target in allowed:
            return target
    return ""


def _file_paths(path: str, href: str, roots: Sequence[str]) -> tuple[str, ...]:
    """Return the files (from the project's folder) a link on the page at ``path`` may name, in
    the order they are looked for.

    From the page's folder; a link starting ``/`` from the project's. With ``roots``, as
    Docusaurus reads a Markdown link (3.9 and later): a link starting ``./`` or ``../`` only from
    the page's folder, any other then from each root holding the page (nearest first) and from
    the site's folder; one starting ``/`` never from the page's folder.
    """
    if href.startswith(("./", "../")) or not roots:
        return (
            href
            if href.startswith("/")
            else posixpath.normpath(posixpath.join(posixpath.dirname("/" + path), href)),
        )
    held = sorted(
        (r for r in roots if r == "." or path.startswith(r.rstrip("/") + "/")), key=len, reverse=True
    )
    beside = (
        ()
        if href.startswith("/")
        else (posixpath.normpath(posixpath.join(posixpath.dirname("/" + path), href)),)
    )
    inside = tuple(posixpath.normpath(posixpath.join("/", r, href.lstrip("/"))) for r in held if r != ".")
    return (*beside, *inside, posixpath.normpath("/" + href.lstrip("/")))
