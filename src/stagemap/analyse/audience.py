"""Who an asset is for: the buyer, or the team that talks to the buyer. Pure."""

from __future__ import annotations

from typing import Literal

from ..model.library import Asset

Audience = Literal["buyer", "internal"]


def audience(asset: Asset) -> Audience:
    """Return who the asset is for, as read (``Asset.audience``: the field, its place, its format)."""
    return "internal" if asset.audience == "internal" else "buyer"


def is_internal(asset: Asset) -> bool:
    """Return True for material the team uses and never sends to a buyer."""
    return audience(asset) == "internal"
