"""Make items in one forked worker while this process does work they do not need (see `Ahead`)."""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable, Sequence
from typing import Any

from .workers import may_fork, quiet, stops_held


class Ahead:
    """Run ``fn`` over items in one forked worker while this process does work they do not need.

    For the time this process is busy alone (a build's report and plan, after the library is
    read): the worker makes what it can until `take` stops it, and `take` returns what it made
    by item; the caller makes the rest itself. Nothing is made where forking is not safe or
    available (as `parallel_map`), and nothing is lost when the worker fails: its items are
    just not in what `take` returns (their error shows when the caller makes them).
    """

    def __init__(self, fn: Callable[[Any], Any], items: Sequence[Any], workers: int) -> None:
        self.conn: Any = None
        self.process: Any = None
        if not may_fork(workers, len(items)):
            return
        context = multiprocessing.get_context("fork")
        self.conn, theirs = context.Pipe()
        with stops_held():
            self.process = context.Process(target=_ahead, args=(fn, items, theirs, self.conn), daemon=True)
            self.process.start()
        theirs.close()

    def take(self) -> dict[Any, Any]:
        """Stop the worker and return what it made, by item (nothing when it made nothing)."""
        if self.process is None:
            return {}
        made: dict[Any, Any] = {}
        try:
            self.conn.send(None)
            # One message per item, so that no more than one is held twice (bytes and objects).
            while data := self.conn.recv_bytes():
                item, result = pickle.loads(data)
                made[item] = result
        except (EOFError, OSError):  # the worker died: what it did not make, the caller makes
            made = {}
        self.close()
        return made

    def close(self) -> None:
        """End the worker if it still runs (a failed or interrupted build), and wait for it."""
        if self.process is not None:
            if self.process.is_alive():
                self.process.terminate()
            self.process.join()
            self.conn.close()
            self.process = None


def _ahead(fn: Callable[[Any], Any], items: Sequence[Any], conn: Any, callers: Any) -> None:
    """The worker of `Ahead`: make items until told to stop, then send what was made.

    ``callers``: the caller's end of the pipe, inherited; closed, so that the pipe breaks when
    the caller is gone (killed), and the worker then ends without a word.
    """
    quiet()
    callers.close()
    # Each result is pickled as it is made, so that once stopped only the bytes are left to send.
    made: list[bytes] = []
    for item in items:
        if conn.poll():
            break
        try:
            made.append(pickle.dumps((item, fn(item)), pickle.HIGHEST_PROTOCOL))
        except Exception:  # made again by the caller, who reports it
            break
    try:
        conn.recv()  # the caller's stop: it wants what was made now (the pipe stays open till then)
        for data in [*made, b""]:
            conn.send_bytes(data)
    except (EOFError, OSError):  # the caller is gone
        pass
