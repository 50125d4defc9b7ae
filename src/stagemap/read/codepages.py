"""The pages a Gatsby or Astro site writes as components in its ``src/pages``, told by their names.

Such a page is a page of the live site (`stagemap.read.componentpages` knows its route) whose text
stagemap does not read: its fate says so (`stagemap.read.presets.unread_page`), in place of "not a
content file by its ending", so that init's and check's summaries name the pages coverage leaves out.
"""

from __future__ import annotations

from ..lazyre import lazy

CODE_PAGES = {"astro": (".astro", ".html"), "gatsby": (".js", ".jsx", ".ts", ".tsx")}
"""By generator, the endings of the pages a site writes as components in ``src/pages``: pages of
the site (`stagemap.read.componentpages` knows their routes) whose text stagemap does not read.
Astro serves an ``.html`` file there as a page too (its HTML as written, no front matter)."""
_DYNAMIC = lazy(r"\[[^/\[\]]*\]|\{[^/{}]*\}")
"""A part of a path in ``src/pages`` that is a route parameter (Astro's and Gatsby's ``[slug]``,
``[...path]``, Gatsby's ``{Product.name}``): the file makes as many pages as its code or the
site's data says (Astro's ``getStaticPaths``), none at its own name."""
_GATSBY_SPLAT = lazy(r"(?:^|/)\[\.\.\.[^/\[\]{}]*\]\.[jt]sx?$")
"""Gatsby's splat page (``app/[...].js``, ``[...rest].tsx``): one client-only page that answers
every address at and below its folder (`stagemap.read.componentpages`), not a page per data."""
GATSBY_SKIPPED = lazy(
    r"""(?:^|/)(?:[_.]|template-)[^/]*$"""  # (the file's own name)
    r"""|\.d\.tsx?$|\.(?:spec|test)\.[jt]sx?$|(?:^|/)__tests__/"""
)
"""What Gatsby's page creator makes no page of (gatsby-page-utils' ``validatePath``)."""


def code_page_endings(generator: str, site_root: str, rel: str) -> tuple[str, ...]:
    """Return the endings of `CODE_PAGES` that make ``rel`` (from the project's folder) a page of a
    Gatsby or Astro site, where it lies in its ``src/pages`` and is built (Astro builds no file
    or folder whose name starts with ``_``; Gatsby's page creator skips `GATSBY_SKIPPED`)."""
    endings = CODE_PAGES.get(generator)
    folder = f"{site_root.strip('/')}/src/pages/".lstrip("/")
    if endings is None or not rel.startswith(folder):
        return ()
    sub = rel[len(folder) :]
    if generator == "gatsby":
        return () if GATSBY_SKIPPED.search(sub) else endings
    return () if any(part.startswith("_") for part in sub.split("/")) else endings


def code_page_reason(ending: str, sub: str) -> str:
    """Return why the file at ``sub`` in a Gatsby or Astro site's ``src/pages`` (whose
    `CODE_PAGES` ending is ``ending``) is no asset but a page of the site, or pages."""
    splat = _GATSBY_SPLAT.search(sub) if ending in CODE_PAGES["gatsby"] else None
    if splat is not None and not _DYNAMIC.search(sub[: splat.start()]):
        return (
            "a page the site makes of a component in src/pages for every address below its folder (a splat)"
        )
    if _DYNAMIC.search(sub):
        return "pages the site makes of a route component in src/pages, at the routes its code or data gives"
    made = "its .html file" if ending == ".html" else "a component"
    return f"a page the site makes of {made} in src/pages, which stagemap does not read"
