"""Put a new file in place of a person's file only while it still holds what an edit was planned from.

An edit reads a file, plans new bytes from it, writes them to a temp file beside it and
renames that over the file. A save that lands between the last look at the file and the
rename would be replaced, and lost: POSIX has no "rename if unchanged". On Linux,
``renameat2`` with ``RENAME_EXCHANGE`` swaps two names in one step: the new file goes in,
and the file it displaced comes out under the temp file's name, where it can be read at
leisure. If that is not the file the edit was planned from, someone saved in between, and
their file is swapped back in. Where there is no such call (not Linux, a C library or kernel
without it, a file system that refuses it), the file is looked at just before `os.replace`,
which leaves a short window between the two.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import stat
import sys
from collections.abc import Callable

from ..errors import OutputError
from ..read.owned import NONBLOCK

RENAME_EXCHANGE = 2
"""The ``renameat2`` flag that swaps the two names (linux/fs.h)."""

_AT_FDCWD = -100
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}
"""What ``renameat2`` answers where the kernel or the file system cannot swap."""


class SaveKept(OutputError):
    """Someone saved the file during an edit, and their save could not be put back in place.

    It is left in the temp file the message names, which must not be deleted.
    """


def c_library() -> ctypes.CDLL | None:
    """The C library this process runs on, for the calls Python has no function for; None if none."""
    try:
        return ctypes.CDLL(None, use_errno=True)  # the running program's symbols: the C library's
    except OSError:
        return None


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    libc = c_library()
    call = getattr(libc, "renameat2", None) if libc is not None else None
    if call is None:  # a C library older than glibc 2.28
        return None
    call.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    call.restype = ctypes.c_int
    return call  # type: ignore[no-any-return]


def exchange(first: str, second: str) -> bool:
    """Swap the files named ``first`` and ``second`` in one step; False where this system cannot."""
    call = _renameat2()
    if call is None:
        return False
    if call(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), second)


def still_holds(path: str, expect: bytes) -> bool:
    """True when the file at ``path`` holds exactly ``expect`` and did not change while read."""
    try:
        fd = os.open(path, os.O_RDONLY | NONBLOCK)
    except OSError:
        return False
    try:
        first = os.fstat(fd)
        if not stat.S_ISREG(first.st_mode) or first.st_size != len(expect):
            return False
        with os.fdopen(fd, "rb", closefd=False) as handle:
            if handle.read(len(expect) + 1) != expect:
                return False
        last = os.stat(path)
    except OSError:
        return False
    finally:
        os.close(fd)
    # A save between the read and now shows in the inode (a rename) or size and mtime.
    return (last.st_ino, last.st_size, last.st_mtime_ns) == (first.st_ino, first.st_size, first.st_mtime_ns)


def replace_if_holds(temp: str, path: str, holds: Callable[[str], bool], shown: str) -> bool:
    """Rename ``temp`` over ``path`` if ``holds(path)``; False, and ``path`` left as it is, if not.

    ``holds`` tells whether the file at a name is still the one the new bytes were planned
    from. With a swap, what came out of ``path`` is checked after the new file went in; a
    save found there goes back in, and the caller removes ``temp`` (the new bytes, or an older
    save that a newer one replaced). `SaveKept` when a save could not be put back: ``temp``
    then holds it. Without a swap, ``path`` is checked just before the rename.
    """
    if not holds(path):
        return False
    ours = os.lstat(temp).st_ino
    try:
        swapped = exchange(temp, path)
    except OSError:  # a failed swap changed nothing: the plain rename says what is wrong, if anything
        swapped = False
    if not swapped:
        os.replace(temp, path)
        return True
    if holds(temp):
        os.unlink(temp)
        return True
    try:
        _swap_back(temp, path)
        if os.lstat(temp).st_ino != ours:
            # Our file was replaced by a newer save while we held the name, and the older
            # save just went over it: the newer one goes back in.
            _swap_back(temp, path)
    except OSError as exc:
        raise SaveKept(
            f"{shown} was saved by someone else during this edit, and their save could not be put "
            f"back ({exc.strerror or exc}): it is in {temp}; move it over {shown} to keep it"
        ) from None
    return False


def _swap_back(temp: str, path: str) -> None:
    if not exchange(temp, path):  # it swapped a moment ago
        raise OSError(errno.EIO, "the file system refused to swap the files back")
