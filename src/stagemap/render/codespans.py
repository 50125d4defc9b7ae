"""Line breaks before an indented line inside a code span or a link's title (a check of
`disputes`).

Inside a code span a line break is a space. markdown-it-py keeps the white space that starts
the next line (past what the containers take: a list item's indentation, a quote's ``>`` and one
space); cmark-gfm drops it (``a\\n  b`` in backticks is ``a   b`` to one, ``a b`` to the other).
A link's title keeps its line break and the same spaces. Only a span that crosses such a line
differs: a span on one line, or over a line that starts with its text, is read alike.

Where a span may start is followed the way both parsers read one: from the first run of
backticks of a paragraph, each run opens a span up to the next run of its length, or is text
when none follows; the next opener is the first run after the span (or after the text). A
paragraph may start on any line, so the reading is started on each line's first run; it may end
on any line, so a run whose partner is on a later line is also followed as text (and a span
over a blank line is none). A run that something read before it may take (a link's destination
or title, an autolink, a reference's label: see `_taken`) is also followed as not there; an odd
number of backslashes before a run escapes its first backtick. Where a link's destination
holds a backslash or starts with ``<`` (either may hide a ``)``), a title may open after any white
space from there on. A line of ``>`` counts as blank only where each ``>`` is at most three spaces
past the one before (a ``>`` further in may be a list item's text); a body with a carriage
return is declined outright. So every reading of the
paragraph that both parsers could make is followed; a run that closes a span on its own line
never opens one, which is what the older check (every run may open) did not know.
"""

from __future__ import annotations

import bisect

from ..lazyre import lazy

_INDENTED = lazy(r"\n(?:(?:[ \t]*>)+[ \t]{2,}|[ \t]+)\S")
"""A line that starts with white space, or a quoted one with more than the quote's one space."""
_TICKS = lazy(r"``*")  # (not `+: a pattern that starts with a repeat is tried at every position)
_TAKERS = lazy(r"<|\]\(|\]\[")
"""What may take the backticks after it: an autolink (or raw HTML), a link's destination or title,
a reference's label."""
_CLOSE = lazy(r"(?<!\\)\]")
"""A ``]`` not escaped: what ends a reference's label."""
_LINKS = lazy(r"\](?:\(|:)")
_TITLE_OPENS = lazy(r"[ \t\n][\"'(]")
_TITLE_OPEN = lazy(r"[ \t]*\n?[ \t]*[\"'(]")
"""A title's opening character after a destination: white space (one line break), then ``"``,
``'`` or ``(``."""
_TITLE_MAY = lazy(r"\]\([ \t]*\n?[ \t]*(?:<|[^ \t\n()]*(?:\\|[ \t]*\n?[ \t]*[\"'(]))")
"""A link whose destination may be followed by a title (or hold parentheses, spaces or a
backslash, which may escape a parenthesis)."""
_SPACE = lazy(r"[ \t\n]")
_DESTINATION_START = lazy(r"[ \t]*\n?[ \t]*")
_DESTINATION = lazy(r"[ \t]*\n?[ \t]*[^ \t\n()]*")
"""What follows a ``](`` up to a space or a parenthesis: the destination, when it holds none."""
_BLANK = lazy(r"\n(?: {0,3}>)*[ \t]*\n")
"""A line of white space and quote markers, each ``>`` at most three spaces past the one before
(or the line's start): no paragraph runs over it. A ``>`` further in may be the text of a list
item's paragraph, which then does run over the line; such a line is not counted as blank."""


def over_indent(text: str) -> bool:
    """Return True if a code span or a link's title may run over a line break before an
    indented line."""
    if "\r" in text:
        return True  # (a bare carriage return breaks a line too; `render` hands over LF only)
    ticks = "`" in text
    if not ticks and "](" not in text and "]:" not in text:
        return False
    indented = [m.start() for m in _INDENTED.finditer(text)]
    if not indented:
        return False
    titles = "]:" in text or ("](" in text and _TITLE_MAY.search(text) is not None)
    if titles and _title_over(text, indented):
        return True
    return ticks and _stretch_over(text, indented) and _span_over(text, indented)


def _stretch_over(text: str, indented: list[int]) -> bool:
    """Whether a run of backticks and the next run of its length hold an indented line between
    them (a run after a backslash counted as it is and less its first backtick): every span
    lies in such a stretch or a chain of them, so without one no span runs over such a line.
    A quick test before `_span_over`, which follows where spans may really open."""
    runs: list[tuple[int, int]] = []  # (where, length)
    for found in _TICKS.finditer(text):
        start, length = found.start(), found.end() - found.start()
        runs.append((start, length))
        if start and text[start - 1] == "\\" and length > 1:
            runs.append((start + 1, length - 1))
    runs.sort()
    after: dict[int, int] = {}  # length -> where the latest run of it (going backwards) starts
    for start, length in reversed(runs):
        end = after.get(length)
        if end is not None and bisect.bisect_left(indented, start) < bisect.bisect_left(indented, end):
            return True
        after[length] = start
    return False


def _title_over(text: str, indented: list[int]) -> bool:
    """Whether a link's title may open before an indented line, with no blank line between."""
    titles = _titles(text, True)
    if not titles:
        return False
    blanks = [m.start() for m in _BLANK.finditer(text)]
    for line in indented:
        title = bisect.bisect_left(titles, line)
        blank = bisect.bisect_left(blanks, line)
        if title and (not blank or titles[title - 1] > blanks[blank - 1]):
            return True
    return False


def _span_over(text: str, indented: list[int]) -> bool:
    """Whether a code span may run over a line break before an indented line."""
    starts: list[int] = []
    ends: list[int] = []
    lines: list[int] = []  # the line each run is on
    line = 0
    for found in _TICKS.finditer(text):
        line += text.count("\n", ends[-1] if ends else 0, found.start())
        starts.append(found.start())
        ends.append(found.end())
        lines.append(line)
    if len(starts) < 2:
        return False
    taken = _taken(text, starts, ends) if "<" in text or "](" in text or "][" in text else None
    blanks = [m.start() for m in _BLANK.finditer(text)]
    by_length: dict[int, list[int]] = {}  # run length -> indexes of the runs of it, in order
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        by_length.setdefault(end - start, []).append(index)
    # Each reading starts at a line's first run (a paragraph's first line). (The readings from
    # the body's first run reach each of them too, as no span on one line passes a line's first
    # run: a margin, not a need.)
    todo = [i for i in range(len(starts)) if i == 0 or lines[i] != lines[i - 1]]
    seen = set(todo)

    def go(index: int) -> None:
        if index < len(starts) and index not in seen:
            seen.add(index)
            todo.append(index)

    while todo:
        index = todo.pop()
        start, end = starts[index], ends[index]
        if taken is not None and taken[index]:
            go(index + 1)  # maybe in a link's destination or title, or an autolink: no run there
        slashes = 0
        if text[start - 1 : start] == "\\":
            window = max(start - 64, 0)
            slashes = start - window - len(text[window:start].rstrip("\\"))
        # An odd number of backslashes escapes the first backtick: the rest of the run opens (if
        # any is left). (Past 64 of them, either.)
        lengths = [end - start, end - start - 1] if slashes == 64 else [end - start - slashes % 2]
        for length in lengths:
            if length == 0:
                go(index + 1)
                continue
            same = by_length.get(length, [])
            later = bisect.bisect_right(same, index)
            if later == len(same):
                go(index + 1)  # no run closes it: text
                continue
            closer = same[later]
            if lines[closer] == lines[index]:
                go(closer + 1)  # a span on one line
                continue
            over = bisect.bisect_left(indented, start) < bisect.bisect_left(indented, starts[closer])
            if over and bisect.bisect_left(blanks, end) == bisect.bisect_left(blanks, starts[closer]):
                return True  # (not over a blank line: there the paragraph ends)
            go(closer + 1)
            go(index + 1)  # the paragraph may end before the closer: text
    return False


def _taken(text: str, starts: list[int], ends: list[int]) -> list[bool]:
    """For each run of backticks, whether something read before it may take it: an autolink or
    a link's destination (a ``<``, or the destination after a ``](``, earlier in its word; after
    a ``](<``, earlier on its line), a link's title (opened since the last blank line), a
    reference's label (a ``][`` with no ``]`` between)."""
    takers: dict[str, list[int]] = {"<": [], "](": [], "][": []}
    for found in _TAKERS.finditer(text):
        takers[found.group()].append(found.start())
    destinations = [_DESTINATION_START.match(text, at + 2).end() for at in takers["]("]]  # type: ignore[union-attr]
    words = sorted(takers["<"] + destinations)
    angled = [at for at in takers["]("] if text.startswith("](<", at)]
    closes = [m.start() for m in _CLOSE.finditer(text)] if takers["]["] else []
    titles = _titles(text, False) if takers["]("] else []
    blanks = [m.start() for m in _BLANK.finditer(text)]
    out: list[bool] = []
    word = line = 0  # where the word and the line that hold the run start
    for start, before in zip(starts, [0, *ends], strict=False):
        space = max(text.rfind(" ", before, start), text.rfind("\t", before, start))
        newline = text.rfind("\n", before, start)
        line = newline + 1 if newline >= 0 else line
        word = max(space, newline) + 1 if max(space, newline) >= 0 else word
        blank = bisect.bisect_left(blanks, start)
        paragraph = blanks[blank - 1] if blank else -1  # (at or before the paragraph's start)
        last = bisect.bisect_left(words, start + 1)
        angle = bisect.bisect_left(angled, start)
        label = bisect.bisect_left(takers["]["], start)
        title = bisect.bisect_left(titles, start)
        out.append(
            (last > 0 and words[last - 1] >= word)
            or (angle > 0 and angled[angle - 1] >= line)
            or (title > 0 and titles[title - 1] > paragraph)
            or (
                label > 0
                and takers["]["][label - 1] > paragraph
                and bisect.bisect_left(closes, start)
                == bisect.bisect_right(closes, takers["]["][label - 1] + 1)
            )
        )
    return out


def _titles(text: str, definitions: bool) -> list[int]:
    """Where a link's title may open (its ``"``, ``'`` or ``(``): after the destination that
    follows a ``](`` and white space; after a definition's ``]:``, or where a destination may
    hold spaces (``](<``), after any white space."""
    out: list[int] = []
    wide = (definitions and "]:" in text) or "](<" in text
    end = -1  # where the word of the latest ``](`` ends (the ones in it share its spaces)
    for found in _LINKS.finditer(text):
        if found.group() == "]:" and not definitions:
            continue
        if found.group() == "]:" or (wide and text.startswith("](<", found.start())):
            out.extend(m.end() - 1 for m in _TITLE_OPENS.finditer(text, found.start()))
            break  # (all from here on)
        if found.start() < end:
            continue
        destination = _DESTINATION.match(text, found.end())
        end = destination.end() if destination is not None else found.end()
        if text[found.end() : end + 1].lstrip(" \t\n").startswith("<") or "\\" in text[found.end() : end]:
            # ``<`` (a destination that may hold spaces and parentheses) or a backslash (that
            # may escape a parenthesis): where it ends is not known here, so a title may open
            # after any white space from here on.
            out.extend(m.end() - 1 for m in _TITLE_OPENS.finditer(text, found.start()))
            break
        if text[end : end + 1] == ")":
            continue  # the link ends: no title
        if text[end : end + 1] == "(":  # parentheses in the destination: up to the next space
            space = _SPACE.search(text, end)
            if space is None:
                break
            end = space.start()
        title = _TITLE_OPEN.match(text, end)
        if title is not None:
            out.append(title.end() - 1)
    return out
