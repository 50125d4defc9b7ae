"""Where a body's Liquid raw blocks and comments are: read once, the same way, by the renderer
(`stagemap.render.liquid`: what the page shows) and by the reading of a page's links
(`stagemap.read.liquidlinks`: the links a page ends on, for its inferred next step).

A raw block shows its text as written, tags and all, and ends at its first closing; a comment
shows nothing, nests, and is not read inside a raw block (an ``{% endcomment %}`` there ends
nothing). Each tag is found once: linear however many are left open (`stagemap.read.pairs`).
"""

from __future__ import annotations

import re

from ..lazyre import lazy
from .pairs import paired

FOR_TAG = lazy(r"\{%-?\s*for\s")
"""A loop's opening tag: where a loop runs (MkDocs' macros plugin), a link in it may show many times."""
_RAW_OPENING = lazy(r"\{%-?\s*(raw)\s*-?%\}")
_RAW_CLOSING = {"raw": re.compile(r"\{%-?\s*endraw\s*-?%\}")}
_COMMENT_OPENING = lazy(r"\{%-?\s*(comment)\b[^%]{0,1000}%\}")
_COMMENT_CLOSING = {"comment": re.compile(r"\{%-?\s*endcomment\s*-?%\}")}
"""A Liquid comment: nothing of it shows, up to its closing (comments nest)."""


def raw_parts(text: str) -> list[str]:
    """Return ``text`` split as ``re.split`` with one group would: outside, a raw block, outside..."""
    if "raw" not in text:
        return [text]
    parts, at = [], 0
    for opening, closing in paired(text, _RAW_OPENING, _RAW_CLOSING, flat=True):
        parts += [text[at : opening.start()], text[opening.start() : closing.end()]]
        at = closing.end()
    return [*parts, text[at:]]


def raw_spans(text: str) -> list[tuple[int, int]]:
    """Return where ``text``'s ``{% raw %}`` blocks are, their tags included."""
    spans, at = [], 0
    for i, part in enumerate(raw_parts(text)):
        if i % 2:
            spans.append((at, at + len(part)))
        at += len(part)
    return spans


def comment_spans(text: str) -> list[tuple[int, int]]:
    """Return where ``text``'s outermost Liquid comments are, their tags included (none in ``{% raw %}``)."""
    if "comment" not in text:
        return []
    masked, at = [], 0  # the text with what raw blocks hold blanked out
    for start, end in raw_spans(text):
        masked += [text[at:start], " " * (end - start)]
        at = end
    blanked = "".join(masked) + text[at:]
    return [(o.start(), c.end()) for o, c in paired(blanked, _COMMENT_OPENING, _COMMENT_CLOSING)]


def blank(text: str) -> str:
    """Return ``text`` as spaces, its line breaks kept (each place after it where it was)."""
    return "".join(c if c in "\r\n" else " " for c in text)


def blanked_liquid_comments(text: str) -> str:
    """Return a body with its Liquid comments as spaces, their line breaks kept: each place in it
    is where it is in ``text``, and a fence or ``<!--`` a comment holds opens nothing."""
    pieces, at = [], 0
    for start, end in comment_spans(text):
        pieces += [text[at:start], blank(text[start:end])]
        at = end
    return "".join(pieces) + text[at:] if pieces else text
