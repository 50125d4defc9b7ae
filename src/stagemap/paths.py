"""Where the package's own templates and the per-user cache are, and how paths are shown (a leaf: any module may import it)."""

from __future__ import annotations

import os
from pathlib import Path

BUILTIN = Path(__file__).resolve().parent / "templates"
"""The built-in templates, shipped inside the package (a project's ``templates/`` comes first)."""


def real(path: Path) -> Path:
    """Return ``path`` with its links followed, as far as they lead: a loop of links is left as it is.

    ``Path.resolve`` raises RuntimeError on a loop before Python 3.13; the path is then read
    as a file that cannot be opened, and reported where it is used.
    """
    return Path(os.path.realpath(path))


def shown_path(path: Path, root: Path) -> str:
    """Return ``path`` relative to ``root`` with forward slashes, or whole when outside it."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def shown_folder(path: Path, root: Path) -> str:
    """Return a folder as `shown_path` does, with a trailing ``/`` when inside ``root``."""
    return path.relative_to(root).as_posix() + "/" if path.is_relative_to(root) else str(path)


def user_cache() -> str:
    """Return the per-user cache folder, which may not exist yet.

    ``STAGEMAP_CACHE`` when set, else ``$XDG_CACHE_HOME/stagemap``, else ``~/.cache/stagemap``.
    What is kept there (compiled templates and classes) is made again when it is missing.
    """
    return os.environ.get("STAGEMAP_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "stagemap"
    )
