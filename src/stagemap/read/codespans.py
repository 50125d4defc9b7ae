"""Code spans and HTML comments in a Markdown body: text that shows no link, whatever it holds.

A link written inside backticks (`` `[setup](setup.md)` ``) is shown as code, and one inside
``<!-- -->`` is not shown at all: neither leads anywhere. The reading of the links a page ends
on (`stagemap.read.ctas`) asks of each link it would keep whether it stands in one
(`Quiet.holds`), as it leaves fenced code out: only the few paragraphs holding those links are
read for them, not the whole body.
"""

from __future__ import annotations

import bisect
import re

from ..lazyre import lazy

_TICKS = lazy(r"`+")
_SPACED_BLANK = lazy(r"\n[ \t]++(?=\n)")
"""A newline followed by a blank line of spaces: the end of a paragraph (as ``\\n\\n`` is)."""
_OPENING = lazy(r"<!--")
_CLOSING = lazy(r"-->")
_BLOCK_OPENING = lazy(r"^ {0,3}<!--", re.MULTILINE)
"""A comment that opens a line (three spaces in at most: four are indented code), an HTML block
in CommonMark: it runs to its ``-->`` over blank lines, where one opened mid-line ends with its
paragraph."""


class Paragraphs:
    """Where the paragraphs of one body start and end: at blank lines (of spaces too), found
    once, when first asked, for every question about the body."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[int] | None = None
        """The offset of each newline a blank line of spaces follows, in order (they are few:
        an empty line is found with ``str.find``)."""

    def _spaced(self) -> list[int]:
        if self.found is None:
            self.found = [m.start() for m in _SPACED_BLANK.finditer(self.text)]
        return self.found

    def start(self, at: int) -> int:
        """Return where the paragraph holding offset ``at`` starts (the text's start at most)."""
        spaced = self._spaced()
        i = bisect.bisect_left(spaced, at) - 1
        after = self.text.find("\n", spaced[i] + 1) if i >= 0 else 0  # (no empty line read before it)
        blank = self.text.rfind("\n\n", after, at)
        return blank + 2 if blank >= 0 else after + 1 if i >= 0 else 0

    def end(self, at: int) -> int:
        """Return where the paragraph holding offset ``at`` ends: at the newline before a
        blank line, or the text's end."""
        spaced = self._spaced()
        i = bisect.bisect_left(spaced, at)
        before = spaced[i] if i < len(spaced) else len(self.text)
        end = self.text.find("\n\n", at, before)
        return before if end < 0 else end


class Quiet:
    """The code spans and comments of one body, read a paragraph at a time when first asked.

    Every question costs at most the paragraph it is about: the links of a page are asked
    about from its end, one paragraph after another, and a page of thousands of links in code
    must not be read again for each.
    """

    def __init__(self, text: str, paragraphs: Paragraphs) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.first_tick = text.find("`")
        self.first_opening = text.find("<!--")
        self.comment_ends: tuple[list[int], list[int], list[int]] | None = None
        """Where each ``<!--``, each ``-->`` and each comment opening a line stand, found when
        first needed."""
        self.paragraph = (0, -1)
        """The paragraph read last (start, end), whose spans (start, end) follow, by start."""
        self.starts: list[int] = []
        self.spans: list[tuple[int, int]] = []

    def holds(self, at: int) -> bool:
        """Return True if offset ``at`` of the body is in a code span or an HTML comment.

        Read from the paragraph's start, as CommonMark reads them: whichever opens first holds
        what follows (``<!--`` in a code span is code; a backtick in a comment is comment). A
        code span is a run of backticks (not its first when a backslash escapes it) closed by
        the next run of as many in the same paragraph; a comment runs from ``<!--`` to the next
        ``-->`` in its paragraph, or over blank lines when it opens a line (an HTML block). One
        never closed is no span: what follows it is read as it stands (a link lost costs more
        than a link in code kept).
        """
        if not 0 <= self.first_tick < at and not 0 <= self.first_opening < at:
            return False  # nothing opens before it
        start, end = self.paragraph
        if not start <= at < end:
            start, end = self.paragraphs.start(at), self.paragraphs.end(at)
            ticked = self.first_tick >= 0 and self.text.find("`", start, at) >= 0
            if not ticked and not 0 <= self.first_opening < at:
                return False
            self.paragraph = start, end
            self.spans = self._spans(start, end)
            self.starts = [begin for begin, _ in self.spans]
        i = bisect.bisect(self.starts, at) - 1
        return i >= 0 and at < self.spans[i][1]

    # long: one walk over the paragraph's backtick runs and comment openings, in order
    def _spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """Return (start, end) of each code span and comment from the paragraph at ``start`` to
        ``end``, in order, with an HTML block comment opened before it and running into it."""
        text, spans = self.text, []
        if 0 <= self.first_opening < start:
            close = self._block_over(start)
            if close > start:
                spans.append((start, close))
                start = close
        runs = (
            [(m.start(), m.end()) for m in _TICKS.finditer(text, start, end)] if self.first_tick >= 0 else []
        )
        sizes: dict[int, list[int]] = {}
        for i, (begin, after) in enumerate(runs):
            sizes.setdefault(after - begin, []).append(i)
        at, i = start, 0
        comment = text.find("<!--", start, end) if self.first_opening >= 0 else -1
        while True:
            while i < len(runs) and runs[i][0] < at:
                i += 1
            if 0 <= comment < at:
                comment = text.find("<!--", at, end)
            tick = runs[i][0] if i < len(runs) else -1
            if comment >= 0 and (tick < 0 or comment < tick):
                close = self._close(comment)
                if close < 0 or (close > end and not self._opens_line(comment)):
                    comment = text.find("<!--", comment + 4, end)  # none in its paragraph
                    continue
                spans.append((comment, close))
                at = close
                continue
            if tick < 0:
                return spans
            size = runs[i][1] - tick
            if _escaped(text, tick):  # its first backtick is shown as one
                tick, size = tick + 1, size - 1
            same = sizes.get(size, [])
            closing = bisect.bisect_right(same, i)
            if size and closing < len(same):
                spans.append((tick, runs[same[closing]][1]))
                at = runs[same[closing]][1]
            else:
                at = runs[i][1]

    def _comment_ends(self) -> tuple[list[int], list[int], list[int]]:
        """Return where each ``<!--``, each ``-->`` and each comment opening a line stand (read once)."""
        if self.comment_ends is None:
            self.comment_ends = (
                [m.start() for m in _OPENING.finditer(self.text)],
                [m.start() for m in _CLOSING.finditer(self.text)],
                [m.end() - 4 for m in _BLOCK_OPENING.finditer(self.text)],
            )
        return self.comment_ends

    def _block_over(self, start: int) -> int:
        """Return where the last comment opening a line before ``start`` ends (-1 if never)."""
        blocks = self._comment_ends()[2]
        i = bisect.bisect_left(blocks, start) - 1
        return self._close(blocks[i]) if i >= 0 else -1

    def _opens_line(self, opening: int) -> bool:
        """Return True if the comment at ``opening`` opens a line (an HTML block)."""
        blocks = self._comment_ends()[2]
        i = bisect.bisect_left(blocks, opening)
        return i < len(blocks) and blocks[i] == opening

    def _close(self, opening: int) -> int:
        """Return where the comment opened at ``opening`` ends (after its ``-->``), or -1."""
        _, closings, _ = self._comment_ends()
        i = bisect.bisect_left(closings, opening + 4)
        return closings[i] + 3 if i < len(closings) else -1


def _escaped(text: str, at: int) -> bool:
    """Return True if a backslash escapes the character at ``at`` (an odd run of them before it)."""
    before = at
    while before > 0 and text[before - 1] == "\\":
        before -= 1
    return (at - before) % 2 == 1
