"""Infer a likely next step from the links a page ends on, for pages that name none.

An inferred step is shown as such and never written: the team confirms it with ``stagemap
tag FILE --set next=ID``. A link counts when it resolves to another asset: by the asset's
public URL, else the route its site gives it (route links such as ``/pricing/`` or
``../faq/``), or by its file (links that name a source file, ``../sales/pricing.md``), or when
it is a stage id itself. A link naming a source file is looked up by file first, from the
page's folder, as Docusaurus, MkDocs and Hugo's page lookups read it: joined to the page's
route instead, it may land on another page when the route sits at another depth than the
file. A Starlight page's hero action is its first link (`stagemap.read.ctas`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from urllib.parse import urljoin, urlsplit

from ..lazyre import lazy
from ..model.library import Asset

_SUFFIX = lazy(r"\.(?:md|markdown|mdx|mmark|html?)$", re.IGNORECASE)
_INDEX = lazy(r"/(?:_?index|readme)$", re.IGNORECASE)
_SOURCE = lazy(r"\.(?:md|markdown|mdx|mmark)$", re.IGNORECASE)
"""The ending of a link that names a source file (``./setup.md``)."""


def _key(path: str) -> str:
    """Return a route or file path in one comparable form: lower case, no ending, no trailing slash."""
    path = _INDEX.sub("", _SUFFIX.sub("", path.split("#")[0].split("?")[0].rstrip("/")))
    return path.lower() or "/"


def _route(asset: Asset) -> str:
    """Return the asset's route: its public URL's path, else the route its site gives it."""
    return urlsplit(asset.url).path if asset.url else asset.route


def infer_next(
    assets: Iterable[Asset],
    candidates: Iterable[Asset],
    stage_ids: Iterable[str],
    redirected: Callable[[str], str] = str,
) -> tuple[tuple[str, str], ...]:
    """Return (asset id, target) for each of ``assets`` without a next step whose links lead to one of ``candidates``.

    The last link that resolves wins (calls to action close a page); a link to the asset
    itself does not count. ``redirected`` gives the route a link to a route reaches where the
    site redirects it (`stagemap.analyse.linkreading.LinkReading.in_path`; by default each
    route is its own). Sorted by asset id.
    """
    stages = set(stage_ids)
    routes: dict[str, str] = {}
    files: dict[str, str] = {}  # apart: a page's route (a slug's) may be another page's file path
    for asset in candidates:
        if asset.url or asset.route:
            routes.setdefault(_key(_route(asset)), asset.id)
        files.setdefault(_key("/" + asset.path), asset.id)
    found: list[tuple[str, str]] = []
    for asset in assets:
        if asset.next or not asset.links:
            continue
        target = _first_target(asset, routes, files, stages, redirected)
        if target:
            found.append((asset.id, target))
    return tuple(sorted(found))


def _first_target(
    asset: Asset,
    routes: dict[str, str],
    files: dict[str, str],
    stages: set[str],
    redirected: Callable[[str], str],
) -> str:
    here = _route(asset)
    folder = posixpath.dirname("/" + asset.path)
    for href in asset.links:
        if href in stages:
            return href
        route = redirected(urlsplit(urljoin("http://site" + (here or "/"), href)).path) if here else ""
        by_file = posixpath.normpath(posixpath.join(folder, href)) if not href.startswith("/") else href
        tried = ((routes, route), (files, by_file))
        if _SOURCE.search(href.split("#")[0].split("?")[0]):
            tried = tried[::-1]
        for keys, key in tried:
            target = keys.get(_key(key)) if key else None
            if target and target != asset.id:
                return target
    return ""
