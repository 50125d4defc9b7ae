"""Hold a folder for one stagemap process at a time: the project while editing, an output folder while building.

The lock is `fcntl.flock` on the folder itself, opened read-only: no lock file is ever
written into the project, and the kernel drops the lock when the process ends in any way
(a crash, a kill, Ctrl-C), so a stale lock cannot exist. It serialises stagemap processes
only; people's editors take no such lock, which is why every edit also re-reads a file just
before replacing it (see `atomic.write_file`).

Where the platform has no ``flock`` (Windows), or the file system refuses it on a folder
(some network mounts), nothing is locked and the re-checks alone guard the files.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import OutputError
from ..read.owned import DIRECTORY

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

WAIT_SECONDS = 10.0
"""How long a command waits for another stagemap to finish with a folder before giving up."""
_POLL = 0.05
_BUSY = (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES)


_HELD: set[int] = set()
"""The open folders holding build locks in this process (see `release_inherited`)."""


class FolderBusy(OutputError):
    """Another stagemap process holds the folder; exit status 2."""

    def __init__(self, folder: Path, message: str) -> None:
        super().__init__(message)
        self.folder = folder
        """The folder that is held."""


@contextlib.contextmanager
def hold_folder_lock(
    folder: Path,
    what: str,
    *,
    wait: float | None = None,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[None]:
    """Hold ``folder`` against other stagemap processes for the ``with`` block.

    ``what`` completes "another stagemap is ..." in the error, e.g. "editing this project".
    When another process holds it, wait up to ``wait`` seconds (default `WAIT_SECONDS`) (calling ``on_wait`` once, so
    a command can say that it waits), then raise `FolderBusy`. A folder that does not exist
    yet is not locked (nothing else can be writing into it either).
    """
    try:
        fd = os.open(folder, os.O_RDONLY | DIRECTORY)
    except OSError:
        yield
        return
    try:
        _acquire(fd, folder, what, WAIT_SECONDS if wait is None else wait, on_wait)
        yield
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def _acquire(fd: int, folder: Path, what: str, wait: float, on_wait: Callable[[], None] | None) -> None:
    if fcntl is None:  # pragma: no cover - Windows
        return
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in _BUSY:
                return  # no locking on this file system: the re-checks still guard the files
        if time.monotonic() >= deadline:
            raise FolderBusy(
                folder,
                f"another stagemap is {what} ({folder}); try again when it has finished "
                f"(waited {wait:g} seconds)",
            )
        if on_wait is not None and not told:
            on_wait()
            told = True
        time.sleep(_POLL)


def lock_folder(folder: Path) -> int:
    """Take the build lock of ``folder`` and return the open folder that holds it; close it to release.

    The lock is an exclusive `flock` on the folder itself (no lock file to leave behind), so
    the system releases it when the process ends in any way, a kill included (forked workers
    close their copy: `release_inherited`). Raises `FolderBusy` at once if another process holds it.
    """
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC
    try:
        fd = os.open(folder, flags)
    except OSError as exc:
        raise OutputError(f"cannot open the folder {folder}: {exc.strerror or exc}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise FolderBusy(
                folder, f"another stagemap is building into {folder}; wait for it to finish and build again"
            ) from None
        raise OutputError(f"cannot lock the folder {folder}: {exc.strerror or exc}") from None
    _HELD.add(fd)
    return fd


def unlock_folder(fd: int | None) -> None:
    """Release a lock taken by `lock_folder` (nothing when ``fd`` is None)."""
    if fd is not None:
        _HELD.discard(fd)
        with contextlib.suppress(OSError):
            os.close(fd)


def release_inherited() -> None:
    """Close, in a forked worker, the locked folders it inherited (the main process keeps its lock).

    Otherwise a worker still finishing its pages after the main process was killed would
    keep the folder locked, and the next build would be refused until it ended.
    """
    for fd in sorted(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()
