"""What a body will cost markdown-it-py where its cost does not follow its length, worked out
before any parse, in linear time: the cells of its tables and the text its ``[`` are matched
over. `stagemap.model.limits` bounds both.

**Table cells.** A table has as many cells in each row as its delimiter row has columns: a
shorter row is padded (by cmark-gfm too), and a line without a ``|`` still continues the table.
So 2.5 KB (a 571-column header, then 114 lines of ``x``) makes 65,000 cells, three tokens each
when a long body's blocks are found (60 MB). A table's delimiter row is a line of ``|``, ``:``,
``-`` and blanks (after any quote and list markers), and it has at most one more column than
it has cells holding a ``-`` and at most one more than its header line has ``|``; its rows run at most to the next blank line. So the cells of
the tables between two blank lines are at most the widest such row's columns times the lines
from the first one's header to the blank line.

**Brackets.** For each ``[`` markdown-it-py scans the text after it for the ``]`` that closes
it, token by token, to the end of its paragraph when none does, and does it twice (once while
reading the text before, once for the bracket itself); a hundred ``[`` in front of 126 KB
took 17 s (an image's ``![`` is scanned for twice as often). Each ``[`` costs here the characters from it to the ``]`` that closes it, or to the
next blank line (no paragraph runs past one) when none does. The scan steps over a code span,
an autolink or a tag whole, and a ``]`` inside one closes nothing: so a ``]`` closes here only
when no ``<`` comes between it and its ``[``, and the backtick runs between them (a few at
most) pair into code spans, each closed by the next run of its length, as in ``[`a`](u)``.
Otherwise it closes nothing, and its ``[`` costs the rest of the paragraph: a bracket may cost
more here than it does, never less. Escaped brackets are text.
"""

from __future__ import annotations

import re

from ..lazyre import lazy

# A line that may be a delimiter row, after the markers of the quotes and lists it is in (one
# class: nothing to backtrack over); those with a '-' are.
_DELIMITER_ROW = lazy(r"^[ \t>*+\-0-9.)|:]*$", re.M)
_BLANK_LINE = lazy(r"\n[ \t]*(?=\n|$)")
_BRACKET_MARK = lazy(r"\\[\s\S]|[\[\]<]|`+")
_MOST_RUNS = 8


def cells_over(body: str, most: int) -> int | None:
    """Return the offset of the first table's header line in the paragraph (text between blank
    lines) where the cells of ``body``'s tables (at most, as above) pass ``most``, or None."""
    total = 0
    end = -1  # where the paragraph of the tables counted so far ends
    widest, first = 0, 0  # its widest delimiter row's columns, its first table's header line
    for row in _DELIMITER_ROW.finditer(body):
        if "-" not in row.group():
            continue
        header_start = body.rfind("\n", 0, row.start() - 1) + 1 if row.start() else 0
        columns = min(_columns(row.group()), body.count("|", header_start, row.start()) + 1)
        if row.start() > end:  # a new paragraph: count the last one's cells
            total += widest * _lines(body, first, end)
            if total > most:
                return first
            blank = _BLANK_LINE.search(body, row.end())
            end, widest, first = (blank.start() if blank else len(body)), 0, header_start
        widest = max(widest, columns)
    total += widest * _lines(body, first, end)
    return first if total > most else None


def _columns(row: str) -> int:
    """At most how many columns a delimiter row gives: each holds a '-' (a list marker in front may
    count as one more)."""
    return sum("-" in cell for cell in row.split("|"))


def _lines(body: str, start: int, end: int) -> int:
    return body.count("\n", start, end) + 1 if end > start else 0


def bracket_scan(body: str, most: int) -> int | None:
    """Return the offset of the first ``[`` of the paragraph where what ``body``'s brackets
    cost (as above, in characters scanned) passes ``most``, or None."""
    total = 0
    start = 0
    while start < len(body):
        blank = _BLANK_LINE.search(body, start)
        end = blank.start() if blank else len(body)
        first = body.find("[", start, end)
        if first >= 0:
            total += _paragraph_scan(body, first, end)
            if total > most:
                return first
        start = end + 1
    return None


def _paragraph_scan(body: str, start: int, end: int) -> int:
    """What the brackets of ``body`` from ``start`` to ``end`` (a paragraph at most) cost."""
    cost = 0
    # Each open '[': where, how many backtick runs came before, and how many times it is scanned
    # for (twice for an image's: as an image and as a link).
    opened: list[tuple[int, int, int]] = []
    runs: list[int] = []  # the lengths of the backtick runs so far
    tag = -1  # the last '<'
    for mark in _BRACKET_MARK.finditer(body, start, end):
        char = mark.group()[0]
        if char == "[":
            at = mark.start()
            opened.append((at, len(runs), 2 if at and body[at - 1] == "!" else 1))
        elif char == "`":
            runs.append(len(mark.group()))
        elif char == "<":
            tag = mark.start()
        elif char == "]" and opened and opened[-1][0] > tag and _spans_close(runs, opened[-1][1]):
            at, _, times = opened.pop()
            cost += (mark.start() - at) * times
    return cost + sum((end - at) * times for at, _, times in opened)


def _spans_close(runs: list[int], first: int) -> bool:
    """Whether the backtick runs from ``first`` on (those between a '[' and a ']') make code
    spans that all end before the ']' (each closed by the next run of its length), a few of them
    at most: or the ']' may be inside one."""
    if len(runs) - first > _MOST_RUNS:
        return False
    open_run = 0
    for run in runs[first:]:
        if not open_run:
            open_run = run
        elif run == open_run:
            open_run = 0
    return not open_run
