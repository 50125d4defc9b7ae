"""Output folders: stage a tree of files, swap it in, keep a manifest, remove what an earlier build wrote."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from .atomic import (
    TEMP_NAME,
    current_umask,
    make_owned_folder,
    mode_to_write,
    umask_applies,
    write_temp,
)
from .faults import fault
from .interrupts import signals_held
from .lock import lock_folder, unlock_folder
from .manifest import check_manifest_kind, read_manifest, write_manifest
from .placing import put_in_place
from .targets import STAGING, confined, fast_confined, plain_relative


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


@dataclass(frozen=True, slots=True)
class Staged:
    """A file already written to the staging folder (``tmp`` None: its bytes are there already)."""

    tmp: str | None
    """The file in the staging folder, renamed into place when the whole site is made."""
    path: str
    """The target file."""


class Stager:
    """Writes the files of one output folder into its staging folder, in this process or a forked worker.

    Made before the page workers start, so that they inherit it: each worker then writes its
    own pages (in parallel, and without sending them back), and the caller renames them all
    into place once every page is made. Holds the folder's build lock until `close`.
    """

    def __init__(
        self, root: Path, *, new_root: bool = False, lock: int | None = None, plain_modes: bool = False
    ) -> None:
        self.root = root
        self.base = root.resolve()
        self.staging = self.base / STAGING
        self.new_root = new_root
        """The output folder itself was made by this build: no file of an earlier one is in it."""
        self.lock = lock
        """The open folder that holds the build lock (None: no lock taken)."""
        self.parents: dict[str, Path | None] = {}
        self.mask = current_umask()
        self.plain_modes = plain_modes
        """A file made in the staging folder gets the mode asked for less the umask (no default ACL
        there, see `umask_applies`): a new page's mode is given when it is opened, not set after."""
        self.count = 0
        self.mine: tuple[int, str, set[str]] | None = None
        """This process's id, its own folder in the staging folder (see `_folder`) and the folders made in it."""

    def _folder(self) -> str:
        """Return this process's own folder in the staging folder, made on its first file.

        Two processes making files in one folder wait for each other (the folder is locked
        while an entry is added): on this project's test machine each of two page workers
        took 0.9 ms a file in a shared folder, 0.45 ms in a folder of its own. The name is
        new in each process (a worker's id may be reused), so no file of another is replaced.
        """
        pid = os.getpid()
        if self.mine is None or self.mine[0] != pid:
            try:
                self.mine = (pid, tempfile.mkdtemp(prefix=f"{pid}-", dir=self.staging), set())
            except OSError as exc:
                raise OutputError(f"cannot write into {self.staging}: {exc.strerror or exc}") from None
        return self.mine[1]

    def _target(self, rel: str) -> Path:
        # In a folder this build made, no earlier file or link can stand at a target: a file
        # put there since is still refused (`stream_tree` checks every path the manifest lacks).
        found = fast_confined(self.base, rel, self.parents, links=not self.new_root)
        return found or confined(self.root, rel)

    def write(self, rel: str, data: bytes) -> Staged:
        """Write a file into the staging folder unless its target holds these bytes already."""
        target = str(self._target(rel))
        mode = -1 if self.new_root else mode_to_write(target, data, target, follow=False, create=False)
        if mode is None:
            return Staged(None, target)
        self.count += 1
        fault("write", self.count)
        try:
            tmp = self._staged_at(rel)
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
        try:
            if mode < 0:
                write_temp(tmp, data, 0o666 & ~self.mask, durable=False, opened=self.plain_modes)
            else:
                write_temp(tmp, data, mode, durable=False)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
        return Staged(tmp, target)

    def _staged_at(self, rel: str) -> str:
        """Return where the file ``rel`` is staged: in this process's folder, by number.

        In an output folder this build made, at its own path there instead, so that whole
        folders can be moved into place at the end (see `stagemap.write.placing.put_in_place`).
        """
        folder = self._folder()
        if not self.new_root or not plain_relative(rel):  # (a path `confined` let through as it is)
            return f"{folder}/{self.count}"
        assert self.mine is not None
        made = self.mine[2]
        parent = rel.rpartition("/")[0]
        if parent and parent not in made:
            os.makedirs(f"{folder}/{parent}", exist_ok=True)
            made.add(parent)
        return f"{folder}/{rel}"

    def close(self) -> None:
        """Release the build lock."""
        unlock_folder(self.lock)
        self.lock = None


def stager_for(root: Path, kind: str = "site") -> Stager:
    """Return a `Stager` for the output folder ``root``: made if needed, locked, cleared of what a killed build left.

    Files are written as they are made, to the staging folder, and renamed into place once
    all are made, so a 10,000-page site is never held in memory. Files stagemap did not write
    may stay in the folder; `stream_tree` refuses to overwrite one.
    """
    new_root = not os.path.lexists(root)
    _make_root(root)
    lock = lock_folder(root)
    try:
        check_manifest_kind(root, kind)
        clear_stale_temporaries(root, read_manifest(root))
        base = root.resolve()
        _clear_staging(base)
        staging = make_owned_folder(base / STAGING)
        plain = umask_applies(staging)
    except BaseException:
        unlock_folder(lock)
        raise
    return Stager(root, new_root=new_root, lock=lock, plain_modes=plain)


def _clear_staging(base: Path) -> None:
    """Remove the staging folder (what a killed build left there): never through a link."""
    staging = base / STAGING
    try:
        info = staging.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot clear {staging}: {exc.strerror or exc}") from None
    try:
        if stat.S_ISDIR(info.st_mode):
            shutil.rmtree(staging)
        else:
            staging.unlink()
    except OSError as exc:
        raise OutputError(f"cannot clear {staging}: {exc.strerror or exc}") from None


def clear_stale_temporaries(root: Path, owned: Collection[str]) -> list[str]:
    """Remove the temporary files that builds before the staging folder left beside their pages; return them.

    Only in ``root`` and the folders holding ``owned`` files (per the manifest), only files
    named as stagemap names them (`TEMP_NAME`) and only when the process that made one is
    gone: a process writing now keeps its files.
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
    3. each file is renamed into place (a reader sees the old page or the new one);
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
                written.add(rel)
                fault("staged", len(written))
            # A file of someone else's may stand where one goes (put there during the build): in
            # a folder this build made that holds nothing but the staging folder, none does (one
            # look at the folder instead of one at each of 10,000 targets).
            if not (stager.new_root and _only_staging(stager.base)):
                taken = zip(changed, staged, strict=True)
                clashes = [rel for rel, (_, path) in taken if rel not in owned and os.path.lexists(path)]
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
                put_in_place(staged, stager.staging, stager.base, new_root=stager.new_root)
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


def _only_staging(base: Path) -> bool:
    """Whether the output folder ``base`` holds nothing but the staging folder."""
    try:
        with os.scandir(base) as entries:
            return all(entry.name == STAGING for entry in entries)
    except OSError:
        return False


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
        _clear_staging(stager.base)
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
