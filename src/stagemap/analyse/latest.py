"""Keep one answer: the latest, for as long as the same objects are asked about again.

A build (and each edit in ``serve``) asks several times about the same settings and library
objects: for the page list, the page keys, the plan and each persona's report. Those objects
are frozen, so an answer worked out for them holds until other objects are asked about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

_VALUES = (dt.date, str, int)
"""Inputs compared by value (a day, a flag); any other input by identity."""


class Latest(Generic[T]):
    """The answer for the latest inputs, kept with them (so that identity stays a safe test)."""

    def __init__(self) -> None:
        # One tuple, replaced whole: threads asking at once never see a half-made pair.
        self._kept: tuple[tuple[object, ...], T] | None = None

    def get(self, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """Return the answer for ``inputs``: the kept one if they are the same, else ``make()``, then kept."""
        kept = self._kept
        if (
            kept is not None
            and len(kept[0]) == len(inputs)
            and all(
                a is b or (isinstance(a, _VALUES) and a == b) for a, b in zip(kept[0], inputs, strict=True)
            )
        ):
            return kept[1]
        found = make()
        self._kept = (inputs, found)
        return found
