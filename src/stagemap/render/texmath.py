"""kramdown's math, on a Jekyll site (kramdown is Jekyll's Markdown): ``$$...$$`` holds TeX.

A paragraph that is ``$$``, TeX, ``$$`` alone is a block of math; ``$$...$$`` within a line of
text is math in it. The live page hands both to a script that draws them (MathJax); Markdown
would read their ``_`` and ``*`` as emphasis and their ``\\\\`` as an escape. Here a block is a
fenced code block in the language ``math`` and inline math a code span: the TeX as written
(``$$`` in a code span, or in a paragraph indented four columns, is left as it is).
"""

from __future__ import annotations

import bisect
import re

from ..lazyre import lazy
from .mdxfences import code_spans

_BETWEEN = lazy(r"(\n[ \t]*\n)")
"""A blank line between two paragraphs."""
_INLINE = lazy(r"(?<!\\)\$\$([^\n$]+?)\$\$")
"""Math within a line: ``$$x_1$$`` (no ``$`` inside, as kramdown reads it)."""


def kramdown_math(text: str) -> str:
    """Return ``text`` (no fenced code in it) with its math as code (see the module docstring)."""
    parts = _BETWEEN.split(text)
    for i in range(0, len(parts), 2):
        paragraph = parts[i]
        core = paragraph.strip()
        first_line = paragraph.lstrip("\n")
        deep = len(first_line) - len(first_line.lstrip(" \t")) >= 4  # (indented code, or in a list)
        if (
            not deep
            and len(core) > 4
            and core.startswith("$$")
            and core.endswith("$$")
            and "$$" not in core[2:-2]
        ):
            lead = paragraph[: len(paragraph) - len(paragraph.lstrip("\n"))]
            first = paragraph.lstrip("\n")
            indent = first[: len(first) - len(first.lstrip(" \t"))]
            lines = [line.strip() for line in core[2:-2].strip().split("\n")]
            fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", core))])
            block = [
                f"{indent}{fence}math",
                *(f"{indent}{line}".rstrip() for line in lines),
                f"{indent}{fence}",
            ]
            tail = paragraph[len(paragraph.rstrip()) :]
            parts[i] = lead + "\n".join(block) + tail
        elif "$$" in paragraph:
            parts[i] = "".join(_inline(line) for line in paragraph.splitlines(keepends=True))
    return "".join(parts)


def _inline(line: str) -> str:
    """Return a line with its math as code spans, but in its code spans (kramdown reads those first)."""
    if "$$" not in line:
        return line
    spans = code_spans(line, 0)
    starts = [start for start, _ in spans]

    def made(found: re.Match[str]) -> str:
        inside = bisect.bisect_right(starts, found.start()) - 1
        return found.group(0) if inside >= 0 and found.start() < spans[inside][1] else _span(found.group(1))

    return _INLINE.sub(made, line)


def _span(tex: str) -> str:
    """Return ``tex`` as a code span (with more backticks around it than any run inside it)."""
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", tex)), default=0) + 1)
    pad = " " if tex.startswith("`") or tex.endswith("`") else ""
    return f"{ticks}{pad}{tex}{pad}{ticks}"
