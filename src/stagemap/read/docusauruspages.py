"""The pages a Docusaurus site's plugins make besides its content files', read from its files.

A route below a docs or blog plugin's own that no page has leads nowhere
(`stagemap.read.docusaurus.plugin_made`), but a plugin makes pages of its own there, and so do
other plugins. Read here, without running anything:

- the first parts of the routes below each plugin's own that it makes pages at: its tags' and
  categories', a blog's pages, archive and authors', as its options move them
  (`stagemap.read.docusaurus.made_parts`), and the released versions of a docs plugin
  (``versions.json``, ``<id>_versions.json``: every name, whatever it looks like); a versions
  file that does not read as a list of names makes every first part possible;
- the routes of the generated indexes of categories (``_category_.json`` or ``.yml`` in a docs
  folder, or an item of a ``sidebars.*`` file, with ``link: {type: 'generated-index', slug:
  '/x'}``: ``/docs/x``);
- the routes of the JavaScript and TypeScript pages of ``src/pages`` (``src/pages/a/b.js``:
  ``/a/b``), but for the files the pages plugin leaves out: a name or folder starting with
  ``_``, tests (``*.test.js``, ``__tests__/``);
- the routes ``@docusaurus/plugin-client-redirects`` writes a redirect at, with the route each
  leads to (`stagemap.read.docusaurus.client_redirects`): a link to one is a link to that.

They reach the link reading in the site's params (`PLUGIN_PAGES`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from ..model.settings import ReadRules
from .componentpages import site_pages
from .docusaurus import (
    ANY_PART,
    CONFIG_FILES,
    ContentFolder,
    client_redirects,
    content_folders,
    current_route,
    made_parts,
)
from .sources import walk

PLUGIN_PAGES = "\0docusaurus-pages"
"""The key under which the site's params hold what `plugin_pages` finds (no key of a
configuration file can be this one), and on a Gatsby or Astro site its ``pages`` and ``below``
(`stagemap.read.componentpages.site_pages`)."""
_LARGEST = 1024 * 1024
_SLUG = lazy(r"""['"]?slug['"]?\s*:\s*['"]?([^'"\s,}]+)""")
_GENERATED = lazy(r"""\{[^{}]*generated-index[^{}]*\}""")
"""A sidebar item's ``link`` object that makes a generated index (no object inside it)."""
_SCRIPTS = (".js", ".jsx", ".ts", ".tsx")
_CATEGORY = lazy(r"""(?:^|/)_category_\.(?:json|ya?ml)$""")
_TESTS = lazy(r"""\.(?:test|spec)\.[jt]sx?$""")


def with_plugin_pages(params: Mapping[str, Any], root: Path, rules: ReadRules) -> Mapping[str, Any]:
    """Return the site's ``params`` with what `plugin_pages` finds under `PLUGIN_PAGES`, on a
    Docusaurus site (in ``rules.site_root`` under the project's ``root``); on a Gatsby or Astro
    site, the routes of the pages it makes of the files of its ``src/pages``, as ``pages``, and
    those a Gatsby splat page answers all below, as ``below`` (`stagemap.read.componentpages`)."""
    site = root / rules.site_root if rules.site_root else root
    if rules.generator == "docusaurus":
        found = plugin_pages(site)
    else:
        made, below = site_pages(site, rules.generator)
        found = {"pages": sorted(made), "below": sorted(below)} if made or below else {}
    return {**params, PLUGIN_PAGES: found} if found else params


def plugin_pages(site: Path) -> dict[str, Any]:
    """Return what the Docusaurus site in the folder ``site`` makes besides its content files'
    pages (see the module docstring): ``parts``, by the route a plugin's pages are served under
    (lower case, no slash at either end), the sorted first parts below it that it makes pages
    at; ``pages``, the sorted routes of generated indexes and JavaScript pages; ``redirects``,
    the routes of client redirects (lower case, no slash at either end) with where each leads.
    Empty when the site's configuration cannot be read."""
    code = next((t for name in CONFIG_FILES if (t := _text(site / name)) is not None), None)
    if code is None:
        return {}
    parts: dict[str, list[str]] = {}
    pages: set[str] = set()
    slugs = [s for name in sorted(site.glob("sidebars*.*")) for s in _generated(_text(name) or "")]
    for folder in content_folders(code):
        if folder.computed or not (site / folder.path).resolve().is_relative_to(site.resolve()):
            continue  # (worked out in code, or outside the site: not read)
        route = current_route(site, folder).strip("/").casefold()
        made = set(folder.made or made_parts(folder.kind, ""))  # (a plugin the code says nothing of)
        if folder.kind == "docs":
            made |= _versions(site, folder)
            categories = [Path(p) for _, p, sub in _files(site / folder.path) if _CATEGORY.search(sub)]
            for slug in (*slugs, *(s for c in categories for s in _generated(_text(c) or "", whole=True))):
                pages.add(f"{route}/{slug}".strip("/"))
        parts.setdefault(route, sorted(made))
    pages |= _script_pages(site / "src/pages")
    return {"parts": parts, "pages": sorted(pages), "redirects": client_redirects(code)}


def _versions(site: Path, folder: ContentFolder) -> set[str]:
    """Return the names of a docs plugin's released versions, lower case (`ANY_PART` when its
    versions file does not read as a list of names; none when there is no such file)."""
    own = f"{folder.id}_" if folder.id not in ("", "default") else ""
    text = _text(site / f"{own}versions.json")
    if text is None:
        return set()
    try:
        names = json.loads(text)
    except ValueError:
        return {ANY_PART}
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return {ANY_PART}
    return {n.strip("/").partition("/")[0].casefold() for n in names if n.strip("/")}


def _generated(text: str, whole: bool = False) -> list[str]:
    """Return the slugs of the generated indexes ``text`` gives (a sidebars file's items; the
    ``whole`` text: a category file's one), lower case, without slashes at either end."""
    if "generated-index" not in text:
        return []
    objects = [text] if whole else [m.group() for m in _GENERATED.finditer(text)]
    slugs = (_SLUG.search(o) for o in objects)
    return [s.group(1).strip("/").casefold() for s in slugs if s is not None and s.group(1).strip("/")]


def _script_pages(folder: Path) -> set[str]:
    """Return the routes of the JavaScript and TypeScript pages in ``folder`` (``src/pages``)."""
    found: set[str] = set()
    for _, _, rel in _files(folder):
        parts = rel.split("/")
        if not rel.endswith(_SCRIPTS) or _TESTS.search(rel):
            continue
        if any(p.startswith(("_", ".")) for p in parts) or "node_modules" in parts:
            continue  # (``__tests__`` starts with ``_`` too)
        route = rel.rpartition(".")[0]
        route = "" if route == "index" else route.removesuffix("/index")
        found.add(route.casefold())
    return found


def _files(folder: Path) -> list[tuple[str, str, str]]:
    """Return the files under ``folder`` as `stagemap.read.sources.walk` finds them (none when it
    is no folder): a folder that cannot be listed, or a link out of ``folder``, is passed over."""
    return (
        [entry for entry in walk(str(folder), str(folder)) if entry[0] == "file"] if folder.is_dir() else []
    )


def _text(path: Path) -> str | None:
    """Return a small text file's text, or None (none there, a link out of its folder, too
    large, unreadable)."""
    try:
        if not path.is_file() or not path.resolve().is_relative_to(path.parent.resolve()):
            return None
        if path.stat().st_size > _LARGEST:
            return None
        return path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
