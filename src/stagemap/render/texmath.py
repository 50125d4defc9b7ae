"""kramdown's math, on a Jekyll site (kramdown is Jekyll's Markdown): ``$$...$$`` holds TeX; and
MkDocs' Arithmatex (`arithmatex_math`); remark-math's is read in `stagemap.render.remarkmath`.

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
            parts[i] = _INLINE.sub(lambda m: math_span(m.group(1)), paragraph)
    return "".join(parts)


def math_span(tex: str) -> str:
    """Return ``tex`` as a code span (with more backticks around it than any run inside it)."""
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", tex)), default=0) + 1)
    pad = " " if tex.startswith("`") or tex.endswith("`") else ""
    return f"{ticks}{pad}{tex}{pad}{ticks}"


_ESCAPE_OR_DOLLAR = lazy(r"\\[\s\S]|\$|\x00")
"""What Arithmatex's inline math is read by, left to right: an escape (``\\$`` is a dollar,
``\\\\`` a backslash, ``\\(`` and ``\\)`` the round math's marks), a dollar, or a code span held
aside (``\x00N\x00``), which no math runs across."""
_WHOLE_BLOCK = lazy(
    r"\$\$(?P<dollar>.+?)\$\$|\\\[(?P<square>(?:\\[^\]]|[^\\])+?)\\\]"
    r"|(?P<begin>\\begin\{(?P<env>[a-z]+\*?)\}.+?\\end\{(?P=env)\})",
    re.S,
)
"""A paragraph that is a block of Arithmatex's math alone: ``$$...$$``, ``\\[...\\]`` or
``\\begin{env}...\\end{env}`` (all of it: the environment is part of the TeX)."""
_PARAGRAPHS = lazy(r"(\n[ \t]*(?:>[ \t]*)*\n)")
"""A line between two paragraphs: blank, or holding only a quote's marks."""
_QUOTE_MARKS = lazy(r"[ \t]*(?:>[ \t]?)+")
_HEADING = lazy(r"[ \t]{0,3}#{1,6}(?:[ \t]|$)")


def arithmatex_math(text: str, off: frozenset[str] = frozenset()) -> str:
    """Return ``text`` (no code in it: fenced and indented code and code spans held aside) with
    MkDocs' Arithmatex math as code: a paragraph that is a block of math alone (`_WHOLE_BLOCK`;
    in a quote, an admonition or a list item too) a fenced block in the language ``math``, inline
    math (``$x$``, ``\\(x\\)``) a code span; the TeX as written. ``off`` names the syntaxes the
    site switches off (``inline-dollar``, ``inline-round``, ``block-dollar``, ``block-square``,
    ``block-begin``, ``smart``: ``smart_dollar``).

    With ``smart_dollar`` (the default) a dollar opens math only before a character that is not
    a space and closes it only after one, so ``$5 and $10`` stays text, as on the live page.
    Inline math stays within its paragraph and never runs across a heading or a code span; the
    look is one pass over the text."""
    parts = _PARAGRAPHS.split(text)
    above: list[str] = []  # (the lines before the paragraph, nearest last)
    for i in range(0, len(parts), 2):
        paragraph = parts[i]
        if ("$" in paragraph or "\\" in paragraph) and not _indented_code(paragraph, above):
            parts[i] = _paragraph_math(paragraph, off)
        above += paragraph.split("\n")
    return "".join(parts)


_CONTAINER = lazy(r"[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|(?:!!!|\?\?\?\+?|===)[ \t])")
"""A line that opens what indented lines below it belong to: a list item, an admonition or a
collapsible one (``!!! note``, ``???+ tip``), a content tab (``=== "Python"``)."""
_LOOK_BACK = 200
"""Lines looked back through for what an indented paragraph belongs to."""


def _indented_code(paragraph: str, above: list[str]) -> bool:
    """Whether ``paragraph`` is an indented code block as Python-Markdown reads it: four columns
    in, with no list item, admonition or tab above it that it belongs to."""
    first = paragraph.lstrip("\n").split("\n", 1)[0]
    width = len(first.expandtabs(4)) - len(first.expandtabs(4).lstrip(" "))
    if width < 4 or not first.strip():
        return False
    for line in reversed(above[-_LOOK_BACK:]):
        if not line.strip():
            continue
        if _CONTAINER.match(line):
            return False
        if not line[:1].isspace():
            return True  # (text at the margin, no container: the paragraph is code)
    return True


def _paragraph_math(paragraph: str, off: frozenset[str]) -> str:
    """Return one paragraph (maybe in a quote) with its block or inline math as code."""
    lead = paragraph[: len(paragraph) - len(paragraph.lstrip("\n"))]
    lines = paragraph[len(lead) :].split("\n")
    marks = _QUOTE_MARKS.match(lines[0])
    quote = marks.group(0) if marks is not None else ""
    if quote and not all(line.startswith(quote) or line.strip() in ("", quote.strip()) for line in lines):
        quote = ""
    inner = [line[len(quote) :] for line in lines]
    core = "\n".join(inner).strip()
    indent = inner[0][: len(inner[0]) - len(inner[0].lstrip(" \t"))]
    # At the top, a block starts its line (four spaces in: a list item's, as code is held aside).
    found = _WHOLE_BLOCK.fullmatch(core) if (not indent or len(indent.expandtabs(4)) >= 4) else None
    kind = "begin" if found is not None and found.lastgroup == "env" else found and found.lastgroup
    if found is not None and kind and f"block-{kind}" not in off:
        tex = found.group(kind)
        fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", tex))])
        body = [f"{indent}{line.strip()}".rstrip() for line in tex.strip().split("\n")]
        made = [f"{indent}{fence}math", *body, f"{indent}{fence}"]
        tail = paragraph[len(paragraph.rstrip()) :]
        return lead + "\n".join((quote + line).rstrip() if quote else line for line in made) + tail
    # Inline math, never across a heading's line.
    groups: list[list[str]] = []
    after_heading = True
    for at, line in enumerate(lines):
        heading = _HEADING.match(inner[at]) is not None
        if heading or after_heading:
            groups.append([line])
        else:
            groups[-1].append(line)
        after_heading = heading
    return lead + "\n".join(_inline_math("\n".join(group), off) for group in groups)


def _inline_math(text: str, off: frozenset[str]) -> str:
    """Return one paragraph with its inline math (``$x$``, ``\\(x\\)``) as code spans."""
    dollars, rounds, smart = "inline-dollar" not in off, "inline-round" not in off, "smart" not in off
    out: list[str] = []
    done = 0  # (the text before it is in ``out``)
    opened: tuple[str, int] | None = None  # (the mark, where it starts)
    for mark in _ESCAPE_OR_DOLLAR.finditer(text):
        what, at = mark.group(0), mark.start()
        if what == "\x00":
            opened = None  # (a code span: math neither crosses it nor holds it)
        elif opened is None:
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
            out += [text[done:start], math_span(text[start + 1 : at])]
            done = at + 1
        elif opened[0] == "\\(" and what == "\\)":
            out += [text[done : opened[1]], math_span(text[opened[1] + 2 : at])]
            done, opened = mark.end(), None
    return "".join(out) + text[done:]
