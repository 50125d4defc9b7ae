"""stagemap's cache folder: where build records and the rename journal are kept; saving what reading left for it.

The folder is stagemap's own; failing to save in it is never fatal.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..model.settings import CACHE_DIR, NO_CACHE_ENV, Config
from .atomic import make_owned_folder, remove_owned_files, write_owned

if TYPE_CHECKING:
    from ..read.cache import CacheUpdate

_PARSE_FILES = "parse-v*.json"
PAGES_RECORD = "pages-v2-{}.json"
"""The page record's file name (`stagemap.write.record`), by a hash of the output folder's path."""
UNCHANGED_RECORD = "unchanged-v1-{}.json"
"""The file name of the last build's result (`stagemap.write.fingerprint`), named the same way."""
JOURNAL = "rename-journal.json"
"""The journal's file name in the cache folder (see `stagemap.write.edits`)."""


def journal_folder(config: Config) -> Path:
    """The folder of the rename journal: the cache folder, even when caching is off."""
    return config.cache_dir or config.root / CACHE_DIR


def cache_dir(folder: Path) -> Path:
    """Make stagemap's cache folder (one level) with a .gitignore that ignores it all.

    Raises `OutputError` when it is a link or not a folder: nothing is written there then.
    """
    make_owned_folder(folder)
    if not os.path.lexists(folder / ".gitignore"):
        write_owned(folder, ".gitignore", b"# stagemap's caches: safe to delete.\n*\n")
    return folder


def record_path(config: Config, out_dir: Path, name: str = PAGES_RECORD) -> Path:
    """Return the file of a record of the builds into ``out_dir`` (the page record unless ``name`` says)."""
    folder = hashlib.sha256(os.fsencode(out_dir.resolve())).hexdigest()[:16]
    return config.root / CACHE_DIR / name.format(folder)


def save_parse_cache(update: CacheUpdate | None, root: Path) -> str | None:
    """Save the parse cache; return a one-line warning when it cannot be, else None.

    A cache that cannot be written (a read-only checkout, a full disk, a folder owned by
    someone else, a link at its place) never stops a command: the caller shows the warning.
    Cache files of other stagemap versions are removed.
    """
    if update is None:
        return None
    try:
        folder = cache_dir(update.folder)
        write_owned(folder, update.name, update.data)
        old = [p.name for p in folder.glob(_PARSE_FILES) if p.name != update.name]
        remove_owned_files(folder, old)
    except (OSError, OutputError) as exc:
        return (
            f"cannot save the parse cache in {_shown(update.folder, root)}: {_reason(update.folder, exc)}; "
            f"set 'cache: false' in stagemap.yml or {NO_CACHE_ENV}=1 to turn it off"
        )
    return None


def _shown(folder: Path, root: Path) -> str:
    rel = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else str(folder)
    return rel.rstrip("/") + "/"


def _reason(folder: Path, exc: OSError | OutputError) -> str:
    """Say in a few words why the folder could not be used."""
    try:
        info = os.lstat(folder)
    except OSError:
        info = None
    if info is not None and stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link"
    if info is not None and not stat.S_ISDIR(info.st_mode):
        return "it is not a folder"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    reason = str(exc)
    return reason.rsplit(": ", 1)[-1] if reason.startswith("cannot ") else reason
