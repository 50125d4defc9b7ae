"""The pages a Gatsby or Astro site makes of the code files of its ``src/pages``, by their names.

Both generators route by file: each page written as a component in ``src/pages`` is a page of
the live site, though stagemap reads no text from it (a pricing page, a demo request form, a
product tour: where a marketing site's posts send their readers). Read here without running
anything, so that a link to one is a link to a page of the site, not one that leads nowhere:

- Gatsby's page creator (gatsby-plugin-page-creator, which every Gatsby site runs on
  ``src/pages``) makes a page of each JavaScript or TypeScript file there (``pricing/index.js``:
  ``/pricing/``; ``about.tsx``: ``/about/``), but for those gatsby-page-utils' ``validatePath``
  passes over: a name starting with ``_``, ``.`` or ``template-`` (the file's own; the folders
  above it do not count), a type declaration (``*.d.ts``), a test (``*.test.js``,
  ``*.spec.tsx``, anything in a ``__tests__`` folder);
- Astro makes a page of each ``.astro`` and ``.html`` file of ``src/pages`` and an endpoint of
  each ``.js`` and ``.ts`` file (``rss.xml.js``: ``/rss.xml``), but for a file or folder whose
  name starts with ``_``, which it never builds.

A route made from data, Gatsby's ``{Product.name}.js`` and client-only ``[...].js``, Astro's
``[slug].astro``, names no one page and is left out. The Markdown and MDX files of
``src/pages`` are content, read as such. The site's params carry what is found to the link
reading (`stagemap.read.docusauruspages.PLUGIN_PAGES`'s ``pages``, as for Docusaurus's own).
"""

from __future__ import annotations

from pathlib import Path

from ..lazyre import lazy
from .sources import walk

_ENDINGS = {
    "gatsby": (".js", ".jsx", ".ts", ".tsx"),
    "astro": (".astro", ".html", ".js", ".ts"),
}
"""By generator, the endings of the code files of ``src/pages`` it makes pages (or endpoints) of."""
_GATSBY_SKIPPED = lazy(
    r"""(?:^|/)(?:[_.]|template-)[^/]*$"""  # (the file's own name)
    r"""|\.d\.tsx?$|\.(?:spec|test)\.[jt]sx?$|(?:^|/)__tests__/"""
)
"""What Gatsby's page creator makes no page of (gatsby-page-utils' ``validatePath``)."""


def component_pages(site: Path, generator: str) -> frozenset[str]:
    """Return the routes (lower case, no slash at either end; the home page's is empty) of the
    pages the Gatsby or Astro site in the folder ``site`` makes of the code files of its
    ``src/pages`` (see the module docstring); none on a site of another generator."""
    endings = _ENDINGS.get(generator)
    folder = site / "src/pages"
    if endings is None or not folder.is_dir():
        return frozenset()
    found: set[str] = set()
    for kind, _, rel in walk(str(folder), str(folder)):
        if kind != "file" or not rel.endswith(endings) or any(c in rel for c in "[]{}"):
            continue  # (a route made from data names no one page)
        parts = rel.split("/")
        if "node_modules" in parts:
            continue
        if _GATSBY_SKIPPED.search(rel) if generator == "gatsby" else any(p.startswith("_") for p in parts):
            continue
        route = rel.rpartition(".")[0]
        route = "" if route == "index" else route.removesuffix("/index")
        found.add(route.casefold())
    return frozenset(found)
