"""Folders of a site's translations: a folder named for a language whose pages are those of
its parent folder, at the same paths (``_articles/de/best-practices.md`` beside
``_articles/best-practices.md``).

Hugo names its languages in its configuration and Starlight by its locales
(`stagemap.read.detect`); a Jekyll, Gatsby, Eleventy or Docusaurus site often just keeps
each language in a folder of its own. Such a folder's pages translate the others: read, each
page would count once per language, and coverage would say a topic is covered ten times
where it is covered once. A folder counts as a translation when its name is a language's
code (ISO 639-1's and a few more, maybe with a country or a script: ``de``, ``pt-br``,
``zh_Hans``) and at least two of its content files, and at least half, have a file of the
same path in the parent folder (a folder's own ``index`` or ``README`` page is no twin: every
folder has one). Only the folders directly in a source folder are looked at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from .globs import GlobSet

_CODES = """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la
    lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj
    om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv
    sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    ast ckb fil haw pcm yue"""
_ISO_639_1 = frozenset(_CODES.split())
"""Languages' codes: ISO 639-1's, and the three-letter codes sites use for languages it lacks."""
_LANGUAGE = lazy(r"([a-z]{2,3})(?:[-_](?:[a-z]{2}|\d{3}|hans|hant|latn|cyrl|arab|deva))?", re.I)
"""A language's folder: its code, maybe a country (``pt-br``, ``es_419``) or a script (``zh-Hans``)."""
_INDEX = lazy(r"(?:^|/)(?:_?index|readme)\.[^/]*$", re.I)
"""A folder's own page (``index.md``, ``_index.md``, ``README.md``): every folder has one, twin or not."""
Folders = Callable[[Path, tuple[str, ...], Callable[[str], bool]], list[str]]
"""Finds the folders under a source's folder (given with the content files' endings) not to read,
never looking into a folder the last argument names (its path in the source folder: one the
source leaves out, or another source)."""
DEEPEST = 24
"""Folders below a candidate looked into: a tree deeper than that holds no translation (and
Python's walk of a very deep tree would fail)."""


def without_translations(
    root: Path, sources: Iterable[Any], extensions: tuple[str, ...], folders: Folders | None = None
) -> tuple[Any, ...]:
    """Return ``sources`` (`stagemap.read.detect.FoundSource`) with each one's translation
    folders excluded (``/de/``), then those folders relative to ``root`` (``_articles/de/``).
    A folder that is, or holds, another source, or that the source excludes already, is left
    as it is. With ``folders``, the same of the folders it finds in a source's folder (older
    versions, `stagemap.read.versions.version_folders`)."""
    sources = list(sources)
    kept: list[Any] = []
    found: list[str] = []
    named = folders or translation_folders
    for source in sources:
        others = [s.path for s in sources if s is not source]
        left = _left_out(source.exclude)
        names = [
            name
            for name in named(root / source.path, extensions, _apart(source.path, others, left))
            if not any(_within(other, _joined(source.path, name)) for other in others) and not left(name)
        ]
        kept.append(
            replace(source, exclude=(*source.exclude, *(f"/{n}/" for n in names))) if names else source
        )
        found += [_joined(source.path, n) + "/" for n in names]
    return tuple(kept), tuple(found)


def _apart(folder: str, others: list[str], left: Callable[[str], bool]) -> Callable[[str], bool]:
    """Return whether a folder of the source at ``folder`` (its path in it) is not looked into:
    one the source leaves out (``left``), or one of the ``others`` sources (read on its own)."""
    return lambda name: left(name) or _joined(folder, name) in others


def _left_out(exclude: tuple[str, ...]) -> Callable[[str], bool]:
    """Return whether a source whose globs are ``exclude`` leaves a folder (its path in it) out
    already: named there (``/de/``), or inside a folder it leaves out (Jekyll's ``_site/``), with
    no glob after that one taking back files inside it (a Hugo mount's ``/**`` leaves out every
    folder, but ``!/docs/*/**/*.md`` after it keeps the pages of ``docs/3.1/``)."""
    try:
        globs = GlobSet.of(exclude)
    except ValueError:
        return lambda name: False
    return globs.left_out


def unsuffixed(sub: str, language: str) -> str:
    """Return the path ``sub`` without ``language`` before its ending (``guide/setup.en.md`` is
    ``guide/setup.md`` for ``en``); a path naming no language, or another one, as it is."""
    folder, slash, name = sub.rpartition("/")
    stem, dot, ending = name.rpartition(".")
    base, _, named = stem.rpartition(".")
    if not language or not dot or not base or named.lower() != language.lower():
        return sub
    return f"{folder}{slash}{base}.{ending}"


def _joined(folder: str, name: str) -> str:
    return name if folder == "." else f"{folder}/{name}"


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder + "/")


def is_language(name: str) -> bool:
    """Whether a folder's ``name`` is a language's code (``de``, ``pt-br``, ``zh_Hans``)."""
    named = _LANGUAGE.fullmatch(name)
    return named is not None and named.group(1).lower() in _ISO_639_1


def translation_folders(
    folder: Path, extensions: tuple[str, ...], apart: Callable[[str], bool] = lambda name: False
) -> list[str]:
    """Return the names of the folders directly in ``folder`` that hold its pages' translations,
    sorted; none that ``apart`` names."""
    return twin_folders(folder, extensions, lambda name: is_language(name) and not apart(name))


def sibling_sites(project: Path, folder: str, config_file: str) -> list[str]:
    """Return the folders beside a site's ``folder`` (in ``project``, ``/``-separated) that hold
    the same site in another language: named for a language, as the site's folder is, each with
    its own ``config_file`` (FastAPI's ``docs/es/`` beside ``docs/en/``), sorted."""
    parent, _, own = folder.rpartition("/")
    if not is_language(own):
        return []
    try:
        with os.scandir(project / parent) as listed:
            names = sorted(e.name for e in listed if e.is_dir(follow_symlinks=False))
    except OSError:
        return []
    found = [
        n for n in names if n != own and is_language(n) and (project / parent / n / config_file).is_file()
    ]
    return [f"{parent}/{n}/" if parent else f"{n}/" for n in found]


def twin_folders(folder: Path, extensions: tuple[str, ...], named: Callable[[str], bool]) -> list[str]:
    """Return the names of the folders directly in ``folder`` that ``named`` accepts and whose
    pages, at least two and at least half of them, have a file of the same path in ``folder``."""
    try:
        with os.scandir(folder) as listed:
            entries = sorted(listed, key=lambda e: e.name)
    except OSError:
        return []
    found = []
    for entry in entries:
        if not named(entry.name) or not entry.is_dir(follow_symlinks=False):
            continue
        pages = own_pages(Path(entry.path), extensions)
        twins = sum((folder / page).is_file() for page in pages)
        if twins >= 2 and 2 * twins >= len(pages):
            found.append(entry.name)
    return found


def own_pages(folder: Path, extensions: tuple[str, ...]) -> list[str]:
    """Return the content files under ``folder`` but its folders' own pages (``index.md``,
    ``README.md``: every folder has one), relative to it (``/``-separated)."""
    return [page for page in _pages(folder, extensions) if not _INDEX.search(page)]


def holds_page(folder: Path, extensions: tuple[str, ...]) -> bool:
    """Whether a content file is under ``folder``: found as soon as one is, no link to a folder
    followed (nor ``folder`` itself, if it is one), no deeper than `DEEPEST` folders."""
    if folder.is_symlink():
        return False
    todo = [(str(folder), 0)]
    while todo:
        path, depth = todo.pop()
        try:
            with os.scandir(path) as listed:
                entries = list(listed)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name == "node_modules":
                continue
            if entry.is_dir(follow_symlinks=False):
                todo += [(entry.path, depth + 1)] if depth + 1 < DEEPEST else []
            elif entry.name.lower().endswith(extensions) and entry.is_file(follow_symlinks=False):
                return True
    return False


def _pages(folder: Path, extensions: tuple[str, ...]) -> list[str]:
    """Return the content files under ``folder``, relative to it (``/``-separated)."""
    found = []
    for base, dirs, files in os.walk(folder):
        rel = os.path.relpath(base, folder).replace(os.sep, "/")
        deep = rel.count("/") + 1 >= DEEPEST
        dirs[:] = [] if deep else [d for d in dirs if not d.startswith(".") and d != "node_modules"]
        found += [
            name if rel == "." else f"{rel}/{name}" for name in files if name.lower().endswith(extensions)
        ]
    return found
