"""The only code that writes files: atomic, and confined to the folder it is given."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import StagemapError


class OutputError(StagemapError):
    """A file could not be written, or a path would leave the output folder."""


def atomic_write(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; return False if the bytes were already there.

    A symlink is followed, so its target is replaced, not the link. The original file's
    permissions are kept; a new file gets the usual mode for the umask.
    """
    target = Path(os.path.realpath(path))
    try:
        if target.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise OutputError(f"cannot read {path}: {exc.strerror}") from None
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            mode: int | None = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            mode = None
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if mode is None:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _fsync_dir(folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return True


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def confined(root: Path, relative: str) -> Path:
    """Return ``root / relative``, refusing any path that resolves outside ``root``."""
    base = root.resolve()
    candidate = (base / relative).resolve()
    if not candidate.is_relative_to(base) or candidate == base:
        raise OutputError(f"refusing to write '{relative}': it is outside the output folder {root}")
    return candidate


def write_tree(root: Path, files: dict[str, bytes]) -> list[str]:
    """Write ``{relative path: bytes}`` under ``root``; return the paths that changed."""
    changed: list[str] = []
    for rel in sorted(files):
        if atomic_write(confined(root, rel), files[rel]):
            changed.append(rel)
    return changed
