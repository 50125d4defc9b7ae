"""Where cmark-gfm and markdown-it-py build different documents from the same Markdown.

The compiled path (`stagemap.render.cmark`) renders a body only when nothing in it is among
these constructs; otherwise markdown-it-py, the reference, renders it. Each was found by
comparing the two: on the benchmark corpus, on a seeded fuzz (tests/test_markdown_fast.py),
on every body of real sites, and by reviews that fuzzed them further. A check may be wider
than the difference it guards against (a body declined renders the same, only slower); it
may never be narrower.

What a fenced code block at the top level holds is text, never Markdown, so most checks skip
it (`_outside_fences`): a JSON example's indented lines and a fence's own backticks made two
thirds of a documentation site's bodies look like code spans over indented lines.
"""

from __future__ import annotations

import re
import unicodedata

from ..lazyre import lazy
from .bareheads import table_doubt as _table_doubt
from .codespans import over_indent as _span_over_indent
from .fencelines import FENCE, FENCE_LIKE, closes
from .linkdefs import definition_doubt
from .tabs import tab_doubt

# One pattern per character a construct starts with: rare ones, or a newline (the text is
# searched with one put in front). A pattern that starts with one character is searched by
# skipping straight to it, which one pattern of many alternatives cannot do (it then tries
# every position: six times the time); a body without the character needs no search at all.
# The constructs at a line start are tried only after a line that opens with a blank or a
# marker (the lookahead): most open with a letter.
DISPUTED: tuple[tuple[str, re.Pattern[str]], ...] = (
    # runs of tildes: strikethrough delimiters are matched differently; a tilde against an
    # emphasis delimiter: which closes what?
    ("~", re.compile(r"~(?:~~|(?=[*_])|(?<=[*_]~))")),
    # an image whose alt may run over lines or hold brackets; one whose "(" is not closed on
    # its line (a reference image to one parser, text and a link to the other)
    ("!", re.compile(r"!\[(?![^\n\[\]\\]*\]\()|!\[[^\n\[\]\\]*\]\([^)\n]*$", re.M)),
    # a backslash before a hard break's spaces
    ("\\", re.compile(r"\\ +\n")),
    (
        "\n",
        re.compile(
            r"\n(?=[ \t>\[\-+*\d])(?:"
            r"(?:(?<=\\\n)|(?<=  \n))(?:[ \t]+|(?:[ \t]*>)+[ \t]{2,})\S"  # a hard break, then spaces (in a quote too): kept?
            r"| {0,3}>.*\n {4,}\S"  # an indented line after a quote: lazy continuation or code?
            r"|[ \t]*(?:[-+*]|\d+[.)])[ \t]*\n[ \t]*\n"  # an empty list item before a blank line
            r"|(?:[ \t]*>)*(?:[ \t]*(?:[-+*]|\d+[.)])[ \t]+|[ \t]+)(?:[-*_][ \t]*){3,}\n(?:[ \t>]*\n|(?:[ \t]*>)*[ \t]+\S)"
            # (a rule in a list item, or its only text, then a blank or an indented line: loose?)
            r"| {0,3}\[.*\]:.*\n(?! {0,3}\[)[ \t]*\S"  # a link definition and more text below it
            r"| {0,3}\[[^\n]*\]:[ \t]*\n"  # a link definition whose destination is on the next line
            r"| {1,3}(?:[-+*]|\d+[.)]) .*\n {4,}\S"  # an indented list item, then code or continuation?
            r"| +\|"  # an indented table row: inside a list or not
            r")"
        ),
    ),
    (
        "]",
        re.compile(
            # a link definition whose destination has parentheses or angle brackets, or a later
            # ``]`` on its line (wider: each search stops there, so a line of ``]:`` is linear)
            r"\](?::[^\n()<\]]*[()<\]]"
            r"|:[^\n\]]*\n(?! {0,3}\[)[ \t]*\S"  # a link definition whose label runs over lines, and text below it
            r"|\([ \t]*\n"  # a link whose destination starts on the next line: inline or reference?
            r"|\[[^\]]*\[)"  # a reference label holding a bracket ([r]["[r]]), on one line or two
        ),
    ),
    # an entity in an autolink: decoded or not?
    ("<", re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*&")),
)
"""Constructs where cmark-gfm and markdown-it-py build different documents (see also `_table_doubt`)."""
_INFO_DOUBT = {c: re.compile(rf"{re.escape(c * 3)}[^\n]*[\\&]") for c in "`~"}
"""A fence whose info string holds a backslash or an entity (at the top level, in a list item
or a quote: anywhere on a line after three backticks or tildes): cmark-gfm reads escapes
there unlike markdown-it (its language class differs)."""
_TICKS = lazy(r"``*")  # (not `+: a pattern that starts with a repeat is tried at every position)
_QUOTE_THEN_DEEP = lazy(r"\n[ >]*>[ ]*\n[ >]*(?<=    )>")
"""A line that ends in a quote marker (an empty quote, maybe nested), then a line with a ``>``
four or more spaces in: cmark-gfm and markdown-it-py end the quote there differently
(``>    >`` over ``>     >``)."""


def doubtful(text: str) -> bool:
    """Return True if ``text`` holds a construct the two parsers may read differently."""
    if "\t" in text and tab_doubt(text):
        return True  # a tab other than in a top-level fence's code or inside a line's text (`tabs`)
    fences = [c for c in "`~" if _has(c * 3, text)]  # (a pattern a kind: one of two is tried everywhere)
    fenced = bool(fences)
    if fenced and ("\\" in text or "&" in text) and any(_INFO_DOUBT[c].search(text) for c in fences):
        return True
    if "&" in text and _has("&#", text) and _bad_entity(text):
        return True
    if not text.isascii() and _unicode_doubt(text):  # a fence's info string is trimmed too
        return True
    outside = _outside_fences(text) if fenced else text
    ticks = "`" in outside
    return (
        _disputed("\n" + outside)
        or definition_doubt(outside)  # a link definition in a list item or a quote, or lazy
        or _table_doubt(outside)
        or _span_over_indent(outside)  # (a code span or a link's title)
        or (">" in outside and _QUOTE_THEN_DEEP.search("\n" + outside) is not None)
        or (ticks and _has("``", outside) and _tick_left_open(outside))  # (runs of one length always pair on)
        or (_two_runs(outside) and _emphasis_doubt(outside))  # (two lengths)
        or (_has("\n    ", outside) and _lazy_indent(outside))  # (tabs were declined above)
        or (fenced and _open_fence_in_item(text))
    )


_LITERALS = {
    s: re.compile(re.escape(s)).search
    for s in ("```", "~~~", "&#", "``", "**", "__", "\n    ", "<a ", "<strong>")
}
"""Searches for a few strings: the regex engine tells that one is absent from a body about
twice as fast as ``in`` does (2 us against 5 on a body of the benchmark)."""


def _has(literal: str, text: str) -> bool:
    """Whether ``literal`` (one of `_LITERALS`) is in ``text``."""
    return _LITERALS[literal](text) is not None


def _two_runs(text: str) -> bool:
    """Whether ``text`` holds ``**`` or ``__`` (a single character's absence is told at once)."""
    return ("*" in text and _has("**", text)) or ("_" in text and _has("__", text))


def output_doubt(text: str, out: str) -> bool:
    """Return True if cmark-gfm's HTML ``out`` of ``text`` shows it went astray: a link inside
    a link (``[[](x.md)a](x.md)``, which CommonMark never makes), or a strong emphasis dropped
    inside another one (``**a __b__**`` is one ``<strong>`` there, two in markdown-it): every
    run of exactly two ``*`` or ``_`` in ``text`` is half of a ``<strong>`` or still text."""
    strong = _two_runs(text)
    if not _has("<a ", out) and not (strong and _has("<strong>", out)):
        return strong and _twos(text) != _twos(out)
    opened = False
    strongs = 0
    for mark in _MARKS.findall(out):  # in one pass: where links open and close, and each <strong>
        if mark == "<a ":
            if opened:
                return True  # a link opens before the one before it closed
            opened = True
        elif mark == "</a>":
            opened = False
        else:
            strongs += 1
    return strong and _twos(text) != 2 * strongs + _twos(out)


_MARKS = lazy(r"<(?:a |/a>|strong>)")


def _twos(text: str) -> int:
    """Return how many runs of exactly two ``*`` or two ``_`` ``text`` has."""
    return sum(_RUNS[c].findall(text).count(c * 2) for c in "*_" if c in text)


def _disputed(text: str) -> bool:
    """Return True if a construct in `DISPUTED` occurs in ``text`` (with a newline in front)."""
    # A character test finds most of them absent faster than the regex engine can.
    return any(first in text and pattern.search(text) for first, pattern in DISPUTED)


_UNICODE_SPACE = lazy(r"[\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
"""White space beyond ASCII's: markdown-it-py trims it from a paragraph's, a heading's or a
table cell's ends (Python's ``strip``), cmark-gfm keeps it (18F's posts end paragraphs in a
no-break space)."""
_DELIMITER = lazy(r"[*_~]")


def _unicode_doubt(text: str) -> bool:
    """Return True if white space beyond ASCII's is in ``text``, or an emphasis delimiter stands
    by punctuation or a symbol beyond ASCII (``_×*n* releases_``): markdown-it-py counts symbols
    as punctuation when it decides whether a delimiter opens or closes, as the newer CommonMark
    does, cmark-gfm does not, and their tables of punctuation differ (U+2E43 and others)."""
    if _UNICODE_SPACE.search(text):
        return True
    for found in _DELIMITER.finditer(text):  # few in a body: their neighbours looked at one by one
        at = found.start()
        for other in (text[at - 1 : at], text[at + 1 : at + 2]):
            if other and not other.isascii() and unicodedata.category(other)[0] in "PS":
                return True
    return False


def _outside_fences(text: str) -> str:
    """Return ``text`` with each fenced code block whose opening fence is at the first column
    (so at the top level: such a line ends any list or quote above it) made one empty line,
    from its opening fence to its closing one (up to three spaces in, the same character, at
    least as many) or, unclosed, to the end. From a fence further in (in a list item), or whose
    opening line holds a ``|``, on, the text is kept as it is."""
    if "```" not in text and "~~~" not in text:
        return text
    out: list[str] = []
    closing = ""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if closing:
            if closes(line, closing):
                closing = ""
            continue
        # An opening line with a pipe may be a table's header to markdown-it: left in, to be judged.
        opening = FENCE.fullmatch(line) if line[:1] in "`~" and "|" not in line else None
        if opening is not None:
            closing = opening.group(1) or opening.group(2)
            out.append("")
            continue
        if ("```" in line or "~~~" in line) and FENCE_LIKE.match(line):
            # A fence further in or with a pipe: where it ends is not known here (a list item
            # may end it; its closing line at the first column would look like an opening one).
            out.extend(lines[index:])
            break
        out.append(line)
    return "\n".join(out)


_NUMERIC = lazy(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,9}));")


def _bad_entity(text: str) -> bool:
    """Return True for a numeric entity markdown-it-py writes as U+FFFD (a control character,
    a surrogate, a noncharacter, one beyond Unicode or zero) and cmark-gfm may write otherwise."""
    for found in _NUMERIC.finditer(text):
        code = int(found.group(1), 16) if found.group(1) else int(found.group(2))
        control = code < 0x20 and code not in (0x09, 0x0A, 0x0C, 0x0D)
        if control or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF:
            return True
        if (code & 0xFFFE) == 0xFFFE or code > 0x10FFFF:
            return True
    return False


def _tick_left_open(text: str) -> bool:
    """Return True if a run of backticks has no later run of its length but more backticks follow
    it: cmark-gfm then passes over runs that markdown-it-py still pairs (``Use `` here, `a` and `b```)."""
    runs = [len(m.group(0)) for m in _TICKS.finditer(text)]
    later: set[int] = set()
    for index in range(len(runs) - 1, -1, -1):
        if runs[index] not in later and index < len(runs) - 1:
            return True
        later.add(runs[index])
    return False


_RUNS = {c: re.compile(rf"{re.escape(c)}{re.escape(c)}*") for c in "*_"}
_BREAK = lazy(r"^ {0,3}([*_-])(?:[ \t]*\1){2,}[ \t]*$", re.M)
"""A thematic break (``***``, ``___``, ``* * *``): no emphasis."""
_SPAN_ON_A_LINE = lazy(r"(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)")
"""A code span within one line (its delimiters are no emphasis)."""


def _emphasis_doubt(text: str) -> bool:
    """Return True where cmark-gfm's matching of emphasis may go astray (its bookkeeping of
    where openers are after the rule of three): a paragraph with a run of ``*`` or ``_`` that
    both opens and closes (no space on either side) and two runs of it whose lengths add up to
    a multiple of three (``**b*x*d*``, ``![**+-*](u)``); or a run of three or more beside a
    run of two of either (``***a **b** c***``). Code spans on one line, list markers and
    thematic breaks are left out."""
    lengths = {len(run) for c in "*_" if c in text for run in _RUNS[c].findall(text)}
    if len(lengths) < 2:
        return False  # one length of run in the whole body: none of the cases below
    if "`" in text:
        text = _SPAN_ON_A_LINE.sub(" ", text)
    text = _MARKERS.sub(" ", _BREAK.sub("", text))
    lengths.clear()
    for paragraph in _PARAGRAPHS.split(text):
        for c in "*_":
            if c not in paragraph:
                continue
            runs = {len(m.group(0)) for m in _RUNS[c].finditer(paragraph)}
            lengths |= runs
            thirds = any((x + y) % 3 == 0 and (x % 3 or y % 3) for x in runs for y in runs if x != y)
            if thirds and _BOTH[c].search(paragraph):
                return True
    return 2 in lengths and max(lengths) > 2  # (``***a __b__ c***`` too: either delimiter)


_BOTH = {c: re.compile(rf"(?<=\S){re.escape(c)}+(?=\S)") for c in "*_"}
_MARKERS = lazy(r"^[ \t>]*[*+-](?=[ \t])", re.M)
_PARAGRAPHS = lazy(r"\n[ \t>]*\n")


_MARKER_LINE = lazy(r"^ {0,3}(?:>|[-+*](?:[ \t]|$)|\d+[.)](?:[ \t]|$))")
_FOUR_IN = lazy(r" {4,}\S|\t")


def _lazy_indent(text: str) -> bool:
    """Return True if, after a quote's or a list item's line, a line four or more spaces in
    follows in the same run of lines: lazy continuation or code, read differently."""
    marked = False
    for line in text.split("\n"):
        if not line.strip():
            marked = False
        elif _MARKER_LINE.match(line):
            marked = True
        elif marked and _FOUR_IN.match(line):
            return True
    return False


_ITEM_FENCE = lazy(r"^([ \t>]*(?:[-+*]|\d+[.)])[ \t]+)(`{3,}|~{3,})", re.M)


def _open_fence_in_item(text: str) -> bool:
    """Return True if a list item opens with a fence that no line of the item closes (lines
    that far in, before a line less far in ends the item); in a quote, always."""
    lines = text.split("\n")
    for found in _ITEM_FENCE.finditer(text):
        lead, fence = found.group(1), found.group(2)
        if ">" in lead or "\t" in lead:
            return True
        column, after = len(lead), text.count("\n", 0, found.start()) + 1
        for line in lines[after:]:
            bare = line.lstrip(" ")
            indent = len(line) - len(bare)
            if bare and indent < column:
                return True  # the item ended, its fence open
            if indent >= column and closes(line, fence, column):
                break
        else:
            return True
    return False
