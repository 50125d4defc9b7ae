"""Page workers: forked after the plan is made, with what they inherit left out of their collections."""

from __future__ import annotations

import gc
import os

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
