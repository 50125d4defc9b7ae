"""Page workers: forked after the plan is made, with what they inherit left out of their collections."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stagemap.write import workers
from stagemap.write.faults import FAULT_ENV
from stagemap.write.workers import MIN_ITEMS, SMALLEST_CHUNK, _Untaken, parallel_map


def _frozen(item: int) -> tuple[int, int, int]:
    return item, os.getpid(), gc.get_freeze_count()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_workers_leave_the_inherited_objects_out_of_their_collections() -> None:
    gc.unfreeze()  # an in-process preview test earlier in the run keeps its own freeze
    told: list[int] = []

    def first() -> None:  # returns once a worker has made items: some are surely made there
        deadline = time.monotonic() + 20
        while not told and time.monotonic() < deadline:
            time.sleep(0.01)

    results = list(parallel_map(_frozen, range(MIN_ITEMS * 2), 2, first=first, progress=told.append))
    assert [item for item, _, _ in results] == list(range(MIN_ITEMS * 2))
    assert any(pid != os.getpid() for _, pid, _ in results)
    assert all(frozen > 0 for _, _, frozen in results)
    assert gc.get_freeze_count() == 0


def _where(item: int) -> tuple[int, int]:
    return item, os.getpid()


_MADE = multiprocessing.get_context("fork").Value("i", 0) if hasattr(os, "fork") else None


def _counted(item: int) -> tuple[int, int]:
    assert _MADE is not None
    with _MADE.get_lock():
        _MADE.value += 1
    return item, os.getpid()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_shared_does_the_last_part_here_and_keeps_the_order() -> None:
    assert _MADE is not None
    _MADE.value = 0

    def first() -> None:  # returns once a worker has made an item: the workers surely take some
        deadline = time.monotonic() + 20
        while _MADE.value == 0 and time.monotonic() < deadline:
            time.sleep(0.001)

    items = range(MIN_ITEMS * 30)
    results = list(parallel_map(_counted, items, 3, first=first))
    assert [item for item, _ in results] == list(items)
    here = [item for item, pid in results if pid == os.getpid()]
    # The workers take from the front, this process from the back, till they meet.
    assert here == list(range(MIN_ITEMS * 30 - len(here), MIN_ITEMS * 30))
    assert 1 <= len({pid for _, pid in results} - {os.getpid()}) <= 2  # one worker fewer


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_shared_leaves_the_workers_what_they_take_while_first_runs() -> None:
    assert _MADE is not None
    _MADE.value = 0
    count = MIN_ITEMS * 3
    calls: list[int] = []

    def first() -> None:
        # Returns once the worker has made every item: this process is left none of them.
        deadline = time.monotonic() + 20
        while _MADE.value < count and time.monotonic() < deadline:
            time.sleep(0.01)
        calls.append(os.getpid())

    results = list(parallel_map(_counted, range(count), 2, first=first))
    assert [item for item, _ in results] == list(range(count))
    assert calls == [os.getpid()]
    assert all(pid != os.getpid() for _, pid in results)
    assert multiprocessing.active_children() == []


def _fails_in_a_worker(item: int) -> tuple[int, int]:
    if item == 10 and multiprocessing.parent_process() is not None:
        raise KeyError("item 10")
    return item, os.getpid()


def _dies_in_a_worker(item: int) -> tuple[int, int]:
    if item == 10 and multiprocessing.parent_process() is not None:
        os._exit(3)
    return item, os.getpid()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
@pytest.mark.parametrize("fn", [_fails_in_a_worker, _dies_in_a_worker])
def test_parallel_map_shared_makes_here_what_a_worker_did_not_send(
    fn: Callable[[int], tuple[int, int]],
) -> None:
    results = list(parallel_map(fn, range(MIN_ITEMS * 3), 2))
    assert [item for item, _ in results] == list(range(MIN_ITEMS * 3))
    # Made here: the failed item's chunk, and everything the worker would have taken after it.
    assert results[10][1] == os.getpid()
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_shared_raises_an_items_error_here_and_leaves_no_worker() -> None:
    with pytest.raises(KeyError, match="page 10"):
        list(parallel_map(_fail_at_ten, range(MIN_ITEMS * 3), 2))
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_calls_first_here_once_the_workers_have_started() -> None:
    assert _MADE is not None
    _MADE.value = 0
    calls: list[tuple[int, int]] = []

    def first() -> None:  # returns once a worker has made an item: called after they started
        deadline = time.monotonic() + 20
        while _MADE.value == 0 and time.monotonic() < deadline:
            time.sleep(0.001)
        calls.append((os.getpid(), _MADE.value))

    results = list(parallel_map(_counted, range(MIN_ITEMS * 2), 2, first=first))
    assert [item for item, _ in results] == list(range(MIN_ITEMS * 2))
    assert results[0][1] != os.getpid()
    assert len(calls) == 1 and calls[0][0] == os.getpid() and calls[0][1] > 0


def test_parallel_map_without_workers_calls_first_first() -> None:
    calls: list[float] = []
    results = list(parallel_map(_stamped, range(8), 2, first=lambda: calls.append(time.monotonic())))
    assert [item for item, _, _ in results] == list(range(8))
    assert len(calls) == 1 and all(calls[0] <= stamp for _, _, stamp in results)


def _stamped(item: int) -> tuple[int, int, float]:
    return item, os.getpid(), time.monotonic()


def _fail_at_ten(item: int) -> int:
    if item == 10:
        raise KeyError("page 10")
    return item


def _fail_first() -> None:
    raise ValueError("first failed")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_first_failing_stops_the_workers_and_raises() -> None:
    told: list[int] = []
    with pytest.raises(ValueError, match="first failed"):
        list(parallel_map(_where, range(MIN_ITEMS * 2), 2, first=_fail_first, progress=told.append))
    assert multiprocessing.active_children() == [] and threading.active_count() == 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_item_failing_here_leaves_no_worker_and_no_thread() -> None:
    told: list[int] = []
    with pytest.raises(KeyError, match="page 10"):
        list(parallel_map(_fail_at_ten, range(MIN_ITEMS * 2), 2, progress=told.append))
    assert multiprocessing.active_children() == [] and threading.active_count() == 1
    assert len(told) < 2 or told[-1] < MIN_ITEMS * 2  # never told that everything was made


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_tells_the_progress_of_the_workers_while_first_runs() -> None:
    told: list[int] = []
    during: list[int] = []
    count = MIN_ITEMS * 4

    def first() -> None:
        # Returns once the progress has counted items: only the worker can have made them yet.
        deadline = time.monotonic() + 20
        while not told and time.monotonic() < deadline:
            time.sleep(0.01)
        during.extend(told)

    results = list(parallel_map(_slowly, range(count), 2, first=first, progress=told.append))
    assert [item for item, _ in results] == list(range(count))
    assert during and during[0] > 0 and told[-1] == count
    assert told == sorted(set(told))  # told only when it moved, never backwards
    assert threading.active_count() == 1


def _slowly(item: int) -> tuple[int, int]:
    time.sleep(0.002)
    return item, os.getpid()


def test_parallel_map_without_workers_tells_the_progress_after_each_item() -> None:
    told: list[int] = []
    results = parallel_map(_where, range(5), 1, progress=told.append)
    assert next(results) == (0, os.getpid()) and told == [1]
    assert list(results) == [(item, os.getpid()) for item in range(1, 5)]
    assert told == [1, 2, 3, 4, 5]


def _told_wrong(_made: int) -> None:
    raise OSError("the terminal is gone")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_raises_what_the_progress_raised_once_every_worker_is_done() -> None:
    with pytest.raises(OSError, match="the terminal is gone"):
        list(parallel_map(_slowly, range(MIN_ITEMS * 2), 2, progress=_told_wrong))
    assert multiprocessing.active_children() == [] and threading.active_count() == 1


@given(st.integers(0, 3_000), st.integers(1, 4), st.lists(st.booleans(), max_size=400))
def test_untaken_chunks_cover_every_item_once_and_shrink_to_the_smallest(
    count: int, takers: int, fronts: list[bool]
) -> None:
    untaken = _Untaken(count, takers)
    taken: list[range] = []
    for front in [*fronts, *[False] * (count + 1)]:
        left = untaken.ends[1] - untaken.ends[0]
        chunk = untaken.take(front=front)
        if not chunk:
            assert left == 0
            break
        # A quarter of a taker's share of what is left (the ends meet when the work runs out).
        assert len(chunk) == min(left, max(SMALLEST_CHUNK, -(-left // (takers * 4))))
        assert chunk.start == (untaken.ends[0] - len(chunk) if front else untaken.ends[1])
        taken.append(chunk)
    assert sorted(i for chunk in taken for i in chunk) == list(range(count))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_shared_worker_killed_at_its_first_chunk_leaves_every_item_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(FAULT_ENV, "taken:1")  # SIGKILL, as the OOM killer would

    def first() -> None:
        # Returns once the worker is gone: without the fault it would have made every item.
        deadline = time.monotonic() + 20
        while multiprocessing.active_children() and time.monotonic() < deadline:
            time.sleep(0.01)

    results = list(parallel_map(_where, range(MIN_ITEMS * 3), 2, first=first))
    assert results == [(item, os.getpid()) for item in range(MIN_ITEMS * 3)]
    assert multiprocessing.active_children() == []


def _hold_and_die(untaken: _Untaken) -> None:
    untaken.ends.get_lock().acquire()  # killed while taking a chunk: the lock is never released
    os._exit(0)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_untaken_items_are_taken_past_a_lock_held_by_a_worker_that_is_gone() -> None:
    untaken = _Untaken(MIN_ITEMS * 3, 2)
    holder = multiprocessing.get_context("fork").Process(target=_hold_and_die, args=(untaken,))
    holder.start()
    holder.join()
    taken: list[int] = []

    def take_all() -> None:
        while chunk := untaken.take(front=False, gone=lambda: not holder.is_alive()):
            taken.extend(chunk)

    thread = threading.Thread(target=take_all, daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive(), "the caller waited for ever for the lock of a worker that is gone"
    assert sorted(taken) == list(range(MIN_ITEMS * 3))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_tells_the_end_once_when_the_thread_told_it_already(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A tick far shorter than the time to join the workers: the thread sees every item made
    # before it is stopped, and the end must not tell that count again.
    monkeypatch.setattr(workers, "TICK", 0.0005)
    for _ in range(3):
        told: list[int] = []
        list(parallel_map(_slowly, range(MIN_ITEMS * 2), 2, progress=told.append))
        assert told[-1] == MIN_ITEMS * 2 and told == sorted(set(told))
