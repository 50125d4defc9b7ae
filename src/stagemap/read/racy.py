"""When a file's size and modification time can stand for its content."""

from __future__ import annotations

RACY_NS = 2_000_000_000
"""A file modified this recently may change again within the same tick of a coarse clock,
keeping its size and time: such a file is parsed but not cached, and vouches for nothing."""
