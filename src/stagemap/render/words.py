"""Small pieces of English shared by every kind of output."""

from __future__ import annotations


def plural(n: int, word: str) -> str:
    """Return ``1 file`` or ``2 files``: the count and the word, with an ``s`` unless it is one."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
