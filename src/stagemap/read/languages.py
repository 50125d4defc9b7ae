"""Folders of a site's translations: a folder named for a language whose pages are those of
its parent folder, at the same paths (``_articles/de/best-practices.md`` beside
``_articles/best-practices.md``).

Hugo names its languages in its configuration and Starlight by its locales
(`stagemap.read.detect`); a Jekyll, Gatsby, Eleventy or Docusaurus site often just keeps
each language in a folder of its own. Such a folder's pages translate the others: read, each
page would count once per language, and coverage would say a topic is covered ten times
where it is covered once. A folder counts as a translation when its name is a language's
code (``de``, ``pt-br``, ``zh_Hans``) and at least two of its content files, and at least
half, have a file of the same path in the parent folder. Only the folders directly in a
source folder are looked at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_](?:[a-z]{2}|[a-z]{4}|\d{3}))?", re.I)
"""A language's code as sites name their folders: ``de``, ``pt-br``, ``zh-Hans``, ``es_419``."""


def without_translations(root: Path, sources: Iterable[Any], extensions: tuple[str, ...]) -> tuple[Any, ...]:
    """Return ``sources`` (`stagemap.read.detect.FoundSource`) with each one's translation
    folders excluded (``/de/``), then those folders relative to ``root`` (``_articles/de/``)."""
    kept: list[Any] = []
    found: list[str] = []
    for source in sources:
        names = translation_folders(root / source.path, extensions)
        kept.append(
            replace(source, exclude=(*source.exclude, *(f"/{n}/" for n in names))) if names else source
        )
        found += [f"{source.path}/{n}/" if source.path != "." else f"{n}/" for n in names]
    return tuple(kept), tuple(found)


def translation_folders(folder: Path, extensions: tuple[str, ...]) -> list[str]:
    """Return the names of the folders directly in ``folder`` that hold its pages' translations, sorted."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    found = []
    for entry in entries:
        if not _LANGUAGE.fullmatch(entry.name) or not entry.is_dir(follow_symlinks=False):
            continue
        pages = _pages(Path(entry.path), extensions)
        twins = sum((folder / page).is_file() for page in pages)
        if twins >= 2 and 2 * twins >= len(pages):
            found.append(entry.name)
    return found


def _pages(folder: Path, extensions: tuple[str, ...]) -> list[str]:
    """Return the content files under ``folder``, relative to it (``/``-separated)."""
    found = []
    for base, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "node_modules"]
        rel = os.path.relpath(base, folder).replace(os.sep, "/")
        found += [
            name if rel == "." else f"{rel}/{name}" for name in files if name.lower().endswith(extensions)
        ]
    return found
