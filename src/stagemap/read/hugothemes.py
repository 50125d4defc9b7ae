"""The themes a Hugo site's configuration names, kept in the site's ``themes/`` folder.

Hugo reads a template (a shortcode's, a render hook) from the site's own ``layouts/`` first, then
from each theme's ``layouts/`` in the order ``theme`` names them (one name or a list: Jaeger's
``theme: [docsy-overrides, docsy, basetheme]``), the first found winning. A theme is a folder of
``themesDir`` (``themes`` by default, under the site's folder). A name with a ``/`` is a Hugo
module's path (``github.com/google/docsy``): Hugo fetches it, so its files are not in the
repository and it is left out here, as is a theme whose folder is not there (a git submodule
not checked out).
"""

from __future__ import annotations

import os
from pathlib import Path

from .configfiles import hugo_settings
from .detect import site_config


def site_themes(site: Path) -> tuple[str, ...]:
    """Return the folders of the themes the Hugo site in ``site`` names that are there, relative
    to ``site`` (``themes/basetheme``), the one Hugo looks in first first. Read again only when
    the site's folder or its configuration file changes."""
    try:
        mark: tuple[int, ...] = (site.stat().st_mtime_ns,)
    except OSError:
        return ()
    kept = _KEPT.get(site)
    if kept is not None and kept[0] == mark and kept[1] == _config_mark(site, kept[2]):
        return kept[3]
    named = site_config(site)
    name = named[1] if named is not None and named[0] == "hugo" else ""
    found = _themes(site, name) if name else ()
    _KEPT[site] = (mark, _config_mark(site, name), name, found)
    return found


_KEPT: dict[Path, tuple[tuple[int, ...], tuple[int, int] | None, str, tuple[str, ...]]] = {}


def _config_mark(site: Path, name: str) -> tuple[int, int] | None:
    """The time and size of the site's configuration file ``name`` (None: none, or not there)."""
    try:
        stat = (site / name).stat() if name else None
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size) if stat is not None else None


def _themes(site: Path, name: str) -> tuple[str, ...]:
    data = hugo_settings(site, name)
    if not isinstance(data, dict):
        return ()
    lowered = {str(k).lower(): v for k, v in data.items()}
    theme = lowered.get("theme")
    names = [theme] if isinstance(theme, str) else theme if isinstance(theme, list) else []
    given = lowered.get("themesdir")
    folder = given.strip("/") if isinstance(given, str) and given.strip("/") else "themes"
    if os.path.isabs(folder) or ".." in folder.split("/"):
        return ()
    found = [
        f"{folder}/{n.strip()}"
        for n in names
        if isinstance(n, str) and n.strip() and "/" not in n and "\\" not in n and n.strip() != ".."
    ]
    return tuple(f for f in dict.fromkeys(found) if (site / f).is_dir())
