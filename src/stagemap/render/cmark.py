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
- the constructs `stagemap.render.disputes` looks for, each found by comparing the two (a
  seeded fuzz in tests/test_markdown_fast.py, real sites, reviews), and what cmark-gfm's HTML
  shows went astray (a link in a link, a strong emphasis lost);
- an entity cmark-gfm writes as a byte that is no UTF-8 (``&#xFFFF;``);
- a body not ending in a newline (an unclosed code block ends differently).

No wheel on a platform means no cmarkgfm: pyproject.toml then skips it and `available` is
False, so every body takes the markdown-it-py path.
"""

from __future__ import annotations

import ctypes
import html
from typing import Any

from ..lazyre import lazy
from .disputes import doubtful, output_doubt

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

_OMITTED = "<!-- raw HTML omitted -->"
# A code block right after the text of a tight list item: markdown-it puts no newline between.
# After a block's own tag it does; the text may end in a tag too (``- *a*`` over a fence). The
# literal comes first: a pattern that opens with lookbehinds is tried at every position.
_TIGHT_CODE = lazy(
    r"\n<pre>(?<!</p>\n<pre>)(?<!</pre>\n<pre>)(?<!blockquote>\n<pre>)(?<!</[uo]l>\n<pre>)(?<!<li>\n<pre>)"
    r"(?<!<hr />\n<pre>)(?<!</table>\n<pre>)(?<!</h[1-6]>\n<pre>)"
)
_URL_ATTR = lazy(r'=(?:(?<= href=)|(?<= src=))"([^"]*)"')
# Characters that markdown-it's link normaliser and cmark's href escaper both leave alone.
_PLAIN_URL = lazy(r"[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]+")
_UNLIKE_URL = lazy(
    r'=(?:(?<= href=)|(?<= src=))"(?:[^"]*?(?:[^A-Za-z0-9;/?:@&=+$,\-_.!~*\'()#"]|&(?!amp;))|")'
)
"""A link or image URL that is not plain characters with cmark's ``&amp;`` alone: empty, or
holding another entity (cmark writes ``'`` as ``&#x27;``) or a character `_PLAIN_URL` lacks."""


def to_html(text: str) -> str | None:
    """Return markdown-it-py's HTML for ``text``, or None when only markdown-it-py can say."""
    # (A CR: `stagemap.render.markdown.render` hands over LF line ends only, and every check
    # reads those; another caller's CR is declined, not judged.)
    if cmarkgfm is None or not text.endswith("\n") or "\r" in text or doubtful(text):
        return None
    try:
        out = _render(text)
    except UnicodeError:  # a lone surrogate (cmark takes UTF-8 only); a byte cmark wrote for &#xFFFF;
        return None
    if _OMITTED in out or ("\n<pre>" in out and _TIGHT_CODE.search(out)):
        return None
    if output_doubt(text, out):
        return None
    respelt = _same_urls(out)
    if respelt is None:
        return None
    return _respelt(respelt)


def _respelt(out: str) -> str:
    """Respell cmark-gfm's HTML where it differs from markdown-it's in spelling only.

    Each string replaced here is one that only cmark-gfm's own tags hold: without raw HTML,
    text and attribute values have their ``"``, ``<`` and ``>`` escaped. Plain replacements
    of these strings cost a third of one regex pass that stopped at every tag (24 us on a
    body of the benchmark).
    """
    out = out.replace(' align="', ' style="text-align:')  # a column's alignment
    if "del>" in out:
        out = out.replace("<del>", "<s>").replace("</del>", "</s>")  # strikethrough
    out = out.replace(" />", ">")  # <img ...>, <br>, <hr> without the slash
    if _EMPTY_QUOTE in out:
        out = out.replace(_EMPTY_QUOTE, "<blockquote></blockquote>")  # an empty quote on one line
    return out


_EMPTY_QUOTE = "<blockquote>\n</blockquote>"


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


def _same_urls(out: str) -> str | None:
    """Respell every link and image URL as markdown-it does, or None if it may differ."""
    if _UNLIKE_URL.search(out) is None and "xn--" not in out:
        return out  # every URL plain: each is spelt as markdown-it spells it (most bodies, one pass)
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
