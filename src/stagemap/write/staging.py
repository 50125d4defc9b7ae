"""The staging folder of an output folder: where a build writes its files before they go in place.

Each process writes into the staging folder inside the output folder (never across file
systems), so that a build killed at any step leaves the folder's old files as they were; the
files are renamed into place once every one is made (see `stream_tree` in write/tree.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from .atomic import TEMP_NAME, current_umask, make_owned_folder, mode_to_write, umask_applies, write_temp
from .faults import fault
from .lock import lock_folder, unlock_folder
from .manifest import check_manifest_kind, read_manifest
from .targets import STAGING, confined, fast_confined, plain_relative


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
        self.mine: tuple[int, str] | None = None
        """This process's id and its own folder in the staging folder (see `_folder`)."""
        self.copy: str | None = None
        """In a new output folder, the folder in the staging folder that holds its copy (see `place`)."""
        self.made: set[str] = set()
        """Folders of `copy` this process has made."""
        if new_root:
            try:
                self.copy = tempfile.mkdtemp(prefix="site-", dir=self.staging)
            except OSError as exc:
                raise OutputError(f"cannot write into {self.staging}: {exc.strerror or exc}") from None

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
                self.mine = (pid, tempfile.mkdtemp(prefix=f"{pid}-", dir=self.staging))
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
        tmp = (
            self._copied(rel)
            if self.copy is not None and plain_relative(rel)
            else f"{self._folder()}/{self.count}"
        )
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

    def _copied(self, rel: str) -> str:
        """Return where ``rel`` goes in the copy of a new output folder, making its folders there."""
        assert self.copy is not None
        folder = rel.rpartition("/")[0]
        if folder and folder not in self.made:
            try:
                os.makedirs(f"{self.copy}/{folder}", exist_ok=True)
            except OSError as exc:
                raise OutputError(f"cannot write into {self.staging}: {exc.strerror or exc}") from None
            self.made.add(folder)
        return f"{self.copy}/{rel}"

    def place(self, staged: list[tuple[str, str]]) -> None:
        """Rename each staged ``(file, target)`` into place, making the folders on the way.

        A new output folder is built as a copy in the staging folder, each file at its own
        path there: then each of its top-level files and folders is renamed into place in
        one step (about twenty renames instead of one per page: 0.2 s of a 10,000-asset build,
        and each worker made its files without a second folder entry to remove). An entry
        that something else put in the folder during the build is filled file by file.
        """
        if self.copy is None:
            rename_all(staged)
            return
        prefix = self.copy + "/"
        entries: dict[str, list[tuple[str, str]]] = {}
        single: list[tuple[str, str]] = []
        for tmp, path in staged:
            if tmp.startswith(prefix):
                entries.setdefault(tmp[len(prefix) :].partition("/")[0], []).append((tmp, path))
            else:
                single.append((tmp, path))
        for count, name in enumerate(sorted(entries), 1):
            target = os.path.join(self.base, name)
            try:
                if os.path.lexists(target):
                    raise FileExistsError(target)
                os.rename(prefix + name, target)
            except OSError as exc:
                if not os.path.lexists(target):
                    raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
                rename_all(entries[name])
            fault("renamed", count)
        rename_all(single)

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
        clear_staging(base)
        staging = make_owned_folder(base / STAGING)
        plain = umask_applies(staging)
    except BaseException:
        unlock_folder(lock)
        raise
    return Stager(root, new_root=new_root, lock=lock, plain_modes=plain)


def clear_staging(base: Path) -> None:
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


def rename_all(staged: list[tuple[str, str]]) -> None:
    """Rename each staged file onto its target, making the folders on the way."""
    made: set[str] = set()
    for count, (tmp, path) in enumerate(staged, 1):
        folder = os.path.dirname(path)
        try:
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        fault("renamed", count)
