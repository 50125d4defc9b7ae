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


_ESCAPE_OR_DOLLAR = lazy(r"\\[\s\S]|\$")
"""What Arithmatex's inline math is read by, left to right: an escape (``\\$`` is a dollar,
``\\\\`` a backslash, ``\\(`` and ``\\)`` the round math's marks) or a dollar."""
_WHOLE_BLOCK = lazy(
    r"\$\$(?P<dollar>.+?)\$\$|\\\[(?P<square>(?:\\[^\]]|[^\\])+?)\\\]"
    r"|(?P<begin>\\begin\{(?P<env>[a-z]+\*?)\}.+?\\end\{(?P=env)\})",
    re.S,
)
"""A paragraph that is a block of Arithmatex's math alone: ``$$...$$``, ``\\[...\\]`` or
``\\begin{env}...\\end{env}`` (all of it: the environment is part of the TeX)."""


def arithmatex_math(text: str, off: frozenset[str] = frozenset()) -> str:
    """Return ``text`` (no fenced code in it, its code spans held aside) with MkDocs' Arithmatex
    math as code: a paragraph that is a block of math alone (`_WHOLE_BLOCK`) a fenced block in the
    language ``math``, inline math (``$x$``, ``\\(x\\)``) a code span; the TeX as written.
    ``off`` names the syntaxes the site switches off (``inline-dollar``, ``inline-round``,
    ``block-dollar``, ``block-square``, ``block-begin``, ``smart``: ``smart_dollar``).

    With ``smart_dollar`` (the default) a dollar opens math only before a character that is not
    a space and closes it only after one, so ``$5 and $10`` stays text, as on the live page.
    Inline math stays within its paragraph; the look is one pass over the text."""
    parts = _BETWEEN.split(text)
    for i in range(0, len(parts), 2):
        paragraph = parts[i]
        core = paragraph.strip()
        first = paragraph.lstrip("\n")
        indent = first[: len(first) - len(first.lstrip(" \t"))]
        found = _WHOLE_BLOCK.fullmatch(core) if len(indent) < 4 and core[:1] in ("$", "\\") else None
        kind = found.lastgroup if found is not None else None
        kind = "begin" if kind == "env" else kind
        if found is not None and kind is not None and f"block-{kind}" not in off:
            tex = found.group(kind)
            lines = [line.strip() for line in tex.strip().split("\n")]
            fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", tex))])
            block = [
                f"{indent}{fence}math",
                *(f"{indent}{line}".rstrip() for line in lines),
                f"{indent}{fence}",
            ]
            lead = paragraph[: len(paragraph) - len(first)]
            parts[i] = lead + "\n".join(block) + paragraph[len(paragraph.rstrip()) :]
        elif "$" in paragraph or "\\(" in paragraph:
            parts[i] = _inline_math(paragraph, off)
    return "".join(parts)


def _inline_math(text: str, off: frozenset[str]) -> str:
    """Return one paragraph with its inline math (``$x$``, ``\\(x\\)``) as code spans."""
    dollars, rounds, smart = "inline-dollar" not in off, "inline-round" not in off, "smart" not in off
    out: list[str] = []
    done = 0  # (the text before it is in ``out``)
    opened: tuple[str, int] | None = None  # (the mark, where it starts)
    for mark in _ESCAPE_OR_DOLLAR.finditer(text):
        what, at = mark.group(0), mark.start()
        if opened is None:
            after = text[at + 1 : at + 2]
            if what == "$" and dollars and not (smart and (after.isspace() or not after)) and after != "$":
                opened = ("$", at)
            elif what == "\\(" and rounds:
                opened = ("\\(", at)
        elif opened[0] == "$" and what == "$":
            start = opened[1]
            opened = None
            if smart and text[at - 1].isspace():
                after = text[at + 1 : at + 2]  # (a dollar after a space may open the next)
                if dollars and after and not after.isspace() and after != "$":
                    opened = ("$", at)
                continue
            out += [text[done:start], _span(text[start + 1 : at])]
            done = at + 1
        elif opened[0] == "\\(" and what == "\\)":
            out += [text[done : opened[1]], _span(text[opened[1] + 2 : at])]
            done, opened = mark.end(), None
    return "".join(out) + text[done:]
