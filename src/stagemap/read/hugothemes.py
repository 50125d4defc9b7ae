"""The themes and modules a Hugo site imports whose files are in the repository.

Hugo reads a template (a shortcode's, a render hook) from the site's own ``layouts/`` first,
then from each module it imports, in the order it collects them (modules/collect.go): the
site's ``module.imports``, then the names ``theme`` gives (one or a list: Jaeger's ``theme:
[docsy-overrides, docsy, basetheme]``), each followed at once by what it imports in turn
through its own configuration (its ``hugo.toml``, ``config.toml`` or ``config/`` folder: a
``theme = "base"`` there), depth first, each module once; the first template found wins. An
import's path is looked up in the site's ``_vendor/modules.txt`` first (``hugo mod vendor``
keeps the module's files in ``_vendor/<path>/``), then as a folder of ``themesDir`` (``themes``
by default, under the site's folder): ``path = "mytheme"`` is ``themes/mytheme``. Any other path
with a ``/`` (``github.com/google/docsy``) is a Hugo module fetched when Hugo builds, not in the
repository: it is passed over, as is a folder not there (a git submodule not checked out).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .configfiles import hugo_settings
from .detect import site_config
from .sitedefaults import site_files

MOST_THEMES = 32
"""The most modules followed for one site (a module importing itself, or a long chain, ends there)."""
THEME_CONFIGS = tuple(f"{b}.{e}" for b in ("hugo", "config") for e in ("toml", "yaml", "yml", "json"))
"""A module's own configuration file, the first found read, as Hugo reads a theme's."""
VENDORED = "_vendor"
"""The folder ``hugo mod vendor`` writes the site's modules to, with the list ``modules.txt``."""


def site_themes(site: Path) -> tuple[str, ...]:
    """Return the folders of the modules the Hugo site in ``site`` imports that are there,
    relative to ``site`` (``themes/basetheme``, ``_vendor/github.com/acme/kiln``), the one Hugo
    looks in first first. Read again when any file they were found from changes, or a folder
    named appears (`theme_candidates`)."""
    return tuple(f for f in theme_candidates(site) if (site / f).is_dir())


def theme_candidates(site: Path) -> tuple[str, ...]:
    """Return the folders, relative to ``site``, where the modules the site imports are looked
    for, there or not (a preview watches the missing ones, which a ``git submodule update`` may
    bring), in Hugo's order."""
    kept = _KEPT.get(site)
    if kept is not None and all(_mark(site / p) == m for p, m in kept[0]):
        return kept[1]
    inputs: dict[str, tuple[int, int] | None] = {}
    found = _collect(site, inputs)
    _KEPT[site] = (tuple(inputs.items()), found)
    return found


_KEPT: dict[Path, tuple[tuple[tuple[str, tuple[int, int] | None], ...], tuple[str, ...]]] = {}


def _mark(path: Path) -> tuple[int, int] | None:
    """The time and size of a file or folder (None: not there)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _collect(site: Path, inputs: dict[str, tuple[int, int] | None]) -> tuple[str, ...]:
    """Return `theme_candidates`, noting in ``inputs`` each file and folder looked at, with its mark."""
    for name in (*site_files("hugo", "", site), f"{VENDORED}/modules.txt"):
        _note(site, name, inputs)
    named = site_config(site)
    data = hugo_settings(site, named[1]) if named is not None and named[0] == "hugo" else None
    if not isinstance(data, dict):
        return ()
    given = _lowered(data).get("themesdir")
    folder = given.strip("/") if isinstance(given, str) and given.strip("/") else "themes"
    if os.path.isabs(folder) or ".." in folder.split("/"):
        return ()
    vendored = _vendored(site)
    found: list[str] = []
    todo = [(path, follow) for path, follow in _imports(data)]
    while todo and len(found) < MOST_THEMES:
        path, follow = todo.pop(0)
        where = vendored.get(path) or (f"{folder}/{path}" if "/" not in path else "")
        if not where or where in found:
            continue
        found.append(where)
        _note(site, where, inputs)
        own = _own_settings(site, where, inputs) if follow else None
        todo[:0] = _imports(own) if isinstance(own, dict) else []
    return tuple(found)


def _note(site: Path, rel: str, inputs: dict[str, tuple[int, int] | None]) -> None:
    """Note in ``inputs`` the mark of the file or folder ``rel`` in ``site``, or where it is not
    there, of the nearest folder above it that is (whose time changes when it comes): a few
    looks tell whether anything the themes were found from changed."""
    while rel and _mark(site / rel) is None:
        rel = rel.rpartition("/")[0]
    inputs[rel or "."] = _mark(site / (rel or "."))


def _lowered(data: dict[Any, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in data.items()}


def _imports(data: dict[Any, Any]) -> list[tuple[str, bool]]:
    """Return what a configuration imports, in Hugo's order (decodeConfig): ``module.imports``
    (but those ``disable`` turns off), then ``theme``; each with whether its own imports are
    followed (not when ``ignoreImports``)."""
    lowered = _lowered(data)
    module = lowered.get("module")
    given = _lowered(module).get("imports") if isinstance(module, dict) else None
    found: list[tuple[str, bool]] = []
    for one in given if isinstance(given, list) else [given] if isinstance(given, dict) else []:
        entry = _lowered(one) if isinstance(one, dict) else {}
        if isinstance(entry.get("path"), str) and entry.get("disable") is not True:
            found.append((entry["path"], entry.get("ignoreimports") is not True))
    theme = lowered.get("theme")
    found += [
        (t, True) for t in ([theme] if isinstance(theme, str) else theme if isinstance(theme, list) else [])
    ]
    return [
        (p.strip().strip("/"), f)
        for p, f in found
        if isinstance(p, str) and p.strip().strip("/") and "\\" not in p and ".." not in p.split("/")
    ]


def _vendored(site: Path) -> dict[str, str]:
    """Return the site's vendored modules (``_vendor/modules.txt``: ``# github.com/acme/kiln
    v1.2.0`` a line) by path, each to its folder relative to the site; the first listed wins."""
    try:
        with open(site / VENDORED / "modules.txt", encoding="utf-8", errors="replace") as handle:
            lines = handle.read(1 << 20).splitlines()
    except OSError:
        return {}
    found: dict[str, str] = {}
    for line in lines:
        parts = line.strip("# \t").split()
        if len(parts) == 2 and ".." not in parts[0].split("/") and not os.path.isabs(parts[0]):
            found.setdefault(parts[0], f"{VENDORED}/{parts[0]}")
    return found


def _own_settings(site: Path, rel: str, inputs: dict[str, tuple[int, int] | None]) -> Any:
    """Return the own settings of the module in the folder ``rel`` of ``site`` (its first
    `THEME_CONFIGS` file, its ``config/`` folder's over it), noting the files looked at in
    ``inputs``; None where it has none."""
    for name in site_files("hugo", rel, site):
        _note(site, name, inputs)
    folder = site / rel
    for name in THEME_CONFIGS:
        if _mark(folder / name) is not None:
            return hugo_settings(folder, name)
    named = site_config(folder)
    return hugo_settings(folder, named[1]) if named is not None and named[0] == "hugo" else None
