"""Run one function over many items in worker processes, results in order.

Rendering a thousand pages is CPU work that one Python process does on one core. On Linux
the workers are forked after the library is in memory, so they share it without copying or
pickling it; only each page's result comes back. Where forking is not safe (another thread
is running, as in `serve`) or not available, or there is too little work to pay for the
workers, the items are processed here, in order: the output is the same bytes either way.
Parsing, whose results are big to send back, is shared instead: this process and a worker
take the files from the two ends of the list until they meet (`_shared`).
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

_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


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
    main process's handlers; SIGTERM, from the main process stopping the pool, ends it quietly.
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


def _run(indices: range) -> list[Any]:
    assert _job is not None
    fn, items = _job
    return [fn(items[i]) for i in indices]


class _Side:
    """Run a call on a thread of this process; `wait` returns once it is done and raises what it raised."""

    def __init__(self, call: Callable[[], object]) -> None:
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(call,), name="stagemap-meanwhile", daemon=True)
        self.thread.start()

    def _run(self, call: Callable[[], object]) -> None:
        try:
            call()
        except BaseException as exc:  # handed to the thread that waits
            self.error = exc

    def wait(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise self.error


def _settle(side: _Side | None) -> None:
    """Wait for ``side`` to end, its error dropped: another one is on its way (nothing is left running)."""
    if side is not None:
        side.thread.join()


SMALLEST_CHUNK = 8
"""Fewest items a worker is handed at a time (each hand-over costs a round trip)."""


def _chunks(count: int, processes: int) -> list[range]:
    """Split ``range(count)`` into chunks for ``processes`` workers, each a quarter of its share of what is left.

    The chunks shrink as the work runs out, so that the workers finish together: with equal
    chunks (an eighth of each share) the last one alone kept a worker busy for half a second
    at 10,000 pages while the other sat idle.
    """
    chunks: list[range] = []
    start = 0
    while start < count:
        size = max(SMALLEST_CHUNK, -(-(count - start) // (processes * 4)))
        chunks.append(range(start, min(start + size, count)))
        start += size
    return chunks


def parallel_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int,
    *,
    share: bool = False,
    first: Callable[[], object] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Iterator[R]:
    """Yield ``fn(item)`` for each item, in order, using up to ``workers`` processes.

    With ``share`` this process does part of the work while one worker fewer does the rest:
    the workers take chunks of items from the front, this process from the back, until they
    meet (see `_shared`). For work whose results are big to send back (parsed assets with
    their bodies), what this process makes itself is never pickled. ``first`` is work of this
    process that the items do not need, done once the workers have started and before its own
    part (with ``share``, the workers take on more while it runs). ``meanwhile``, without
    ``share``, is such work called on a thread of this process once the workers have started,
    so that results (and a progress bar) keep coming while it runs; the iterator ends only once
    it has returned, and raises what it raised. Without workers both are called first.
    """
    if share and meanwhile is not None:
        raise TypeError("parallel_map: meanwhile is for the workers' results as they come, not with share")
    todo = list(items)
    if not may_fork(workers, len(todo)):
        for call in (first, meanwhile):
            if call is not None:
                call()
        for item in todo:
            yield fn(item)
        return
    # What the workers inherit (the library, the plan) is left out of their garbage
    # collections: scanning it cost each worker CPU time and copies of the pages it touched.
    # A caller that froze objects itself (the preview) keeps them frozen afterwards.
    ours = gc.get_freeze_count() == 0
    if ours:
        gc.freeze()
    try:
        if share:
            yield from _shared(fn, todo, workers, first)
        else:
            yield from _pooled(fn, todo, workers, first, meanwhile)
    finally:
        if ours:
            gc.unfreeze()


# long: one generator owns the pool from start to end, so each way out (done, error, Ctrl-C) ends it
def _pooled(
    fn: Callable[[T], R],
    todo: list[T],
    workers: int,
    first: Callable[[], object] | None,
    meanwhile: Callable[[], object] | None,
) -> Iterator[R]:
    """`parallel_map` without ``share``: a pool of ``workers`` handed chunks that shrink as the work runs out."""
    global _job
    _job = (fn, todo)
    try:
        with stops_held():
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=quiet)
        side = None
        try:
            batches = pool.imap(_run, _chunks(len(todo), workers))
            side = _Side(meanwhile) if meanwhile is not None else None
            if first is not None:
                first()
            for batch in batches:
                yield from batch
            if side is not None:
                side.wait()
        except Exception:
            # A page failed: the workers finish what they were given, then stop. Killing them
            # (`terminate`) can leave the result queue's lock held by a dead worker, and the
            # pool then waits for that lock for ever (seen on 3.13 after a template error).
            pool.close()
            pool.join()
            _settle(side)
            raise
        except BaseException as stop:  # Ctrl-C, or a caller that stopped reading
            pool.terminate()
            if not isinstance(stop, KeyboardInterrupt):  # Ctrl-C ends the process: no waiting
                _settle(side)
            raise
        # Every result is in: the workers are told to stop once idle, and waited for.
        # (`terminate` on a pool whose workers sit idle reading their queue can hang.)
        pool.close()
        pool.join()
    finally:
        _job = None


class _Untaken:
    """The items no process has taken yet, ``[front, back)``: workers take chunks from the front, this process from the back.

    Each chunk is a quarter of a taker's share of what is left (at least `SMALLEST_CHUNK`), so
    the two ends meet when the work runs out, whichever side went faster.
    """

    def __init__(self, count: int, takers: int) -> None:
        self.ends = multiprocessing.get_context("fork").Array("q", [0, count])
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


_HELD_FOR_LONG = 0.2
"""Seconds after which the lock of `_Untaken` may be held by a worker that is gone."""


def _take_front(
    fn: Callable[[Any], Any], items: Sequence[Any], untaken: _Untaken, conn: Any, callers: Any
) -> None:
    """A worker of `_shared`: make chunks from the front until none is left, then send what was made.

    ``callers``: the caller's end of the pipe, inherited; closed, so that the pipe breaks when
    the caller is gone (killed), and the worker then ends without a word.
    """
    quiet()
    callers.close()
    parent = os.getppid()
    # Held as bytes until the end: sent as made, each message would wait for the caller to read it
    # (which it does only once its own part is done) or make it read on a thread beside its work.
    made: list[bytes] = []
    try:
        while taken := untaken.take(front=True, gone=lambda: os.getppid() != parent):
            fault("taken", len(made) + 1)
            made.append(pickle.dumps((taken.start, [fn(items[i]) for i in taken]), pickle.HIGHEST_PROTOCOL))
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
    fn: Callable[[T], R], todo: list[T], workers: int, first: Callable[[], object] | None
) -> Iterator[R]:
    """`parallel_map` with ``share``: this process and ``workers - 1`` workers take chunks from the two ends."""
    untaken = _Untaken(len(todo), workers)
    context = multiprocessing.get_context("fork")
    started: list[tuple[Any, Any]] = []
    try:
        with stops_held():
            for _ in range(workers - 1):
                ours, theirs = context.Pipe(duplex=False)
                process = context.Process(
                    target=_take_front, args=(fn, todo, untaken, theirs, ours), daemon=True
                )
                process.start()
                theirs.close()
                started.append((process, ours))
        if first is not None:
            first()
        results: list[Any] = [_NONE] * len(todo)

        def gone() -> bool:
            return not all(process.is_alive() for process, _ in started)

        while taken := untaken.take(front=False, gone=gone):
            results[taken.start : taken.stop] = [fn(todo[i]) for i in taken]
        for process, conn in started:
            try:
                while data := conn.recv_bytes():
                    start, made = pickle.loads(data)
                    results[start : start + len(made)] = made
            except (EOFError, OSError):  # the worker died: what it did not send is made here
                pass
            process.join()
    finally:
        for process, conn in started:
            if process.is_alive():
                process.terminate()
            process.join()
            conn.close()
    for item, result in zip(todo, results, strict=True):
        yield fn(item) if result is _NONE else result
