"""The pages a Gatsby or Astro site makes of the files of its ``src/pages``, by their names.

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

A route made from data, Gatsby's ``{Product.name}.js`` and ``[id].js``, Astro's
``[slug].astro``, names no one page and is left out; but for the pages an Astro route with one
parameter lists in its code as written: its ``getStaticPaths`` returning
``[{ params: { slug: 'pricing' } }, ...]`` makes ``/pricing/`` (`_listed`: each object of one
key, a text written out, or a number before Astro 6; a rest parameter, ``[...path]``, may hold
slashes, ``'kayaks/sea'``, or be ``undefined``, its folder's page; a value the code works out
names none, nor does one in a comment). Gatsby's client-only splat page,
``app/[...].js`` (or ``app/[...rest].js``), is one page for every address below its folder (its
``matchPath``, ``/app/*``, which gatsby-core-utils' ``getMatchPath`` makes of it, matches
``/app`` and all below it): its folder's route is listed apart (`site_pages`), but for one at
the root of ``src/pages``, a catch-all that most often is the site's page not found. The Markdown and MDX pages of
``src/pages`` are listed too (Astro: each Markdown ending it knows, and ``.mdx`` with its MDX
integration; Gatsby: ``.mdx``, which gatsby-plugin-mdx makes pages of there by default): on a
site whose configured sources leave ``src/pages`` out, a link to one is still a link to a page
of the site; where they take it in, the page's asset is found first. The site's params carry
what is found to the link reading (`stagemap.read.docusauruspages.PLUGIN_PAGES`'s ``pages``, as
for Docusaurus's own).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..lazyre import lazy
from .codepages import GATSBY_SKIPPED
from .docusaurus import without_comments
from .owned import read_owned
from .packageversions import installs
from .sources import walk

_ENDINGS = {
    "gatsby": (".js", ".jsx", ".ts", ".tsx", ".mdx"),
    "astro": (
        ".astro",
        ".html",
        ".js",
        ".ts",
        ".md",
        ".markdown",
        ".mdown",
        ".mkdn",
        ".mkd",
        ".mdwn",
        ".mdx",
    ),
}
"""By generator, the endings of the files of ``src/pages`` it makes pages (or endpoints) of (Astro's
Markdown endings: its ``SUPPORTED_MARKDOWN_FILE_EXTENSIONS``)."""


_SPLAT = lazy(r"""/\[\.\.\.[^/\[\]{}]*\]$""")
"""The last part of a route that is Gatsby's splat (``/[...]``, ``/[...rest]``)."""


def component_pages(site: Path, generator: str) -> frozenset[str]:
    """Return the routes (lower case, no slash at either end; the home page's is empty) of the
    pages the Gatsby or Astro site in the folder ``site`` makes of the files of its
    ``src/pages`` (see the module docstring); none on a site of another generator."""
    return site_pages(site, generator)[0]


def site_pages(site: Path, generator: str) -> tuple[frozenset[str], frozenset[str]]:
    """Return `component_pages`, and the routes (as those) below which a Gatsby site's
    client-only splat page answers every address, that route's own included."""
    endings = _ENDINGS.get(generator)
    folder = site / "src/pages"
    if endings is None or not folder.is_dir():
        return frozenset(), frozenset()
    found: set[str] = set()
    below: set[str] = set()
    numbers = generator == "astro" and not installs(
        read_owned(site / "package.json", _LARGEST), "astro", (6, 0)
    )
    for kind, _, rel in walk(str(folder), str(folder)):
        parts = rel.split("/")
        if kind != "file" or not rel.endswith(endings) or "node_modules" in parts:
            continue
        if GATSBY_SKIPPED.search(rel) if generator == "gatsby" else any(p.startswith("_") for p in parts):
            continue
        route = rel.rpartition(".")[0]
        route = "" if route == "index" else route.removesuffix("/index")
        splat = _SPLAT.search("/" + route) if generator == "gatsby" else None
        if splat is not None and splat.start() and not any(c in route[: splat.start()] for c in "[]{}"):
            below.add(route[: splat.start() - 1].casefold())  # (``app/[...]``: all of ``/app/``)
        elif not any(c in rel for c in "[]{}"):  # (a route made from data names no one page)
            found.add(route.casefold())
        elif generator == "astro" and rel.endswith(".astro"):
            found.update(_listed(folder / rel, route, numbers))
    return frozenset(found), frozenset(below)


_PARAMETER = lazy(r"""\[(\.\.\.)?([A-Za-z_$][\w$]*)\]""")
"""A part of an Astro route that is one parameter: ``[slug]``, ``[...path]`` (a rest parameter)."""
_PARAMS = lazy(
    r"""\bparams\s*:\s*\{\s*(["']?)([A-Za-z_$][\w$]*)\1\s*:\s*"""
    r"""(?:(["'`])([^"'`$\\\n]{0,300})\3|(\d{1,30})|undefined)\s*,?\s*\}"""
)
"""An object of ``getStaticPaths``'s list naming one parameter's value as written,
``params: { slug: 'x' }`` (``undefined``: a rest parameter's page at the route's folder; a
whole number, ``id: 2``, which Astro before 6 takes as its text, Astro 6 as an error)."""
_LARGEST = 256 * 1024
"""A larger route component is not read."""
_SCRIPT = lazy(r"---[ \t]*\r?\n(.*?)\n---[ \t]*(?:\r?\n|$)", re.S)
"""An Astro component's script, between its ``---`` fences at the start."""


def _listed(path: Path, route: str, numbers: bool) -> set[str]:
    """Return the routes (as `component_pages` gives them) of the pages the Astro route component
    at ``path`` (its route ``route``, with one parameter) lists in its ``getStaticPaths`` as written
    (its comments out; ``numbers``: a number is a value, before Astro 6)."""
    parts = route.split("/")
    named = [(i, m) for i, p in enumerate(parts) if (m := _PARAMETER.fullmatch(p)) is not None]
    if len(named) != 1 or any(c in "".join(parts[: named[0][0]] + parts[named[0][0] + 1 :]) for c in "[]{}"):
        return set()
    data = read_owned(path, _LARGEST)
    text = data.decode("utf-8", "replace") if data is not None else ""
    if "getStaticPaths" not in text:
        return set()
    fence = _SCRIPT.match(text)  # (the component's script, where getStaticPaths is: no markup's quotes)
    text = without_comments(fence.group(1) if fence is not None else text)
    at, parameter = named[0]
    found = set()
    for given in _PARAMS.finditer(text):
        if given.group(5) is not None and not numbers:
            continue
        value = (given.group(4) or given.group(5) or "").strip("/")
        if given.group(2) != parameter.group(2) or (not parameter.group(1) and ("/" in value or not value)):
            continue
        made = "/".join(p for p in (*parts[:at], value, *parts[at + 1 :]) if p)
        found.add(made.casefold())
    return found
