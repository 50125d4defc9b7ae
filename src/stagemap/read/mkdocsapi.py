"""The pages of an MkDocs site that hold generated references: where ``::: package.module`` stands.

mkdocstrings writes the reference of an object of the code where a page says ``::: demo.tool``,
and mkdocs-autorefs makes a link of ``[`Hammer`][demo.tool.Hammer]`` on any page to the part of
that reference the name is in. `api_pages` finds, across the site's pages, the one that names
each object (the first by path where two do), for `stagemap.render.mkdocsyntax.cross_references`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..lazyre import lazy
from ..model.library import Asset

API_PAGES = "\0api"
"""The key under which the site's params hold `api_pages` (no key of a configuration file can be this one)."""
_REFERENCE = lazy(r"^(?:>[ \t]?)* {0,3}:::[ \t]+([A-Za-z_][\w.]*)[ \t]*$", re.M)
"""A generated reference's line (in an admonition's quote too): ``::: demo.tool``."""


def api_pages(assets: Iterable[Asset], under: Mapping[str, str]) -> dict[str, str]:
    """Return the path of the page holding each generated reference under its source folder
    (``under``: each file's, by its project-relative path), by the dotted name of its object."""
    found: dict[str, str] = {}
    for asset in sorted(assets, key=lambda a: a.path):
        if ":::" in asset.body and asset.path in under:
            for name in _REFERENCE.findall(asset.body):
                found.setdefault(name, under[asset.path])
    return found


def with_api_pages(
    params: Mapping[str, Any], assets: Iterable[Asset], under: Mapping[str, str], generator: str
) -> Mapping[str, Any]:
    """Return the site's ``params`` with its `api_pages` under `API_PAGES`, on an MkDocs site that has any."""
    pages = api_pages(assets, under) if generator == "mkdocs" else {}
    return {**params, API_PAGES: pages} if pages else params
