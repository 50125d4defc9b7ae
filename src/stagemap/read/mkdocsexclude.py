"""The files the mkdocs-exclude plugin leaves out of an MkDocs site, as the globs of a source's ``exclude``.

The plugin (``plugins: [{exclude: {glob: [...], regex: [...]}}]``) drops each file whose path
under the docs folder (``guide/setup.md``) a glob matches with ``fnmatch.fnmatchcase``, whole,
or a regular expression matches with ``re.match``, from its start. fnmatch's ``*`` (and ``**``,
the same) crosses folders, ``?`` is any one character; a source's ``exclude`` takes
gitignore-style globs (`stagemap.read.globs`), whose ``*`` stays in a folder. `mkdocs_excluded`
writes each glob as such globs, anchored at the docs folder: one for each way its stars may
cross folders (``a*b.md``: ``/a*b.md`` and ``/a*/**/*b.md``), a star at the end needing none
(a folder it matches is left out whole); ``*.md``, a star then no folder, stays unanchored, as it
matches at any depth. At most `MAX_STARS` stars are read so; a glob with more crosses folders at
each or at none. A glob ending in ``/`` matches no file's path and leaves nothing out. An
expression cannot be written as globs: the files under the docs folder it names when
``stagemap init`` runs are (up to `MAX_FILES` looked at), each by its path; one that could take
Python's ``re`` too long (`stagemap.read.hugoignore.costly`) or does not compile is left out.
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from .hugoignore import costly
from .mkdocsettings import plugin_options

MAX_STARS = 4
"""The most stars of one glob written each way it may cross folders (16 globs)."""
MAX_FILES = 20_000
"""The most files under the docs folder an expression is matched against."""
_STARS = lazy(r"\*+")


def mkdocs_excluded(data: dict[str, Any], docs: Path) -> tuple[str, ...]:
    """Return the gitignore-style globs, under the docs folder ``docs``, of what the plugin's
    settings in ``data`` (``mkdocs.yml``) leave out (see the module docstring)."""
    options = plugin_options(data, "exclude") or {}
    found: list[str] = []
    for glob in _texts(options.get("glob")):
        found += (g for g in _as_globs(glob) if g not in found)
    expressions = [re.compile(e) for e in _texts(options.get("regex")) if not costly(e) and _compiles(e)]
    if expressions:
        found += (f"/{rel}" for rel in _files(docs) if any(e.match(rel) for e in expressions))
    return tuple(dict.fromkeys(found))


def _texts(value: Any) -> list[str]:
    """Return the texts of a setting that takes one or a list, stripped, empty ones left out."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [item.strip() for item in items if isinstance(item, str) and item.strip()]


def _as_globs(glob: str) -> list[str]:
    """Return one fnmatch glob of whole paths as gitignore-style globs."""
    glob = _STARS.sub("*", glob)
    if glob.endswith("/"):
        return []  # a file's path never ends so
    if glob.startswith("*") and glob.count("*") == 1 and "/" not in glob:
        return [glob]  # ``*.tmpl.md``: any file so named, at any depth
    stars = [at for at, char in enumerate(glob[:-1]) if char == "*"]
    ways = (
        itertools.product((False, True), repeat=len(stars))
        if len(stars) <= MAX_STARS
        else ((False,), (True,))
    )
    made = []
    for way in ways:
        crossing = way if len(way) == len(stars) else way * len(stars)
        text, at = "", 0
        for star, cross in zip(stars, crossing, strict=True):
            text += glob[at:star] + ("*/**/*" if cross else "*")
            at = star + 1
        made.append("/" + text + glob[at:])
    return made


def _compiles(expression: str) -> bool:
    try:
        re.compile(expression)
    except re.error:
        return False
    return True


def _files(docs: Path) -> list[str]:
    """Return the paths of the files under ``docs`` (up to `MAX_FILES`), sorted, with ``/``."""
    found: list[str] = []
    for folder, names, files in os.walk(docs):
        names.sort()
        base = Path(folder).relative_to(docs).as_posix()
        found += (name if base == "." else f"{base}/{name}" for name in sorted(files))
        if len(found) >= MAX_FILES:
            break
    return sorted(found[:MAX_FILES])
