"""Where a body writes a link's address, outside code: to place a link that leads nowhere
(`stagemap.render.deadlinks`) at its line and column in the file."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable

from ..lazyre import lazy

_ADDRESS = (
    r"(?:\]\([ \t]*<?"  # [text](address  ![alt](address
    r"|^[ \t]{0,3}\[[^\]\n]{1,999}\]:[ \t]*<?"  # [ref]: address
    r"|\b[\w-]{1,40}=[ \t]*\{?[ \t]*[\"'`]?"  # href="address"  to={'address'}
    r"|\b(?:rel)?ref[ \t]+[\"'`]?"  # Hugo's {{< ref "address" >}}
    r"|\{%-?[ \t]*(?:link|post_url)[ \t]+)"  # Jekyll's {% link address %}
)
"""What comes before a link's address where it is written as one."""
_BEFORE = lazy(_ADDRESS + r"\Z", re.M)
_LOOKED_BACK = 1_000
"""How far before an address what stands before it is looked for (a reference's label, an
attribute's name): on a line of thousands of links, each is looked at in bounded time."""
_ENDS = frozenset(")>\"'`}#?")
"""What may follow an address (or a space, or the end)."""


class Places:
    """Where a body writes each address (`where`), found once per address and handed out in
    the file's order, each place to one link: a page with a link written 600 times went over
    the whole body, and every place found, for each of them."""

    def __init__(self, body: str, code: Code) -> None:
        self.body = body
        self.code = code
        self.found: dict[tuple[str, ...], tuple[list[tuple[str, int]], list[tuple[str, int]]]] = {}
        self.cursor: dict[tuple[str, ...], int] = {}

    def where(self, texts: tuple[str, ...], claimed: set[int]) -> tuple[str, int]:
        """Return which of ``texts`` (an address as the page has it, then percent-decoded) is
        written in the body outside code, and where: as a link's address not ``claimed`` by
        another link, else as one claimed (a reference used twice), else anywhere; -1 when
        none is in the text outside code (a partial's or a shortcode's link)."""
        if texts not in self.found:
            self.found[texts] = self._find(texts)
        places, anywhere = self.found[texts]
        at = self.cursor.get(texts, 0)
        while at < len(places) and places[at][1] in claimed:  # claims only grow: never looked at again
            at += 1
        self.cursor[texts] = at
        found = places[at : at + 1] or places or anywhere
        return found[0] if found else (texts[0], -1)

    def unclaimed(self, texts: tuple[str, ...], claimed: set[int]) -> tuple[str, int]:
        """Return which of ``texts`` is written as a link's address not ``claimed`` yet, and
        where (as `where` finds it); -1 when none is (it may be claimed, or no link's)."""
        shown, index = self.where(texts, claimed)
        free = index >= 0 and index not in claimed and bool(self.found[texts][0])  # (else: anywhere)
        return (shown, index) if free else (texts[0], -1)

    def _find(self, texts: tuple[str, ...]) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        """Return where each of ``texts`` is written as a link's address, and the first place it
        is written at all (outside code, ending where an address ends)."""
        body, places, anywhere = self.body, list[tuple[str, int]](), list[tuple[str, int]]()
        longer: set[int] = set()  # places of a longer address: the text and a fragment or query after it
        for text in texts:
            at = body.find(text) if text else -1
            while at >= 0:
                after = body[at + len(text) : at + len(text) + 1]
                if (not after or after in _ENDS or after.isspace()) and at not in self.code:
                    if self._after_a_link(at):
                        places.append((text, at))
                        if after in "#?" and after and after not in text:
                            longer.add(at)
                    elif not anywhere and not (at and (body[at - 1].isalnum() or body[at - 1] in "_./-")):
                        anywhere.append((text, at))
                at = body.find(text, at + 1)
        # The first in the file, whichever way it is written; the address itself before a longer one.
        places.sort(key=lambda place: (place[1] in longer, place[1]))
        return places, anywhere

    def _after_a_link(self, at: int) -> bool:
        """Whether what stands right before ``at`` opens a link's address (see `_ADDRESS`): looked
        for in the 60 characters before it, and in its line (up to `_LOOKED_BACK` characters)
        only where a reference's ``]:`` may stand, so that each is found in bounded time."""
        body = self.body
        near = max(body.rfind("\n", max(at - 60, 0), at) + 1, at - 60, 0)
        if _BEFORE.search(body, near, at):
            return True
        if body[near:at].rstrip(" \t<")[-1:] != ":":
            return False
        back = max(at - _LOOKED_BACK, 0)
        return _BEFORE.search(body, max(body.rfind("\n", back, at) + 1, back), at) is not None


def code_spans(body: str, comments: bool) -> Code:
    """Return the (start, end) of each fenced block, code span and (with ``comments``) HTML
    comment in ``body``: a link's address is never written there."""
    spans = [m.span() for m in _COMMENT.finditer(body)] if comments else []
    fence = ""
    start = offset = 0
    for line in body.splitlines(keepends=True):
        mark = _FENCE.match(line)
        if (
            fence
            and mark
            and mark.group(1)[0] == fence[0]
            and len(mark.group(1)) >= len(fence)
            and not line[mark.end() :].strip()
        ):
            spans.append((start, offset + len(line)))
            fence = ""
        elif not fence and mark:
            fence, start = mark.group(1), offset
        offset += len(line)
    if fence:
        spans.append((start, len(body)))
    blocks = Code(spans)
    return Code([*spans, *(m.span() for m in _CODE_SPAN.finditer(body) if m.start() not in blocks)])


class Code:
    """The spans of code in a body (`code_spans`): whether an index is in one, found by halving
    (a page of 1,700 code spans and links took minutes when each link went over every span)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))
        """The furthest end of the spans up to each one (spans may hold others: a comment in code)."""

    def __contains__(self, index: int) -> bool:
        at = bisect.bisect_right(self.starts, index) - 1
        return at >= 0 and self.reach[at] > index


_FENCE = lazy(r"[ \t]{0,3}(`{3,}(?=[^`\n]*$)|~{3,})")
_CODE_SPAN = lazy(r"(`+)(?!`)[^\n]*?(?<!`)\1(?!`)")
_COMMENT = lazy(r"<!--.*?-->", re.S)


def line_at(first: int, body: str, index: int) -> int:
    """Return the line of a file at ``index`` in its ``body``, which starts at line ``first``
    (-1: no place, the body's first line)."""
    return first + (body.count("\n", 0, index) if index >= 0 else 0)


def column_at(body: str, index: int) -> int:
    """Return the column of ``index`` in ``body`` (0: -1, no place)."""
    return index - (body.rfind("\n", 0, index) + 1) + 1 if index >= 0 else 0
