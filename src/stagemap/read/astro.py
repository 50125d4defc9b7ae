"""What an Astro site's configuration (code, never run) says about its pages: Starlight's routes.

Starlight, Astro's documentation theme, serves its ``docs`` collection from the site root:
``src/content/docs/guides/setup.md`` is ``/guides/setup/``, not ``/docs/guides/setup/`` as
Astro's usual reading of ``src/content`` would have it, and a page's ``slug`` is its whole
route (the URL pattern name ``{entry}``). A site in several languages keeps
each translation in a folder named after its locale (``de/``, ``zh-cn/``), beside the default
language's pages (the ``root`` locale) or beside its folder (``defaultLocale: 'en'``, served
under ``/en/``). The locales are found as keys of the configuration that name such a folder.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Protocol, TypeVar

from ..lazyre import lazy
from .astroimports import imported_code
from .jsdata import blanked, depths, object_entries, shaped
from .owned import read_owned

S = TypeVar("S")


class _Routed(Protocol):
    @property
    def url(self) -> str: ...


R = TypeVar("R", bound=_Routed)
StarlightDocs = tuple[str, str, tuple[str, ...], tuple[str, ...]]
"""(folder, URL pattern, excluded globs, translations' folders) of a Starlight site's pages."""

CONFIG_FILES = tuple(f"astro.config.{end}" for end in ("mjs", "js", "ts", "mts", "cjs", "cts"))
"""The names Astro looks for its configuration under."""
STARLIGHT = lazy(r"""['"]@astrojs/starlight['"]""")
"""The import that makes an Astro site a Starlight one."""
DOCS = "src/content/docs"
"""Starlight's content collection, served from the site root."""
_LOCALE_KEY = lazy(r"""^[ \t]*(['"]?)(root|[a-z]{2,3}(?:-[a-z0-9]{2,8})*)\1[ \t]*:[ \t]*\{""", re.M | re.I)
"""A key of the ``locales`` object: ``de: { label: 'Deutsch' }``, ``'zh-cn': {...}``, ``root: {...}``."""
_DEFAULT_LOCALE = lazy(r"""\bdefaultLocale\s*:\s*['"]([^'"]+)['"]""")


def starlight_docs(root: Path, code: str) -> StarlightDocs | None:
    """Return where a Starlight site's pages are and how they are served, or None when the site
    is not one (or has no ``src/content/docs``)."""
    docs = root / DOCS
    if not STARLIGHT.search(code) or not docs.is_dir():
        return None
    keys = {m.group(2).lower() for part in _locales(root, code) for m in _LOCALE_KEY.finditer(part)}
    languages = sorted(p.name for p in docs.iterdir() if p.is_dir() and p.name.lower() in keys)
    default = _DEFAULT_LOCALE.search(code)
    if "root" not in keys and default and default.group(1) in languages:
        name = default.group(1)
        others = tuple(f"{DOCS}/{n}/" for n in languages if n != name)
        return f"{DOCS}/{name}", f"/{name}/{{entry}}/", (), others
    return DOCS, "/{entry}/", tuple(f"/{n}/" for n in languages), tuple(f"{DOCS}/{n}/" for n in languages)


_LOCALES = lazy(r"\blocales\s*[:=]\s*\{")
"""Where the ``locales`` object starts: ``locales: {`` in the options, or ``const locales = {``."""
_NAMED = lazy(r"\blocales\s*(?::\s*([A-Za-z_$][\w$]*)\s*)?[,}\n]")
"""``locales: localesConfig`` (an object named elsewhere), or ``locales,`` (the constant ``locales``)."""
_ENDINGS = ("", ".ts", ".mts", ".mjs", ".js", "/index.ts", "/index.js")
"""How an import names a module file: as it is, or without its ending (TypeScript's way)."""


def _locales(root: Path, code: str) -> list[str]:
    """Return the text of each ``locales`` object in the configuration (its keys name the locales;
    a key elsewhere, ``api: {``, is none), or of the object it names, in the file or imported
    from one of the site's own files (``import { localesConfig } from './config/locales'``)."""
    code = blanked(code)  # comments say anything
    found = [_object_at(code, start.end() - 1) for start in _LOCALES.finditer(code)]
    if found:
        return found
    for named in _NAMED.finditer(code):
        found = _named_locales(root, code, named.group(1) or "locales")
        if found:
            return found
    return []


def _named_locales(root: Path, code: str, name: str) -> list[str]:
    """Return the text of the object literal ``name`` is set to: in ``code``, or in the site's own
    file it is imported from (none: [])."""
    text = _defined(code, name)
    if text is not None:
        return [text]
    given = re.escape(name)
    source = r"""\s*from\s*(['"])(\.{1,2}/[^'"\n]+)\1"""
    named_import = re.search(rf"\bimport\s*\{{[^}}]*\b{given}\b[^}}]*\}}{source}", code)
    default_import = re.search(rf"\bimport\s+{given}{source}", code)
    imported = named_import or default_import
    module = posixpath.normpath(imported.group(2)) if imported is not None else ".."
    if module.startswith(".."):
        return []  # none, or not one of the site's own files
    for ending in _ENDINGS:
        other = _code(root / (module + ending))
        if other is not None:
            text = _defined(other, name) if named_import is not None else _default_object(other)
            return [text] if text is not None else []
    return []


def _defined(code: str, name: str) -> str | None:
    """Return the text of the object literal the constant ``name`` is set to in ``code``, or None."""
    found = re.search(rf"\b(?:const|let|var)\s+{re.escape(name)}\b[^=;]*=\s*\{{", code)
    return _object_at(code, found.end() - 1) if found is not None else None


def _default_object(code: str) -> str | None:
    """Return the text of the object literal a module exports by default, or None."""
    found = re.search(r"\bexport\s+default\s*\{", code)
    return _object_at(code, found.end() - 1) if found is not None else None


def _object_at(code: str, at: int) -> str:
    """Return what the braces opening at ``at`` hold (to the end when they never close)."""
    depth, i = 0, at
    while i < len(code):
        depth += {"{": 1, "}": -1}.get(code[i], 0)
        if depth == 0:
            break
        i += 1
    return code[at + 1 : i]


# -- content collections and the pages that route them --------------------------------------
#
# An Astro site's content collection is no page by itself: a page with a route parameter
# (``src/pages/blog/[...slug].astro``) lists the collection (``getCollection('blog')``) and
# makes a page of each entry. Its folder under src/pages is the collections' route, and each
# entry's part of it is the entry's ``slug`` or its path (``{entry}``), whatever folder the
# collection keeps its files in (a ``blog`` collection in ``src/content/posts/en/``, with a
# ``slug`` in each file, is served at ``/blog/<slug>/``).

CONTENT_CONFIGS = tuple(
    f"src/{name}.{ending}"
    for name in ("content.config", "content/config")
    for ending in ("ts", "mts", "js", "mjs")
)
"""Where an Astro site declares its collections (Astro 5's file first, then the older one)."""
PAGES = "src/pages"
ASTRO_CONTENT = "src/content"
"""The folder of an Astro site's collections (as a source, it keeps its files' ids as they are there)."""
_DEFINED = lazy(r"\b(?:const|let|var)\s+([\w$]+)\s*=\s*defineCollection\s*\(")
_BASE = lazy(r"""\bbase\s*:\s*(['"`])([^'"`$\n]+)\1""")
_COLLECTIONS = lazy(r"\b(?:const|let|var)\s+collections\b[^=;]*=\s*\{")
"""``export const collections = {``, a type annotation (``: Record<...>``) allowed."""
_MEMBER = lazy(r"""\s*(['"]?)([\w$-]+)\1\s*(?::\s*(.*))?""", re.S)
_VARIABLE = lazy(r"[A-Za-z_$][\w$]*")
_INLINE = lazy(r"defineCollection\s*\(")
_LISTED = lazy(r"""\bgetCollection\s*\(\s*(['"`])([\w-]+)\1""")
_PARAMETER = lazy(r"^\[(?:\.\.\.)?([A-Za-z_$][\w$]*)\]$")
_ENTRY_PARAMETERS = frozenset({"slug", "id", "path", "entry"})
"""Names a route parameter standing for an entry usually has (``[tag]`` lists entries by tag)."""
LARGEST = 1 << 20
"""Bytes of a configuration or page file read at most: code that long is no hand-written page."""


def collection_routes(root: Path, folders: dict[str, str] | None = None) -> dict[str, str]:
    """Return the URL pattern of each content collection a page of the Astro site in ``root``
    routes, by the collection's folder (relative to ``root``, ``/``-separated); ``folders``:
    the collections' folders by name (`_collection_folders`, when not given).

    A collection that no page routes, or that two pages route equally well, is left out.
    """
    folders = _collection_folders(root) if folders is None else folders
    candidates: dict[str, list[tuple[tuple[int, int, int], str]]] = {}
    for parts, parameter, code in _routing_pages(root / PAGES):
        for name in dict.fromkeys(m.group(2) for m in _LISTED.finditer(code)):
            if name not in folders:
                continue
            folder_name = folders[name].rpartition("/")[2]
            named = bool(parts) and parts[-1] in (name, folder_name)
            if not named and parameter not in _ENTRY_PARAMETERS:
                continue  # ``tags/[tag].astro`` lists the entries of a tag, no entry's page
            rank = (0 if named else 1, 0 if parameter in _ENTRY_PARAMETERS else 1, len(parts))
            route = "/" + "".join(p + "/" for p in parts) + _param_prefix(code)
            candidates.setdefault(name, []).append((rank, route))
    found = {}
    inside = root.resolve()
    for name, ranked in candidates.items():
        best = min(rank for rank, _ in ranked)
        routes = {route for rank, route in ranked if rank == best}
        if len(routes) == 1 and _readable(root, folders[name], inside):
            found[folders[name]] = routes.pop() + "{entry}/"
    return dict(sorted(found.items()))


_PREFIXED = lazy(
    r"""`([\w.-]+(?:/[\w.-]+)*/)\$\{\s*[\w$]+(?:\.data)?\.(?:slug|id)\s*\}`"""
    r"""|(['"])([\w.-]+(?:/[\w.-]+)*/)\2\s*\+\s*[\w$]+(?:\.data)?\.(?:slug|id)\b(?!\s*\+)"""
)
"""A route parameter made of folders before an entry's slug or id: `` `docs/${entry.slug}` ``,
``'docs/' + entry.slug`` (Drizzle's docs serve their collection under /docs/ so)."""
_TRAILING = lazy(r"""\bformat\s*:\s*['"]file['"]|\btrailingSlash\s*:\s*['"]never['"]""")


_PARAMS = lazy(r"\bparams\s*:\s*\{")


def _param_prefix(code: str) -> str:
    """Return the folders a routing page's code puts before each entry's slug in its route
    parameter (`_PREFIXED`, in a ``params: {...}`` it returns), when it puts the same ones
    everywhere it makes one; else "" (a template string elsewhere, an edit link, is no route)."""
    found = {
        m.group(1) or m.group(3)
        for params in _PARAMS.finditer(code)
        for m in _PREFIXED.finditer(_object_at(code, params.end() - 1))
    }
    return found.pop() if len(found) == 1 else ""


def without_slash(found: list[R], code: object) -> list[R]:
    """Return an Astro site's sources ``found`` with the trailing slash off their URL patterns
    when its configuration ``code`` serves its pages without one: ``build: {format: 'file'}``
    (it writes ``/x.html``, served as ``/x``) or ``trailingSlash: 'never'``."""
    if not isinstance(code, str) or _TRAILING.search(blanked(code)) is None:
        return found
    return [replace(s, url=s.url.removesuffix("/")) if s.url.endswith("}/") else s for s in found]  # type: ignore[type-var]


def _readable(root: Path, folder: str, inside: Path) -> bool:
    """Whether ``folder`` is a folder of the site ``inside`` (resolved), reached through no link."""
    try:
        linked = any((root / p).is_symlink() for p in _steps(folder))
        return (root / folder).is_dir() and not linked and (root / folder).resolve().is_relative_to(inside)
    except (OSError, RuntimeError):  # a name too long for the system, a loop of links
        return False


def _own_folder(root: Path, folder: str) -> bool:
    """Whether a collection's ``folder`` may be a source of its own when no page routes it: not
    in or above the folders read as a whole (src/content, src/pages), nor named as a folder of
    src/content is (its id prefix would be theirs)."""
    whole = (ASTRO_CONTENT, PAGES)
    if any(folder == w or w.startswith(folder + "/") or folder.startswith(w + "/") for w in whole):
        return False
    return "/" in folder or not (root / ASTRO_CONTENT / folder).exists()


def _steps(folder: str) -> list[str]:
    """Return each folder on the way to ``folder`` (``a``, ``a/b``, ``a/b/c``)."""
    parts = folder.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def routed_collections(root: Path, skip: str = "") -> list[tuple[str, str, str, bool]]:
    """Return the collections of `collection_routes` but the one in ``skip`` (Starlight's docs):
    (folder, URL pattern, id prefix, whether it comes before the site's own sources), the
    prefix its path in src/content, else its folder's name (its path, ``-``-joined, when
    src/content has a folder of that name). A collection comes first when a folder read
    after it may hold it (src/content; Starlight's docs folder), else after Starlight's
    docs, which keep their ids. A collection configured in a folder of its own outside
    src/content that no page routes (AstroWind's posts, in src/data/post, routed in code)
    is read all the same, its pages with no address known."""
    found = []
    folders = _collection_folders(root)
    routes = collection_routes(root, folders)
    site = root.resolve()
    for folder in folders.values():
        if folder not in routes and _readable(root, folder, site) and _own_folder(root, folder):
            routes[folder] = ""
    # A collection in another's folder first: a file is read by the first source holding it.
    for folder in sorted(routes, key=lambda f: (-f.count("/"), f)):
        url = routes[folder]
        if folder == skip:
            continue
        inside = folder.removeprefix(ASTRO_CONTENT + "/") if folder.startswith(ASTRO_CONTENT + "/") else ""
        name = folder.rpartition("/")[2]
        prefix = inside or (name if not (root / ASTRO_CONTENT / name).exists() else folder.replace("/", "-"))
        found.append((folder, url, prefix + "/", not skip or folder.startswith(skip + "/")))
    return found


def arranged(
    found: list[S], routed: list[tuple[str, str, str, bool]], make: Callable[..., S], starlight: bool
) -> list[S]:
    """Return a site's sources ``found`` with its routed collections (`routed_collections`),
    each made a source by ``make(folder, url, id_prefix=...)``: those to come first before them
    all, the others after Starlight's docs (``starlight``: the first of ``found``)."""
    head = 1 if starlight else 0
    made = [(make(folder, url, id_prefix=prefix), first) for folder, url, prefix, first in routed]
    return [
        *(s for s, first in made if first),
        *found[:head],
        *(s for s, first in made if not first),
        *found[head:],
    ]


def _collection_folders(root: Path) -> dict[str, str]:
    """Return each collection's folder by its name: a glob loader's ``base``, else (the older
    content collections) ``src/content/<name>``. With no configuration, or one whose
    collections cannot be read, every folder of src/content is a collection of its name."""
    text = next((t for name in CONTENT_CONFIGS if (t := _code(root / name)) is not None), None)
    found = _configured(text) if text is not None else {}
    if not found:
        content = root / ASTRO_CONTENT
        names = sorted(p.name for p in content.iterdir() if p.is_dir()) if content.is_dir() else []
        return {name: f"{ASTRO_CONTENT}/{name}" for name in names}
    return found


def _configured(text: str) -> dict[str, str]:
    """Return the collections a content configuration exports, by name, with their folders."""
    code = blanked(text)
    shape = shaped(code)
    depth = depths(shape)
    bases = {
        m.group(1): _base(code, shape, m.end() - 1) for m in _DEFINED.finditer(shape) if not depth[m.start()]
    }
    listed = [m for m in _COLLECTIONS.finditer(shape) if not depth[m.start()]]
    if not listed:
        return {}
    folders = {}
    for begin, end in object_entries(shape, listed[-1].end() - 1):
        member = _MEMBER.fullmatch(code[begin:end])
        if member is None:
            continue
        name, written = member.group(2), member.group(3) or member.group(2)
        value = written.strip()
        inline = _INLINE.match(value)  # ``blog: defineCollection({...})``, written in place
        if inline is not None and member.group(3) is not None:
            at = begin + member.start(3) + (len(written) - len(written.lstrip()))
            base = _base(code, shape, at + inline.end() - 1)
        elif _VARIABLE.fullmatch(value) and value in bases:
            base = bases[value]
        else:
            continue
        folder = posixpath.normpath(base.replace("\\", "/")) if base else ""
        if folder.startswith(("/", "../")) or folder in (".", "..", ASTRO_CONTENT, PAGES):
            continue  # outside the site's folder, or a folder read as a whole: no source of its own
        folders[name] = folder or f"{ASTRO_CONTENT}/{name}"
    return folders


def _base(code: str, shape: str, opening: int) -> str:
    """Return the ``base`` folder written in the call whose ``(`` is at ``opening`` ("": none)."""
    depth, end = 0, len(shape)
    for i in range(opening, len(shape)):
        depth += {"(": 1, ")": -1}.get(shape[i], 0)
        if depth == 0:
            end = i
            break
    found = _BASE.search(code, opening, end)
    return found.group(2) if found else ""


def _routing_pages(pages: Path) -> list[tuple[tuple[str, ...], str, str]]:
    """Return each page of ``pages`` with one route parameter, its last part (``blog/[slug].astro``,
    ``blog/[...slug]/index.astro``), that is no list of pages (``paginate``): the static
    parts of its route, the parameter's name and the page's code. Links are not followed."""
    found = []
    for folder, dirs, files in os.walk(pages):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        here = Path(folder)
        for name in sorted(files):
            if not name.endswith(".astro") or (here / name).is_symlink():
                continue
            parts = (here / name).relative_to(pages).with_suffix("").parts
            parts = parts[:-1] if parts[-1] == "index" and len(parts) > 1 else parts
            last = _PARAMETER.match(parts[-1])
            if last is None or any("[" in p for p in parts[:-1]):
                continue
            code = _code(here / name)
            if code is not None and "paginate(" not in code:
                # (One that lists no collection itself may call a module that does: read it too.)
                helpers = (
                    imported_code(pages.parent.parent, here, code, _code) if not _LISTED.search(code) else ""
                )
                found.append((parts[:-1], last.group(1), code + helpers))
    return found


def _code(path: Path) -> str | None:
    """Return the text of a code file of the site, or None when it is not there, is a link,
    no regular file or too long (read as stagemap reads its own files: `read_owned`)."""
    data = read_owned(path, LARGEST)
    return data.decode("utf-8", errors="replace") if data is not None else None
