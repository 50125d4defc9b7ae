"""The one place Markdown becomes HTML: safe by default, with ids and links fit for the site.

markdown-it-py's ``js-default`` preset renders no raw HTML and adds tables and strikethrough.
On top of it:

- links and images must use an allowed scheme (``http``, ``https``, ``mailto``, ``tel``) or
  none at all (a relative link); anything else (``javascript:``, ``data:``, ``vbscript:``,
  ``file:``...) is not turned into a link and stays visible as text;
- headings get ids prefixed with ``h-`` (so ``# location`` cannot clobber ``window.location``
  through named access) and unique within the page; ``#fragment`` links in the body follow;
- relative links are handed to a caller's function, which turns a link to another content file
  into a link to that asset's page (or reports it broken: it is then shown as text);
- ``allow_html`` (the ``site.allow_html`` setting) passes raw HTML through: only for a
  library whose authors are trusted.

Where cmarkgfm is installed, bodies are rendered by cmark-gfm first (see cmark.py and the
compiled path below); the result is byte for byte what the markdown-it-py path gives.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from ..model import limits
from . import anchors, cmark

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
HEADING_PREFIX = anchors.HEADING_PREFIX
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_NOT_WORD = re.compile(r"[^\w]+")
_INVISIBLE = re.compile(r"[\x00-\x20]+")

Rewrite = Callable[[str], str | None]
"""Turns a relative link found in a body into the URL to use, or None when it leads nowhere."""


def is_safe_link(url: str) -> bool:
    """Return True for a relative link or one with an allowed scheme."""
    # Browsers ignore ASCII whitespace and control characters inside a scheme.
    probe = url.strip().lower()[:40]
    if not probe.isprintable() or " " in probe:  # else it holds nothing to remove
        probe = _INVISIBLE.sub("", probe)
    match = _SCHEME.match(probe)
    return match is None or match.group(1) in SAFE_SCHEMES


def is_relative(url: str) -> bool:
    """Return True for a link to a file of the library: ``x.md``, ``../y.png`` or ``/z.md``.

    Not ``#x``, ``?x``, ``//host`` or ``scheme:``. A link starting with one ``/`` means the
    content folder's root (the site may be opened from disk or a sub-path, where a
    root-absolute link would lead nowhere).
    """
    return bool(url) and not url.startswith(("#", "//", "?")) and _SCHEME.match(url.lower()) is None


@cache
def parser(allow_html: bool = False) -> MarkdownIt:
    """Return the shared parser (built once per process: construction is not free).

    markdown-it-py is imported here, once a body needs it: with the compiled renderer most
    builds never do, and importing it took 25 ms of every build's start.
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("js-default", {"html": allow_html})
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    return md


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of a rendered body."""

    level: int
    """Level after shifting, 1 to 6."""
    id: str
    """Its id attribute, with the ``h-`` prefix."""
    text: str
    """Its plain text."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """A body rendered to HTML."""

    html: str
    """The HTML fragment."""
    headings: tuple[Heading, ...]
    """Headings in order."""
    broken: tuple[str, ...]
    """Relative links that lead nowhere (shown as text)."""


def slug(text: str) -> str:
    """Return ``text`` as a lowercase id fragment of word characters and hyphens."""
    # ASCII text is its own NFKC form: most headings skip the normalisation.
    text = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).lower()
    return _NOT_WORD.sub("-", text).strip("-_") or "section"


def site_slug(text: str) -> str:
    """Return ``text`` as GitHub names a heading (and Hugo, Docusaurus, Astro after it): lower
    case, each space a hyphen, other characters than letters, marks, digits, ``_`` and ``-`` dropped."""
    text = text.lower()
    if text.isascii():
        kept = _NOT_SITE_WORD.sub("", text)
    else:
        kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LMN")
    return kept.replace(" ", "-") or "section"


_NOT_SITE_WORD = re.compile(r"[^a-z0-9 _-]")
Slugs = Callable[[str], str]


def render(
    text: str,
    *,
    allow_html: bool = False,
    rewrite: Rewrite | None = None,
    top: int = 1,
    drop_title: str | None = None,
    slugs: Slugs = slug,
) -> Rendered:
    """Render a Markdown body to an HTML fragment.

    ``top`` is the highest heading level the body may use: a page whose ``<h1>`` is the title
    renders the body with ``top=2``, and a body written with ``#`` headings moves down one
    level. ``drop_title`` removes a first heading whose text is the title, so the page does
    not repeat it. ``slugs`` makes a heading's id from its text (`slug`; `site_slug` for a site
    read with its generator, whose own links name headings that way).
    """
    if (
        "\r" in text
    ):  # as markdown-it-py's first step: cmark-gfm reads a lone CR alike, the checks before it need LF
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if limits.exceeded(text) is not None:  # reported when the file is read
        return plain(text)
    if rewrite is not None:
        rewrite = _once(rewrite)  # the fast path may hand over to the token path
    fast = _fast_render(text, allow_html, rewrite, top, drop_title, slugs)
    if fast is not None:
        return finished(fast)
    md = parser(allow_html)
    tokens = md.parse(text)
    if drop_title is not None:
        tokens = _drop_title(tokens, drop_title)
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = max(0, top - min(levels)) if levels else 0
    headings = _number_headings(tokens, shift, slugs)
    broken = _fix_links(tokens, rewrite)
    html = md.renderer.render(tokens, md.options, {})
    return finished(Rendered(html, headings, broken))


def finished(rendered: Rendered) -> Rendered:
    """Return a body either path rendered with its anchors made and links to headings matched
    (`stagemap.render.anchors`): the last step of both."""
    made = anchors.finish(rendered.html)
    return rendered if made is rendered.html else Rendered(made, rendered.headings, rendered.broken)


# -- the compiled fast path -----------------------------------------------------------------------
# cmark.py turns a body into the HTML markdown-it-py would write, about 8 times faster (our
# rewrites included), or says it cannot be sure (then the token path renders it). It gives
# HTML, not tokens, so what `render` does to tokens is done here to that HTML. It holds no raw
# tags (raw HTML sends a body to the token path), so its tags are the renderer's own and
# regular. Whenever a body has a link we refuse or one that leads nowhere, or a heading over
# two lines, it goes the token path instead, so the result is always the token path's.
_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>\n", re.S)
_LINK_ATTR = re.compile(r'<(a|img) (href|src)="([^"]*)"')
_TAG = re.compile(r"<[^>]*>")


def compiled_enabled() -> bool:
    """Return True when the compiled renderer is installed and not turned off."""
    # STAGEMAP_MARKDOWN=python renders every body with markdown-it-py, to compare the two.
    return cmark.available and os.environ.get("STAGEMAP_MARKDOWN") != "python"


def _fast_render(
    text: str,
    allow_html: bool,
    rewrite: Rewrite | None,
    top: int,
    drop_title: str | None,
    slugs: Slugs = slug,
) -> Rendered | None:
    if allow_html or not compiled_enabled():
        return None  # with raw HTML in play, tags in the output are not all the renderer's own
    out = cmark.to_html(text)
    if out is not None:
        out = _fast_links(out, rewrite)
    if out is None:
        return None
    found = list(_HEADING.finditer(out))
    if any("\n" in m.group(2) for m in found):
        return None
    first = found[0] if found and found[0].start() == 0 and out.startswith("<h1>") else None
    if drop_title is not None and first is not None and _same(_heading_text(first.group(2)), drop_title):
        out = out[first.end() :]
        found = list(_HEADING.finditer(out))
    return _fast_headings(out, found, top, slugs)


def _fast_links(out: str, rewrite: Rewrite | None) -> str | None:
    """Refuse what the token path refuses, rewrite relative links; None on any doubt."""
    parts: list[str] = []
    last = 0
    for match in _LINK_ATTR.finditer(out):
        url = html.unescape(match.group(3))
        if url.startswith(("https://", "http://")):
            continue  # the common case, safe and not relative: nothing to check or change
        if not is_safe_link(url):
            return None
        new = url
        if url.startswith("#"):
            new = _fragment(url)
        elif rewrite is not None and is_relative(url):
            target = rewrite(url)
            if target is None:
                return None
            new = target
        if new != url:
            parts += [out[last : match.start(3)], cmark.escape(new)]
            last = match.end(3)
    return "".join(parts) + out[last:] if parts else out


def _fast_headings(out: str, found: list[re.Match[str]], top: int, slugs: Slugs = slug) -> Rendered:
    """Shift heading levels and number their ids, as the token path does."""
    shift = max(0, top - min(int(m.group(1)) for m in found)) if found else 0
    used: set[str] = set()
    headings: list[Heading] = []
    pieces: list[str] = []
    last = 0
    for match in found:
        number, inner = match.group(1, 2)
        level = min(6, int(number) + shift)
        plain = _heading_text(inner)
        base = ident = HEADING_PREFIX + slugs(plain)
        n = 1
        while ident in used:
            ident = f"{base}-{n}"
            n += 1
        used.add(ident)
        headings.append(Heading(level, ident, plain))
        # (An id is word characters and hyphens: nothing in it to escape.)
        pieces += [out[last : match.start()], f'<h{level} id="{ident}">{inner}</h{level}>\n']
        last = match.end()
    return Rendered("".join(pieces) + out[last:], tuple(headings), ())


def _once(rewrite: Rewrite) -> Rewrite:
    """Return ``rewrite`` calling the original once per URL (it may copy an attachment)."""
    seen: dict[str, str | None] = {}

    def wrapped(url: str) -> str | None:
        if url not in seen:
            seen[url] = rewrite(url)
        return seen[url]

    return wrapped


def _heading_text(inner: str) -> str:
    text = html.unescape(_TAG.sub("", inner) if "<" in inner else inner)
    return anchors.unmarked(text)


def plain(text: str) -> Rendered:
    """Render a body beyond the limits (model/limits.py) as escaped preformatted text."""
    return Rendered(f'<pre class="plain-text">{html.escape(anchors.unmarked(text))}</pre>\n', (), ())


def render_html(text: str, *, allow_html: bool = False) -> str:
    """Render Markdown to HTML with no link rewriting (for short texts such as summaries)."""
    return render(text, allow_html=allow_html).html


def _plain(inline: Token) -> str:
    text = "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))
    return anchors.unmarked(text)


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _drop_title(tokens: list[Token], title: str) -> list[Token]:
    if (
        len(tokens) >= 3
        and tokens[0].type == "heading_open"
        and tokens[0].tag == "h1"
        and _same(_plain(tokens[1]), title)
    ):
        return tokens[3:]
    return tokens


def _number_headings(tokens: list[Token], shift: int, slugs: Slugs = slug) -> tuple[Heading, ...]:
    used: set[str] = set()
    found: list[Heading] = []
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        level = min(6, int(token.tag[1]) + shift)
        token.tag = f"h{level}"
        tokens[i + 2].tag = token.tag
        text = _plain(tokens[i + 1])
        base = ident = HEADING_PREFIX + slugs(text)
        n = 1
        while ident in used:
            ident = f"{base}-{n}"
            n += 1
        used.add(ident)
        token.attrSet("id", ident)
        found.append(Heading(level, ident, text))
    return tuple(found)


def _fragment(url: str) -> str:
    """Prefix the fragment of a link to a body heading, as the heading ids are prefixed."""
    path, sep, frag = url.partition("#")
    if sep and frag and not frag.startswith(HEADING_PREFIX):
        return f"{path}#{HEADING_PREFIX}{frag}"
    return url


def _fix_links(tokens: list[Token], rewrite: Rewrite | None) -> tuple[str, ...]:
    broken: list[str] = []
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        children = block.children
        for i, child in enumerate(children):
            key = "href" if child.type == "link_open" else "src" if child.type == "image" else None
            if key is None:
                continue
            url = str(child.attrGet(key) or "")
            if url.startswith("#"):
                child.attrSet(key, _fragment(url))
                continue
            if rewrite is None or not is_relative(url):
                continue
            new = rewrite(url)
            if new is not None:
                child.attrSet(key, new)
                continue
            broken.append(url)
            if child.type == "image":
                child.type, child.tag = "text", ""
                child.content = f"[missing image: {child.content or url}]"
                child.attrs = {}
                continue
            _unlink(children, i, url)
    return tuple(broken)


def _unlink(children: list[Token], start: int, url: str) -> None:
    """Turn a link into a marked span, keeping its text."""
    opening = children[start]
    opening.tag = "span"
    attrs: dict[str, Any] = {"class": "broken-link", "title": f"Link target not found: {url}"}
    opening.attrs = attrs
    depth = 0
    for token in children[start:]:
        if token.type == "link_open":
            depth += 1
        elif token.type == "link_close":
            depth -= 1
            if depth == 0:
                token.tag = "span"
                return
