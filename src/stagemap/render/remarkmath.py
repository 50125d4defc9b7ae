"""remark-math's math, on an Astro, Docusaurus or Gatsby site that loads it: ``$...$`` within a
line, a block from a ``$$`` line to its closing one; shown as code (a code span, a fenced block in
the language ``math``), the TeX as written, as `stagemap.render.texmath` shows kramdown's.

A block ends where micromark (remark-math 4 on) or remark-math 3's ``block.js`` ends it: at its
closing line, else at the end of what holds it: the page, the list item it opens in, or the
``:::kind`` admonition around it (micromark-extension-directive checks the admonition's closing
``:::`` at each line before what it holds; Docusaurus 2 collects its lines up to that ``:::``),
or the block quote it opens in (a quote's lines are read on their own, their markers aside).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from ..lazyre import lazy
from .blocks import fence_after, item_column, listed_fence
from .firstatleast import FirstAtLeast
from .mathquotes import Quote, quote_at, requoted
from .mdxfences import has_deep_fences, unindented_fences
from .texmath import math_span

_MATH_FENCE = lazy(r"( *)(\${2,})([^$\n]*)")
"""A line opening a block of math as remark-math reads it: ``$$``, more dollars than two, and no
dollar after them (``$$x$$`` on a line of its own is math within text); what follows is the
block's meta (remark-math 4 on), or its first line of TeX (remark-math 3). Four spaces in or
more, it opens one only in a list item, at most three columns past the item's text (`_block_end`)."""
_ITEM_FENCE = lazy(r"(?P<marker> {0,3}(?:[-*+]|\d{1,9}[.)]) {1,4})(\${2,})([^$\n]*)")
"""A list item whose first line opens a block of math (``- $$``): the block is the item's first
content, its lines at the item's text column (group 1, the marker and its spaces, gives it)."""
_DOLLARS = lazy(r"\$+")
_PAIR_OR_DOLLAR = lazy(r"\\[\s\S]|\$")
"""What remark-math 3 reads inline math by: a backslash and what it escapes, or a dollar."""

_CONTAINER_OPEN = lazy(r"[ \t]*(:{3,})[A-Za-z]")
"""A ``:::kind`` admonition's opening line, as far as where blocks inside it end matters."""
_CONTAINER_CLOSE = lazy(r"[ \t]*(:{3,})[ \t]*")
_ITEM = lazy(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]")
"""A line that may open a list item (`stagemap.render.blocks.item_column` tells)."""
_LOOK_BACK = 200
"""Lines looked back through for the list item a block opens in."""
MOST_NESTED_QUOTES = 8
"""How deep block quotes inside block quotes are read for math (``> > > $$``)."""
EXACT = 2
"""``containers`` of a Docusaurus 2 site: its ``:::kind`` blocks close at a line of three colons
alone, not at more (`_Containers`); 1 (or True): at as many or more."""


def remark_math(
    text: str, release3: bool = False, containers: int = 0, depth: int = 0, deep: bool = False
) -> str:
    """Return ``text`` (no fenced code in it, its code spans held aside) with remark-math's math
    as code: a block from a ``$$`` line to the next line of as many dollars (or more) a fenced
    block in the language ``math``, math within a line a code span; the TeX as written.

    A block never closed runs to the end, as remark-math reads it (3's ``block.js`` and the
    micromark extension of 4 on alike), but one opened in a list item ends with the item, and,
    with ``containers`` (a site reading ``:::kind`` blocks), one in such a block ends at its
    closing ``:::`` (`_block_end`). Within a line, remark-math 4 on reads
    ``$`` as a code span's backtick: a run of dollars closes at the next run of as many.
    ``release3`` reads it as remark-math 2 and 3 did (`_remark3_inline`); its block's closing line may
    also hold TeX before its dollars, and its opening line TeX after them. Inline math is read
    within its line alone (remark-math lets it run on within a paragraph; reading paragraphs
    here let it run into a heading, an admonition's fence or a tab's tag). Each line is read once,
    but in a block quote holding a block (`_quoted`: ``depth`` quotes in), once more for each quote.
    ``deep``: the page is MDX, which has no indented code: a ``$$`` line at any indentation opens or
    closes a block (micromark's math takes the indentation fenced code does)."""
    lines = text.split("\n")
    out: list[str] = []
    inline = _remark3_inline if release3 else _remark_inline
    closers = _Closers(lines, release3, deep) if "$$" in text else None
    held = _Containers(lines, containers == EXACT) if containers and closers and ":::" in text else None
    at = plain = 0  # (lines before ``plain`` are in a quote holding no block, read as they are)
    while at < len(lines):
        quoted = (
            _quoted(lines, at, closers, depth, (release3, deep), held) if closers and at >= plain else None
        )
        if quoted is not None and quoted.held:  # (a block quote holding a block of math: read on its own)
            inner = remark_math("\n".join(quoted.held), release3, containers, depth + 1, deep)
            out += requoted(quoted, _unindented(inner, deep))
            at = quoted.end
            continue
        plain = quoted.end if quoted is not None else plain
        opening = _MATH_FENCE.fullmatch(lines[at]) or _ITEM_FENCE.fullmatch(lines[at])
        end = _block_end(lines, at, opening, closers, (release3, deep), held) if opening and closers else None
        if opening is None or end is None:
            out.append(_read([lines[at]], inline))  # (inline math within its line: never into a block)
            at += 1
            continue
        out += _math_block(lines, at, end, opening, release3)
        at = end[0] + 1 if end[1] else end[0]
    return "\n".join(out)


def remark_math_blocks(
    text: str, release3: bool = False, containers: int = 0, depth: int = 0, deep: bool = False
) -> str:
    """Return a whole body (its fenced code in it) with remark-math's blocks of math as fenced
    blocks in the language ``math`` (see `remark_math`), read with its code as micromark reads
    them, line by line: a ``$$`` line outside code opens a block that runs to its closing line
    (or the end of what holds it) whatever it holds, a code fence too, as a fenced code block does;
    a ``$$`` in code is code; a block quote holding one is read on its own (`_quoted`). Inline
    math is left to `remark_math`, on what is not code."""
    lines = text.split("\n")
    closers = _Closers(lines, release3, deep)
    held = _Containers(lines, containers == EXACT) if containers and ":::" in text else None
    out: list[str] = []
    fence = ""
    at = plain = 0
    while at < len(lines):
        line = lines[at]
        quoted = None if fence or at < plain else _quoted(lines, at, closers, depth, (release3, deep), held)
        if quoted is not None and quoted.held:
            inner = remark_math_blocks("\n".join(quoted.held), release3, containers, depth + 1, deep)
            out += requoted(quoted, _unindented(inner, deep))
            at = quoted.end
            continue
        plain = quoted.end if quoted is not None else plain
        was, fence = fence, fence_after(fence, line) or ("" if fence else listed_fence(lines, at))
        opening = None if was or fence else _MATH_FENCE.fullmatch(line) or _ITEM_FENCE.fullmatch(line)
        end = _block_end(lines, at, opening, closers, (release3, deep), held) if opening is not None else None
        if opening is None or end is None:
            out.append(line)
            at += 1
            continue
        out += _math_block(lines, at, end, opening, release3)
        at = end[0] + 1 if end[1] else end[0]
    return "\n".join(out)


def _math_block(
    lines: list[str], at: int, end: tuple[int, bool], opening: re.Match[str], release3: bool
) -> list[str]:
    """Return the lines of a block of math from ``at`` to ``end`` (its closing line, or, not
    closed, the line past it) as a fenced block in the language ``math``, the TeX as written."""
    indent, (stop, closed) = opening.group(1), end
    pad = " " * len(indent) if "marker" in opening.re.groupindex else indent  # (an item's text column)
    inside = [opening.group(3).strip()] if release3 and opening.group(3).strip() else []
    inside += lines[at + 1 : stop]
    if closed and release3 and (tex := lines[stop].rstrip().rstrip("$").rstrip()):
        inside.append(tex)
    after = 0 if closed else len(inside) - len(_without_blank_end(inside))  # (blank lines past it)
    inside = [line[len(pad) :] if line.startswith(pad) else line.lstrip(" ") for line in inside]
    fence = "`" * max([3, *(len(run) + 1 for line in inside for run in re.findall(r"`{3,}", line))])
    inside = inside[: len(inside) - after]
    made = [f"{indent}{fence}math", *(f"{pad}{line}".rstrip() for line in inside), f"{pad}{fence}"]
    return made + [""] * after  # (blank lines after an unclosed block stay after it)


def _block_end(
    lines: list[str],
    at: int,
    opening: re.Match[str],
    closers: _Closers,
    rules: tuple[bool, bool] = (False, False),
    held: _Containers | None = None,
) -> tuple[int, bool] | None:
    """Return where the block of math ``opening`` starts at ``at`` ends: its closing line and
    True, or, never closed, the line past it and False: the end of the ``:::kind`` block holding
    it (``held``), of the list item it opens in (a line less indented than the item's text; a
    closing line may be three columns past that text; ``- $$`` opens one at that text), else of
    the page. None for one indented
    outside a list item and never closed (as written), and for a ``$$`` on the page's last line
    under remark-math 3, which needs a line after it. ``rules``: remark-math 3's reading, and MDX's
    (no indented code: any indentation opens, and closes, a block)."""
    release3, deep = rules
    if release3 and at == len(lines) - 1:
        return None
    limit = held.limit(at) if held else len(lines)
    indent, size = opening.group(1), len(opening.group(2))
    if (
        "marker" in opening.re.groupindex
    ):  # (``- $$``: the item's first line; its text starts past the marker)
        column: int | None = len(indent)
    else:
        column = closers.item_column(lines, at, len(indent)) if indent else None
        if len(indent) - (column or 0) > 3 and not deep:
            return None  # (indented code, at the page's margin or in the item)
    if column is not None:  # (read line by line to the item's end: each line once, as the block takes them)
        for index in range(at + 1, limit):
            line = lines[index]
            width = len(line) - len(line.lstrip(" "))
            if line.strip() and width < column:
                return index, False
            if (deep or width - column <= 3) and _closing(line, release3) >= size:
                return index, True
        return limit, False
    found = closers.after(at, size)
    if found is not None and found < limit:
        return found, True
    if limit < len(lines):
        return limit, False
    return None if indent and not deep else (len(lines), False)


def _closing(line: str, release3: bool) -> int:
    """Return the dollars of a line that may close a block of math (0: none): dollars alone, or
    under remark-math 3 TeX with no dollar before them."""
    stripped = line.rstrip()
    tex = stripped.rstrip("$")
    dollars = len(stripped) - len(tex)
    return dollars if dollars >= 2 and (not tex.strip() or (release3 and "$" not in tex)) else 0


class _Closers:
    """The lines that may close a block of math outside a list item (dollars alone at most three
    spaces in, as micromark reads a closing fence, at any indentation in MDX; remark-math 3's as
    it reads them), with their dollars (`FirstAtLeast` finds the first closing a block)."""

    def __init__(self, lines: list[str], release3: bool, deep: bool = False) -> None:
        indexes: list[int] = []
        self.items: list[int] = []  # each line's nearest list item above, after the last margin line (-1)
        dollars: list[int] = []
        latest = -1
        for index, line in enumerate(lines):
            self.items.append(latest)
            latest = index if _ITEM.match(line) else -1 if line[:1].strip() else latest
            found = _closing(line, release3)
            if found and (release3 or deep or len(line) - len(line.lstrip(" ")) <= 3):
                indexes.append(index)
                dollars.append(found)
        self.closings = FirstAtLeast(indexes, dollars)

    def item_column(self, lines: list[str], at: int, width: int) -> int | None:
        """Where the text of the list item holding line ``at`` (indented ``width``) starts, or
        None (looked up only where an item lies close above: a page of indented lines is read once)."""
        latest = self.items[at]
        if latest < 0 or latest < at - _LOOK_BACK:
            return None
        return item_column(reversed(lines[max(0, at - _LOOK_BACK) : at]), width)

    def after(self, at: int, size: int) -> int | None:
        """The first line after ``at`` that closes a block opened by ``size`` dollars, or None."""
        return self.closings.after(at, size)


class _Containers:
    """Where the ``:::kind`` block holding each line (the innermost) closes: found in one pass,
    outside fenced code (a block never closed holds the rest of the page). A block closes at the
    first line of as many colons or more, as micromark-extension-directive reads one; ``exact``
    (Docusaurus 2, whose own pattern reads three colons and a keyword), at a line of three alone."""

    def __init__(self, lines: list[str], exact: bool = False) -> None:
        self.owner: list[int] = []  # each line's innermost block, by number (-1: none)
        self.closing: list[int] = []  # each block's closing line
        stack: list[tuple[int, int]] = []  # (colons, number) of the blocks open
        fence = ""
        for index, line in enumerate(lines):
            was, fence = fence, fence_after(fence, line)
            self.owner.append(stack[-1][1] if stack else -1)
            if was or fence:
                continue
            closing = _CONTAINER_CLOSE.fullmatch(line)
            colons = len(closing.group(1)) if closing else 0
            if stack and (colons == 3 if exact else colons >= stack[-1][0]):
                self.closing[stack.pop()[1]] = index
            elif (opening := _CONTAINER_OPEN.match(line)) and (not exact or len(opening.group(1)) == 3):
                stack.append((len(opening.group(1)), len(self.closing)))
                self.closing.append(len(lines))

    def limit(self, at: int) -> int:
        """The closing line of the block holding line ``at`` (the number of lines: none)."""
        owner = self.owner[at]
        return self.closing[owner] if owner >= 0 else len(self.owner)


def _quoted(
    lines: list[str],
    at: int,
    closers: _Closers,
    depth: int,
    rules: tuple[bool, bool],
    held: _Containers | None,
) -> Quote | None:
    """Return the block quote opening at line ``at`` (`quote_at`: as remark-math 3's remark-parse,
    ``rules[0]``, or micromark reads it; in MDX, ``rules[1]``, at any indentation), ``depth``
    quotes in; under remark-parse 8 a line without a marker that opens a block of math (with a
    line after it) or a ``:::kind`` block ends the quote, as those plugins interrupt one."""
    if depth >= MOST_NESTED_QUOTES or ">" not in lines[at]:
        return None

    def interrupts(index: int) -> bool:
        line = lines[index]
        opens = _MATH_FENCE.fullmatch(line) is not None and index < len(lines) - 1
        return opens or (held is not None and _CONTAINER_OPEN.match(line) is not None)

    return quote_at(
        lines, at, lambda index, width: closers.item_column(lines, index, width), rules, interrupts
    )


def _unindented(inner: str, deep: bool) -> str:
    """Return what a block quote holds with a block of math four columns or more in moved to the
    quote's column on an MDX page (``deep``), which has no indented code (`unindented_fences`:
    what `stagemap.render.sitemarkdown` does to the page's own, which never looks inside a quote)."""
    return unindented_fences(inner) if deep and "```math" in inner and has_deep_fences(inner) else inner


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
            out += [text[done:start], math_span(text[end:closing])]
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
            out += [text[done:k], math_span(text[first:closing]) if closing > first else ""]
            done = closing + 1 + twice
    return "".join(out) + text[done:]
