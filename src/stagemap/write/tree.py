"""Output folders: write a tree of files, keep a manifest, remove what an earlier build wrote."""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from ..errors import OutputError
from ..read.owned import read_owned
from .atomic import current_umask, write_file, write_owned
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
        shown = ", ".join(clashes[:3]) + (f" and {len(clashes) - 3} more" if len(clashes) > 3 else "")
        raise OutputError(
            f"{root} already holds files that stagemap did not write: {shown} "
            "(remove them or choose another output folder)"
        )
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


class Stager:
    """Writes pages of one output folder to temporary files, in this process or a forked worker.

    Made before the page workers start, so that they inherit it: each worker then writes its
    own pages (in parallel, and without sending them back), and the caller renames them all
    into place once every page is made.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.base = root.resolve()
        self.parents: dict[str, Path | None] = {}
        self.made: set[str] = set()
        self.mask = current_umask()

    def _target(self, rel: str) -> Path:
        return fast_confined(self.base, rel, self.parents) or confined(self.root, rel)

    def write(self, rel: str, data: bytes) -> Staged:
        """Write a page to a temporary file beside its target; the caller renames it."""
        target = self._target(rel)
        staged: list[tuple[str, str]] = []
        write_file(target, data, self.made, self.mask, staged)
        return Staged(staged[0][0], staged[0][1]) if staged else Staged(None, str(target))

    def put(self, rel: str, data: bytes) -> bool:
        """Write a file into place now; return False if its bytes were already there."""
        return write_file(self._target(rel), data, self.made, self.mask)


_TEMP_NAME = re.compile(r"^\..+\.\d+\.tmp$")


def stager_for(root: Path) -> Stager | None:
    """Return a `Stager` for ``root``, or None when it holds files stagemap did not write.

    Holding a 10,000-page site in memory to check it first costs hundreds of megabytes, so
    when the folder holds nothing but what stagemap wrote (the usual case) pages are written
    as they are made, to temporary files renamed into place once all are made. When it holds
    other files, the pages must be gathered and checked by `sync_tree` before anything is
    written.
    """
    _make_root(root)
    check_manifest_kind(root, "site")
    return None if _foreign_files(root, read_manifest(root)) else Stager(root)


def _make_root(root: Path) -> None:
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot make the folder {root}: {exc.strerror or exc}") from None


def stream_tree(
    root: Path,
    pages: Iterable[tuple[str, bytes | Staged]],
    keep: Collection[str] = (),
    stager: Stager | None = None,
) -> tuple[list[str], list[str]]:
    """`sync_tree` for pages made one at a time (see `stager_for`); returns (changed, removed).

    A page comes as bytes or already `Staged` by a worker. If making a page fails, every
    temporary file is removed and the folder is left as it was. ``keep`` is read once the
    pages are done (the pages to reuse are found while making the others).
    """
    if stager is None:
        gathered = dict(pages)
        if any(isinstance(v, Staged) for v in gathered.values()):
            raise ValueError("pages staged without a stager")
        return sync_tree(root, cast(dict[str, bytes], gathered), frozenset(keep))
    owned = read_manifest(root)
    changed: list[str] = []
    written: set[str] = set()
    staged: list[tuple[str, str]] = []
    try:
        for rel, data in pages:
            item = data if isinstance(data, Staged) else stager.write(rel, data)
            if item.tmp is not None:
                staged.append((item.tmp, item.path))
                changed.append(rel)
            written.add(rel)
    except BaseException:
        # Workers may have staged pages whose results never arrived: every temporary file of
        # this naming in a folder that holds only stagemap's files is ours.
        for folder, _, names in os.walk(root):
            for name in names:
                if _TEMP_NAME.match(name):
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(folder, name))
        for folder in sorted(stager.made, key=len, reverse=True):
            with contextlib.suppress(OSError):
                os.rmdir(folder)
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


def _write_manifest(root: Path, files: set[str], kind: str = "site") -> None:
    listing = {"generator": "stagemap", "kind": kind, "files": sorted(files)}
    write_owned(root, MANIFEST, (json.dumps(listing, indent=1) + "\n").encode("utf-8"))


def _foreign_files(root: Path, owned: set[str]) -> bool:
    """Return True if ``root`` holds a file (or link) that the manifest does not list."""
    base = str(root)
    for folder, dirs, names in os.walk(base):
        sub = os.path.relpath(folder, base).replace(os.sep, "/")
        prefix = "" if sub == "." else sub + "/"
        for name in names + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            rel = prefix + name
            if rel != MANIFEST and rel not in owned:
                return True
    return False


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
