"""Block quotes as remark-math's readers take them, for the blocks of math inside one
(`stagemap.render.remarkmath` reads what a quote holds on its own, then marks it again).

micromark (remark-math 4 on) takes a quote's later lines where their ``>`` stands at most three
spaces past what holds the quote (any number in MDX, which has no indented code), a line without
one ending a block of math in it; a quote may open right after a list item's marker (``- > $$``).
remark-parse 8 (remark-math 3, Docusaurus 2) takes a ``>`` after any spaces and keeps a line
without one in the quote, up to a blank line or a line opening a block that interrupts it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..lazyre import lazy

_OPENING = lazy(r"( *)((?:[-*+]|\d{1,9}[.)]) {1,4})?>")
"""A quote's first line up to its ``>``: its indentation and, where the quote opens a list
item, the item's marker and the spaces after it."""
_MARKED = lazy(r"( *)>")
"""A later line of a quote as micromark reads one: spaces, then ``>``."""
_MARKED_LEGACY = lazy(r"[ \t]*>")
"""A later line of a quote as remark-parse 8 reads one: spaces or tabs, then ``>``."""
_ITEM = lazy(r"( *)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
"""A line opening a list item: under remark-parse 8, one further out than a quote in a list item
starts the next item (its list reads items before what they hold), ending the quote."""


@dataclass(frozen=True)
class Quote:
    """A block quote from its first line to ``end`` (the line past it): the text before its
    first ``>`` (``lead``), and, where a line of it holds ``$$``, what each line holds
    (``held``: without its marker and the space after it) and the lines as written."""

    end: int
    lead: str = ""
    held: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def quote_at(
    lines: list[str],
    at: int,
    column: Callable[[int, int], int | None],
    rules: tuple[bool, bool],
    interrupts: Callable[[int], bool],
) -> Quote | None:
    """Return the block quote opening at line ``at`` (None where none opens there, or where it is
    indented code). ``column(at, width)``: the text column of the list item holding a line so
    indented, or None; ``rules``: remark-math 3's reading (remark-parse 8's quotes) and MDX's;
    ``interrupts(index)``: whether a line without a marker ends a quote under remark-parse 8."""
    legacy, deep = rules
    found = _OPENING.match(lines[at])
    if found is None:
        return None
    indent, marker = found.group(1), found.group(2)
    parent = (column(at, len(indent)) or 0) if indent else 0
    if len(indent) - parent > 3 and not deep:
        return None  # (indented code)
    lead = found.group()[:-1]
    base = len(lead) if marker else parent  # (where the quote's '>' may stand, three spaces on)
    end = at + 1
    while end < len(lines):
        line = lines[end]
        if legacy:
            item = _ITEM.match(line)
            if not line.strip() or (item and len(item.group(1)) < base):
                break
            if not _MARKED_LEGACY.match(line) and interrupts(end):
                break
        else:
            more = _MARKED.match(line)
            width = len(more.group(1)) if more else -1
            if width < base or (width - base > 3 and not deep):
                break
        end += 1
    written = lines[at:end]
    if not any("$$" in line for line in written):
        return Quote(end)
    held = [_held(written[0], len(lead), legacy)]
    for line in written[1:]:
        marked = (_MARKED_LEGACY if legacy else _MARKED).match(line)
        held.append(_held(line, marked.end() - 1, legacy) if marked else line)  # (a lazy line: as it is)
    return Quote(end, lead, held, written)


def _held(line: str, mark: int, legacy: bool) -> str:
    """Return what a quote's line holds past its ``>`` (at ``mark``) and the space after it; a tab
    there counts as the columns it spans, one of them that space (remark-parse 8 takes a space alone)."""
    rest = line[mark + 1 :]
    if rest.startswith(" "):
        return rest[1:]
    if rest.startswith("\t") and not legacy:
        return " " * (3 - (mark + 1) % 4) + rest[1:]
    return rest


def requoted(quote: Quote, inner: str) -> list[str]:
    """Return a block quote's lines marked again round ``inner``, what they hold as read (as
    written where nothing in them was read): its first line after its own lead (a list item's
    marker too), the others at its column; a line's trailing spaces, a hard line break, stay."""
    if inner == "\n".join(quote.held):
        return quote.written
    pad = " " * len(quote.lead)
    out: list[str] = []
    for index, line in enumerate(inner.split("\n")):
        marker = (pad if index else quote.lead) + ">"
        out.append(f"{marker} {line}" if line.strip() else marker)
    return out
