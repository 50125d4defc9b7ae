"""Pipe tables read a row at a time, as Markdown's table extensions read them: a code span never
runs from one row into the next, and on an MkDocs site a ``|`` inside a code span stays in its
cell. Used by `stagemap.render.dialects`."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from ..lazyre import lazy
from .blocks import fence_after, listed_fence, may_indent

_TABLE = lazy(
    r"^[^\n|]*+\|[^\n]*+\n[ \t]*+(?=[^\n]*\|)(?=[^\n]*-)[|: \t-]++$(?:\n(?![ \t]*$)[^\n]*+)*+", re.M
)
"""A pipe table: a line with a ``|``, a delimiter row (``|---|:--:|``), then lines up to a blank one.
Possessive: a line of 80,000 pipes was tried as a header row split at each of them (seconds)."""
_TICKS_AND_PIPES = lazy(r"(\\\\)|(\\`+)|(`+)|(\\\|)|(\|)")
"""What Python-Markdown's tables extension looks for in a row: an escaped backslash, backticks
(escaped or not), an escaped pipe, a pipe."""
_HOLDER = lazy(r"[ \t]*(?:!!!|\?\?\?\+?|===[+!]?)[ \t]")
"""The opening of an MkDocs block that holds what is indented under it: an admonition, a
collapsible one, a content tab."""


def by_rows(text: str, change: Callable[[str], str]) -> str:
    """Return ``text`` with ``change`` applied to each row of its pipe tables on its own, and to
    what lies between the tables as a whole (GFM and Python-Markdown read each cell on its own:
    a backtick left open in one row pairs with none in a later one)."""
    if "|" not in text or "-" not in text:
        return change(text)
    pieces: list[str] = []
    done = 0
    for table in _TABLE.finditer(text):
        pieces.append(change(text[done : table.start()]))
        pieces.append("\n".join(change(row) for row in table.group(0).split("\n")))
        done = table.end()
    if not pieces:
        return change(text)
    pieces.append(change(text[done:]))
    return "".join(pieces)


def code_in_tables(text: str) -> bool:
    """Whether ``text`` holds a pipe table with a backtick in it (see `code_pipes`)."""
    return "`" in text and "|" in text and any("`" in table.group(0) for table in _TABLE.finditer(text))


def code_pipes(text: str) -> str:
    """Return an MkDocs page's ``text`` with each ``|`` inside a code span of a table row escaped
    (``\\|``), as Python-Markdown's tables extension leaves it in its cell (Traefik's
    ``Path(^/(a|b)$)`` in a rule's row), where GFM would end the cell there; a table in code,
    fenced or indented (`code_runs`), is shown as written."""
    if "`" not in text or "|" not in text:
        return text

    def escaped(table: re.Match[str]) -> str:
        return "\n".join(map(_row_code_pipes, table.group(0).split("\n")))

    return "\n".join(run if code else _TABLE.sub(escaped, run) for run, code in code_runs(text))


def code_runs(text: str) -> list[tuple[str, bool]]:
    """Split an MkDocs page's ``text`` into runs of whole lines, each with whether it is code:
    fenced, or indented code as Python-Markdown reads it, four columns past the block holding
    it (the page, an admonition, a content tab) after a blank line, unless in a list item."""
    lines = text.split("\n")
    runs: list[tuple[list[str], bool]] = []
    holders = [0]  # the columns where what each block around the line holds starts
    fence, code_at, blank_before = "", -1, True  # code_at: the column of the indented code's block
    for at, line in enumerate(lines):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        width, blank = len(indent.expandtabs(4)), not line.strip()
        if fence:
            code, fence = True, fence_after(fence, line)
        elif code_at >= 0 and (blank or width >= code_at + 4):
            code = True
        else:
            while not blank and width < holders[-1]:
                holders.pop()
            code_at = holders[-1] if width >= holders[-1] + 4 and blank_before and not blank else -1
            if code_at >= 0 and may_indent(lines, at, indent):
                code_at = -1  # a list item's own text
            if code_at < 0:  # a fence opens up to three columns past its block, or in a list item
                fence = fence_after("", line[len(indent) :]) if width < holders[-1] + 4 else ""
                fence = fence or listed_fence(lines, at)
            code = code_at >= 0 or bool(fence)
            if not code and _HOLDER.match(line):
                holders.append(width + 4)
        blank_before = blank
        if not runs or runs[-1][1] != code:
            runs.append(([], code))
        runs[-1][0].append(line)
    return [("\n".join(run), code) for run, code in runs]


def _row_code_pipes(row: str) -> str:
    """Return a table row with the pipes inside its code spans escaped, its backticks paired as
    Python-Markdown pairs them: an opening with the next run as long (an escaped opening counts
    one backtick fewer), none across rows."""
    if "`" not in row:
        return row
    ticks: list[tuple[int, int, int, int]] = []  # (length, start, end, escaped)
    pipes: list[int] = []
    for found in _TICKS_AND_PIPES.finditer(row):
        if found.group(2):
            ticks.append((len(found.group(2)) - 1, found.start(2), found.end(2), 1))
        elif found.group(3):
            ticks.append((len(found.group(3)), found.start(3), found.end(3), 0))
        elif found.group(5):
            pipes.append(found.start(5))
    # The next run as long as each, found in one pass from the right (not a list of the later
    # ones for each: 20,000 escaped backticks in a row took seconds).
    after: list[int | None] = [None] * len(ticks)
    nearest: dict[int, int] = {}
    for at in range(len(ticks) - 1, -1, -1):
        after[at] = nearest.get(ticks[at][0] - ticks[at][3])
        nearest[ticks[at][0]] = at
    spans: list[tuple[int, int]] = []
    at = 0
    while at < len(ticks):
        close = after[at]
        if ticks[at][0] - ticks[at][3] and close is not None:
            spans.append((ticks[at][1], ticks[close][2]))
            at = close + 1
        else:
            at += 1
    ends = [end for _, end in spans]
    pieces: list[str] = []
    done = 0
    for pipe in pipes:
        inside = bisect.bisect_right(ends, pipe)  # the first span ending past the pipe
        if inside < len(spans) and spans[inside][0] < pipe:
            pieces += [row[done:pipe], "\\|"]
            done = pipe + 1
    return "".join(pieces) + row[done:]
