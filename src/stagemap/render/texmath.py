"""kramdown's math, on a Jekyll site (kramdown is Jekyll's Markdown): ``$$...$$`` holds TeX; and
remark-math's, on an Astro site that loads it (`remark_math`): ``$...$`` too.

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


_MATH_FENCE = lazy(r"( {0,3})(\${2,})[^$\n]*$")
"""A line opening (or closing) a block of math as remark-math reads it: ``$$``, more dollars
than two, and no dollar after them (``$$x$$`` on a line of its own is math within text)."""
_TEXT_MATH = lazy(r"(?<![\\$])(\$+)(?!\$)([^\n]*?[^$\n])\1(?!\$)")
"""Math within a line as remark-math reads it: as many dollars on each side (``$x$``, ``$$x$$``);
``\\$`` is a dollar, never math."""


def remark_math(text: str) -> str:
    """Return ``text`` (no fenced code in it, its code spans held aside) with remark-math's math
    as code: a block from a ``$$`` line to the next line of as many dollars (or more) a fenced
    block in the language ``math``, math within a line a code span; the TeX as written. A
    block never closed is left as it is."""
    lines = text.split("\n")
    out: list[str] = []
    at = 0
    while at < len(lines):
        opening = _MATH_FENCE.fullmatch(lines[at])
        end = _math_end(lines, at, opening.group(2)) if opening else None
        if opening is None or end is None:
            out.append(
                _TEXT_MATH.sub(lambda m: _span(m.group(2)), lines[at]) if "$" in lines[at] else lines[at]
            )
            at += 1
            continue
        indent = opening.group(1)
        inside = [
            line[len(indent) :] if line.startswith(indent) else line.lstrip(" ")
            for line in lines[at + 1 : end]
        ]
        fence = "`" * max([3, *(len(run) + 1 for line in inside for run in re.findall(r"`{3,}", line))])
        out += [f"{indent}{fence}math", *(f"{indent}{line}".rstrip() for line in inside), f"{indent}{fence}"]
        at = end + 1
    return "\n".join(out)


def _math_end(lines: list[str], start: int, dollars: str) -> int | None:
    """Return the index of the line closing the block of math opened at ``start``, or None."""
    for at in range(start + 1, len(lines)):
        stripped = lines[at].strip()
        if stripped.startswith(dollars) and not stripped.strip("$"):
            return at
    return None
