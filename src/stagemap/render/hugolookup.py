"""Where Hugo looks for the shortcode templates of one page: the folders of its page path.

Hugo reads a site's own shortcodes from ``layouts/shortcodes/`` and, since its template system
was rebuilt in 0.146.0, from ``layouts/_shortcodes/`` (the older folder is still read, as that
one, and so are ``layouts/_default/shortcodes/`` and ``layouts/_default/_shortcodes/``: Hugo
takes ``_default`` off the front of a template's path). Since 0.146.0 a ``_shortcodes`` folder
may also stand in any folder of ``layouts/`` whose name does not start with ``_``: such a folder
is a page path, and its templates serve the pages at that path and below it
(``layouts/docs/_shortcodes/note.html`` the pages under ``docs/``, and no other page), the
nearest folder's template winning over one further up. Before 0.146.0 no such folder was read.
A page's path for this lookup is its path under the content folder (a mount's target in front),
without its ending or its language (``v1.2.md`` is ``v1.2``, ``setup.en.md`` ``setup``), lower
case and spaces made hyphens, as Hugo makes every path, the folders of ``layouts/`` too
(``layouts/Guides/`` serves ``content/guides/``). Its ``type`` (front matter or a section's
``cascade``), when it has one, stands in place of its section as written: a page of
``content/v2/`` with ``type: docs`` finds the templates of ``layouts/docs/_shortcodes/``; one with
``type: Docs`` none (Hugo does not lower-case a type, and every folder of ``layouts/`` is). A
template named for a language (``note.en.html``) serves that language's pages alone, over the
plain one of its folder. Partials have no such folders: Hugo reads them from
``layouts/_partials/`` (``layouts/partials/``) alone. After the site's own folders, Hugo looks in
those of each theme or module the site imports that is in the repository
(`stagemap.read.hugothemes`), the first collected first: here each theme's root shortcode folders
(``themes/basetheme/layouts/shortcodes/``) come before the site's, the theme named first
nearest, so that the site's template wins over a theme's, and a theme's over a later theme's.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..model.settings import Config
from ..read.hugothemes import site_themes, theme_candidates

Front = Mapping[str, Any] | None
"""A page's front matter, where its Hugo ``type`` is read (None: none)."""

ROOT_FOLDERS = (
    "layouts/_default/shortcodes",
    "layouts/shortcodes",
    "layouts/_default/_shortcodes",
    "layouts/_shortcodes",
)
"""The shortcode folders of every page (all one folder to Hugo 0.146): of a name in more than
one, the later folder's template is taken here (``_shortcodes`` over ``shortcodes``)."""
NESTED = "_shortcodes"
"""The name of a shortcode folder inside a page path's folder of ``layouts/`` (Hugo 0.146)."""
MOST_DEPTH = 8
"""Folders of a page path looked in at most (a path deeper than this is read to this depth)."""
MOST_FOLDERS = 2_000
"""Folders of ``layouts/`` walked at most when all shortcode folders are listed (`all_folders`)."""


def page_path(config: Config, rel: str, kind: str = "") -> str:
    """Return Hugo's path of the page whose file is ``rel`` (relative to the project) as its
    template lookup reads it (see the module docstring): lower case, no slash around it, its
    type ``kind`` in place of its section; "" for the home page or a file in no source."""
    folder, prefix = "", None
    for source in config.all_sources:
        try:
            here = source.path.relative_to(config.root).as_posix()
        except ValueError:
            continue
        here = "" if here == "." else here
        if (not here or rel.startswith(here + "/")) and (prefix is None or len(here) >= len(folder)):
            folder, prefix = here, source.id_prefix
    if prefix is None:
        return ""
    parts = [p for p in normal(prefix + rel[len(folder) :].lstrip("/")).split("/") if p]
    if not parts:
        return ""
    name = parts[-1].rpartition(".")[0] or parts[-1]  # (``v1.2.md``: ``v1.2``)
    stem, _, language = name.rpartition(".")
    name = stem if stem and language == site_language(config) else name  # (``setup.en.md``: ``setup``)
    top, bundle = len(parts) == 1, len(parts) == 2 and name == "index"
    section = "" if top or bundle else parts[0]  # (a bundle at the top, ``about/index.md``: none)
    base = parts[:-1] if name in ("index", "_index") else [*parts[:-1], name]
    kind = kind.strip()
    if kind and "/" not in kind and kind != section:  # as Hugo's ``BaseReTyped`` (not lower-cased)
        base = [kind] if top else [kind, *base] if bundle else [kind, *base[1:]]
    return "/".join(base)


def normal(path: str) -> str:
    """Return a path as Hugo makes it (``NormalizePathStringBasic``): lower case, spaces made hyphens."""
    return path.lower().replace(" ", "-")


def site_language(config: Config) -> str:
    """Return the site's default language (its ``default_language`` setting; Hugo's own: ``en``)."""
    return (config.rules.default_language or "en").lower()


def page_type(front: Mapping[str, Any]) -> str:
    """Return a page's ``type`` from its front matter (a key in any case, as Hugo reads it), or ""."""
    value = next((v for k, v in front.items() if isinstance(k, str) and k.lower() == "type"), "")
    return value if isinstance(value, str) else ""


def folders_for(root: Path, site: str, page: str) -> Iterator[str]:
    """Yield the shortcode folders (relative to the project) Hugo looks in for the page at
    ``page`` (`page_path`), furthest first (a template of a later folder wins): its themes'
    (`theme_folders`), the root ones, then the ``_shortcodes`` folder of each of the page path's
    folders of ``layouts/`` there is, each found by its name as Hugo makes it (`normal`)."""
    layouts = posixpath.join(site, "layouts") if site else "layouts"
    yield from theme_folders(root, site)
    yield from (posixpath.join(site, f) if site else f for f in ROOT_FOLDERS)
    here = [layouts]  # (``Docs/`` and ``docs/`` are one folder to Hugo: both are followed)
    for part in page.split("/")[:MOST_DEPTH] if page else ():
        here = [
            posixpath.join(folder, name) for folder in here for name in _children(root, folder).get(part, ())
        ]
        yield from (posixpath.join(folder, NESTED) for folder in here)


def theme_folders(root: Path, site: str) -> list[str]:
    """Return the root shortcode folders of the site's themes (relative to the project), the last
    theme Hugo looks in first (the templates of a later folder win)."""
    themes = reversed(site_themes(root / site if site else root))
    return [
        posixpath.join(site, theme, f) if site else posixpath.join(theme, f)
        for theme in themes
        for f in ROOT_FOLDERS
    ]


def _children(root: Path, folder: str) -> dict[str, tuple[str, ...]]:
    """Return the folders in ``folder`` whose names start with neither ``_`` nor ``.``, by their
    names as Hugo makes them (`normal`); listed again only when a file is added or removed."""
    try:
        mark: int | None = (root / folder).stat().st_mtime_ns
    except OSError:
        mark = None
    kept = _CHILDREN.get((root, folder))
    if kept is not None and kept[0] == mark:
        return kept[1]
    found: dict[str, tuple[str, ...]] = {}
    if mark is not None:
        with contextlib.suppress(OSError), os.scandir(root / folder) as entries:
            for name in sorted(e.name for e in entries if e.is_dir(follow_symlinks=False)):
                if not name.startswith(("_", ".")):
                    found[normal(name)] = (*found.get(normal(name), ()), name)
    _CHILDREN[(root, folder)] = (mark, found)
    return found


_CHILDREN: dict[tuple[Path, str], tuple[int | None, dict[str, tuple[str, ...]]]] = {}


def all_folders(root: Path, site: str) -> list[str]:
    """Return every shortcode folder of the site (relative to the project), the root ones first,
    then its themes' (`theme_folders`), then those in page paths' folders of ``layouts/``
    (`MOST_DEPTH` deep, `MOST_FOLDERS` walked at most), sorted: what a build's key and its watch
    look at."""
    layouts = posixpath.join(site, "layouts") if site else "layouts"
    found = [posixpath.join(site, f) if site else f for f in ROOT_FOLDERS] + theme_folders(root, site)
    nested: list[str] = []
    todo, walked = [(layouts, 0)], 0
    while todo and walked < MOST_FOLDERS:
        folder, depth = todo.pop()
        walked += 1
        try:
            with os.scandir(root / folder) as entries:
                names = sorted(e.name for e in entries if e.is_dir(follow_symlinks=False))
        except OSError:
            continue
        if depth and NESTED in names:
            nested.append(posixpath.join(folder, NESTED))
        if depth < MOST_DEPTH:
            todo += [(posixpath.join(folder, n), depth + 1) for n in names if not n.startswith((".", "_"))]
    return found + sorted(nested)


def watched_folders(generator: str, site: str, root: Path | None = None) -> tuple[str, ...]:
    """Return the folders (relative to the project) a preview watches for the site's shortcode
    templates: a Hugo site's whole ``layouts/``, where a template added to or taken from any
    shortcode folder (`all_folders`), or a new such folder, may change a page, and the
    ``layouts/`` of each of its themes (`theme_folders`) in the project at ``root``, there or
    not yet (a submodule checked out later brings its templates); else none."""
    if generator != "hugo":
        return ()
    layouts = posixpath.join(site, "layouts") if site else "layouts"
    themes = theme_candidates(root / site if site else root) if root is not None else ()
    return (layouts, *(posixpath.join(site, t, "layouts") if site else f"{t}/layouts" for t in themes))
