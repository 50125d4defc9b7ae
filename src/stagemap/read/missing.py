"""Content folders a site's configuration names that are not there to read.

A site that keeps its docs in another repository brings them in as a git submodule, often
through a link (OpenTofu's website: ``docs`` links to ``opentofu-repo/v1.12/website/docs``,
where ``opentofu-repo/v1.12`` is a submodule). A clone made without ``--recurse-submodules``
has the submodule's folder empty, so the link leads nowhere; a folder that is itself a
submodule is there but empty. `stagemap init` would then read nothing there and say nothing
of it: a report without the site's docs. `missing_folders` says which folders are so, and why.
"""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .bounded import Unreadable, read_bounded
from .docusaurus import content_folders

MAX_GITMODULES = 256 * 1024
"""The most bytes of a ``.gitmodules`` file read."""


def named_folders(
    generator: str, config: Any, data: dict[str, Any], usual: Iterable[tuple[str, str]]
) -> list[str]:
    """Return the content folders a site's configuration names (``config``: its text, or ``data``
    its settings), else the generator's ``usual`` ones (folder, URL pattern), whether they are
    there or not."""
    if generator == "docusaurus" and isinstance(config, str):
        return [f.path for f in content_folders(config) if not f.computed]
    if generator == "mkdocs":
        return [str(data.get("docs_dir") or "docs")]
    if generator == "hugo":
        return [str(data.get("contentDir") or "content")]
    return [path for path, _ in usual if path != "."]


def missing_folders(root: Path, paths: Iterable[str], top: Path | None = None) -> tuple[tuple[str, str], ...]:
    """Return each of ``paths`` (folders the site's configuration names, relative to ``root``,
    the site's folder) that is not there to read, with why: a link to a folder that is missing
    (``a link to x/docs, which is missing``), or a folder of a git submodule that is not checked
    out. A folder that is simply absent, or empty, outside a submodule is left out: the site
    may name it and never use it. ``top``: the project's folder, when the site is in a folder of
    it: its ``.gitmodules`` names the submodules (git keeps the file at the repository's top)."""
    top = top or root
    modules = submodules(top)
    found: list[tuple[str, str]] = []
    for path in dict.fromkeys(p.strip("/") for p in paths):
        if not path or path.startswith("../") or path == "..":
            continue
        why = _why(root, path, top, modules)
        if why:
            found.append((path, why))
    return tuple(found)


def why_missing(root: Path, path: str) -> str:
    """Return why the folder ``path`` (relative to ``root``) is not there to read (see
    `missing_folders`), or "" when that is not known."""
    return _why(root, path.strip("/"), root, submodules(root)) if path.strip("/") else ""


def submodules(root: Path) -> tuple[str, ...]:
    """Return the paths of the git submodules ``root``'s ``.gitmodules`` names (``path = ...``)."""
    try:
        text = read_bounded(root / ".gitmodules", MAX_GITMODULES).decode("utf-8", "replace")
    except Unreadable:
        return ()
    found = []
    for line in text.splitlines():
        key, equals, value = line.partition("=")
        if equals and key.strip().lower() == "path" and value.strip():
            found.append(posixpath.normpath(value.strip().strip('"')))
    return tuple(found)


def _why(root: Path, path: str, top: Path, modules: tuple[str, ...]) -> str:
    """Return why the folder ``path`` is not there to read (see `missing_folders`), or "";
    ``modules``: the submodules' paths, relative to ``top``."""
    here = root / path
    if here.is_symlink():
        try:
            info: os.stat_result | None = os.stat(here)
        except FileNotFoundError:
            info = None
        except OSError:  # a loop of links, a folder not to be entered: the message says enough
            return ""
        if info is not None and (not stat.S_ISDIR(info.st_mode) or _holds_something(here)):
            return ""
        target = os.readlink(here)
        inside = _relative(top, here.parent / target)
        module = _module_of(inside, modules) if inside is not None else None
        if info is not None:  # an empty folder: missing only as a submodule's
            return (
                f"a link to {target}, in the git submodule {module}, which is not checked out"
                if module
                else ""
            )
        out = f": the git submodule {module} is not checked out" if module else ""
        return f"a link to {target}, which is missing{out}"
    place = _relative(top, here) or path
    module = _module_of(place, modules)
    if module is None or (here.is_dir() and _holds_something(here)):
        return ""
    if module == place:
        return "a git submodule that is not checked out"
    return f"in the git submodule {module}, which is not checked out"


def _holds_something(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return any(True for _ in entries)
    except OSError:
        return False


def _relative(root: Path, target: Path) -> str | None:
    """Return ``target`` relative to ``root`` (``..`` folded, links not followed), None outside it."""
    folded = posixpath.normpath(Path(os.path.abspath(target)).as_posix())
    base = posixpath.normpath(Path(os.path.abspath(root)).as_posix())
    if folded == base or not folded.startswith(base + "/"):
        return None
    return folded[len(base) + 1 :]


def _module_of(path: str, modules: tuple[str, ...]) -> str | None:
    """Return the submodule ``path`` is or lies in, or None."""
    return next((m for m in modules if path == m or path.startswith(m + "/")), None)
