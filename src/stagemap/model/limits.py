"""The limits a Markdown body must keep to be rendered as Markdown, and the scan that checks them.

Both renderers (cmark-gfm and markdown-it-py) take time or memory out of proportion on some
bodies: markdown-it-py spends about a tenth of a millisecond on each ``[`` it cannot close
(200 KB of them took 11 s), is linear but slow on very large bodies (a 2 MB table took 15 s
and 700 MB), and stops parsing, dropping the rest of the body without a word, once lists
and quotes nest about 50 deep. A body beyond one of these limits is shown as plain text
instead, and reading the file reports where (see docs/markdown.md, "Limits"). The same
limits hold for both renderers, so both still give the same page.

Pure: a string in, a finding out. Every limit is checked in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BODY_BYTES = 128 * 1024
"""The largest body rendered as Markdown, in bytes of UTF-8 (about 20,000 words)."""
MAX_BRACKETS = 2_000
"""The most ``[`` (links, images and stray brackets) a body rendered as Markdown may hold."""
MAX_NESTING = 32
"""The deepest nesting of lists and block quotes rendered as Markdown."""

# The container markers that open a line: quote markers and list markers, with the blanks
# before each. A list item continued from an earlier line shows no marker, only indentation:
# each level of it takes at least two columns, so two columns of blank count as one level.
# That over-counts at worst, never under-counts, so a body the renderer would cut short is
# always caught.
_PREFIX = re.compile(r"^(?:[ \t]*(?:>|(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t\r\n]|$)))+", re.M)
_PIECE = re.compile(r"([ \t]*)(>|[-+*]|[0-9]{1,9}[.)])")
# A line whose prefix is longer than `MAX_NESTING` opens with that many of its characters.
# Searched for from a newline put in front of the body, so the regex engine jumps from one
# line start to the next: most bodies have none, and need no closer look.
_LONG_PREFIX = re.compile(r"\n[ \t>+*\-0-9.)]{" + str(MAX_NESTING + 1) + "}")


@dataclass(frozen=True, slots=True)
class Exceeded:
    """A limit a body goes beyond, and where."""

    reason: str
    """Why the body is shown as plain text, e.g. ``nesting deeper than 32``."""
    line: int
    """0-based line of the body where the construct starts."""
    col: int
    """1-based column in characters."""


def exceeded(body: str) -> Exceeded | None:
    """Return the first limit ``body`` goes beyond, or None when it may be rendered as Markdown."""
    if len(body) > MAX_BODY_BYTES // 4 and len(body.encode("utf-8", "surrogatepass")) > MAX_BODY_BYTES:
        return Exceeded(f"body larger than {MAX_BODY_BYTES // 1024} KiB", 0, 1)
    if body.count("[") > MAX_BRACKETS:
        at = -1
        for _ in range(MAX_BRACKETS + 1):
            at = body.index("[", at + 1)
        return _at(body, at, f"more than {MAX_BRACKETS:,} '[' brackets")
    return _too_deep(body)


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
