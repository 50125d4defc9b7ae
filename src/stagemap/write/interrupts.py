"""Let Ctrl-C and SIGTERM wait while a build or a rename puts its new files in place."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM arrived while the new files went in place: it waited, and all of them are in."""


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Let Ctrl-C and SIGTERM wait until the block is done, then raise `Interrupted`.

    Around the renames that put a new site in place (write/tree.py) or a rename's files
    (write/edits.py), so that a person's Ctrl-C never stops either half way (a kill still
    can: the manifest or journal written first covers that); the command can then say that
    the change was made. An error of the block goes first: it says more. Only the main
    thread can handle signals; elsewhere this does nothing.
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
