"""Code spans and HTML comments in a Markdown body: text that shows no link, whatever it holds.

A link written inside backticks (`` `[setup](setup.md)` ``) is shown as code, and one inside
``<!-- -->`` is not shown at all: neither leads anywhere. The reading of the links a page ends
on (`stagemap.read.ctas`) asks of each link it would keep whether it stands in one
(`Quiet.holds`), as it leaves fenced code out: only the few paragraphs holding those links are
read for them, not the whole body.
"""

from __future__ import annotations

import bisect

from ..lazyre import lazy

_TICKS = lazy(r"`+")
_SPACED_BLANK = lazy(r"\n[ \t]+(?=\n)")
"""A blank line holding spaces (the newline before it): the end of a paragraph."""
_OPENING = lazy(r"<!--")
_CLOSING = lazy(r"-->")


class Quiet:
    """The code spans and comments of one body, read a paragraph at a time when first asked.

    Every question costs at most the paragraph it is about: the links of a page are asked
    about from its end, one paragraph after another, and a page of thousands of links in code
    must not be read again for each.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.ticks = "`" in text
        self.first_opening = text.find("<!--")
        self.comment_ends: tuple[list[int], list[int]] | None = None
        """Where each ``<!--`` and each ``-->`` of the body stand, found when first needed."""
        self.paragraph = (0, -1)
        """The paragraph read last (start, end), whose spans (start, end) follow, by start."""
        self.starts: list[int] = []
        self.spans: list[tuple[int, int]] = []

    def holds(self, at: int) -> bool:
        """Return True if offset ``at`` of the body is in a code span or an HTML comment.

        Read from the paragraph's start, as CommonMark reads them: whichever opens first holds
        what follows (``<!--`` in a code span is code; a backtick in a comment is comment). A
        code span is a run of backticks closed by the next run of as many in the same paragraph;
        a comment runs from ``<!--`` to the next ``-->``, over blank lines too. One never closed
        is no span: what follows it is read as it stands (a link lost costs more than a link in
        code kept).
        """
        start, end = self.paragraph
        if not start <= at < end:
            start, end = paragraph(self.text, at)
            ticked = self.ticks and self.text.find("`", start, at) >= 0
            if not ticked and not 0 <= self.first_opening < at:
                return False  # nothing opens before it
            self.paragraph = start, end
            self.spans = self._spans(start, end)
            self.starts = [begin for begin, _ in self.spans]
        i = bisect.bisect(self.starts, at) - 1
        return i >= 0 and at < self.spans[i][1]

    def _spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """Return (start, end) of each code span and comment from the paragraph at ``start`` to
        ``end``, in order, with a comment opened before it and running into it."""
        text, spans = self.text, []
        if 0 <= self.first_opening < start:  # (an opening in a code span before is read as one: rare)
            openings, _ = self._comment_ends()
            close = self._close(openings[bisect.bisect_left(openings, start) - 1])
            if close > start:
                spans.append((start, close))
                start = close
        runs = [(m.start(), m.end()) for m in _TICKS.finditer(text, start, end)] if self.ticks else []
        closing = _closings(runs)
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
                if close < 0:  # never closed: nor is any later one
                    comment = -1
                    continue
                spans.append((comment, close))
                at = close
            elif tick < 0:
                return spans
            elif closing[i] >= 0:
                spans.append((tick, runs[closing[i]][1]))
                at = runs[closing[i]][1]
            else:
                at = runs[i][1]

    def _comment_ends(self) -> tuple[list[int], list[int]]:
        """Return where each ``<!--`` and each ``-->`` of the body stand (read once)."""
        if self.comment_ends is None:
            self.comment_ends = (
                [m.start() for m in _OPENING.finditer(self.text)],
                [m.start() for m in _CLOSING.finditer(self.text)],
            )
        return self.comment_ends

    def _close(self, opening: int) -> int:
        """Return where the comment opened at ``opening`` ends (after its ``-->``), or -1."""
        _, closings = self._comment_ends()
        i = bisect.bisect_left(closings, opening + 4)
        return closings[i] + 3 if i < len(closings) else -1


def paragraph(text: str, at: int) -> tuple[int, int]:
    """Return where the paragraph holding offset ``at`` starts and ends: at a blank line (one
    of spaces too), or the text's start or end."""
    end = text.find("\n\n", at)
    end = len(text) if end < 0 else end
    later = _SPACED_BLANK.search(text, at, end)
    return paragraph_start(text, at), later.start() if later else end


def paragraph_start(text: str, at: int) -> int:
    """Return where the paragraph holding offset ``at`` starts (see `paragraph`)."""
    blank = text.rfind("\n\n", 0, at)
    start = blank + 2 if blank >= 0 else 0
    for spaced in _SPACED_BLANK.finditer(text, start, at):
        start = spaced.end() + 1
    return start


def _closings(runs: list[tuple[int, int]]) -> list[int]:
    """Return, for each backtick run, the index of the next run as long, or -1."""
    closing, seen = [-1] * len(runs), dict[int, int]()
    for i in range(len(runs) - 1, -1, -1):
        size = runs[i][1] - runs[i][0]
        closing[i] = seen.get(size, -1)
        seen[size] = i
    return closing
