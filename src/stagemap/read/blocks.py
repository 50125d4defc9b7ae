"""The Markdown parser, and what it says of a long body: where its top-level blocks start, which
link reference definitions it holds.

A body over `stagemap.model.limits.MAX_PART_BYTES` (a changelog, a policy, a site's history)
is rendered in parts (`stagemap.model.limits.parts`), each starting on a line where a block of
the body's top level starts: whatever was open before it (a paragraph, list, quote, table,
fence, raw HTML) has ended there, so the part renders as it does in the whole body. Which lines
those are is the parser's word, not a pattern's: markdown-it-py reads the body's blocks (not
their inline text: 0.07 s for 300 KB), with raw HTML off and on, and only lines where a block
starts both ways are kept, so that the parts hold whatever ``site.allow_html`` says and the
file's reading (which reports a body it cannot cut) and its rendering agree.

markdown-it-py is imported when a parser is first made: with the compiled renderer most
builds never need it, and importing it took 25 ms of every build's start.
"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from ..model.safelinks import is_safe_link

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

Definitions = dict[str, dict[str, str]]
"""Link reference definitions by label as the parser keys them (see `label_key`): ``href`` and ``title``."""

# A line as CommonMark counts lines: ended by LF, CR LF or a lone CR.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+$")


@cache
def parser(allow_html: bool = False) -> MarkdownIt:
    """Return the shared parser (built once per process: construction is not free).

    markdown-it-py's ``js-default`` preset renders no raw HTML and adds tables and
    strikethrough; ``allow_html`` passes raw HTML through; links must be safe (`is_safe_link`).
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("js-default", {"html": allow_html})
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    return md


def block_starts(text: str) -> list[int]:
    """Return the offsets in ``text`` of the lines after its first where a top-level block (or
    link reference definition) starts, with raw HTML off and on alike."""
    lines = _blocks(text, False)[0]
    if "<" in text:  # else raw HTML on reads it the same
        lines &= _blocks(text, True)[0]
    offsets = [match.start() for match in _LINE.finditer(text)]
    return sorted(offsets[n] for n in lines if 0 < n < len(offsets))


def definitions(text: str, allow_html: bool) -> Definitions:
    """Return the link reference definitions of ``text``, first of each label, in order."""
    return _blocks(text, allow_html)[1]


def label_key(label: str) -> str:
    """Return a link's label as the parser keys definitions (blanks collapsed, case folded)."""
    from markdown_it.common.utils import normalizeReference

    return normalizeReference(label)


@lru_cache(maxsize=4)
def _blocks(text: str, allow_html: bool) -> tuple[frozenset[int], Definitions]:
    """The lines where ``text``'s top-level blocks and definitions start, and its definitions
    (one reading of both)."""
    md = parser(allow_html)
    env: dict[str, dict[str, dict[str, Any]]] = {}
    # As the parser's first step leaves a text: line ends LF, NUL as U+FFFD.
    normalized = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    tokens = md.block.parse(normalized, md, env, []) or []
    top = [t.map for t in tokens if t.level == 0 and t.nesting >= 0 and t.map]
    found = env.get("references", {})
    # A definition has no token: one outside every top-level block is at the top level too (a
    # changelog's thousands of them at its end may then be cut into parts like its blocks).
    ends = dict(sorted((first, last) for first, last in top))
    firsts = list(ends)
    starts = {first for first, _ in top}
    for definition in found.values():
        line = definition["map"][0]
        at = bisect.bisect_right(firsts, line) - 1
        if at < 0 or ends[firsts[at]] <= line:
            starts.add(line)
    return frozenset(starts), {
        label: {"href": d["href"], "title": d.get("title") or ""} for label, d in found.items()
    }
