"""Why the assets a report counts can or cannot be sent to a buyer today: the facts behind its
headline, and which of them kits and plays list to send. Pure."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from ..model.library import Asset, Library
from ..model.report import HELD_REASONS, Report, Sendable
from ..model.settings import Config
from .audience import is_internal


def has_public_address(asset: Asset) -> bool:
    """Whether ``asset`` has an address a buyer can open (``https://`` or ``http://``): a kit or
    play links such an asset there, any other to its page on the site stagemap builds (a route
    such as ``/tours/`` alone, with no ``urls.base`` to put it under, is no such address)."""
    return asset.url.startswith(("https://", "http://"))


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
    held = Counter(a.held(as_of) for a in assets if a.id not in can)
    held.pop("", None)
    buyers = [a for a in eligible if not is_internal(a)]
    return Sendable(
        held=tuple(sorted(held.items(), key=_order)),
        internal=len(eligible) - len(buyers),
        untagged=sum(1 for a in eligible if not a.stages or not a.questions),
        no_address=sum(1 for a in buyers if not has_public_address(a)) if config.rules.generator else 0,
        library=len(library.assets),
    )


def to_send(report: Report, library: Library, stages: Iterable[str] | None = None) -> list[Asset]:
    """Return the assets the kits and plays of ``stages`` (None: every stage) list to send for
    ``report``'s persona: those that can be sent today, for buyers (not ``audience: internal``),
    tagged with one of those stages; in the library's order."""
    wanted = set(report.config.model.stage_ids if stages is None else stages)
    eligible = set(report.eligible)
    return [
        a for a in library.assets if a.id in eligible and not is_internal(a) and wanted.intersection(a.stages)
    ]
