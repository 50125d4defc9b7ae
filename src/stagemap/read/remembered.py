"""Parse through memory (the preview server keeps results between reads) and the cache file."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..model.settings import Config
from .cache import (
    FORMAT,
    READ_FAILED,
    CacheUpdate,
    ParseCache,
    Parsed,
    cached_result,
    encode_entry,
    without_body,
)
from .racy import RACY_NS


class Remembered:
    """Parse results kept in memory between reads of one project (the preview server's), bodies included.

    A result is used again while its file keeps its size and time; as in the cache file, files
    modified within `RACY_NS` are parsed every time.
    """

    def __init__(self, *, deferred: bool = False) -> None:
        self.entries: dict[str, tuple[int, int, Parsed]] = {}
        self.key = ""  # what the results depend on (see `cache_key`): another key forgets them
        self.fresh = False  # a file was parsed since the last `update`
        self.deferred = deferred
        """`update` only notes that the cache file is due; `pending` makes it (the preview saves when idle)."""
        self.due: Path | None = None
        """The cache file to write, when `deferred` and a read parsed something since it was made."""
        self._encoded: dict[str, tuple[int, int, list[Any] | None]] = {}
        """Each file's cache entry as last encoded, by size and time: a save encodes only what changed."""
        self._config: Config | None = None
        self.looked: Mapping[str, tuple[int, int]] | None = None
        """Files by path with their time and size (``st_mtime_ns``, ``st_size``) as the caller
        looked at them just before this read (the preview's watcher, see `stagemap.serve.watch`):
        a file it saw with the size and time it was parsed at is not looked at again."""

    def settled(self, config: Config) -> Config:
        """Return the settings of the last read when they equal ``config``, else keep and return ``config``.

        The same object, not an equal one: what the site's planning works out once for the
        same settings and library (`stagemap.analyse.latest`) then holds across the preview's
        builds while the settings do not change.
        """
        if self._config != config:
            self._config = config
        return self._config

    def use(self, key: str) -> None:
        """Start a read whose parsing depends on ``key``."""
        if key != self.key:
            self.entries.clear()
            self._encoded.clear()
            self.key = key

    def get(self, rel: str, stat: os.stat_result) -> Parsed | None:
        entry = self.entries.get(rel)
        same = entry is not None and (entry[0], entry[1]) == (stat.st_size, stat.st_mtime_ns)
        return entry[2] if entry is not None and same else None

    def seen(self, path: str, rel: str) -> Parsed | None:
        """Return the result for a file `looked` saw with the size and time it was parsed at, else None."""
        looked = self.looked.get(path) if self.looked is not None else None
        entry = self.entries.get(rel) if looked is not None else None
        return entry[2] if entry is not None and looked == (entry[1], entry[0]) else None

    def update(self, path: Path) -> CacheUpdate | None:
        """Return the cache file ``path`` as these results make it; None when nothing was parsed since and it exists."""
        if not self.fresh and path.is_file():
            return None
        self.fresh = False
        if self.deferred:
            self.due = path
            return None
        return self._encode(path)

    def pending(self) -> CacheUpdate | None:
        """Return the cache file that deferred reads made due (see `deferred`), or None."""
        path, self.due = self.due, None
        return self._encode(path) if path is not None else None

    def _encode(self, path: Path) -> CacheUpdate:
        entries = {}
        encoded = {}
        for rel, (size, mtime, parsed) in self.entries.items():
            known = self._encoded.get(rel)
            if known is not None and known[:2] == (size, mtime):
                entry = known[2]
            else:
                entry = encode_entry(parsed, os.stat_result((0, 0, 0, 0, 0, 0, size, 0, 0, 0)))
            encoded[rel] = (size, mtime, entry)
            if entry is not None:
                entries[rel] = [size, mtime, *entry[2:]]
        self._encoded = encoded
        return CacheUpdate(path.parent, path.name, {"format": FORMAT, "key": self.key, "entries": entries})

    def put(self, rel: str, stat: os.stat_result, parsed: Parsed) -> None:
        """Remember a file just parsed: the cache file is due again."""
        self.fresh = True
        self.keep(rel, stat, parsed)

    def keep(self, rel: str, stat: os.stat_result, parsed: Parsed) -> None:
        """Remember a result as the cache file holds it (nothing new to save)."""
        if stat.st_mtime_ns <= time.time_ns() - RACY_NS and all(p.code != READ_FAILED for p in parsed[1]):
            self.entries[rel] = (stat.st_size, stat.st_mtime_ns, parsed)
        else:
            self.entries.pop(rel, None)


Spread = Callable[[Callable[[Any], Parsed], Sequence[Any]], Iterable[Parsed]]
"""Maps a function over items, results in order, maybe in worker processes (the build gives
`stagemap.write.workers.parallel_map` with its worker count)."""
_Todo = tuple[int, str, str, "os.stat_result | None"]


def cached_parse(
    cache: ParseCache | None,
    files: list[tuple[str, str]],
    parse: Callable[[str, str, os.stat_result | None], Parsed],
    *,
    bodies: bool = False,
    memory: Remembered | None = None,
    spread: Spread | None = None,
) -> list[Parsed]:
    """Parse ``files`` (path, relative path) through ``memory`` and ``cache`` (None: parse them all).

    Without ``bodies`` bodies come back empty; with them, a cached asset's body is read again
    (a cheap split); an asset in ``memory`` comes back as it was (use one ``bodies`` with it).
    The files neither holds are parsed through ``spread`` when given (a cold read of a big
    library on every core), then remembered in both, in order. The garbage collector waits
    until the end (see `collector_paused`).
    """
    with collector_paused():
        return _cached_parse(cache, files, parse, bodies, memory, spread)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the garbage collector for a while, then let it run again if it ran before.

    Reading a library makes objects by the million and keeps most of them; what it drops is
    freed at once, next to nothing is left in cycles (a warm read of 1,000 assets: a list of
    1,001 tuples). Each collection meanwhile looks at the objects made so far and finds next
    to nothing. At 10,000 assets the collector took 0.4 s of a cold read in one process
    (2.80 s against 2.48 s paused, 5 runs each, alternating).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _cached_parse(
    cache: ParseCache | None,
    files: list[tuple[str, str]],
    parse: Callable[[str, str, os.stat_result | None], Parsed],
    bodies: bool,
    memory: Remembered | None,
    spread: Spread | None,
) -> list[Parsed]:
    results: list[Parsed | None] = []
    todo: list[_Todo] = []
    for path, rel in files:
        stat, hit = None, None
        if memory is not None and memory.looked is not None:
            hit = memory.seen(path, rel)
            if hit is not None:
                results.append(hit)
                continue
        if cache is not None or memory is not None:
            try:
                stat = os.stat(path)
            except OSError:
                stat = None
        if stat is not None:
            hit = memory.get(rel, stat) if memory is not None else None
            if hit is None:
                hit = cached_result(cache, path, rel, stat, bodies)
                if hit is not None and memory is not None:
                    memory.keep(rel, stat, hit)  # or every later read would parse it again
        if hit is None:
            todo.append((len(results), path, rel, stat))
        results.append(hit)
    made = (spread or _here)(functools.partial(_parse_one, parse), todo)
    for (index, _path, rel, stat), parsed in zip(todo, made, strict=True):
        if stat is not None and cache is not None:
            cache.put(rel, stat, parsed)
        results[index] = hit = without_body(parsed, bodies)
        if stat is not None and memory is not None:
            memory.put(rel, stat, hit)
    return [hit for hit in results if hit is not None]


def _parse_one(parse: Callable[[str, str, os.stat_result | None], Parsed], item: _Todo) -> Parsed:
    return parse(item[1], item[2], item[3])


def _here(fn: Callable[[Any], Parsed], items: Sequence[Any]) -> Iterable[Parsed]:
    return map(fn, items)
