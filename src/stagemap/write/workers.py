"""Run one function over many items in worker processes, results in order.

Rendering a thousand pages is CPU work that one Python process does on one core. On Linux
the workers are forked after the library is in memory, so they share it without copying or
pickling it; only each page's result comes back. Where forking is not safe (another thread
is running, as in `serve`) or not available, or there is too little work to pay for the
workers, the items are processed here, in order: the output is the same bytes either way.
This process works too: the workers take the items from the front of the list, this process
from the back, until they meet (`_shared`), after any work of its own that the items do not
need (a build's search index, while the workers render the pages).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from .faults import fault
from .lock import release_inherited

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 64
"""Below this many items the work is done in this process."""


def default_workers() -> int:
    """Return the worker count: ``STAGEMAP_WORKERS`` if set, else the cores we may use."""
    value = os.environ.get("STAGEMAP_WORKERS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def quiet() -> None:
    """Leave Ctrl-C, SIGTERM and the build lock to the main process: a worker never prints a traceback.

    Ctrl-C in a terminal reaches every process of the group: the main process stops the
    workers itself (and says what happened). A forked worker would otherwise inherit the
    main process's handlers; SIGTERM, from the main process stopping the workers, ends it quietly.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    release_inherited()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)


_STOPS = {signal.SIGINT, signal.SIGTERM}


def may_fork(workers: int, count: int) -> bool:
    """Whether ``count`` items are worth forking workers for, and forking is safe and available here."""
    return (
        workers > 1
        and count >= MIN_ITEMS
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1  # a thread of this process could hold a lock the child needs
    )


@contextlib.contextmanager
def stops_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while workers are forked, so that none arrives before `quiet` has run."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


TICK = 0.1
"""Seconds between two reports of how many items are made (see `parallel_map`'s ``progress``)."""


def parallel_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int,
    *,
    first: Callable[[], object] | None = None,
    progress: Callable[[int], object] | None = None,
) -> Iterator[R]:
    """Yield ``fn(item)`` for each item, in order, this process and up to ``workers - 1`` workers sharing them.

    The workers take chunks of items from the front, this process from the back, until they
    meet (see `_shared`); what this process makes itself is never pickled. ``first`` is work
    of this process that the items do not need, done once the workers have started and
    before its own part (the workers take on more while it runs). ``progress`` is told how
    many items are made so far: every `TICK` seconds on a thread of this process while there
    are workers (else after each item), and once with them all. Without workers ``first`` is
    called first.
    """
    todo = list(items)
    if not may_fork(workers, len(todo)):
        if first is not None:
            first()
        for count, item in enumerate(todo, 1):
            result = fn(item)
            if progress is not None:
                progress(count)
            yield result
        return
    # What the workers inherit (the library, the plan) is left out of their garbage
    # collections: scanning it cost each worker CPU time and copies of the pages it touched.
    # A caller that froze objects itself (the preview) keeps them frozen afterwards.
    ours = gc.get_freeze_count() == 0
    if ours:
        gc.freeze()
    try:
        yield from _shared(fn, todo, workers, first, progress)
    finally:
        if ours:
            gc.unfreeze()


class _Ticker:
    """Tells ``progress`` how many items ``made()`` says are made, every `TICK` seconds on a thread, until `stop`."""

    def __init__(self, progress: Callable[[int], object], made: Callable[[], int]) -> None:
        self.progress = progress
        self.made = made
        self.error: BaseException | None = None
        self.told = 0
        """The count last told (the end tells it only if it moved since)."""
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="stagemap-progress", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            while not self.stopped.wait(TICK):
                if (now := self.made()) != self.told:
                    self.progress(now)
                    self.told = now
        except BaseException as exc:  # handed to the thread that stops it
            self.error = exc

    def stop(self) -> None:
        """Stop telling (what ``progress`` raised, if anything, is in `error`)."""
        self.stopped.set()
        self.thread.join()


SMALLEST_CHUNK = 8
"""Fewest items a process takes at a time (each chunk a worker makes is one message back)."""


class _Untaken:
    """The items no process has taken yet, ``[front, back)``: workers take chunks from the front, this process from the back.

    Each chunk is a quarter of a taker's share of what is left (at least `SMALLEST_CHUNK`), so
    the two ends meet when the work runs out, whichever side went faster. Each worker also
    counts here the items it has made (for `parallel_map`'s ``progress``).
    """

    def __init__(self, count: int, takers: int) -> None:
        self.ends = multiprocessing.get_context("fork").Array("q", [0, count] + [0] * (takers - 1))
        self.takers = takers
        self.abandoned = False
        """The lock is held by a worker that is gone (see `take`): this process takes without it."""

    def take(self, *, front: bool, gone: Callable[[], bool] | None = None) -> range:
        """Take the next chunk from one end (an empty range once there is nothing left).

        ``gone`` says whether another taker has ended: one killed while it held the lock (for a
        few microseconds a chunk) would hold it for ever, so once a taker has waited a while and
        another is gone, it takes without the lock (any others left wait for it).
        """
        lock = self.ends.get_lock()
        while not self.abandoned and not lock.acquire(timeout=_HELD_FOR_LONG):
            self.abandoned = gone is not None and gone()
        if self.abandoned:
            return self._take(front)
        try:
            return self._take(front)
        finally:
            lock.release()

    def _take(self, front: bool) -> range:
        ends: Any = self.ends.get_obj()
        start, end = ends[0], ends[1]
        size = min(end - start, max(SMALLEST_CHUNK, -(-(end - start) // (self.takers * 4))))
        if size <= 0:
            return range(0)
        if front:
            ends[0] = start + size
            return range(start, start + size)
        ends[1] = end - size
        return range(end - size, end)

    def counter(self, worker: int) -> Callable[[], None]:
        """Return what worker number ``worker`` (from 0) calls once per item it has made.

        Each worker has its own count, written by it alone: no lock is needed to add one, and
        this process reads them all as they are (`made`).
        """
        ends: Any = self.ends.get_obj()
        slot = 2 + worker

        def one_more() -> None:
            ends[slot] += 1

        return one_more

    def made(self) -> int:
        """Return how many items the workers have made so far."""
        ends: Any = self.ends.get_obj()
        return sum(ends[2:])


_HELD_FOR_LONG = 0.2
"""Seconds after which the lock of `_Untaken` may be held by a worker that is gone."""


def _take_front(
    fn: Callable[[Any], Any], items: Sequence[Any], untaken: _Untaken, worker: int, conn: Any, callers: Any
) -> None:
    """A worker of `_shared`: make chunks from the front until none is left, then send what was made.

    ``worker`` is its number, from 0. ``callers``: the caller's end of the pipe, inherited;
    closed, so that the pipe breaks when the caller is gone (killed), and the worker then ends
    without a word.
    """
    quiet()
    callers.close()
    parent = os.getppid()
    one_more = untaken.counter(worker)
    # Held as bytes until the end: sent as made, each message would wait for the caller to read it
    # (which it does only once its own part is done) or make it read on a thread beside its work.
    made: list[bytes] = []
    try:
        while taken := untaken.take(front=True, gone=lambda: os.getppid() != parent):
            fault("taken", len(made) + 1)
            chunk = []
            for index in taken:
                chunk.append(fn(items[index]))
                one_more()
            made.append(pickle.dumps((taken.start, chunk), pickle.HIGHEST_PROTOCOL))
    except Exception:  # the chunk is made again by the caller, who reports the error
        pass
    try:
        for data in [*made, b""]:
            conn.send_bytes(data)
    except OSError:  # the caller is gone (killed): nobody to tell
        pass


_NONE = object()
"""An item no worker made (it failed, or died): made by the caller."""


# long: one generator owns the workers from start to end, so each way out (done, error, Ctrl-C) ends them
def _shared(
    fn: Callable[[T], R],
    todo: list[T],
    workers: int,
    first: Callable[[], object] | None,
    progress: Callable[[int], object] | None,
) -> Iterator[R]:
    """`parallel_map` with workers: this process and ``workers - 1`` workers take chunks from the two ends."""
    untaken = _Untaken(len(todo), workers)
    context = multiprocessing.get_context("fork")
    started: list[tuple[Any, Any]] = []
    ticker: _Ticker | None = None
    results: list[Any] = [_NONE] * len(todo)
    here = [0]  # items made in this process (read by the ticker's thread)
    try:
        with stops_held():
            for worker in range(workers - 1):
                ours, theirs = context.Pipe(duplex=False)
                process = context.Process(
                    target=_take_front, args=(fn, todo, untaken, worker, theirs, ours), daemon=True
                )
                process.start()
                theirs.close()
                started.append((process, ours))
        if progress is not None:  # (a thread only once every worker is forked)
            ticker = _Ticker(progress, lambda: here[0] + untaken.made())
        if first is not None:
            first()

        def gone() -> bool:
            return not all(process.is_alive() for process, _ in started)

        while taken := untaken.take(front=False, gone=gone):
            for index in taken:
                results[index] = fn(todo[index])
                here[0] += 1
        for process, conn in started:
            try:
                while data := conn.recv_bytes():
                    start, made = pickle.loads(data)
                    results[start : start + len(made)] = made
            except (EOFError, OSError):  # the worker died: what it did not send is made here
                pass
            process.join()
        for index, result in enumerate(results):
            if result is _NONE:
                results[index] = fn(todo[index])
    finally:
        if ticker is not None:
            ticker.stop()
        for process, conn in started:
            if process.is_alive():
                process.terminate()
            process.join()
            conn.close()
    if ticker is not None:
        if ticker.error is not None:
            raise ticker.error
        if ticker.told != len(todo):  # (the thread may have told it just before it stopped)
            ticker.progress(len(todo))
    yield from results
