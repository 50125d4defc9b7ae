"""The changes a lossless edit can make, as data: set, unset, add ids, remove ids, rename a key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KeyPath = tuple[Any, ...]
"""Where a value sits: ``("stages",)``, ``("stages", 0)``, ``("thresholds", "stages", "awareness")``."""


@dataclass(frozen=True, slots=True)
class SetValue:
    """Set the value at ``path``; a missing top-level key is added in a sensible place."""

    path: KeyPath
    """Where the value goes; only a top-level key may be missing."""
    value: Any
    """Text, a number, true/false, or a list or mapping of those (written in flow style)."""


@dataclass(frozen=True, slots=True)
class Unset:
    """Remove a top-level key with all its lines."""

    key: str
    """The key to remove; nothing happens when it is absent."""


@dataclass(frozen=True, slots=True)
class AddItems:
    """Add ids to a list (a single id becomes a flow list; a missing key is added)."""

    key: str
    """A top-level key holding an id or a list of ids."""
    items: tuple[str, ...]
    """Ids to add, in order; those already there are skipped."""


@dataclass(frozen=True, slots=True)
class RemoveItems:
    """Remove ids from a list; the key goes when nothing is left.

    Ids that are not there are ignored: removing only those changes no byte. A list keeps
    its shape (``[a, b]`` minus ``b`` is ``[a]``), except that a single id which the same
    edit turned into a list and back to one item is written as a single id again.
    """

    key: str
    """A top-level key holding an id or a list of ids."""
    items: tuple[str, ...]
    """Ids to remove; those not there are ignored."""


@dataclass(frozen=True, slots=True)
class RenameKey:
    """Rename a mapping key in place, keeping its value and position."""

    path: KeyPath
    """The key's path, e.g. ``("messages", "risk")``."""
    new: str
    """The new key."""


Change = SetValue | Unset | AddItems | RemoveItems | RenameKey
