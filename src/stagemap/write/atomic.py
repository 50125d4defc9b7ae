"""Write one file atomically: people's files (following their links) and stagemap's own (never)."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError
from ..lazyre import lazy
from ..read.owned import DIRECTORY, NOFOLLOW, NONBLOCK
from .exchange import SaveKept, replace_if_holds, still_holds


class ChangedMeanwhile(OutputError):
    """A file changed (or appeared) after its edit was planned, so it was not written."""

    def __init__(self, path: Path | str, *, appeared: bool = False) -> None:
        what = (
            "created by someone else since the command started"
            if appeared
            else ("changed by someone else since it was read")
        )
        super().__init__(f"{path}: {what}; not written (run the command again)")
        self.path = path
        """The file as named to the user."""


def link_refusal(path: Path | str) -> OutputError:
    return OutputError(
        f"refusing to write {path}: it is a symbolic link; stagemap never writes through a link "
        "at its own files (remove the link)"
    )


def _special_refusal(path: Path | str) -> OutputError:
    return OutputError(f"refusing to write {path}: it is not a regular file (remove it)")


def _open_folder(folder: Path) -> int:
    """Open ``folder`` for *at() calls, refusing a link or a non-folder at its last step."""
    try:
        return os.open(folder, os.O_RDONLY | DIRECTORY | NOFOLLOW)
    except OSError as exc:
        if os.path.islink(folder):
            raise link_refusal(folder) from None
        raise OutputError(f"cannot write into {folder}: {exc.strerror or exc}") from None


def write_owned(folder: Path, name: str, data: bytes) -> bool:
    """Write stagemap's own file ``folder/name`` (cache, record, manifest); False if unchanged.

    Never through a link and never onto a special file: the folder is opened without
    following a link at its last step, and every later call is made relative to that open
    folder, so the file lands in the folder that was checked. A link or a special file at
    ``name`` is refused with `OutputError`, never replaced or followed.
    """
    if "/" in name or name in ("", ".", ".."):
        raise ValueError(f"not a plain file name: {name!r}")
    shown = folder / name
    dfd = _open_folder(folder)
    tmp = f".{name}.{os.getpid()}.tmp"
    try:
        try:
            info = os.stat(name, dir_fd=dfd, follow_symlinks=False)
        except FileNotFoundError:
            info = None
        mode = 0o666 & ~current_umask()
        if info is not None:
            if stat.S_ISLNK(info.st_mode):
                raise link_refusal(shown)
            if not stat.S_ISREG(info.st_mode):
                raise _special_refusal(shown)
            mode = stat.S_IMODE(info.st_mode)
            if info.st_size == len(data) and _same_bytes(dfd, name, data):
                return False
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp, dir_fd=dfd)  # left over by a killed run
        fd = os.open(tmp, flags, 0o600, dir_fd=dfd)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
        os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)
        return True
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dfd)
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    finally:
        os.close(dfd)


def _same_bytes(dfd: int, name: str, data: bytes) -> bool:
    try:
        fd = os.open(name, os.O_RDONLY | NOFOLLOW | NONBLOCK, dir_fd=dfd)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(len(data) + 1) == data
    finally:
        os.close(fd)


def make_owned_folder(folder: Path) -> Path:
    """Make stagemap's own folder ``folder`` (one level) unless it exists; refuse a link there."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except OSError as exc:
        raise OutputError(f"cannot make the folder {folder}: {exc.strerror or exc}") from None
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode):
        raise link_refusal(folder)
    if not stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot use {folder}: it is not a folder (remove it)")
    return folder


def remove_owned_files(folder: Path, names: Iterable[str]) -> None:
    """Remove files stagemap wrote in ``folder`` (links themselves, never their targets)."""
    try:
        dfd = os.open(folder, os.O_RDONLY | DIRECTORY | NOFOLLOW)
    except OSError:
        return
    try:
        for name in names:
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=dfd)
    finally:
        os.close(dfd)


def fsync_dir(folder: Path) -> None:
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


def atomic_write(
    path: Path,
    data: bytes,
    *,
    durable: bool = True,
    within: Path | None = None,
    expect: bytes | None = None,
    create: bool = False,
) -> bool:
    """Write ``data`` to ``path`` atomically; return False if the bytes were already there.

    For people's own files (content, settings, a kit they named). A symlink is followed, so
    its target is replaced, not the link; with ``within``, a path whose target lies outside
    that folder is refused, so a link committed into a project cannot send an edit to a file
    elsewhere. The original file's permissions are kept; a new file gets the usual mode for
    the umask. ``durable`` also flushes the file and its folder to disk before returning.
    ``expect`` and ``create`` guard a read-modify-write: see `write_file`.
    Built output that can be made again goes through `Stager` or `write_owned` instead.
    """
    target = person_target(path, within)
    return write_file(
        target,
        data,
        set(),
        current_umask(),
        durable=durable,
        shown=str(path),
        follow=True,
        expect=expect,
        create=create,
    )


def person_target(path: Path, within: Path | None) -> Path:
    """The file a write to a person's ``path`` lands in (through links), confined to ``within``."""
    target = Path(os.path.realpath(path))
    if within is not None and not target.is_relative_to(within.resolve()):
        raise OutputError(
            f"refusing to write {path}: it is a link to {target}, outside {within}; "
            "stagemap only edits files inside the project"
        )
    return target


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_file(
    target: Path,
    data: bytes,
    made: set[str],
    mask: int,
    staged: list[tuple[str, str]] | None = None,
    *,
    durable: bool = False,
    shown: str | None = None,
    follow: bool = False,
    expect: bytes | None = None,
    create: bool = False,
) -> bool:
    """Write one file atomically: the single implementation behind every write.

    Skip identical bytes, keep an existing file's mode, temp file + rename; plain `os` calls,
    as a build makes thousands of them.

    ``made`` remembers folders already made and ``mask`` is the umask, both kept by the
    caller across calls. With ``staged``, the rename is left to the caller: (temp file,
    target) is appended. ``durable`` flushes the file and its folder to disk. ``shown`` is
    the path to name in errors (default: the target). Without ``follow`` (built output), a
    link or a special file at the target is refused, never read, followed or replaced.

    ``expect`` is what the target held when the new bytes were planned from it: just before
    the rename the target is read again, and if its bytes (or, while reading, its size,
    mtime or inode) differ, nothing is written and `ChangedMeanwhile` is raised; on Linux
    the rename swaps, so a save that lands in between is put back too (see `exchange`).
    ``create`` writes a file that must not exist: one that appeared meanwhile is never
    replaced (`ChangedMeanwhile` too).
    """
    path = str(target)
    name = shown or path
    folder = os.path.dirname(path)
    mode = mode_to_write(path, data, name, follow=follow, create=create)
    if mode is None:
        return False
    if mode < 0:
        mode = 0o666 & ~mask
        _make_folder(folder, made, name)
    tmp = temp_path(path)
    try:
        write_temp(tmp, data, mode, durable=durable)
        if staged is not None:
            staged.append((tmp, path))
            return True
        _put_in_place(tmp, path, data, name, create=create, expect=expect)
        if durable:
            fsync_dir(Path(folder))
    except BaseException as exc:
        if isinstance(exc, SaveKept):  # the temp file holds someone's save now
            raise
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {name}: {exc.strerror or exc}") from None
        raise
    return True


def _put_in_place(tmp: str, path: str, data: bytes, name: str, *, create: bool, expect: bytes | None) -> None:
    if create:
        place_new(tmp, path, data, name)
    elif expect is None:
        os.replace(tmp, path)
    elif not replace_if_holds(tmp, path, lambda at: still_holds(at, expect), name):
        raise ChangedMeanwhile(name)


TEMP_NAME = lazy(r"^\..+\.(\d+)\.tmp$")
"""The name of a temporary file made by `temp_path`: hidden, with the process id (group 1)."""


def temp_path(path: str) -> str:
    """Return the temporary file beside ``path`` that a write goes to before its rename."""
    return os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.{os.getpid()}.tmp")


def _make_folder(folder: str, made: set[str], name: str) -> None:
    if folder not in made:
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot write {name}: {exc.strerror or exc}") from None
        made.add(folder)


def mode_to_write(path: str, data: bytes, name: str, *, follow: bool, create: bool) -> int | None:
    """The existing file's mode; None when it already holds ``data``; -1 when there is none."""
    try:
        fd = os.open(path, os.O_RDONLY | NONBLOCK | (0 if follow else NOFOLLOW))
    except FileNotFoundError:
        return -1
    except OSError as exc:
        if not follow and os.path.islink(path):
            raise link_refusal(name) from None
        raise OutputError(f"cannot read {name}: {exc.strerror}") from None
    try:
        if create:
            raise ChangedMeanwhile(name, appeared=True)
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _special_refusal(name)
        if info.st_size == len(data):
            with os.fdopen(fd, "rb", closefd=False) as handle:
                if handle.read() == data:
                    return None
        return stat.S_IMODE(info.st_mode)
    except OSError as exc:
        raise OutputError(f"cannot read {name}: {exc.strerror}") from None
    finally:
        os.close(fd)


def write_temp(tmp: str, data: bytes, mode: int, *, durable: bool, opened: bool = False) -> None:
    """Write ``data`` to the new temp file ``tmp`` with ``mode`` (one left by a killed run goes).

    ``opened``: the file system gives a new file ``mode`` when asked at its creation (see
    `umask_applies`), so no separate change of mode is needed.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW
    first = mode if opened else 0o600
    try:
        fd = os.open(tmp, flags, first)
    except FileExistsError:
        os.unlink(tmp)
        fd = os.open(tmp, flags, first)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if not opened:
            os.fchmod(fd, mode)
        if durable:
            os.fsync(fd)
    finally:
        os.close(fd)


def umask_applies(folder: Path) -> bool:
    """True when a file made in ``folder`` gets the mode asked for less the umask (no default ACL says otherwise)."""
    mode = 0o666 & ~current_umask()
    probe = os.path.join(folder, f".mode-{os.getpid()}")
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o666)
    except OSError:
        return False
    try:
        return stat.S_IMODE(os.fstat(fd).st_mode) == mode
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(probe)


def place_new(tmp: str, path: str, data: bytes, name: str) -> None:
    """Move the finished temp file to ``path`` unless a file is there by now; never replace it.

    A hard link fails when the name is taken, which `os.replace` would not; on a file system
    without hard links the file is created exclusively and written in place instead.
    """
    try:
        os.link(tmp, path, follow_symlinks=False)
    except FileExistsError:
        raise ChangedMeanwhile(name, appeared=True) from None
    except OSError:
        try:
            fd = os.open(
                path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, stat.S_IMODE(os.stat(tmp).st_mode)
            )
        except FileExistsError:
            raise ChangedMeanwhile(name, appeared=True) from None
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    os.unlink(tmp)
