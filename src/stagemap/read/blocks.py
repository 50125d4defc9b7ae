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
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from ..lazyre import lazy
from ..model.limits import MAX_BODY_BYTES, Exceeded, size_name
from ..model.limits import parts_or_exceeded as parts
from ..model.safelinks import is_safe_link
from .htmlpage import html_page_to_markdown
from .markdowntext import lf

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# A line as CommonMark counts lines: ended by LF, CR LF or a lone CR.
_LINE = lazy(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+$")
_LABEL = lazy(r" {0,3}\[((?:[^\\\[\]]|\\[\s\S])*)\]:")
_BRACKET_OR_ESCAPE = lazy(r"\\[\s\S]|[\[\]]")
_ASCII_BLANKS = lazy(r"[ \t\r\n]+")


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
    offsets = _line_starts(text)
    return sorted(offsets[n] for n in lines if 0 < n < len(offsets))


def plan(text: str, allow_html: bool = False) -> list[str] | Exceeded:
    """Return the parts to render ``text`` (line ends LF) in, each headed by the link reference
    definitions of the labels it names; or the limit it goes beyond.

    A definition holds anywhere in a body (a changelog's ``## [1.2.0]`` headings link to
    definitions at its end): each part starts with a copy of those it names, as written: the
    definitions of the body's top level, as the parser reads them with raw HTML on or off
    (``allow_html``; the parts are the same either way). The copies count against
    `MAX_BODY_BYTES` together.
    """
    pieces = parts(text, block_starts)
    if isinstance(pieces, Exceeded) or len(pieces) == 1 or "]:" not in text:
        return pieces
    found = _definitions(text, allow_html)
    if not found:
        return pieces
    made: list[str] = []
    copied = 0
    for piece in pieces:
        named = _names(piece)
        wanted = "".join(source for keys, source in found if keys & named)
        copied += len(wanted.encode("utf-8", "surrogatepass"))
        made.append(wanted + "\n" + piece if wanted else piece)
    if copied > MAX_BODY_BYTES:
        return Exceeded(f"link definitions its parts name over {size_name(MAX_BODY_BYTES)}", 0, 1)
    return made


def exceeded_as_rendered(body: str, *, html_page: bool = False) -> Exceeded | None:
    """Return the limit ``body`` goes beyond as rendering reads it (`plan`, line ends LF), or
    None; an HTML page's, in the Markdown made of it (`stagemap.read.htmlpage`), at its first line."""
    if html_page:
        body = html_page_to_markdown(body)
    planned = plan(lf(body))
    if not isinstance(planned, Exceeded):
        return None
    return Exceeded(planned.reason + " (in the text of its HTML)", 0, 1) if html_page else planned


def _line_starts(text: str) -> list[int]:
    return [match.start() for match in _LINE.finditer(text)]


def _definitions(text: str, allow_html: bool) -> list[tuple[frozenset[str], str]]:
    """The definitions of ``text``'s top level, in order (the first of each label: a later one
    is never used): the keys a link may name each by (see `_keys`), and its lines as written."""
    found = _blocks(text, allow_html)[1]
    lines = [*_line_starts(text), len(text)]
    made = []
    for (first, last), key in found.values():
        source = text[lines[first] : lines[min(last, len(lines) - 1)]]
        label = _LABEL.match(source)
        keys = {key} | (_keys(label.group(1)) if label else set())
        made.append((frozenset(keys), source if source.endswith("\n") else source + "\n"))
    return made


def _names(piece: str) -> set[str]:
    """The keys of every label ``piece`` may name a definition by: the text of each innermost pair
    of brackets, escapes skipped (one pass: a body of escaped brackets costs no more)."""
    names: set[str] = set()
    opened = -1
    for match in _BRACKET_OR_ESCAPE.finditer(piece):
        if match.group() == "[":
            opened = match.end()
        elif match.group() == "]":
            if opened >= 0 and 0 < match.start() - opened <= 999:
                names |= _keys(piece[opened : match.start()])
            opened = -1
    return names


def _keys(label: str) -> set[str]:
    """A label as markdown-it-py keys it, and as cmark-gfm does (its blanks are ASCII only), so
    that a definition is copied wherever either engine would find it named."""
    from markdown_it.common.utils import normalizeReference

    label = label.replace("\0", "\ufffd")
    return {normalizeReference(label), " ".join(_ASCII_BLANKS.split(label.strip(" \t\r\n"))).casefold()}


@lru_cache(maxsize=4)
def _blocks(text: str, allow_html: bool) -> tuple[frozenset[int], dict[int, tuple[tuple[int, int], str]]]:
    """The lines where ``text``'s top-level blocks and definitions start, and its top-level
    definitions by first line: their lines and the parser's key (one reading of both)."""
    md = parser(allow_html)
    env: dict[str, dict[str, dict[str, Any]]] = {}
    # As the parser's first step leaves a text: line ends LF, NUL as U+FFFD.
    normalized = lf(text).replace("\0", "\ufffd")
    tokens = md.block.parse(normalized, md, env, []) or []
    top = [t.map for t in tokens if t.level == 0 and t.nesting >= 0 and t.map]
    # A definition has no token: one outside every top-level block is at the top level too (a
    # changelog's thousands of them at its end may then be cut into parts like its blocks).
    ends = dict(sorted((first, last) for first, last in top))
    firsts = list(ends)
    starts = {first for first, _ in top}
    found: dict[int, tuple[tuple[int, int], str]] = {}
    for key, definition in env.get("references", {}).items():
        first, last = definition["map"]
        at = bisect.bisect_right(firsts, first) - 1
        if at < 0 or ends[firsts[at]] <= first:
            starts.add(first)
            found[first] = ((first, last), key)
    return frozenset(starts), dict(sorted(found.items()))
