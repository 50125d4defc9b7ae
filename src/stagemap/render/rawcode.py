"""Liquid's ``{% raw %}`` around code (Jekyll, Eleventy): the code shows what it holds as written.

Code is cleaned apart from the prose around it (`stagemap.render.dialects`), so a raw block
around a fence, or around a code span, is out of its sight: the values its outputs name were
filled in. `raw_code` gives each line of such code raw tags of its own, which the code's Liquid
reads (`stagemap.render.liquid.jekyll_code`) and takes off.
"""

from __future__ import annotations

from ..lazyre import lazy
from .blocks import fence_after
from .liquid import raw_spans

_CODE_SPAN = lazy(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
"""A code span on one line: its backticks, what it holds."""
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
            lines[i] = _CODE_SPAN.sub(lambda m: m.group(1) + _OPEN + m.group(2) + _CLOSE + m.group(1), line)
    return "\n".join(lines)
