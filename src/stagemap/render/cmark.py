"""The compiled Markdown path: GitHub's cmark-gfm, made to write what markdown-it-py writes.

cmarkgfm binds cmark-gfm, the C reference implementation of CommonMark that GitHub renders
with. Its parser is about twenty times faster than markdown-it-py on our bodies, eight times
with our checks and rewrites. Both follow the CommonMark spec, with GFM tables and
strikethrough on top, so on ordinary text they build the same document; their HTML differs
only in spelling, which `to_html` rewrites into markdown-it-py's (``<s>`` for ``<del>``,
``<br>`` for ``<br />``, ``style`` for ``align``).

Where the two parsers can build different documents, `to_html` returns None and the caller
renders with markdown-it-py, which stays the reference. That happens on:

- raw HTML: cmark is used without its ``UNSAFE`` option, so it drops raw HTML (markdown-it
  shows it as text) and marks the spot with a comment, which is how it is detected;
- links it emptied (a ``javascript:`` URL becomes ``href=""``) and link destinations it
  spells differently (non-ASCII, ``%``, punycode, brackets);
- the constructs in `DISPUTED` and `_table_doubt`, each found by fuzzing the two against each
  other (tests/test_markdown_fast.py keeps a seeded fuzz);
- a body not ending in a newline (an unclosed code block ends differently).

No wheel on a platform means no cmarkgfm: pyproject.toml then skips it and `available` is
False, so every body takes the markdown-it-py path.
"""

from __future__ import annotations

import bisect
import ctypes
import html
import re
import unicodedata
from typing import Any

try:  # optional: installed by default where a wheel exists (see pyproject.toml)
    import cmarkgfm
    from cmarkgfm import _cmark
except ImportError:  # pragma: no cover - the platforms without a wheel
    cmarkgfm = None
    _cmark = None

available = cmarkgfm is not None
"""Whether the compiled renderer is installed."""

_EXTENSIONS = ["table", "strikethrough"]
# No UNSAFE (raw HTML is omitted, dangerous URLs are emptied), no SMART; ``~x~`` is not
# strikethrough in markdown-it, so only ``~~x~~`` is here.
_OPTIONS = 1 << 14  # CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE

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
    # an image whose alt may run over lines or hold brackets
    ("!", re.compile(r"!\[(?![^\n\[\]\\]*\]\()")),
    # a backslash before a hard break's spaces
    ("\\", re.compile(r"\\ +\n")),
    # a link definition whose label runs over lines, and more text below it
    ("]:", re.compile(r"\]:[^\n]*\n(?! {0,3}\[)[ \t]*\S")),
    (
        "\n",
        re.compile(
            r"\n(?=[ \t>\[\-+*\d])(?:"
            r"(?:(?<=\\\n)|(?<=  \n))[ \t]+\S"  # a hard break before an indented line: spaces kept?
            r"| {0,3}>.*\n {4,}\S"  # an indented line after a quote: lazy continuation or code?
            r"|[ \t]*(?:[-+*]|\d+[.)])[ \t]*\n[ \t]*\n"  # an empty list item before a blank line
            r"| {0,3}\[.*\]:.*\n(?! {0,3}\[)[ \t]*\S"  # a link definition and more text below it
            r"|[ \t]*(?:[-+*>]|\d+[.)])[ \t]*\[[^\n]*\]:"  # a link definition in a list or a quote
            r"|[ \t]+\[[^\n]*\]:"  # an indented link definition: in a list item, making it loose or not?
            r"| {1,3}(?:[-+*]|\d+[.)]) .*\n {4,}\S"  # an indented list item, then code or continuation?
            r"| +\|"  # an indented table row: inside a list or not
            r")"
        ),
    ),
    (
        "]",
        re.compile(
            r"\](?::[^\n]*[()<]"  # a link definition whose destination has parentheses or angle brackets
            r"|\([ \t]*\n)"  # a link whose destination starts on the next line: inline or reference?
        ),
    ),
    # an entity in an autolink: decoded or not?
    ("<", re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*&")),
)
"""Constructs where cmark-gfm and markdown-it-py build different documents (see also `_table_doubt`)."""
_TABS = re.compile(r"\t")
"""Tabs: kept by markdown-it at the end of a line, expanded differently in code (so looked for
in fenced code too, unlike `DISPUTED`)."""
_INFO_DOUBT = re.compile(r"(?:`{3,}|~{3,})[^\n]*[\\&]")
"""A fence whose info string holds a backslash or an entity (at the top level, in a list item
or a quote: anywhere on a line after three backticks or tildes): cmark-gfm reads escapes
there unlike markdown-it (its language class differs)."""
_FENCE = re.compile(r"(`{3,})[^`]*|(~{3,}).*")
"""A fenced code block's opening line at the first column (a backtick fence's info has no backtick)."""

_DASHES = re.compile(r"\n([ \t>]*)([|:\-][ \t|:\-]*)(?=\n)")
_INDENTED = re.compile(r"\n[ \t]+\S")
_TICKS = re.compile(r"`+")
_OMITTED = "<!-- raw HTML omitted -->"
# A code block right after the text of a tight list item: markdown-it puts no newline between.
_TIGHT_CODE = re.compile(r"\n(?<!>\n)<pre>")
_TIDY = re.compile(
    r'<(t[hd]) align="(left|center|right)">|<(/?)del>|<blockquote>\n</blockquote>|<(img|br|hr)((?: [^>]*?)?) />'
)
"""Where cmark's HTML differs from markdown-it's in spelling only (see `_tidy`)."""
_URL_ATTR = re.compile(r'=(?:(?<= href=)|(?<= src=))"([^"]*)"')
# Characters that markdown-it's link normaliser and cmark's href escaper both leave alone.
_PLAIN_URL = re.compile(r"[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]+")


def to_html(text: str) -> str | None:
    """Return markdown-it-py's HTML for ``text``, or None when only markdown-it-py can say."""
    if (
        cmarkgfm is None
        or not text.endswith("\n")
        or ("\t" in text and _TABS.search(text))
        or (("\\" in text or "&" in text) and _INFO_DOUBT.search(text))
    ):
        return None
    # What a fenced code block at the top level holds is text, never Markdown: the other
    # disputes cannot be in it (a JSON example's indented lines and a fence's own backticks
    # made two thirds of a documentation site's bodies look like code spans over indented lines).
    outside = _outside_fences(text)
    if (
        _disputed("\n" + outside)
        or _table_doubt(outside)
        or _span_over_indent(outside)
        or (not text.isascii() and _unicode_doubt(text))  # a fence's info string is trimmed too
    ):
        return None
    try:
        out = _render(text)
    except UnicodeEncodeError:  # a lone surrogate: markdown-it copes, cmark takes UTF-8 only
        return None
    if _OMITTED in out or ("\n<pre>" in out and _TIGHT_CODE.search(out)):
        return None
    if ("**" in text or "__" in text) and _strong_lost(text, out):
        return None
    respelt = _same_urls(out)
    if respelt is None:
        return None
    # One pass for every respelling: the six passes it replaced took 45 us on a body of the benchmark.
    return _TIDY.sub(_tidy, respelt)


def _tidy(match: re.Match[str]) -> str:
    """Respell one `_TIDY` match as markdown-it writes it."""
    cell, close, void = match.group(1), match.group(3), match.group(4)
    if cell is not None:
        return f'<{cell} style="text-align:{match.group(2)}">'  # a column's alignment
    if close is not None:
        return f"<{close}s>"  # strikethrough
    if void is not None:
        return f"<{void}{match.group(5)}>"  # <img ...>, <br>, <hr> without the slash
    return "<blockquote></blockquote>"  # an empty quote on one line


class _Mem(ctypes.Structure):
    """cmark's allocator (``cmark_mem``): the ``free`` that releases what it returns."""

    _fields_ = [
        ("calloc", ctypes.c_void_p),
        ("realloc", ctypes.c_void_p),
        ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
    ]


def _freers() -> tuple[Any, Any] | None:
    """Return cmark's ``cmark_node_free`` and its allocator's ``free``, or None where the module hides them.

    cmarkgfm's `markdown_to_html_with_extensions` frees the parser but never the document
    it parsed nor the HTML it returns: about 70 KB a body, 700 MB over a 10,000-asset build
    and without end in a long-running preview. Its C module exports both functions on
    Linux and macOS; where it does not, bodies are rendered by that function, leaking as before.
    """
    if _cmark is None:
        return None
    try:
        lib = ctypes.CDLL(_cmark.__file__)
        node_free = lib.cmark_node_free
        allocator = lib.cmark_get_default_mem_allocator
    except (OSError, AttributeError):  # pragma: no cover - a build that does not export them
        return None
    node_free.argtypes, node_free.restype = [ctypes.c_void_p], None
    allocator.argtypes, allocator.restype = [], ctypes.POINTER(_Mem)
    return node_free, allocator().contents.free


def _syntax() -> list[Any]:
    """Return the table and strikethrough extensions, registered once (at import: the preview renders on threads)."""
    if _FREERS is None:
        return []
    _cmark.lib.cmark_gfm_core_extensions_ensure_registered()
    return [_cmark.lib.cmark_find_syntax_extension(name.encode()) for name in _EXTENSIONS]


_FREERS = _freers()
_SYNTAX = _syntax()


def _render(text: str) -> str:
    """Return cmark-gfm's HTML for ``text`` (tables and strikethrough on), freeing all it made."""
    if _FREERS is None:
        out: str = cmarkgfm.markdown_to_html_with_extensions(text, _OPTIONS, _EXTENSIONS)
        return out
    lib, ffi = _cmark.lib, _cmark.ffi
    data = text.encode("utf-8")
    node_free, free = _FREERS
    parser = lib.cmark_parser_new(_OPTIONS)
    try:
        for extension in _SYNTAX:
            lib.cmark_parser_attach_syntax_extension(parser, extension)
        lib.cmark_parser_feed(parser, data, len(data))
        root = lib.cmark_parser_finish(parser)
        try:
            raw = lib.cmark_render_html(root, _OPTIONS, lib.cmark_parser_get_syntax_extensions(parser))
            try:
                return str(ffi.string(raw).decode("utf-8"))
            finally:
                free(int(ffi.cast("uintptr_t", raw)))
        finally:
            node_free(int(ffi.cast("uintptr_t", root)))
    finally:
        lib.cmark_parser_free(parser)


def _disputed(text: str) -> bool:
    """Return True if a construct in `DISPUTED` occurs in ``text`` (with a newline in front)."""
    # A character test finds most of them absent faster than the regex engine can.
    return any(first in text and pattern.search(text) for first, pattern in DISPUTED)


def _table_doubt(text: str) -> bool:
    """Return True if a line of dashes may be read differently: table, heading or rule?"""
    text = "\n" + text
    for match in _DASHES.finditer(text):
        row = match.group(2)
        if "-" not in row:
            continue
        above = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        if "|" not in row and ":" not in row:  # a rule or a heading underline, or a table?
            if "|" in above:
                return True
        elif "|" not in row or match.group(1) or not above.startswith("|"):
            return True  # markdown-it wants a pipe in the row; the header must be a plain pipe row
    return False


_UNICODE_SPACE = re.compile(r"[\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
"""White space beyond ASCII's: markdown-it-py trims it from a paragraph's, a heading's or a
table cell's ends (Python's ``strip``), cmark-gfm keeps it (18F's posts end paragraphs in a
no-break space)."""
_BY_DELIMITER = re.compile(r"[*_~][^\x00-\x7f]|[^\x00-\x7f][*_~]")


def _unicode_doubt(text: str) -> bool:
    """Return True if white space beyond ASCII's is in ``text``, or an emphasis delimiter stands
    by a symbol beyond ASCII (``_×*n* releases_``): markdown-it-py counts symbols as punctuation
    when it decides whether a delimiter opens or closes, as the newer CommonMark does, cmark-gfm
    does not."""
    if _UNICODE_SPACE.search(text):
        return True
    for found in _BY_DELIMITER.finditer(text):
        other = found.group(0)[1] if found.group(0)[0] in "*_~" else found.group(0)[0]
        if unicodedata.category(other).startswith("S"):
            return True
    return False


_STRONG_RUN = re.compile(r"(?<!\*)\*\*(?!\*)|(?<!_)__(?!_)")


def _strong_lost(text: str, out: str) -> bool:
    """Return True if cmark-gfm may have dropped a strong emphasis inside another one (``**a
    __b__**`` is one ``<strong>`` there, two in markdown-it): every run of exactly two ``*``
    or ``_`` in ``text`` is either half of a ``<strong>`` in ``out`` or still there as text."""
    return len(_STRONG_RUN.findall(text)) != 2 * out.count("<strong>") + len(_STRONG_RUN.findall(out))


def _outside_fences(text: str) -> str:
    """Return ``text`` with each fenced code block whose opening fence is at the first column
    (so at the top level: such a line ends any list or quote above it) made one empty line,
    from its opening fence to its closing one (up to three spaces in, the same character, at
    least as many) or, unclosed, to the end. A fence further in (in a list item), or whose
    opening line holds a ``|``, is kept."""
    if "```" not in text and "~~~" not in text:
        return text
    out: list[str] = []
    closing = ""
    for line in text.split("\n"):
        if closing:
            bare = line.lstrip(" ")
            if (
                len(line) - len(bare) <= 3
                and bare.startswith(closing)
                and not bare.rstrip(" \t").strip(closing[0])
            ):
                closing = ""
            continue
        # An opening line with a pipe may be a table's header to markdown-it: left in, to be judged.
        opening = _FENCE.fullmatch(line) if line[:1] in "`~" and "|" not in line else None
        if opening is not None:
            closing = opening.group(1) or opening.group(2)
            out.append("")
            continue
        out.append(line)
    return "\n".join(out)


def _span_over_indent(text: str) -> bool:
    """Return True if a code span may run over an indented line (whose spaces cmark keeps).

    A code span opened by a run of backticks ends at the next run of the same length, so
    every span lies between a run and the next one of its length (or is a chain of such
    stretches): when none of those stretches holds the start of an indented line, no span
    does. A run after a backslash counts both as it is and less its first backtick (escaped
    outside a span, not inside one)."""
    indented = [m.start() for m in _INDENTED.finditer(text)]
    if not indented or "`" not in text:
        return False
    if any(len(_TICKS.findall(line)) % 2 for line in text.split("\n") if "`" in line):
        return True  # a line with an odd number of runs: a fence in a list item, or a span's end
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


def _same_urls(out: str) -> str | None:
    """Respell every link and image URL as markdown-it does, or None if it may differ."""
    parts: list[str] = []
    last = 0
    for match in _URL_ATTR.finditer(out):
        raw = match.group(1)
        url = html.unescape(raw)
        if not _PLAIN_URL.fullmatch(url) or "xn--" in url:
            return None  # empty (a URL cmark refused), percent-encoded, punycode...
        spelt = url.replace("&", "&amp;")  # `escape`: a plain URL has no other character it changes
        if spelt != raw:  # most are spelt alike: only the others are rewritten
            parts += [out[last : match.start(1)], spelt]
            last = match.end(1)
    return "".join(parts) + out[last:] if parts else out


def escape(text: str) -> str:
    """Escape an attribute value exactly as markdown-it's renderer does."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
