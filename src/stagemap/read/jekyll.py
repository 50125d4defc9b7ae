"""Where a Jekyll site's pages are and how it routes them, from its ``_config.yml``.

Jekyll reads the whole repository, but routes each kind of file its own way: posts
(``_posts/``) by the site's ``permalink`` (a style such as ``date`` or ``pretty``, or a pattern
such as ``/blog/:year/:title/``), each collection (``_name/``) by its own ``permalink``, else
``/name/`` and its path, and pages by their path, with a trailing slash when the site's style
ends in one (``pretty``) and ``.html`` otherwise. Collections are published only with
``output: true``: the others are internal material here. Other folders whose name starts with
``_`` are neither read nor copied by Jekyll, unless its ``include`` list names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .urls import jekyll_pattern

OWN_FOLDERS = frozenset({"_includes", "_layouts", "_data", "_sass", "_site", "_plugins", "_drafts", "_posts"})
"""Folders Jekyll reads for its own purposes (partials, data, drafts): stagemap's presets sort them out."""
_STYLES_WITH_EXTENSION = frozenset({"date", "ordinal", "weekdate", "none"})


@dataclass(frozen=True, slots=True)
class JekyllFolders:
    """The routes of a Jekyll site's kinds of files."""

    pages: str
    """URL pattern of the pages (files outside the folders below)."""
    folders: tuple[tuple[str, str, str], ...]
    """(folder, URL pattern, audience) of its posts and each collection, in that order."""
    ignored: tuple[str, ...]
    """Folders at the root that Jekyll neither reads nor copies (``_notes``), sorted."""


def jekyll_folders(root: Path, data: dict[str, Any]) -> JekyllFolders:
    """Return how the Jekyll site in ``root`` (whose settings are ``data``) routes its files."""
    given = data.get("permalink")
    style = given if isinstance(given, str) and given else "date"
    pretty = style == "pretty" or (style not in _STYLES_WITH_EXTENSION and style.endswith("/"))
    base = str(data.get("collections_dir") or "").strip("/")
    folders: list[tuple[str, str, str]] = []
    posts = _inside(base, "_posts")
    collections = _collections(data.get("collections"))
    if (root / posts).is_dir():
        own = collections.pop("posts", {}).get("permalink")
        folders.append((posts, jekyll_pattern(own if isinstance(own, str) else style, "posts"), ""))
    for name, meta in collections.items():
        folder = _inside(base, "_" + name)
        if not (root / folder).is_dir() or name == "posts":
            continue
        if meta.get("output") is not True:
            folders.append((folder, "", "internal"))  # never published: material for the team
            continue
        own = meta.get("permalink")
        default = f"/{name}/{{path}}/" if pretty else f"/{name}/{{file}}.html"
        folders.append((folder, jekyll_pattern(own, name) if isinstance(own, str) else default, ""))
    included = {str(n).strip("/") for n in data.get("include") or () if isinstance(n, str)}
    read = {f.split("/")[0] for f, _, _ in folders} | included | OWN_FOLDERS | {base}
    ignored = tuple(
        sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.startswith("_") and p.name not in read)
    )
    return JekyllFolders("/{path}/" if pretty else "/{file}.html", tuple(folders), ignored)


def _inside(base: str, name: str) -> str:
    return f"{base}/{name}" if base else name


def _collections(value: Any) -> dict[str, dict[str, Any]]:
    """Return the ``collections`` setting as name -> settings (a list names collections without any)."""
    if isinstance(value, list):
        return {str(name): {} for name in value if isinstance(name, str)}
    if isinstance(value, dict):
        return {str(k): v if isinstance(v, dict) else {} for k, v in value.items()}
    return {}
