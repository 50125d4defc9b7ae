"""The limits a Markdown body must keep to be rendered as Markdown, the scan that checks them,
and the parts a long body is rendered in.

Both renderers (cmark-gfm and markdown-it-py) take time or memory out of proportion on some
bodies: markdown-it-py spends about a tenth of a millisecond on each ``[`` it cannot close
(200 KB of them took 11 s), is linear but slow on very large bodies (a 2 MB table took 15 s
and 700 MB), and stops parsing, dropping the rest of the body without a word, once lists
and quotes nest about 50 deep. A body beyond one of these limits is shown as plain text
instead, and reading the file reports where (see docs/markdown.md, "Limits"). The same
limits hold for both renderers, so both still give the same page.

A body longer than `MAX_PART_BYTES` (a changelog, a policy, a site's history) is rendered in
parts, each starting where a block of the body's top level starts (see `parts`): whatever was
open before it (a paragraph, list, quote, table, fence) has ended there, so each part renders
as it does in the whole body. The size and bracket limits hold for each part; the whole
body's lines, brackets and table cells are bounded too, as finding its blocks and rendering
its parts cost time and memory for each, whichever part it is in. The cells of every body's
tables and the text its brackets are matched over are bounded before its blocks are found
(`stagemap.model.costs`): neither follows its length.

Pure: a string in, a finding out. Every limit is checked in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..lazyre import lazy
from .costs import bracket_scan, cells_over

MAX_BODY_BYTES = 2 * 1024 * 1024
"""The largest body rendered as Markdown, in bytes of UTF-8 (about 300,000 words). A long body
is rendered in parts, so its time grows with its length: release notes took 0.7 s a megabyte
with cmark-gfm and 3 s with markdown-it-py."""
MAX_PART_BYTES = 128 * 1024
"""The largest part of a body rendered at once, in bytes of UTF-8 (about 20,000 words)."""
MAX_LINES = 20_000
"""The most lines a body rendered in parts may have (finding its blocks takes 20 to 40 us a
line), a line nested n deep (in lists and quotes) counting as n + 1."""
MAX_BRACKETS = 2_000
"""The most ``[`` (links, images and stray brackets) a part rendered as Markdown may hold."""
MAX_BODY_BRACKETS = 40_000
"""The most ``[`` a body rendered in parts may hold (how long each takes is bounded by
`MAX_BRACKET_SCAN`)."""
MAX_TABLE_CELLS = 100_000
"""The most cells the tables of a body rendered as Markdown may have, short rows padded to their
table's columns as both engines pad them (`stagemap.model.costs`): finding a long body's blocks
holds three tokens for each, and markdown-it-py renders a part's at once (at this bound, 0.8 +
2 s and 100 MB; a 2.5 KB table of 65,000 cells took 60 MB)."""
MAX_BRACKET_SCAN = 4_000_000
"""The most characters markdown-it-py may scan for the ``]`` of a body's ``[`` (each ``[``
counting the text to its ``]``, or to its paragraph's end when none closes it:
`stagemap.model.costs`): up to a microsecond each (3.5 s at this bound)."""
MAX_NESTING = 32
"""The deepest nesting of lists and block quotes rendered as Markdown."""

# The container markers that open a line: quote markers and list markers, with the blanks
# before each. A list item continued from an earlier line shows no marker, only indentation:
# each level of it takes at least two columns, so two columns of blank count as one level.
# That over-counts at worst, never under-counts, so a body the renderer would cut short is
# always caught. The repetition is possessive (nothing follows it to backtrack for): a plain one
# kept a mark for each marker, 180 MB for a line of a million ``>``.
_PREFIX = lazy(r"^(?:[ \t]*(?:>|(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t\r\n]|$)))++", re.M)
_PIECE = lazy(r"([ \t]*)(>|[-+*]|[0-9]{1,9}[.)])")
# A line whose prefix is longer than `MAX_NESTING` opens with that many of its characters.
# Searched for from a newline put in front of the body, so the regex engine jumps from one
# line start to the next: most bodies have none, and need no closer look.
_LONG_PREFIX = lazy(r"\n[ \t>+*\-0-9.)]{" + str(MAX_NESTING + 1) + "}")


@dataclass(frozen=True, slots=True)
class Exceeded:
    """A limit a body goes beyond, and where."""

    reason: str
    """Why the body is shown as plain text, e.g. ``nesting deeper than 32``."""
    line: int
    """0-based line of the body where the construct starts."""
    col: int
    """1-based column in characters."""


Places = Callable[[str], list[int]]
"""Where parts of a long body may start: the offsets of lines where a block of the body's top
level starts (`stagemap.read.blocks.block_starts`, the parser's word)."""


def size_name(size: int) -> str:
    """``size`` bytes as a limit names them: ``2 MiB``, ``128 KiB``."""
    return f"{size // 2**20} MiB" if size % 2**20 == 0 else f"{size // 1024} KiB"


def exceeded(body: str, places: Places | None = None) -> Exceeded | None:
    """Return the first limit ``body`` goes beyond, or None when it may be rendered as Markdown.

    ``places`` is asked only when the body is too long for one part; without it such a body
    goes beyond the part's limits.
    """
    found = _cut(body, places)
    return found if isinstance(found, Exceeded) else None


def parts(body: str, places: Places | None = None) -> list[str] | None:
    """Return ``body`` in the parts to render one by one, or None when it goes beyond a limit.

    A body within `MAX_PART_BYTES` and `MAX_BRACKETS` is one part. A longer one is cut where
    ``places`` says a block starts, each part as long as the limits let it be. Joined, the
    parts are the body.
    """
    found = parts_or_exceeded(body, places)
    return None if isinstance(found, Exceeded) else found


def parts_or_exceeded(body: str, places: Places | None = None) -> list[str] | Exceeded:
    """`parts`, or the first limit ``body`` goes beyond."""
    found = _cut(body, places)
    if isinstance(found, Exceeded):
        return found
    return [body[a:b] for a, b in zip(found, [*found[1:], len(body)], strict=True)]


def _cut(body: str, places: Places | None) -> Exceeded | list[int]:
    """Return the first limit ``body`` goes beyond, or where its parts start."""
    starts = [0]
    size = len(body.encode("utf-8", "surrogatepass")) if len(body) > MAX_PART_BYTES // 4 else 0
    if size > MAX_BODY_BYTES:
        return Exceeded(f"body larger than {size_name(MAX_BODY_BYTES)}", 0, 1)
    brackets = body.count("[")
    long = size > MAX_PART_BYTES or brackets > MAX_BRACKETS
    if long:
        if brackets > MAX_BODY_BRACKETS:
            return _bracket(body, 0, MAX_BODY_BRACKETS)
        # Finding the blocks of a line nested n deep costs about as much as n + 1 lines.
        nested = sum(map(len, _PREFIX.findall(body))) // 2
        if body.count("\n") + body.count("\r") - body.count("\r\n") + nested > MAX_LINES:
            return Exceeded(
                f"too many lines to render in parts (over {MAX_LINES:,}, nested ones counting more)", 0, 1
            )
    # Before the blocks are found: that holds every table cell. A table has at most as many
    # columns as the body has '|' and one more, and rows as it has lines: most bodies need no count.
    pipes = body.count("|")
    bound = (pipes + 1) * (len(body) + 1) if pipes else 0  # (lines counted only where it matters)
    if bound > MAX_TABLE_CELLS:
        bound = (pipes + 1) * (body.count("\n") + (body.count("\r") if "\r" in body else 0) + 1)
    at = cells_over(body, MAX_TABLE_CELLS) if bound > MAX_TABLE_CELLS else None
    if at is not None:
        return _at(body, at, f"tables of more than {MAX_TABLE_CELLS:,} cells (short rows padded)")
    if long:
        cuts = _cuts(body, places(body) if places is not None else [])
        if isinstance(cuts, Exceeded):
            return cuts
        starts = cuts
    # Each '[' costs at most twice the characters after it: most bodies need no count either.
    at = bracket_scan(body, MAX_BRACKET_SCAN) if 2 * brackets * len(body) > MAX_BRACKET_SCAN else None
    if at is not None:
        return _at(body, at, f"'[' left open over more than {MAX_BRACKET_SCAN:,} characters in all")
    deep = _too_deep(body)
    return deep if deep is not None else starts


def _cuts(body: str, places: list[int]) -> Exceeded | list[int]:
    """Return where the parts of ``body`` start, at ``places``, each part as long as the limits let it be."""
    starts = [0]
    start = (0, 0)  # bytes and brackets before the part being made
    last: tuple[int, int, int] | None = None  # the latest place it may end: offset, bytes, brackets
    done, counts = 0, (0, 0)
    for offset in [*places, len(body)]:
        piece = body[done:offset]
        counts = (counts[0] + len(piece.encode("utf-8", "surrogatepass")), counts[1] + piece.count("["))
        done = offset
        if _too_long(start, counts):
            if last is None:
                return _over(body, starts[-1], offset)
            starts.append(last[0])
            start, last = last[1:], None
            if _too_long(start, counts):
                return _over(body, starts[-1], offset)
        if offset > starts[-1]:
            last = (offset, *counts)
    return starts


def _too_long(start: tuple[int, int], end: tuple[int, int]) -> bool:
    return end[0] - start[0] > MAX_PART_BYTES or end[1] - start[1] > MAX_BRACKETS


def _over(body: str, start: int, end: int) -> Exceeded:
    """Say which limit the block of ``body`` from ``start`` to ``end`` goes beyond (a part can start only at a block)."""
    if len(body[start:end].encode("utf-8", "surrogatepass")) > MAX_PART_BYTES:
        return _at(body, start, f"a block over {MAX_PART_BYTES // 1024} KiB")
    return _bracket(body, start, MAX_BRACKETS)


def _bracket(body: str, start: int, most: int) -> Exceeded:
    """Name the ``[`` of ``body`` after ``start`` one beyond the ``most`` allowed."""
    at = start - 1
    for _ in range(most + 1):
        at = body.index("[", at + 1)
    return _at(body, at, f"more than {most:,} '[' brackets")


def _too_deep(body: str) -> Exceeded | None:
    """Find the first line whose lists and quotes may nest deeper than `MAX_NESTING`."""
    if _LONG_PREFIX.search("\n" + body) is None:
        return None
    for match in _PREFIX.finditer(body):
        if match.end() - match.start() <= MAX_NESTING:
            continue  # each level takes a character at least
        depth = 0
        for piece in _PIECE.finditer(match.group()):
            depth += len(piece.group(1).expandtabs(4)) // 2 + 1
            if depth > MAX_NESTING:
                return _at(body, match.start() + piece.start(2), f"nesting deeper than {MAX_NESTING}")
    return None


def _at(body: str, offset: int, reason: str) -> Exceeded:
    line_start = body.rfind("\n", 0, offset) + 1
    return Exceeded(reason, body.count("\n", 0, offset), offset - line_start + 1)
