"""Why the assets a report counts can or cannot be sent to a buyer today: the facts behind its
headline. Pure."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from ..model.library import Asset, Library
from ..model.report import HELD_REASONS, Sendable
from ..model.settings import Config
from .audience import is_internal


def _held(asset: Asset, as_of: dt.date) -> str:
    """Why ``asset`` cannot be sent on ``as_of`` (one of `Sendable.held`'s reasons), or ``""``."""
    if asset.status != "published":
        return asset.status
    if asset.is_stale(as_of):
        return "stale"
    return "scheduled" if asset.is_scheduled(as_of) else ""


def _order(item: tuple[str, int]) -> tuple[int, int, str]:
    """Most first, then in the order of `HELD_REASONS` (any other status last, by name)."""
    why, count = item
    return -count, HELD_REASONS.index(why) if why in HELD_REASONS else len(HELD_REASONS), why


def sendable(
    config: Config, library: Library, assets: Sequence[Asset], eligible: Sequence[Asset], as_of: dt.date
) -> Sendable:
    """Count why ``assets`` (a report's, maybe one persona's) can or cannot be sent on ``as_of``;
    ``eligible`` are those that can."""
    can = {a.id for a in eligible}
    held = Counter(_held(a, as_of) for a in assets if a.id not in can)
    held.pop("", None)
    buyers = [a for a in eligible if not is_internal(a)]
    return Sendable(
        held=tuple(sorted(held.items(), key=_order)),
        internal=len(eligible) - len(buyers),
        untagged=sum(1 for a in eligible if not a.stages or not a.questions),
        no_address=sum(1 for a in buyers if not a.url) if config.rules.generator else 0,
        library=len(library.assets),
    )
