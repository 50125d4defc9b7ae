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

from stagemap.write.faults import FAULT_ENV
from stagemap.write.workers import MIN_ITEMS, SMALLEST_CHUNK, _chunks, _Untaken, parallel_map


def _frozen(item: int) -> tuple[int, int, int]:
    return item, os.getpid(), gc.get_freeze_count()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_workers_leave_the_inherited_objects_out_of_their_collections() -> None:
    gc.unfreeze()  # an in-process preview test earlier in the run keeps its own freeze
    results = list(parallel_map(_frozen, range(MIN_ITEMS * 2), 2))
    assert [item for item, _, _ in results] == list(range(MIN_ITEMS * 2))
    assert all(pid != os.getpid() and frozen > 0 for _, pid, frozen in results)
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
    results = list(parallel_map(_counted, items, 3, share=True, first=first))
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

    results = list(parallel_map(_counted, range(count), 2, share=True, first=first))
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
    results = list(parallel_map(fn, range(MIN_ITEMS * 3), 2, share=True))
    assert [item for item, _ in results] == list(range(MIN_ITEMS * 3))
    # Made here: the failed item's chunk, and everything the worker would have taken after it.
    assert results[10][1] == os.getpid()
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_shared_raises_an_items_error_here_and_leaves_no_worker() -> None:
    with pytest.raises(KeyError, match="page 10"):
        list(parallel_map(_fail_at_ten, range(MIN_ITEMS * 3), 2, share=True))
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
    assert all(pid != os.getpid() for _, pid in results)
    assert len(calls) == 1 and calls[0][0] == os.getpid() and calls[0][1] > 0


def test_parallel_map_without_workers_calls_first_first() -> None:
    calls: list[float] = []
    results = list(
        parallel_map(_stamped, range(8), 2, share=True, first=lambda: calls.append(time.monotonic()))
    )
    assert [item for item, _, _ in results] == list(range(8))
    assert len(calls) == 1 and all(calls[0] <= stamp for _, _, stamp in results)


def test_parallel_map_refuses_meanwhile_with_share() -> None:
    with pytest.raises(TypeError, match="not with share"):
        list(parallel_map(_where, range(8), 2, share=True, meanwhile=lambda: None))


def _stamped(item: int) -> tuple[int, int, float]:
    return item, os.getpid(), time.monotonic()


def test_parallel_map_without_workers_calls_meanwhile_first() -> None:
    calls: list[float] = []
    results = list(
        parallel_map(_stamped, range(MIN_ITEMS * 2), 1, meanwhile=lambda: calls.append(time.monotonic()))
    )
    assert [item for item, _, _ in results] == list(range(MIN_ITEMS * 2))
    assert len(calls) == 1 and all(calls[0] <= stamp for _, _, stamp in results)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_results_keep_coming_while_meanwhile_runs_and_end_after_it() -> None:
    first = threading.Event()
    seen: list[tuple[int, bool]] = []
    done: list[bool] = []

    def meanwhile() -> None:
        # Returns only once a result has reached the caller: called before the results, it would time out.
        seen.append((os.getpid(), first.wait(timeout=20)))
        time.sleep(0.2)
        done.append(True)

    results = parallel_map(_stamped, range(MIN_ITEMS * 2), 2, meanwhile=meanwhile)
    items = [next(results)]
    first.set()
    items += list(results)
    assert [item for item, _, _ in items] == list(range(MIN_ITEMS * 2))
    assert all(pid != os.getpid() for _, pid, _ in items)
    assert seen == [(os.getpid(), True)]  # in this process, while results were coming
    assert done == [True]  # the results ended only once it had returned


def _fail_meanwhile() -> None:
    raise ValueError("meanwhile failed")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_meanwhile_failing_stops_the_workers_and_raises() -> None:
    with pytest.raises(ValueError, match="meanwhile failed"):
        list(parallel_map(_where, range(MIN_ITEMS * 2), 2, meanwhile=_fail_meanwhile))
    assert multiprocessing.active_children() == []


def _fail_at_ten(item: int) -> int:
    if item == 10:
        raise KeyError("page 10")
    return item


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_item_failing_waits_for_meanwhile_then_raises_the_item_error() -> None:
    done: list[bool] = []

    def slow() -> None:
        time.sleep(0.5)
        done.append(True)

    with pytest.raises(KeyError, match="page 10"):
        list(parallel_map(_fail_at_ten, range(MIN_ITEMS * 2), 2, meanwhile=slow))
    assert done == [True]  # nothing of the build is left running on a thread
    assert multiprocessing.active_children() == [] and threading.active_count() == 1


@given(st.integers(0, 30_000), st.integers(1, 8))
def test_chunks_cover_every_item_once_in_order_and_shrink_to_the_smallest(count: int, processes: int) -> None:
    chunks = _chunks(count, processes)
    assert [i for chunk in chunks for i in chunk] == list(range(count))
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True)
    assert all(size >= SMALLEST_CHUNK for size in sizes[:-1])
    # The last chunks are small, so that the workers end together: at most a quarter of a
    # worker's share of what was left when it was handed out.
    for chunk in chunks:
        assert len(chunk) <= max(SMALLEST_CHUNK, -(-(count - chunk.start) // (processes * 4)))


def test_chunks_of_a_big_site_end_small() -> None:
    sizes = [len(chunk) for chunk in _chunks(10_381, 2)]
    assert sizes[0] == 1_298 and sizes[-2:] == [8, 5] and len(sizes) == 46


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

    results = list(parallel_map(_where, range(MIN_ITEMS * 3), 2, share=True, first=first))
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
