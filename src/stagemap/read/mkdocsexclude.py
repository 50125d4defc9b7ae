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
``stagemap init`` runs are (up to `MAX_FILES` looked at), each by its path, as the plugin
matches it (Python's ``re``, lookarounds too), on paths of up to `MAX_PATH` characters. One that
does not compile, that repeats a group holding a repetition or a ``|`` (``(a+)+``, ``(a|b)*``:
on some paths ``re`` would take time without end) or that holds more than `MAX_REPEATS`
repetitions of any length is left out, and init names it (`unread_expressions`).
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from .hugoignore import class_end
from .mkdocsettings import plugin_options

MAX_STARS = 4
"""The most stars of one glob written each way it may cross folders (16 globs)."""
MAX_FILES = 20_000
"""The most files under the docs folder an expression is matched against."""
MAX_PATH = 160
"""The longest path an expression is matched against: a longer one is not left out by it."""
_STARS = lazy(r"\*+")
MAX_REPEATS = 3
"""The most repetitions of any length an expression may hold (``.*/[^/]*_test[^/]*\\.md``): each
more multiplies the time a path that does not match may take by its length."""
_MANY = lazy(r"[*+]|\{\d*,\d*\}")
"""A repetition of any length: ``*``, ``+``, ``{2,}``, ``{1,9}``."""
_COUNTED = lazy(r"\{\d{2,}\}|\{[2-9]\}")
"""A repetition of a count: ``{3}``."""


def mkdocs_excluded(data: dict[str, Any], docs: Path) -> tuple[str, ...]:
    """Return the gitignore-style globs, under the docs folder ``docs``, of what the plugin's
    settings in ``data`` (``mkdocs.yml``) leave out (see the module docstring)."""
    options = plugin_options(data, "exclude") or {}
    found: list[str] = []
    for glob in _texts(options.get("glob")):
        found += (g for g in _as_globs(glob) if g not in found)
    expressions = [re.compile(e) for e in _texts(options.get("regex")) if not _why_not(e)]
    if expressions:
        paths = (rel for rel in _files(docs) if len(rel) <= MAX_PATH)
        found += (f"/{rel}" for rel in paths if any(e.match(rel) for e in expressions))
    return tuple(dict.fromkeys(found))


def unread_expressions(data: dict[str, Any]) -> tuple[str, ...]:
    """Return each expression of the plugin's settings in ``data`` that `mkdocs_excluded` leaves
    out, with why: ``'(a+)+$' (a repeated group holding a repetition or a '|')``."""
    options = plugin_options(data, "exclude") or {}
    return tuple(f"'{e}' ({why})" for e in _texts(options.get("regex")) if (why := _why_not(e)))


# long: one pass over the expression, each kind of character in its branch
def _why_not(expression: str) -> str:
    """Return why an expression is not matched here (empty when it is): it does not compile, it
    repeats a group that holds a repetition or a ``|`` (whose ways ``re`` may try one by one:
    time without end), or it has more than `MAX_REPEATS` repetitions of any length."""
    try:
        re.compile(expression)
    except re.error as exc:
        return f"not a regular expression: {exc}"
    groups: list[bool] = []  # per open group: it holds a repetition or a '|'
    pos, repeats = 0, 0
    while pos < len(expression):
        char = expression[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "[":
            pos = class_end(expression, pos)
            continue
        many = _MANY.match(expression, pos)
        optional = char == "?" and pos > 0 and expression[pos - 1] not in "(*+?}"
        if char == "(":
            groups.append(False)
        elif char == ")" and groups:
            risky = groups.pop()
            if risky and (_MANY.match(expression, pos + 1) or _COUNTED.match(expression, pos + 1)):
                return "a repeated group holding a repetition or a '|'"
            if groups:
                groups[-1] = groups[-1] or risky
        elif groups and (char == "|" or many or optional or _COUNTED.match(expression, pos)):
            groups[-1] = True
        repeats += many is not None
        pos += 1
    if repeats > MAX_REPEATS:
        return f"more than {MAX_REPEATS} repetitions of any length"
    return ""


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
