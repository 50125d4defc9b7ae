"""Page workers: forked after the plan is made, with what they inherit left out of their collections."""

from __future__ import annotations

import gc
import multiprocessing
import os
import time

import pytest

from stagemap.write.workers import MIN_ITEMS, parallel_map


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


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_shared_does_the_last_part_here_and_keeps_the_order() -> None:
    items = range(MIN_ITEMS * 3)
    results = list(parallel_map(_where, items, 3, share=True))
    assert [item for item, _ in results] == list(items)
    here = [item for item, pid in results if pid == os.getpid()]
    assert here == list(range(MIN_ITEMS * 2, MIN_ITEMS * 3))
    assert 1 <= len({pid for _, pid in results} - {os.getpid()}) <= 2  # one worker fewer


def _stamped(item: int) -> tuple[int, int, float]:
    return item, os.getpid(), time.monotonic()


@pytest.mark.parametrize("workers", [1, 2])
def test_parallel_map_meanwhile_runs_here_once_before_any_result(workers: int) -> None:
    calls: list[tuple[int, float]] = []
    results = parallel_map(
        _stamped,
        range(MIN_ITEMS * 2),
        workers,
        meanwhile=lambda: calls.append((os.getpid(), time.monotonic())),
    )
    first = next(results)
    assert calls and calls[0][0] == os.getpid()  # called before the first result reached the caller
    rest = list(results)
    assert [item for item, _, _ in [first, *rest]] == list(range(MIN_ITEMS * 2))
    assert len(calls) == 1
    if workers == 1:  # no workers: called before any item is worked on
        assert all(calls[0][1] <= stamp for _, _, stamp in [first, *rest])
    else:
        assert all(pid != os.getpid() for _, pid, _ in [first, *rest])


def _fail_meanwhile() -> None:
    raise ValueError("meanwhile failed")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_parallel_map_meanwhile_failing_stops_the_workers_and_raises() -> None:
    with pytest.raises(ValueError, match="meanwhile failed"):
        list(parallel_map(_where, range(MIN_ITEMS * 2), 2, meanwhile=_fail_meanwhile))
    assert multiprocessing.active_children() == []
