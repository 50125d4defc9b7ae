"""Where a Jekyll site's pages are and how it routes them, from its ``_config.yml``.

Jekyll reads the whole repository, but routes each kind of file its own way: posts
(``_posts/``, and a ``_posts/`` in any folder, whose folders above it are the posts' first
categories: ``news/_posts/`` is category ``news``) by the site's ``permalink`` (a style such as
``date`` or ``pretty``, or a pattern such as ``/blog/:year/:title/``), each collection
(``_name/``) by its own ``permalink``, else ``/name/`` and its path, and pages by their path,
with a trailing slash when the site's style ends in one (``pretty``), ``.html`` when it is
``date``, ``ordinal`` or ``none`` or ends in ``:output_ext``, and nothing more otherwise (an
``index`` page is its folder's route, ``/blog/``, whatever the style). Collections are published only with
``output: true``: the others are internal material here. Other folders whose name starts with
``_`` are neither read nor copied by Jekyll, unless its ``include`` list names them.
"""

from __future__ import annotations

import fnmatch
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..lazyre import lazy
from .owned import read_owned
from .urls import jekyll_pattern

OWN_FOLDERS = frozenset({"_includes", "_layouts", "_data", "_sass", "_site", "_plugins", "_drafts", "_posts"})
"""Folders Jekyll reads for its own purposes (partials, data, drafts): stagemap's presets sort them out."""
_STYLES_WITH_EXTENSION = frozenset({"date", "ordinal", "weekdate", "none"})
_SKIPPED = frozenset({"node_modules", "vendor", "_site"})
"""Folders searched for no ``_posts`` (nor is any whose name starts with ``.`` or ``_``)."""
DEEPEST_POSTS = 6
"""How many folders deep a ``_posts`` folder is looked for (``en/news/_posts`` is three)."""


@dataclass(frozen=True, slots=True)
class JekyllFolders:
    """The routes of a Jekyll site's kinds of files."""

    pages: str
    """URL pattern of the pages (files outside the folders below)."""
    folders: tuple[tuple[str, str, str], ...]
    """(folder, URL pattern, audience) of its posts and each collection, in that order."""
    ignored: tuple[str, ...]
    """Folders at the root that Jekyll neither reads nor copies (``_notes``), sorted."""
    nested: tuple[tuple[str, str], ...] = ()
    """(folder, URL pattern) of each ``_posts`` folder below another folder (``news/_posts``),
    sorted; the pattern has the folders above it in front of the posts' ``{categories}``."""


def jekyll_folders(root: Path, data: dict[str, Any]) -> JekyllFolders:
    """Return how the Jekyll site in ``root`` (whose settings are ``data``) routes its files."""
    given = data.get("permalink")
    style = given if isinstance(given, str) and given else "date"
    pretty = style == "pretty" or (style not in _STYLES_WITH_EXTENSION and style.endswith("/"))
    # Jekyll's suffix of a page's route by the style: ``/`` (pretty), ``.html``, or none at all.
    ending = (
        "/"
        if pretty
        else ".html"
        if style in ("date", "ordinal", "none") or style.endswith(":output_ext")
        else ""
    )
    base = str(data.get("collections_dir") or "").strip("/")
    folders: list[tuple[str, str, str]] = []
    posts = _inside(base, "_posts")
    collections = _collections(data.get("collections"))
    own = collections.pop("posts", {}).get("permalink")
    posts_url = jekyll_pattern(own if isinstance(own, str) else style, "posts")
    if (root / posts).is_dir():
        folders.append((posts, posts_url, ""))
    for name, meta in collections.items():
        folder = _inside(base, "_" + name)
        if not (root / folder).is_dir() or name == "posts":
            continue
        if meta.get("output") is not True:
            folders.append((folder, "", "internal"))  # never published: material for the team
            continue
        own = meta.get("permalink")
        default = f"/{name}/{{path}}/" if pretty else f"/{name}/{{file}}{ending}"
        folders.append((folder, jekyll_pattern(own, name) if isinstance(own, str) else default, ""))
    included = {str(n).strip("/") for n in data.get("include") or () if isinstance(n, str)}
    read = {f.split("/")[0] for f, _, _ in folders} | included | OWN_FOLDERS | {base}
    ignored = tuple(
        sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.startswith("_") and p.name not in read)
    )
    # Jekyll makes the folders above a _posts folder its posts' first categories.
    skip = read | {base, *_SKIPPED}  # by name anywhere, or by path from the root
    nested = tuple((f, _categorised(posts_url, f.rpartition("/_posts")[0])) for f in nested_posts(root, skip))
    return JekyllFolders("/{path}/" if pretty else "/{file}" + ending, tuple(folders), ignored, nested)


def nested_posts(root: Path, skip: set[str]) -> list[str]:
    """Return the ``_posts`` folders below other folders of the site in ``root`` (relative to it,
    sorted), but in the folders ``skip`` names (by their name, or their path from ``root``)."""
    found: list[str] = []

    def visit(folder: Path, rel: str, depth: int) -> None:
        try:
            entries = sorted(e for e in folder.iterdir() if e.is_dir() and not e.is_symlink())
        except OSError:
            return
        for entry in entries:
            name = entry.name
            inner = f"{rel}/{name}" if rel else name
            if name == "_posts" and rel:
                found.append(inner)
            elif depth < DEEPEST_POSTS and not name.startswith((".", "_")) and not {name, inner} & skip:
                visit(entry, inner, depth + 1)

    visit(root, "", 1)
    return found


def _categorised(pattern: str, folders: str) -> str:
    """Return a posts' URL pattern with ``folders`` (``en/news``) in front of their own categories."""
    return pattern.replace("{categories}", folders.lower() + "/{categories}")  # Jekyll's are lower case


def _inside(base: str, name: str) -> str:
    return f"{base}/{name}" if base else name


def _collections(value: Any) -> dict[str, dict[str, Any]]:
    """Return the ``collections`` setting as name -> settings (a list names collections without any)."""
    if isinstance(value, list):
        return {str(name): {} for name in value if isinstance(name, str)}
    if isinstance(value, dict):
        return {str(k): v if isinstance(v, dict) else {} for k, v in value.items()}
    return {}


def jekyll_included(source: Path) -> frozenset[str]:
    """Return the names the ``include`` list of the Jekyll site holding the folder ``source`` (its
    ``_config.yml`` there or in a folder above, three at most) names: Jekyll reads such a file or
    folder though its name starts with ``_`` (``include: [_pages, _redirects]``)."""
    for folder in (source, *list(source.parents)[:3]):
        data = read_owned(folder / "_config.yml", 1 << 20)
        if data is None:
            continue
        try:
            config = yaml.safe_load(data.decode("utf-8-sig", "replace"))
        except yaml.YAMLError:
            return frozenset()
        names = config.get("include") if isinstance(config, dict) else None
        return (
            frozenset(str(n).strip("/") for n in names if isinstance(n, str))
            if isinstance(names, list)
            else frozenset()
        )
    return frozenset()


def exclude_entries(data: dict[str, Any]) -> list[str]:
    """Return the entries of a Jekyll site's own ``exclude`` list, without a leading slash (Jekyll
    reads each from the site's folder), a trailing one kept (a folder's)."""
    own = data.get("exclude")
    found = [e.strip().lstrip("/") for e in own if isinstance(e, str)] if isinstance(own, list) else []
    return [e for e in found if e.strip("/")]


def excluded(path: str, entries: list[str], folder: bool = False) -> bool:
    """Whether Jekyll leaves out the file (or, with ``folder``, the folder) at ``path`` under its
    site's folder, as its EntryFilter decides on each entry it walks past: an entry's glob matches
    the whole path, ``*`` crossing folders (``File.fnmatch?`` without flags), or the path starts
    with the entry as written (``notes`` leaves out ``notes-old.md``), or the entry names the
    folder with a slash after it. (A folder left out takes what it holds with it: see `outside`.)"""
    for entry in entries:
        if fnmatch.fnmatchcase(path, entry) or path.startswith(entry) or (folder and entry == path + "/"):
            return True
    return False


def outside(path: str, entries: list[str]) -> bool:
    """Whether Jekyll leaves out the folder at ``path``, or one of the folders it is in."""
    parts = path.strip("/").split("/")
    return any(excluded("/".join(parts[: i + 1]), entries, folder=True) for i in range(len(parts)))


def exclude_globs(entry: str) -> list[str]:
    """Return gitignore-style globs, anchored at the site's folder, that leave out what the
    ``exclude`` entry ``entry`` does (`excluded`): the entry, each ``*`` in it also crossing
    folders (``*.wip.md`` is also ``/*/**/*.wip.md``: ``guides/later.wip.md``), and, for an entry
    with no glob in it, any name it starts (``/notes*``)."""
    if not _GLOB.search(entry):
        return [f"/{entry}" if entry.endswith("/") else f"/{entry}*"]
    pieces = _LONE_STAR.split(entry)
    if len(pieces) > 4:  # more than three stars: within a folder, or each crossing folders
        return [f"/{entry}", "/" + "*/**/*".join(pieces)]
    found: list[str] = []
    for stars in itertools.product(("*", "*/**/*"), repeat=len(pieces) - 1):
        joined = pieces[0] + "".join(star + piece for star, piece in zip(stars, pieces[1:], strict=True))
        found.append("/" + joined)
    return list(dict.fromkeys(found))


_GLOB = lazy(r"[*?\[]")
_LONE_STAR = lazy(r"(?<!\*)\*(?!\*)(?!$)")
"""A ``*`` that may cross folders where Jekyll reads it (not one of ``**``, read as gitignore
reads it, nor one ending the entry, where the folder it matches takes its contents along)."""
