"""MDX's code fences at any indentation, moved to where Markdown reads them as fences.

MDX has no indented code: a fence indented four spaces or more, as the code inside a tab
usually is (``<TabItem>`` on one line, the fence two spaces further in), is still a fence,
and its lines lose that indentation as a fence's lines do. Markdown would read the same
lines as indented code, the fence and all. `unindented_fences` moves each such fence, with its
lines, back to the column of what holds it (a list item's text, else the left margin).

Docusaurus also reads what a fence of the language ``mdx-code-block`` holds as MDX, not as
code (`unwrapped_mdx_blocks`): docs written in Markdown put imports and components there.
"""

from __future__ import annotations

import bisect
import re
import textwrap
from collections.abc import Callable

from ..lazyre import lazy
from .blocks import CODE_SPAN, fence_after

_DEEP_FENCE = lazy(r"^(?: {4}| {0,3}\t)[ \t]*(?:`{3,}|~{3,})", re.M)
"""A fence four columns in or more (a tab is four: Drizzle's docs indent their tabs' code with one)."""
_FENCE = lazy(r"([ \t]*)(`{3,}(?=[^`]*$)|~{3,})")
_ITEM = lazy(r"([ \t]*)(?:[-+*]|\d{1,9}[.)])([ \t]+)(?=\S)")
"""A list item's marker and the space after it: its text starts after them."""


def has_deep_fences(text: str) -> bool:
    """Whether ``text`` has a fence indented four columns or more (most bodies have none)."""
    return _DEEP_FENCE.search(text) is not None


def unindented_fences(text: str) -> str:
    """Return ``text`` with each fence indented four columns or more beyond what holds it (and its
    lines, as far as they are indented) moved to that column; other lines are left as they are."""
    lines = text.split("\n")
    items: list[int] = []  # the text columns of the list items the line is in, innermost last
    index, blank = 0, True
    while index < len(lines):
        line = lines[index]
        width = _width(line)
        if not line.strip():
            index, blank = index + 1, True
            continue
        item = _ITEM.match(line)
        # A line right after text may go on with it at any indentation (a lazy line): it ends no item.
        while items and width < items[-1] and (blank or item is not None):
            items.pop()
        found = _FENCE.match(line)
        blank = False
        if found is None:
            if item is not None:
                items.append(len(item.group(0).expandtabs(4)))
            index += 1
            continue
        end = _closing(lines, index, found.group(2))
        shift = width - (items[-1] if items else 0)
        if shift >= 4:
            for at in range(index, end):
                lines[at] = _dedented(lines[at], shift)
        index = end
    return "\n".join(lines)


def _closing(lines: list[str], start: int, fence: str) -> int:
    """Return the index after the line that closes the fence opened at ``start`` (the end if none)."""
    for at in range(start + 1, len(lines)):
        stripped = lines[at].strip()
        if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
            return at + 1
    return len(lines)


def _width(line: str) -> int:
    """Return the columns of a line's leading spaces and tabs (a tab to the next multiple of four)."""
    column = 0
    for char in line:
        if char == " ":
            column += 1
        elif char == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def _dedented(line: str, columns: int) -> str:
    """Return ``line`` with up to ``columns`` columns of its leading whitespace taken off."""
    column, cut = 0, 0
    while cut < len(line) and line[cut] in " \t" and column < columns:
        column += 1 if line[cut] == " " else 4 - column % 4
        cut += 1
    return " " * max(column - columns, 0) + line[cut:]


_MDX_BLOCK = lazy(r"[ \t]*(?:`{3,}|~{3,})[ \t]*mdx-code-block[ \t]*$")


def unwrapped_mdx_blocks(text: str, inner: Callable[[str], str] | None = None) -> str:
    """Return ``text`` with each closed fence of the language ``mdx-code-block`` replaced by the
    lines it holds, as Docusaurus reads them (as MDX); every other fence is left as it is, and
    so is a fence of that language inside another one (an example of it), or never closed.
    With ``inner``, each such fence stays, holding what ``inner`` gives of its lines."""
    lines = text.split("\n")
    kept: list[str] = []
    fence, opened = "", -1
    for index, line in enumerate(lines):
        was, fence = fence, fence_after(fence, line)
        if fence and not was:
            opened = index if _MDX_BLOCK.match(line) else -1
            kept.append(line)
        elif was and not fence and opened >= 0 and inner is not None:
            kept[len(kept) - (index - opened) + 1 :] = inner("\n".join(lines[opened + 1 : index])).split("\n")
            kept.append(line)
        elif was and not fence and opened >= 0:
            kept[len(kept) - (index - opened) :] = lines[opened + 1 : index]
        else:
            kept.append(line)
    return "\n".join(kept)


_ITEM_TEXT = lazy(r"[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+(?=\S)")
"""A list item's marker and the spaces after it: where its text starts."""


def unindented(run: str, before: str) -> str:
    """Return lines Markdown would read as indented code as MDX reads them (it has none): as text,
    indented as far as the list item right before them (``before``: the last line with text
    before them) holds its text, else not at all; tabs as four columns."""
    item = _ITEM_TEXT.match(before)
    column = len(item.group(0).expandtabs(4)) if item else 0
    made = textwrap.dedent(run.expandtabs(4))
    return textwrap.indent(made, " " * column) if column else made


_COMMENT_OPEN = lazy(r"\{\s*/\*")
_COMMENT_CLOSE = lazy(r"\*/\s*\}")


# long: one pass over the lines, a comment's end looked for once, code spans and fences kept
def uncommented(text: str) -> str:
    """Return MDX ``text`` without its comments (``{/* ... */}``) outside fenced code, lines kept
    (a comment's lines are left empty): a fence inside a comment is no fence (Drizzle's docs
    comment out examples, ``{/* ```sql`` ... ``` */}``, and the rest of the page was read as
    code); a fence opened outside one stays code, whatever it holds, and so does a code span
    on one line (``` ``{/*`` ```, found as `CODE_SPAN` finds one). An opening with no end after it is no comment (MDX would
    not build the page): it stays as written."""
    closings = [m.start() for m in _COMMENT_CLOSE.finditer(text)]
    last = closings[-1] if closings else -1
    out: list[str] = []
    fence, ended, start = "", 0, 0  # ``ended``: where the comment that runs past a line ends
    for line in text.splitlines(keepends=True):
        end = start + len(line)
        newline = "\n" if line.endswith("\n") else ""
        if ended >= end:
            out.append(newline)
        elif fence and ended <= start:
            fence = fence_after(fence, line, True)
            out.append(line)
        else:
            spans = [(start + m.start(), start + m.end()) for m in CODE_SPAN.finditer(line) if m.group(1)]
            kept, ended = _kept(text, max(start, ended), end, spans, last)
            made = "".join(kept) + ("" if kept and kept[-1].endswith("\n") else newline)
            fence = "" if ended > end else fence_after("", made, True)
            out.append(made)
        start = end
    return "".join(out)


def _kept(text: str, at: int, end: int, spans: list[tuple[int, int]], last: int) -> tuple[list[str], int]:
    """Return the parts of ``text[at:end]`` (one line) outside comments, and where the last comment
    removed ends (past ``end`` when it runs on; ``at`` when none); ``spans``: its code spans."""
    kept: list[str] = []
    starts = [s for s, _ in spans]
    look, ended = at, at
    while (opening := _COMMENT_OPEN.search(text, look, end)) is not None:
        inside = bisect.bisect_right(starts, opening.start()) - 1
        if inside >= 0 and opening.start() < spans[inside][1]:  # in a code span: text
            look = opening.end()
            continue
        closing = _COMMENT_CLOSE.search(text, opening.end()) if opening.end() <= last else None
        if closing is None:
            break  # never closed: no comment
        kept.append(text[at : opening.start()])
        at = look = ended = closing.end()
        if at >= end:
            return kept, ended
    kept.append(text[at:end])
    return kept, ended
