"""kramdown's math, on a Jekyll site (kramdown is Jekyll's Markdown): ``$$...$$`` holds TeX; and
remark-math's, on an Astro site that loads it (`remark_math`): ``$...$`` too.

A paragraph that is ``$$``, TeX, ``$$`` alone is a block of math; ``$$...$$`` within a line of
text is math in it. The live page hands both to a script that draws them (MathJax); Markdown
would read their ``_`` and ``*`` as emphasis and their ``\\\\`` as an escape. Here a block is a
fenced code block in the language ``math`` and inline math a code span: the TeX as written
(``$$`` in a code span, or in a paragraph indented four columns, is left as it is).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from ..lazyre import lazy
from .blocks import fence_after, listed_fence

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


_MATH_FENCE = lazy(r"( {0,3})(\${2,})([^$\n]*)")
"""A line opening a block of math as remark-math reads it: ``$$``, more dollars than two, and no
dollar after them (``$$x$$`` on a line of its own is math within text); what follows is the
block's meta (remark-math 4 on), or its first line of TeX (remark-math 3)."""
_DOLLARS = lazy(r"\$+")
_PAIR_OR_DOLLAR = lazy(r"\\[\s\S]|\$")
"""What remark-math 3 reads inline math by: a backslash and what it escapes, or a dollar."""


def remark_math(text: str, release3: bool = False) -> str:
    """Return ``text`` (no fenced code in it, its code spans held aside) with remark-math's math
    as code: a block from a ``$$`` line to the next line of as many dollars (or more) a fenced
    block in the language ``math``, math within a line a code span; the TeX as written.

    A block never closed runs to the end, as remark-math reads it (3's ``block.js`` and the
    micromark extension of 4 on alike), but one opened in a list item (indented), which
    remark-math ends with the item: that stays as written. Within a line, remark-math 4 on reads
    ``$`` as a code span's backtick: a run of dollars closes at the next run of as many.
    ``release3`` reads it as remark-math 2 and 3 did (`_remark3_inline`); its block's closing line may
    also hold TeX before its dollars, and its opening line TeX after them. Inline math is read
    within its line alone (remark-math lets it run on within a paragraph; reading paragraphs
    here let it run into a heading, an admonition's fence or a tab's tag). Each line is read once."""
    lines = text.split("\n")
    out: list[str] = []
    inline = _remark3_inline if release3 else _remark_inline
    closers = _Closers(lines, release3) if "$$" in text else None
    at = 0
    while at < len(lines):
        opening = _MATH_FENCE.fullmatch(lines[at])
        end = _block_end(lines, at, opening, closers, release3) if opening is not None and closers else None
        if opening is None or end is None:
            out.append(_read([lines[at]], inline))  # (inline math within its line: never into a block)
            at += 1
            continue
        out += _math_block(lines, at, end, opening, release3)
        at = end + 1
    return "\n".join(out)


def remark_math_blocks(text: str, release3: bool = False) -> str:
    """Return a whole body (its fenced code in it) with remark-math's blocks of math as fenced
    blocks in the language ``math`` (see `remark_math`), read with its code as micromark reads
    them, line by line: a ``$$`` line outside code opens a block that runs to its closing line
    (or the end of the page) whatever it holds, a code fence too, as a fenced code block does;
    a ``$$`` in code is code. Inline math is left to `remark_math`, on what is not code."""
    lines = text.split("\n")
    closers = _Closers(lines, release3)
    out: list[str] = []
    fence = ""
    at = 0
    while at < len(lines):
        line = lines[at]
        was, fence = fence, fence_after(fence, line) or ("" if fence else listed_fence(lines, at))
        opening = None if was or fence else _MATH_FENCE.fullmatch(line)
        end = _block_end(lines, at, opening, closers, release3) if opening is not None else None
        if opening is None or end is None:
            out.append(line)
            at += 1
            continue
        out += _math_block(lines, at, end, opening, release3)
        at = end + 1
    return "\n".join(out)


def _math_block(lines: list[str], at: int, end: int, opening: re.Match[str], release3: bool) -> list[str]:
    """Return the lines of a block of math from ``at`` to its closing line ``end`` (the number of
    lines: never closed) as a fenced block in the language ``math``, the TeX as written."""
    indent = opening.group(1)
    inside = [opening.group(3).strip()] if release3 and opening.group(3).strip() else []
    inside += lines[at + 1 : end]
    if end < len(lines) and release3 and (tex := lines[end].rstrip().rstrip("$").rstrip()):
        inside.append(tex)
    after = len(inside) - len(_without_blank_end(inside)) if end == len(lines) else 0  # (unclosed)
    inside = [line[len(indent) :] if line.startswith(indent) else line.lstrip(" ") for line in inside]
    fence = "`" * max([3, *(len(run) + 1 for line in inside for run in re.findall(r"`{3,}", line))])
    inside = inside[: len(inside) - after]
    made = [f"{indent}{fence}math", *(f"{indent}{line}".rstrip() for line in inside), f"{indent}{fence}"]
    return made + [""] * after  # (blank lines at the end of the page stay after the block)


def _block_end(
    lines: list[str], at: int, opening: re.Match[str], closers: _Closers, release3: bool = False
) -> int | None:
    """Return the index of the line closing the block of math ``opening`` starts at ``at`` (the
    number of lines when it is never closed: it runs to the end); None when it is never closed
    and starts indented, in a list item, which remark-math would end with the item: as written;
    None too for a ``$$`` on the page's last line under remark-math 3, which needs a line after it."""
    if release3 and at == len(lines) - 1:
        return None
    found = closers.after(at, len(opening.group(2)))
    if found is not None:
        return found
    return None if opening.group(1) else len(lines)


class _Closers:
    """The lines that may close a block of math, looked up by the least run of dollars they
    need: each line is read once, and each size's list made once (so many blocks never closed
    cost linear time)."""

    def __init__(self, lines: list[str], release3: bool) -> None:
        self.found: list[tuple[int, int]] = []  # (index, dollars at its end)
        for index, line in enumerate(lines):
            stripped = line.rstrip()
            tex = stripped.rstrip("$")
            if len(stripped) - len(tex) >= 2 and (not tex.strip() or (release3 and "$" not in tex)):
                self.found.append((index, len(stripped) - len(tex)))
        self._by_size: dict[int, list[int]] = {}

    def after(self, at: int, size: int) -> int | None:
        """The first line after ``at`` that closes a block opened by ``size`` dollars, or None."""
        if size not in self._by_size:
            self._by_size[size] = [index for index, dollars in self.found if dollars >= size]
        indexes = self._by_size[size]
        place = bisect.bisect_right(indexes, at)
        return indexes[place] if place < len(indexes) else None


def _without_blank_end(lines: list[str]) -> list[str]:
    """Return ``lines`` without the blank ones at their end."""
    kept = len(lines)
    while kept and not lines[kept - 1].strip():
        kept -= 1
    return lines[:kept]


def _read(lines: list[str], inline: Callable[[str], str]) -> str:
    """Return a paragraph's ``lines`` as one text, its inline math read with ``inline``."""
    text = "\n".join(lines)
    return inline(text) if "$" in text else text


def _remark_inline(text: str) -> str:
    """Return a paragraph with remark-math's (4 on) inline math as code spans: a run of dollars
    not escaped (``\\$`` is a dollar; ``\\$$x$`` is one, then math) opens, the next run of as many
    closes, whatever is between (a backslash there is TeX's). Runs by length, each looked up once."""
    runs = [(m.start(), m.end()) for m in _DOLLARS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for start, end in runs:
        by_length.setdefault(end - start, []).append(start)
    out: list[str] = []
    done = 0  # (the text before it is in ``out``)
    for start, end in runs:
        if start < done:
            continue
        slash = start
        while slash and text[slash - 1] == "\\":
            slash -= 1
        start += (start - slash) % 2  # (an escaped dollar is one; the rest of its run may open)
        starts = by_length.get(end - start, [])
        closing = (
            starts[bisect.bisect_left(starts, end)] if start < end and starts and starts[-1] >= end else None
        )
        if closing is not None:
            out += [text[done:start], _span(text[end:closing])]
            done = closing + end - start
    return "".join(out) + text[done:]


def _remark3_inline(text: str) -> str:
    """Return a paragraph with remark-math 3's inline math as code spans, as its ``inline.js``
    reads it at each dollar in turn: ``$`` or ``$$`` opens, not before a space or a tab; a ``$``
    (``$$`` after ``$$``) closes, not after a space or a tab nor before a digit; a backslash
    escapes what follows, ``\\$`` is a dollar. Math may run over a line break (``$5 and $10``:
    text). Where each kind of closing stands is found once, then looked up."""
    marks = [m.start() for m in _PAIR_OR_DOLLAR.finditer(text) if m.group() == "$"]
    single = [k for k in marks if text[k - 1 : k] not in (" ", "\t") and not text[k + 1 : k + 2].isdigit()]
    double = [k for k in single if text[k + 1 : k + 2] == "$"]
    out: list[str] = []
    done = 0
    for k in marks:
        if k < done:
            continue
        twice = text[k + 1 : k + 2] == "$"
        first = k + 1 + twice
        if text[first : first + 1] in (" ", "\t", ""):
            continue
        closings = double if twice else single
        found = bisect.bisect_left(closings, first)
        if found < len(closings):
            closing = closings[found]
            out += [text[done:k], _span(text[first:closing]) if closing > first else ""]
            done = closing + 1 + twice
    return "".join(out) + text[done:]


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
            out += [text[done:start], _span(text[start + 1 : at])]
            done = at + 1
        elif opened[0] == "\\(" and what == "\\)":
            out += [text[done : opened[1]], _span(text[opened[1] + 2 : at])]
            done, opened = mark.end(), None
    return "".join(out) + text[done:]
