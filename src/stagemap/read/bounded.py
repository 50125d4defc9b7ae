"""Read a project's own setting files (stagemap.yml, a model file, a rules file) within a size cap."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .owned import NONBLOCK


class Unreadable(Exception):
    """A setting file that cannot be read; ``reason`` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TooLarge(Unreadable):
    """A setting file over its size cap."""


def read_bounded(path: Path, limit: int) -> bytes:
    """Return the bytes of the regular file at ``path``; raise `Unreadable` if it is not one, `TooLarge` if it holds over ``limit`` bytes.

    Links are followed (a team may keep its model in a shared folder), but a FIFO, a device or a
    folder is refused without reading it: opening never blocks and reading stops one byte past
    the cap, so a link to ``/dev/zero`` or a pipe cannot hang a run or fill memory.
    """
    try:
        fd = os.open(path, os.O_RDONLY | NONBLOCK)
    except OSError as exc:
        raise Unreadable(exc.strerror or str(exc)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Unreadable("not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= limit and (chunk := os.read(fd, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise Unreadable(exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    if size > limit:
        raise TooLarge(f"larger than {limit // 1024} KiB")
    return b"".join(chunks)
