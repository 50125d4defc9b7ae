"""What keeps a build whole: one build per output folder, signals held while files go in place, test faults."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from ..errors import OutputError

FAULT_ENV = "STAGEMAP_TEST_FAULT"
"""The environment variable that the fault tests set (see `fault`); unset, it has no effect."""


_HELD: set[int] = set()
"""The open folders holding build locks in this process (see `release_inherited`)."""


class FolderBusy(OutputError):
    """Another process (another stagemap) is writing into the same output folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__(f"another stagemap is building into {folder}; wait for it to finish and build again")
        self.folder = folder
        """The output folder that is busy."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM arrived while the new files went in place: it waited, and all of them are in."""


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
            raise FolderBusy(folder) from None
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


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Let Ctrl-C and SIGTERM wait until the block is done, then raise `Interrupted`.

    Around the few renames that put a new site in place, so that a person's Ctrl-C never
    stops a build half way (a kill still can: the manifest written first covers that).
    Only the main thread can handle signals; elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def note(signum: int, _frame: FrameType | None) -> None:
        caught.append(signum)

    old = {sig: signal.signal(sig, note) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)
    if caught:
        raise Interrupted


def fault(point: str, count: int = 0) -> None:
    """Stop this process at a named point of a build when a test asks for it; otherwise do nothing.

    Only for tests: ``STAGEMAP_TEST_FAULT=POINT[:COUNT[:ACTION]]`` makes the build kill itself
    (ACTION ``kill``, the default: SIGKILL, as a power cut or the OOM killer would) or pause
    (``stop``: SIGSTOP, so that a test can act while the build is half done, then continue
    it) the COUNT-th time (any time, without COUNT) it reaches POINT. The points, in the
    order of a build (write/tree.py): ``write`` (a file written to the staging folder, counted
    in each process, workers included), ``staged`` (a file made, counted in the main
    process), ``union`` (before the manifest of old and new files), ``renamed`` (a file
    renamed into place), ``removed`` (old files removed, before the final manifest) and
    ``manifest`` (after it, before the staging folder is removed).
    """
    wanted = os.environ.get(FAULT_ENV)
    if not wanted:
        return
    name, _, rest = wanted.partition(":")
    number, _, action = rest.partition(":")
    if name != point or (number and number != str(count)):
        return
    os.kill(os.getpid(), signal.SIGSTOP if action == "stop" else signal.SIGKILL)
