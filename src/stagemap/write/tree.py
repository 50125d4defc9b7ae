"""Output folders: write a tree of files, keep a manifest, remove what an earlier build wrote."""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..read.owned import read_owned
from .atomic import TEMP_NAME, current_umask, write_file, write_owned
from .targets import MANIFEST, confined, fast_confined, plain_relative


def write_tree(root: Path, files: dict[str, bytes]) -> list[str]:
    """Write ``{relative path: bytes}`` under ``root``; return the paths that changed.

    Output that can be rebuilt: written atomically but not flushed to disk one by one.
    """
    stager = Stager(root)
    return [rel for rel in sorted(files) if stager.put(rel, files[rel])]


def check_manifest_kind(root: Path, kind: str) -> None:
    """Refuse a folder whose manifest says it holds another kind of output (a site, kits).

    Each command removes the files it wrote earlier that no longer belong; two commands
    sharing a folder would delete each other's files.
    """
    raw = read_owned(root / MANIFEST)
    try:
        data = json.loads(raw.decode("utf-8")) if raw is not None else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        return
    if isinstance(data, dict) and data.get("generator") == "stagemap":
        other = data.get("kind", "site")
        if other != kind:
            raise OutputError(
                f"{root} holds stagemap's {other} (listed in its {MANIFEST}); write the {kind} to another folder"
            )


def read_manifest(root: Path) -> set[str]:
    """Return the files a previous build recorded in ``root``; empty when there is no usable list.

    A manifest that is not stagemap's, or names a path that is absolute, climbs with ``..``
    or is otherwise not plain, is ignored entry by entry: it can never make us touch a file
    outside the folder.
    """
    raw = read_owned(root / MANIFEST)
    try:
        data = json.loads(raw.decode("utf-8")) if raw is not None else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        return set()
    if not isinstance(data, dict) or data.get("generator") != "stagemap":
        return set()
    files = data.get("files")
    if not isinstance(files, list):
        return set()
    return {f for f in files if isinstance(f, str) and plain_relative(f)}


def sync_tree(
    root: Path, files: dict[str, bytes], keep: frozenset[str] = frozenset(), kind: str = "site"
) -> tuple[list[str], list[str]]:
    """Make ``root`` hold ``files``: write what changed, remove what an earlier build wrote.

    ``keep`` names files an earlier build wrote that stay as they are (reused pages): they
    stay listed in the manifest and are neither written nor removed. Returns
    ``(changed, removed)``. Files stagemap did not write (per the manifest) are never
    removed, and are not overwritten either: if one stands where a page must go, nothing is
    written and `OutputError` says which.
    """
    _make_root(root)
    check_manifest_kind(root, kind)
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
        raise _clash(root, clashes)
    changed = write_tree(root, files)
    keep = keep & owned
    removed = [rel for rel in sorted(owned - files.keys() - keep) if _remove_owned(root, rel)]
    _write_manifest(root, set(files) | keep, kind)
    return changed, removed


@dataclass(frozen=True, slots=True)
class Staged:
    """A page already written to a temporary file beside its target (None: bytes unchanged)."""

    tmp: str | None
    """The temporary file, renamed into place when the whole site is made."""
    path: str
    """The target file."""
    created: tuple[str, ...] = ()
    """Folders that did not exist and were made for this file (removed again if the build fails)."""


class Stager:
    """Writes pages of one output folder to temporary files, in this process or a forked worker.

    Made before the page workers start, so that they inherit it: each worker then writes its
    own pages (in parallel, and without sending them back), and the caller renames them all
    into place once every page is made.
    """

    def __init__(self, root: Path, *, new_root: bool = False) -> None:
        self.root = root
        self.base = root.resolve()
        self.new_root = new_root
        """The output folder itself was made by this build."""
        self.parents: dict[str, Path | None] = {}
        self.made: set[str] = set()
        self.mask = current_umask()

    def _target(self, rel: str) -> Path:
        return fast_confined(self.base, rel, self.parents) or confined(self.root, rel)

    def write(self, rel: str, data: bytes) -> Staged:
        """Write a page to a temporary file beside its target; the caller renames it."""
        target = self._target(rel)
        folder = os.path.dirname(target)
        missing = _missing_folders(folder) if folder not in self.made else ()
        staged: list[tuple[str, str]] = []
        write_file(target, data, self.made, self.mask, staged)
        if not staged:
            return Staged(None, str(target), missing)
        return Staged(staged[0][0], staged[0][1], missing)

    def put(self, rel: str, data: bytes) -> bool:
        """Write a file into place now; return False if its bytes were already there."""
        return write_file(self._target(rel), data, self.made, self.mask)


def _missing_folders(folder: str) -> tuple[str, ...]:
    """Return ``folder`` and those of its parents that do not exist, deepest first."""
    missing = []
    while folder and not os.path.lexists(folder):
        missing.append(folder)
        folder = os.path.dirname(folder)
    return tuple(missing)


def stager_for(root: Path) -> Stager:
    """Return a `Stager` for the site folder ``root``, made if needed and cleared of stale temporary files.

    Pages are written as they are made, to temporary files renamed into place once all are
    made, so a 10,000-page site is never held in memory. Files stagemap did not write may
    stay in the folder; `stream_tree` refuses to overwrite one.
    """
    new_root = not os.path.lexists(root)
    _make_root(root)
    check_manifest_kind(root, "site")
    clear_stale_temporaries(root, read_manifest(root))
    return Stager(root, new_root=new_root)


def clear_stale_temporaries(root: Path, owned: Collection[str]) -> list[str]:
    """Remove the temporary files a killed build left beside the files it wrote; return them.

    Only in ``root`` and the folders holding ``owned`` files (per the manifest), only files
    named as stagemap names them (`TEMP_NAME`) and only when the process that made one is
    gone: a build running now into the same folder keeps its files.
    """
    if not owned:
        return []
    base = root.resolve()
    removed = []
    for sub in sorted({"", *(rel.rpartition("/")[0] for rel in owned)}):
        folder = base / sub
        if not Path(os.path.realpath(folder)).is_relative_to(base):
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            match = TEMP_NAME.match(name)
            if match is None or _running(int(match.group(1))):
                continue
            path = folder / name
            with contextlib.suppress(OSError):
                if stat.S_ISREG(path.lstat().st_mode):
                    path.unlink()
                    removed.append(f"{sub}/{name}" if sub else name)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or a number that is no process id
    return True


def _make_root(root: Path) -> None:
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot make the folder {root}: {exc.strerror or exc}") from None


def stream_tree(
    root: Path,
    pages: Iterable[tuple[str, bytes | Staged]],
    keep: Collection[str],
    stager: Stager,
) -> tuple[list[str], list[str]]:
    """`sync_tree` for files made one at a time (see `stager_for`); returns (changed, removed).

    A file comes as bytes or already `Staged` by a worker. Nothing is renamed into place
    until every file is made; if making one fails, or a file stagemap did not write (per the
    manifest) stands where one goes with other bytes, every temporary file and folder this
    build made is removed and the folder is left as it was.
    """
    owned = read_manifest(root)
    changed: list[str] = []
    written: set[str] = set()
    staged: list[tuple[str, str]] = []
    created: set[str] = set()
    clashes: list[str] = []
    try:
        for rel, data in pages:
            item = data if isinstance(data, Staged) else stager.write(rel, data)
            created.update(item.created)
            if item.tmp is not None:
                staged.append((item.tmp, item.path))
                changed.append(rel)
                if rel not in owned and os.path.lexists(item.path):
                    clashes.append(rel)
            written.add(rel)
        if clashes:
            raise _clash(root, clashes)
    except BaseException:
        _discard(root, stager, staged, created)
        raise
    for tmp, path in staged:
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    kept = frozenset(keep) & owned
    removed = [rel for rel in sorted(owned - written - kept) if _remove_owned(root, rel)]
    _write_manifest(root, written | kept)
    return sorted(changed), removed


def _clash(root: Path, clashes: list[str]) -> OutputError:
    ordered = sorted(clashes)
    shown = ", ".join(ordered[:3]) + (f" and {len(ordered) - 3} more" if len(ordered) > 3 else "")
    return OutputError(
        f"{root} already holds files that stagemap did not write: {shown} "
        "(remove them or choose another output folder)"
    )


def _discard(root: Path, stager: Stager, staged: list[tuple[str, str]], created: set[str]) -> None:
    """Remove the temporary files and the folders a failed build made."""
    for tmp, _ in staged:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    # Workers may have staged files whose results never arrived: their temporary files are
    # named as ours, in folders this build writes to.
    for folder, _, names in os.walk(root):
        for name in names:
            if TEMP_NAME.match(name):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))
    folders = set(created)
    if stager.new_root:
        folders.add(str(root))
    for folder in sorted(folders, key=len, reverse=True):
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def _write_manifest(root: Path, files: set[str], kind: str = "site") -> None:
    listing = {"generator": "stagemap", "kind": kind, "files": sorted(files)}
    write_owned(root, MANIFEST, (json.dumps(listing, indent=1) + "\n").encode("utf-8"))


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
