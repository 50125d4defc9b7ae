"""A mapping whose values are worked out on first look-up, so that page workers share the work.

The site's plan is made in the main process before the page workers fork; a value that only
one page shows (a play's kit, a persona's report) is cheaper made by the worker that renders
that page, in parallel with the others, than by the main process while the workers wait.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar

V = TypeVar("V")


class Later(Mapping[str, V]):
    """A read-only mapping of known keys whose values ``make(key)`` gives, each made once."""

    def __init__(self, keys: Iterable[str], make: Callable[[str], V]) -> None:
        self._keys = tuple(keys)
        self._known = frozenset(self._keys)
        self._make = make
        self._made: dict[str, V] = {}

    def __getitem__(self, key: str) -> V:
        if key not in self._made:
            if key not in self._known:
                raise KeyError(key)
            self._made[key] = self._make(key)
        return self._made[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._known
