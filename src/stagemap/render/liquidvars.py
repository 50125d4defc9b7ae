"""Liquid's blocks that keep text for later: captures (``{% capture x %}``), Nunjucks' block
``{% set x %}``, and the comments and bundles that show nothing where they stand; shown where an
output names them (see `stagemap.render.liquid`)."""

from __future__ import annotations

import bisect
import re
import textwrap
from collections.abc import Sequence
from typing import Any

from ..lazyre import lazy
from ..read.pairs import paired

HIDDEN_OPENING = lazy(r"\{%-?\s*(comment|capture|css|js|macro)\b(?:\s+([\w-]+))?[^%]{0,1000}%\}")
"""A Liquid comment or capture (text kept in a variable) opening, one of Eleventy's bundles
(``{% css %}``, ``{% js %}``: what they hold goes into the page's style or script, not its
text) or a Nunjucks macro (shown only where it is called): nothing of any shows where it
stands, up to its closing (`HIDDEN_CLOSING`; see `hidden_blocks`)."""
_HIDDEN_KINDS = ("comment", "capture", "css", "js", "macro")
HIDDEN_CLOSING = {kind: re.compile(rf"\{{%-?\s*end{kind}\s*-?%\}}") for kind in _HIDDEN_KINDS}
RAW_TAGS = lazy(r"\{%-?\s*(?:end)?raw\s*-?%\}")


def hidden_blocks(text: str) -> list[tuple[int, int, str, str, str]]:
    """Return (start, end, kind, name, what it holds) of each Liquid comment, capture and bundle in
    ``text``, in order, each closing ending the last opening of its kind still open (`paired`:
    linear however many are left open; a pattern doing this took 27 s on 1,000 of them)."""
    return [
        (
            opening.start(),
            closing.end(),
            opening.group(1),
            opening.group(2) or "",
            text[opening.end() : closing.start()],
        )
        for opening, closing in paired(text, HIDDEN_OPENING, HIDDEN_CLOSING)
    ]


def without(text: str, blocks: Sequence[tuple[Any, ...]], shown: str = "") -> str:
    """Return ``text`` less the spans of ``blocks`` (each ``(start, end, ...)``), ``shown`` in each one's place."""
    pieces, at = [], 0
    for start, end, *_ in blocks:
        pieces.append(text[at:start])
        at = end
    return shown.join(pieces) + (shown if pieces else "") + text[at:]


_SET_OPENING = lazy(r"\{%-?\s*set\s+(\w+)\s*-?%\}")
"""Nunjucks' block form of ``set`` (Eleventy): what it holds is kept in a variable, shown where
an output names it (``{{ codeBlock | highlight("js") | safe }}``, Eleventy's docs' way to show
an example)."""
_SET_CLOSING = lazy(r"\{%-?\s*endset\s*-?%\}")
_SET_OUTPUT = lazy(
    r"""(^[ \t]*)?\{\{-?\s*(\w+)\s*((?:\|\s*(?:safe|markdownify|strip|highlight\(\s*["'][\w+#.-]*["']\s*\))\s*)*)-?\}\}"""
    r"(?(1)[ \t]*$)",
    re.M,
)
_LANGUAGE = lazy(r"""highlight\(\s*["']([\w+#.-]*)["']""")


def shown_sets(text: str) -> str:
    """Return ``text`` without its ``{% set x %}...{% endset %}`` blocks, each shown where an
    output names it: through ``highlight("js")`` as code in that language, as written, else
    as text. A name set twice shows, at each output, the value last set before it (as Nunjucks
    runs down the page: Eleventy's docs set ``codeBlock`` anew for each example); one not yet
    set there stays an output. Each closing is looked for once,
    from its opening on (linear however many are left open). Run on prose before its code is
    split out (`stagemap.render.dialects`), so that the code made here is code there too."""
    # By name: where each block was set in the text left (its blocks taken out), and its value.
    blocks: dict[str, tuple[list[int], list[str]]] = {}
    pieces, at, kept = [], 0, 0
    while (opening := _SET_OPENING.search(text, at)) is not None:
        closing = _SET_CLOSING.search(text, opening.end())
        if closing is None:
            break
        pieces.append(text[at : opening.start()])
        kept += opening.start() - at
        ends, values = blocks.setdefault(opening.group(1), ([], []))
        ends.append(kept)
        values.append(RAW_TAGS.sub("", text[opening.end() : closing.start()]).strip("\n"))
        at = closing.end()
    if not blocks:
        return text

    def show(found: re.Match[str]) -> str:
        ends, values = blocks.get(found.group(2), ([], []))
        # The value set last before the output's name (group 1 may start at the line's start).
        last = bisect.bisect_right(ends, found.start(2)) - 1
        if last < 0:
            return found.group(0)
        value = values[last]
        language = _LANGUAGE.search(found.group(3))
        if language is None:
            return f"\n\n{value}\n\n" if found.group(1) is not None else " ".join(value.split())
        fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", value))])
        return f"\n\n{fence}{language.group(1)}\n{value}\n{fence}\n\n"  # code: shown as written

    return _SET_OUTPUT.sub(show, "".join(pieces) + text[at:])


def shown_captures(text: str, marked: bool = False) -> str:
    """Return ``text`` with each capture that the page shows (``{{ body | markdownify }}``, as
    Eleventy and Jekyll pages that wrap their text in a layout's HTML do) in that output's place:
    as a block of its own where the output stands on a line of its own, else as text. A name
    captured twice shows, at each output, the capture last made before it (as Liquid runs down
    the page); one not yet made there stays an output. A capture never shown stays hidden.

    ``marked`` (Jekyll, before kramdown reads HTML blocks whole as HTML): a block shown through
    ``markdownify`` is marked as Markdown (``<div markdown="1">``, dropped by
    `stagemap.render.blocks.unwrapped`), as Jekyll makes HTML of it before kramdown reads the
    page: in an HTML block it shows its headings and paragraphs, not one line of its text."""
    captures = [block for block in hidden_blocks(text) if block[2] == "capture" and block[3]]
    if not captures:
        return text
    made: dict[
        str, tuple[list[int], list[str]]
    ] = {}  # by name: where each ends in the text left, and what it holds
    gone = 0
    for start, end, _, name, inner in captures:
        gone += end - start
        ends, values = made.setdefault(name, ([], []))
        ends.append(end - gone)
        values.append(textwrap.dedent(inner).strip("\n"))

    def show(match: re.Match[str]) -> str:
        ends, values = made.get(match.group(2), ([], []))
        last = bisect.bisect_right(ends, match.start()) - 1
        if last < 0:
            return match.group(0)
        value = values[last]
        if match.group(1) is None:
            return " ".join(value.split())
        if marked and "markdownify" in match.group(3):
            return f'\n\n<div markdown="1">\n\n{value}\n\n</div>\n\n'
        return f"\n\n{value}\n\n"

    return _CAPTURED_OUTPUT.sub(show, without(text, captures))


_CAPTURED_OUTPUT = lazy(
    r"(^[ \t]*)?\{\{-?\s*([\w-]+)\s*((?:\|\s*(?:markdownify|strip|lstrip|rstrip)\s*)*)-?\}\}(?(1)[ \t]*$)",
    re.M,
)
"""An output of a variable, plain or through filters that keep its text (``markdownify``,
``strip``, group 3); group 1 is set when it stands on a line of its own."""
