"""A cold read spread over worker processes gives the library a read in one process gives."""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from stagemap.read.project import read_project
from stagemap.write.cache import save_parse_cache
from stagemap.write.workers import MIN_ITEMS, parallel_map

OLD = 1_600_000_000_000_000_000


@pytest.fixture
def big(sample: Path) -> Path:
    """The sample with enough more assets to start workers, all modified long ago (so cached)."""
    for n in range(MIN_ITEMS):
        (sample / "content" / f"extra-{n:03d}.md").write_text(
            f"---\ntitle: Extra {n}\nstages: [awareness]\nquestions: [problems]\nformat: article\n---\n# Extra {n}\n\nBody [link](blog/missed-calls-cost.md).\n",
            encoding="utf-8",
        )
    for path in sample.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD, OLD))
    return sample


def test_read_spread_parses_what_the_cache_lacks_in_workers_and_gives_the_same_library(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STAGEMAP_NO_CACHE", "1")
    alone = read_project(big)[0]
    monkeypatch.delenv("STAGEMAP_NO_CACHE")
    handed: list[int] = []
    pids: set[int] = set()

    def spread(fn: Callable[[Any], Any], items: Sequence[Any]) -> Iterable[Any]:
        handed.append(len(items))
        for result in parallel_map(functools.partial(_in_worker, fn), items, 2):
            pids.add(result[0])
            yield result[1]

    cold, update = read_project(big, spread=spread)
    assert cold.library == alone.library
    assert len(alone.library.assets) == 38 + MIN_ITEMS
    # This process and one worker, each parsing from its end of the list.
    assert handed == [len(alone.library.assets)] and os.getpid() in pids and len(pids) == 2
    save_parse_cache(update, big)
    warm = read_project(big, spread=spread)[0]
    assert warm.library == alone.library and handed[-1] == 0


def _in_worker(fn: Callable[[Any], Any], item: Any) -> tuple[int, Any]:
    time.sleep(0.002)  # long enough that the worker, once forked, surely takes some
    return os.getpid(), fn(item)
