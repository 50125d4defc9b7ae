"""Fence lines as the compiled path's checks read them (`stagemap.render.disputes`, `stagemap.render.tabs`)."""

from __future__ import annotations

from ..lazyre import lazy

FENCE = lazy(r"(`{3,})[^`]*|(~{3,}).*")
"""A fenced code block's opening line at the first column (a backtick fence's info has no backtick)."""
FENCE_LIKE = lazy(r"[ \t>*+\-\d.)]*(?:`{3,}|~{3,})")
"""A line that may open or close a fence somewhere: in a list item, a quote, a few spaces in."""


def closes(line: str, fence: str, column: int = 0) -> bool:
    """Whether ``line`` closes a fence opened by ``fence`` whose content starts at ``column``:
    up to three spaces further in, the same character at least as many times, nothing after."""
    bare = line.lstrip(" ")
    return (
        len(line) - len(bare) - column <= 3
        and bare.startswith(fence)
        and not bare.rstrip(" \t").strip(fence[0])
    )
