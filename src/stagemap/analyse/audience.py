"""Who an asset is for: the buyer, or the team that talks to the buyer. Pure."""

from __future__ import annotations

from typing import Literal

from ..model.library import Asset

Audience = Literal["buyer", "internal"]
INTERNAL_FORMATS = frozenset(
    {
        "battlecard",
        "call-guide",
        "demo",
        "demo-script",
        "playbook",
        "proposal",
        "proposal-template",
        "sales-script",
        "talk-track",
    }
)
"""Formats of material the team uses in a conversation and never sends as it is."""


def audience(asset: Asset) -> Audience:
    """Return who the asset is for: an ``audience`` key in front matter, else its format.

    Until assets carry an ``audience`` field of their own, a front matter ``audience`` key sits
    in ``Asset.extra``; an asset without one is internal when its format is in
    ``INTERNAL_FORMATS``.
    """
    declared = asset.extra.get("audience")
    if declared in ("buyer", "internal"):
        return "internal" if declared == "internal" else "buyer"
    return "internal" if asset.format.lower() in INTERNAL_FORMATS else "buyer"


def is_internal(asset: Asset) -> bool:
    """Return True for material the team uses and never sends to a buyer."""
    return audience(asset) == "internal"
