"""Output folders: stage a tree of files, swap it in, keep a manifest, remove what an earlier build wrote."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from ..errors import OutputError
from .faults import fault
from .interrupts import signals_held
from .manifest import read_manifest, write_manifest
from .staging import Staged, Stager, clear_staging, stager_for
from .targets import plain_relative

__all__ = ["Staged", "Stager", "stager_for", "stream_tree", "sync_tree", "unchanged_since"]


def unchanged_since(root: Path, recorded: Mapping[str, object]) -> set[str]:
    """Return the files of ``recorded`` (path: [key, size, mtime_ns, ...]) still as they were written.

    The page record in the cache lists each page the last build wrote with its size and
    modification time. A page whose file still has both is stagemap's even when the
    manifest no longer lists it (a manifest deleted by hand or lost with a copy), so a
    later build may replace or remove it instead of refusing it for ever.
    """
    found = set()
    for rel, entry in recorded.items():
        if not plain_relative(rel) or not isinstance(entry, list) or len(entry) < 3:
            continue
        try:
            info = os.lstat(root / rel)
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(info.st_mode) and [info.st_size, info.st_mtime_ns] == entry[1:3]:
            found.add(rel)
    return found


def sync_tree(
    root: Path, files: dict[str, bytes], keep: frozenset[str] = frozenset(), kind: str = "site"
) -> tuple[list[str], list[str]]:
    """Make ``root`` hold ``files``: write what changed, remove what an earlier build wrote.

    ``keep`` names files an earlier build wrote that stay as they are. Returns ``(changed,
    removed)``. The same steps as a site build (see `stream_tree`) for files already in memory.
    """
    return stream_tree(root, files.items(), keep, stager_for(root, kind), kind=kind)


# long: the whole protocol of a build that survives a kill at any step, in the order it runs
def stream_tree(
    root: Path,
    pages: Iterable[tuple[str, bytes | Staged]],
    keep: Collection[str],
    stager: Stager,
    *,
    adopt: Collection[str] = (),
    kind: str = "site",
) -> tuple[list[str], list[str]]:
    """Put files made one at a time (see `stager_for`) in place; return (changed, removed).

    A file comes as bytes or already `Staged` by a worker; ``keep`` names files an earlier
    build wrote that stay as they are; ``adopt`` names files stagemap wrote that its manifest
    may have lost (the page record still knows them): they are treated as listed. In order:

    1. every file is written to the staging folder; if making one fails, or a file stagemap
       did not write stands where one goes with other bytes, the staging folder is removed
       and the output folder is left as it was;
    2. the manifest is written listing the old files and the new ones, so that whatever
       happens next, every file in the folder that stagemap wrote is listed;
    3. each file is renamed into place (a reader sees the old page or the new one); in a
       folder the build made, each top-level file and folder (see `Stager.place`);
    4. files of the old build that no longer belong are removed;
    5. the manifest is written listing just the new files, and the staging folder is removed.

    A kill at any step leaves a folder the next build puts right. Ctrl-C and SIGTERM wait
    until step 5 is done (see `signals_held`). The build lock is released on return.
    """
    try:
        listed = read_manifest(root)
        owned = listed | set(adopt)
        changed: list[str] = []
        written: set[str] = set()
        staged: list[tuple[str, str]] = []
        clashes: list[str] = []
        try:
            for rel, data in pages:
                item = data if isinstance(data, Staged) else stager.write(rel, data)
                if item.tmp is not None:
                    staged.append((item.tmp, item.path))
                    changed.append(rel)
                    if rel not in owned and os.path.lexists(item.path):
                        clashes.append(rel)
                written.add(rel)
                fault("staged", len(written))
            if clashes:
                raise _clash(root, clashes)
        except BaseException:
            _close(pages)
            _discard(root, stager)
            raise
        final = written | (set(keep) & owned)
        with signals_held():
            try:
                fault("union")
                write_manifest(root, owned | final, kind)
                stager.place(staged)
                removed = [rel for rel in sorted(owned - final) if _remove_owned(root, rel)]
                fault("removed")
                write_manifest(root, final, kind)
                fault("manifest")
            finally:
                # Files not yet renamed are dropped: the manifest lists their old pages.
                _discard(root, stager, keep_root=True)
        return sorted(changed), removed
    finally:
        stager.close()


def _close(pages: object) -> None:
    """Stop the workers still making pages, before their files are removed."""
    close = getattr(pages, "close", None)
    if callable(close):
        close()


def _clash(root: Path, clashes: list[str]) -> OutputError:
    ordered = sorted(clashes)
    shown = ", ".join(ordered[:3]) + (f" and {len(ordered) - 3} more" if len(ordered) > 3 else "")
    return OutputError(
        f"{root} already holds files that stagemap did not write: {shown} "
        "(remove them or choose another output folder)"
    )


def _discard(root: Path, stager: Stager, *, keep_root: bool = False) -> None:
    """Remove the staging folder, and the output folder if this build made it and left it empty."""
    with contextlib.suppress(OutputError):
        clear_staging(stager.base)
    if stager.new_root and not keep_root:
        with contextlib.suppress(OSError):
            os.rmdir(root)


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
