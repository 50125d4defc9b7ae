"""Pipe tables read a row at a time, as Markdown's table extensions read them: a code span never
runs from one row into the next, and on an MkDocs site a ``|`` inside a code span stays in its
cell. Used by `stagemap.render.dialects`."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lazyre import lazy

_TABLE = lazy(r"^[^\n]*\|[^\n]*\n[ \t]*(?=[^\n]*\|)(?=[^\n]*-)[|: \t-]+$(?:\n(?![ \t]*$)[^\n]*)*", re.M)
"""A pipe table: a line with a ``|``, a delimiter row (``|---|:--:|``), then lines up to a blank one."""
_TICKS_AND_PIPES = lazy(r"(\\\\)|(\\`+)|(`+)|(\\\|)|(\|)")
"""What Python-Markdown's tables extension looks for in a row: an escaped backslash, backticks
(escaped or not), an escaped pipe, a pipe."""


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
    """Return ``text`` with each ``|`` inside a code span of a table row escaped (``\\|``), as
    Python-Markdown's tables extension leaves it in its cell (Traefik's ``Path(^/(a|b)$)`` in a
    rule's row), where GFM would end the cell there. Not for code (fenced): give it prose."""
    if "`" not in text or "|" not in text:
        return text
    return _TABLE.sub(lambda table: "\n".join(map(_row_code_pipes, table.group(0).split("\n"))), text)


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
    spans: list[tuple[int, int]] = []
    at = 0
    while at < len(ticks):
        length = ticks[at][0] - ticks[at][3]
        later = [tick[0] for tick in ticks[at + 1 :]]
        if length and length in later:
            close = at + 1 + later.index(length)
            spans.append((ticks[at][1], ticks[close][2]))
            at = close + 1
        else:
            at += 1
    inside = [pipe for pipe in pipes if any(start < pipe < end for start, end in spans)]
    for pipe in reversed(inside):
        row = row[:pipe] + "\\|" + row[pipe + 1 :]
    return row
