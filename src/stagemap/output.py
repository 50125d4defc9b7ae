"""The only code that writes files: atomic, and confined to the folder it is given."""

from __future__ import annotations

import contextlib
import json
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


MANIFEST = ".stagemap-manifest.json"
"""Lists the files stagemap wrote into an output folder, so a rebuild can remove stale ones."""


def read_manifest(root: Path) -> set[str]:
    """Return the files a previous build recorded in ``root``; empty when there is no usable list.

    A manifest that is not stagemap's, or names a path that is absolute, climbs with ``..``
    or is otherwise not plain, is ignored entry by entry: it can never make us touch a file
    outside the folder.
    """
    try:
        data = json.loads((root / MANIFEST).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("generator") != "stagemap":
        return set()
    files = data.get("files")
    if not isinstance(files, list):
        return set()
    return {f for f in files if isinstance(f, str) and _plain_relative(f)}


def _plain_relative(rel: str) -> bool:
    parts = rel.split("/")
    return (
        bool(rel)
        and rel != MANIFEST
        and "\\" not in rel
        and "\0" not in rel
        and not rel.startswith("/")
        and all(p not in ("", ".", "..") for p in parts)
    )


def sync_tree(root: Path, files: dict[str, bytes]) -> tuple[list[str], list[str]]:
    """Make ``root`` hold ``files``: write what changed, remove what an earlier build wrote.

    Returns ``(changed, removed)``. Files stagemap did not write (per the manifest) are never
    removed, and are not overwritten either: if one stands where a page must go, nothing is
    written and `OutputError` says which.
    """
    root.mkdir(parents=True, exist_ok=True)
    owned = read_manifest(root)
    clashes = []
    for rel in sorted(files):
        if rel in owned:
            continue
        target = confined(root, rel)
        if target.is_dir():
            clashes.append(rel)
            continue
        try:
            if target.read_bytes() != files[rel]:
                clashes.append(rel)
        except FileNotFoundError:
            pass
        except OSError:
            clashes.append(rel)
    if clashes:
        shown = ", ".join(clashes[:3]) + (f" and {len(clashes) - 3} more" if len(clashes) > 3 else "")
        raise OutputError(
            f"{root} already holds files that stagemap did not write: {shown} "
            "(remove them or choose another output folder)"
        )
    changed = write_tree(root, files)
    removed = [rel for rel in sorted(owned - files.keys()) if _remove_owned(root, rel)]
    listing = {"generator": "stagemap", "files": sorted(files)}
    atomic_write(root / MANIFEST, (json.dumps(listing, indent=1) + "\n").encode("utf-8"))
    return changed, removed


def _remove_owned(root: Path, rel: str) -> bool:
    """Remove one file an earlier build wrote, and folders it leaves empty. Never follows links."""
    base = root.resolve()
    path = base / rel
    parent = Path(os.path.realpath(path.parent))
    if not parent.is_relative_to(base):
        return False
    path = parent / path.name
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False
    if stat.S_ISDIR(mode):
        return False
    try:
        path.unlink()
    except OSError as exc:
        raise OutputError(f"cannot remove {path}: {exc.strerror}") from None
    folder = parent
    while folder != base and folder.is_relative_to(base):
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent
    return True
