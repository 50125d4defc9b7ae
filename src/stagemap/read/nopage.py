"""Files a generator makes no page of, by their front matter: unpublished, a redirect, a file of
another kind, a listing (a page per item or group of items), the site's error page. Each becomes
a fate, not an asset (`stagemap.read.assets.sort_out`, by the note's code)."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from typing import Any

from ..errors import Problem
from .eleventy import eleventy_permalink
from .presets import preset_redirect, preset_unpublished_keys

UNPUBLISHED = "unpublished"
OTHER_OUTPUT = "other-output"
PAGINATED = "paginated"
ERROR_PAGE = "error-page"
"""Codes of the note a file its generator publishes no page for gets (Hugo's ``headless: true``)."""


def first_no_page(rel: str, fm: Mapping[Any, Any], generator: str, sub: str) -> Problem | None:
    """Return the note of a file its generator makes no page of, by its front matter; else None."""
    if not generator:
        return None  # stagemap's own format: every file is a page (the benchmark's path)
    hidden = next((k for k in preset_unpublished_keys(generator) if fm.get(k) is True), None)
    if hidden is not None:
        return Problem(
            rel, 0, 0, "warning", f"{hidden}: true", "the site publishes no page for it", UNPUBLISHED
        )
    if preset_redirect(generator, fm):
        hint = "the site serves a redirect in its place, not a page"
        return Problem(rel, 0, 0, "warning", "redirect_to", hint, UNPUBLISHED)
    if output := preset_other_output(generator, fm):
        hint = "the site writes a file of another kind from it (a feed, a sitemap, data), not a page"
        return Problem(rel, 0, 0, "warning", f"permalink: {output}", hint, OTHER_OUTPUT)
    if error_page := preset_error_page(generator, fm):
        hint = "the site serves it for an address with no page: an error page, not one of its pages"
        key = _ROUTE_KEYS.get(generator, "permalink")
        return Problem(rel, 0, 0, "warning", f"{key}: {error_page}", hint, ERROR_PAGE)
    if paged := preset_paginated(generator, fm):
        hint = "the site makes a page per item or group of items of it: a listing, not one page"
        named = (
            f"paginate: {fm[PAGINATE_V1]}" if PAGINATE_V1 in fm else f"pagination: {paged}"
        )  # (jekyll-paginate's)
        first = _first_page(generator, fm, sub)
        return Problem(
            rel, 0, 0, "warning", named + (f" (first page at {first})" if first else ""), hint, PAGINATED
        )
    return None


def _first_page(generator: str, fm: Mapping[Any, Any], sub: str) -> str:
    """Return the route of a listing's first page where its ``permalink`` gives one (Eleventy's
    through `eleventy_permalink`; a Jekyll one with no ``:name`` in it), else "": links to it
    lead to a page of the site (`stagemap.analyse.routes`)."""
    given = fm.get("permalink")
    if not isinstance(given, str) or not given.strip() or (generator == "jekyll" and ":" in given):
        return ""
    if generator == "eleventy" and ("{{" in given or "{%" in given):
        given = eleventy_permalink(given, fm, sub)
    return "/" + given.strip().removesuffix("index.html").lstrip("/") if given else ""


def preset_other_output(generator: str, fm: Mapping[str, object]) -> str:
    """Return the ``permalink`` of a page that Jekyll or Eleventy writes as a file of another kind
    (``/feed.xml``, ``robots.txt``, ``search.json``: the last part's ending is not a page's; on
    Eleventy, which writes a permalink's file as named, also ``/_redirects``), else "": such a
    file is no page. A route ends in ``/``, ``.html`` or ``.htm``, or in a name
    without an ending, which both serve as a page."""
    value = fm.get("permalink") if generator in ("jekyll", "eleventy") else None
    if not isinstance(value, str):
        return ""
    last = value.strip().rpartition("/")[2].partition("?")[0].partition("#")[0]
    if generator == "eleventy" and last.startswith(("_", ".")) and "." not in last[1:]:
        return value.strip()  # a server's own file, written as named: Netlify's _redirects, _headers
    ending = last.rpartition(".")[2].lower() if "." in last else ""
    if not ending or ending in ("html", "htm") or "{" in ending or "}" in ending:
        return ""
    return value.strip()


_ROUTE_KEYS = {"jekyll": "permalink", "eleventy": "permalink", "gatsby": "path"}
"""The front matter key that gives a page its route, where the generator reads one (Gatsby's
``path``: its starters make each page at it, `preset_aliases`)."""


def preset_error_page(generator: str, fm: Mapping[str, object]) -> str:
    """Return the route a Jekyll or Eleventy page's ``permalink`` (a Gatsby page's ``path``)
    gives it where that is the site's error page (``/404.html``, or ``/404/``: its
    ``index.html``; Gatsby builds ``/404`` as ``404.html`` and ``/500`` as ``500.html``), which
    the host serves for an address with no page (the error-page globs name a file by its path
    alone), else ""."""
    key = _ROUTE_KEYS.get(generator)
    value = fm.get(key) if key else None
    if not isinstance(value, str):
        return ""
    pages = _GATSBY_ERROR_ROUTES if generator == "gatsby" else ("404.html", "404", "404/index.html")
    return value.strip() if value.strip().strip("/").lower() in pages else ""


_GATSBY_ERROR_ROUTES = ("404.html", "404", "500.html", "500")
"""The routes Gatsby builds as an error page: /404 (its 404.html) and /500 (its 500.html, for an
error while rendering), with or without a slash at each end (its prod-404-500 plugin)."""


PAGINATE_V1 = "\0paginate"
"""The key under which jekyll-paginate's template page inherits the site's ``paginate``
(`jekyll_paginates`): no front matter can name it."""


def jekyll_paginates(config: Mapping[str, object], path: str) -> bool:
    """Return whether jekyll-paginate (v1) makes a listing of the Jekyll page at ``path``
    (relative to the site's folder), by the site's ``config`` values: where ``paginate`` is set,
    the ``index.html`` in the folder of its ``paginate_path`` (``/blog/page:num``:
    ``blog/index.html``; by default ``/page:num``, the site's own ``index.html``)."""
    if config.get("paginate") is None:
        return False
    given = config.get("paginate_path")
    folder = posixpath.dirname(given.strip().strip("/")) if isinstance(given, str) and given.strip() else ""
    return path == (folder + "/index.html" if folder else "index.html")


def preset_paginated(generator: str, fm: Mapping[str, object]) -> str:
    """Return what a page's ``pagination`` goes through, where the generator makes a page per
    item or group of items of it (a listing, not one page): Eleventy's ``pagination: {data:
    collections.posts}``, jekyll-paginate-v2's ``pagination: {enabled: true}``, the page
    jekyll-paginate makes its pages of (`PAGINATE_V1`); else ""."""
    if generator == "jekyll" and fm.get(PAGINATE_V1) is not None:
        return "posts"
    given = fm.get("pagination")
    if not isinstance(given, Mapping):
        return ""
    if generator == "eleventy" and isinstance(data := given.get("data"), str) and data.strip():
        return data.strip()
    if generator == "jekyll" and given.get("enabled") is True:
        return str(given.get("collection") or "posts")
    return ""
