"""Liquid's ``{% raw %}`` around code (Jekyll, Eleventy): the code shows what it holds as written.

Code is cleaned apart from the prose around it (`stagemap.render.dialects`), so a raw block
around a fence, or around a code span, is out of its sight: the values its outputs name were
filled in. `raw_code` gives each line of such code raw tags of its own, which the code's Liquid
reads (`stagemap.render.liquid.jekyll_code`) and takes off.
"""

from __future__ import annotations

from ..lazyre import lazy
from ..read.liquidspans import raw_spans
from .blocks import fence_after

_TICKS = lazy(r"`+")
"""A run of backticks, which opens a code span closed by the next run as long."""
_OPEN, _CLOSE = "{% raw %}", "{% endraw %}"


def raw_code(text: str) -> str:
    """Return ``text`` with the code inside each of its ``{% raw %}`` blocks (fenced code's
    lines, code spans) held in raw tags of its own."""
    spans = raw_spans(text)
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], _held(text[start:end])]
        at = end
    return "".join(out) + text[at:] if spans else text


def _held(block: str) -> str:
    """Return a raw ``block`` with its code's lines and spans in raw tags of their own."""
    lines = block.split("\n")
    fence = ""
    for i, line in enumerate(lines):
        was, fence = fence, fence_after(fence, line)
        if was and fence:  # a line of fenced code (not its closing)
            lines[i] = _OPEN + line + _CLOSE if "{" in line else line
        elif not was and "`" in line and "{" in line:
            lines[i] = _spans_held(line)
    return "\n".join(lines)


def _spans_held(line: str) -> str:
    """Return ``line`` with what each of its code spans holds in raw tags. A span runs from a run
    of backticks to the next run as long (one with none is backticks as written): each run is
    paired once, from the right, so that a line of thousands of unlike runs is read in linear
    time (a pattern looking from each run to the line's end took 5 s on 320 KB)."""
    runs = [found.span() for found in _TICKS.finditer(line)]
    closing: list[int | None] = [None] * len(runs)
    next_of: dict[int, int] = {}  # by length: the nearest run to the right
    for at in range(len(runs) - 1, -1, -1):
        start, end = runs[at]
        closing[at], next_of[end - start] = next_of.get(end - start), at
    pieces, done, at = [], 0, 0
    while at < len(runs):
        close = closing[at]
        if close is None:
            at += 1
            continue
        pieces += [line[done : runs[at][1]], _OPEN, line[runs[at][1] : runs[close][0]], _CLOSE]
        done, at = runs[close][0], close + 1
    return "".join(pieces) + line[done:]
