"""kramdown's math, on a Jekyll site (kramdown is Jekyll's Markdown): ``$$...$$`` holds TeX.

A paragraph that is ``$$``, TeX, ``$$`` alone is a block of math; ``$$...$$`` within a line of
text is math in it. The live page hands both to a script that draws them (MathJax); Markdown
would read their ``_`` and ``*`` as emphasis and their ``\\\\`` as an escape. Here a block is a
fenced code block in the language ``math`` and inline math a code span: the TeX as written
(``$$`` in a code span, or in a paragraph indented four columns, is left as it is).
"""

from __future__ import annotations

import re

from ..lazyre import lazy

_BETWEEN = lazy(r"(\n[ \t]*\n)")
"""A blank line between two paragraphs."""
_INLINE = lazy(r"(?<!\\)\$\$([^\n$]+?)\$\$")
"""Math within a line: ``$$x_1$$`` (no ``$`` inside, as kramdown reads it)."""


def kramdown_math(text: str) -> str:
    """Return ``text`` (no fenced code in it, its code spans held aside) with its math as code
    (see the module docstring)."""
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
            parts[i] = _INLINE.sub(lambda m: _span(m.group(1)), paragraph)
    return "".join(parts)


def _span(tex: str) -> str:
    """Return ``tex`` as a code span (with more backticks around it than any run inside it)."""
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", tex)), default=0) + 1)
    pad = " " if tex.startswith("`") or tex.endswith("`") else ""
    return f"{ticks}{pad}{tex}{pad}{ticks}"
