"""Hashes of plain values that are the same in every process (sets and mappings sorted).

The page keys (`stagemap.write.hashes`) and the record of a rebuild with nothing changed
(`stagemap.write.fingerprint`) are made of these; this module imports nothing of the model,
so that checking for a rebuild with nothing changed stays light.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any


def digest(*parts: Any) -> str:
    """Return the sha256 of the parts, each as bytes or by its repr (length-prefixed)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogateescape")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def stable(value: Any) -> Any:
    """Return ``value`` with sets and mappings sorted, so that its repr is the same in every process.

    (A set's order changes with Python's per-process string hashing.)
    """
    if isinstance(value, (str, int, float, dt.date)) or value is None:
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(stable(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, (set, frozenset)):
        return sorted((stable(v) for v in value), key=repr)
    if isinstance(value, Mapping):
        return sorted(((repr(k), stable(v)) for k, v in value.items()), key=lambda item: item[0])
    if isinstance(value, (list, tuple)):
        # Most are ids (a report's cells list thousands): strings are their own stable form.
        if all(type(v) is str for v in value):
            return list(value)
        return [stable(v) for v in value]
    return value


def text_hash(text: str) -> str:
    """Return the sha256 of a text."""
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
