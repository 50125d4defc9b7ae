"""The one place Markdown becomes HTML: safe by default, with ids and links fit for the site.

markdown-it-py's ``js-default`` preset (the parser of `stagemap.read.blocks`) renders no raw
HTML and adds tables and strikethrough. On top of it:

- links and images must use an allowed scheme (``http``, ``https``, ``mailto``, ``tel``) or
  none at all (a relative link); anything else (``javascript:``, ``data:``, ``vbscript:``,
  ``file:``...) is not turned into a link and stays visible as text;
- headings get ids prefixed with ``h-`` (so ``# location`` cannot clobber ``window.location``
  through named access) and unique within the page; ``#fragment`` links in the body follow;
- relative links are handed to a caller's function, which turns a link to another content file
  into a link to that asset's page (or reports it broken: it is then shown as text; the
  links' rules are in `stagemap.render.bodylinks`);
- ``allow_html`` (the ``site.allow_html`` setting) passes raw HTML through: only for a
  library whose authors are trusted;
- a body beyond the limits of `stagemap.model.limits` is shown as plain text, and a long one
  is rendered in parts (`_render_parts`), each part with the link definitions it names
  (`stagemap.read.blocks.plan`).

Where cmarkgfm is installed, bodies are rendered by cmark-gfm first (see cmark.py and the
compiled path below); the result is byte for byte what the markdown-it-py path gives.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..lazyre import lazy
from ..model import limits
from ..read.blocks import parser, plan
from ..read.markdowntext import lf
from . import anchors, cmark
from .bodylinks import Rewrite, fast_links, fix_links, once
from .elements import LIVE
from .headingids import Slugs, Taken, exact, numbered
from .headingids import site_slug as site_slug

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_NOT_WORD = lazy(r"[^\w]+")
Titles = str | tuple[str, ...]
"""The title a body's first heading may repeat, or several (an MkDocs nav's title, as written
and as qualified: `stagemap.read.mkdocsnav`)."""


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


def render(
    text: str,
    *,
    allow_html: bool = False,
    rewrite: Rewrite | None = None,
    top: int = 1,
    drop_title: Titles | None = None,
    slugs: Slugs = slug,
) -> Rendered:
    """Render a Markdown body to an HTML fragment.

    ``top`` is the highest heading level the body may use: a page whose ``<h1>`` is the title
    renders the body with ``top=2``, and a body written with ``#`` headings moves down one
    level. ``drop_title`` removes a first heading whose text is the title (or one of them), so
    the page does not repeat it. ``slugs`` makes a heading's id from its text (`slug`; for a
    site read with its generator, the way it names headings, whose own links name them so:
    `stagemap.render.headingids`).
    """
    text = lf(text)  # the compiled path's checks of what it cannot render as the token path does need LF
    pieces = plan(text, allow_html)
    if isinstance(pieces, limits.Exceeded):  # reported when the file is read
        return plain(text)
    if rewrite is not None:
        rewrite = once(rewrite)  # the fast path may hand over to the token path
    if len(pieces) > 1:
        return finished(_render_parts(pieces, allow_html, rewrite, top, drop_title, slugs), slugs)
    fast = _fast_render(text, allow_html, rewrite, top, drop_title, slugs)
    if fast is not None:
        return finished(fast, slugs)
    md = parser(allow_html)
    tokens = _tokens(text, allow_html, drop_title)
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = max(0, top - min(levels)) if levels else 0
    return finished(_token_render(tokens, md, rewrite, shift, slugs, Taken()), slugs)


def _tokens(text: str, allow_html: bool, drop_title: Titles | None) -> list[Token]:
    tokens = parser(allow_html).parse(text)
    return _drop_title(tokens, drop_title) if drop_title is not None else tokens


def _token_render(
    tokens: list[Token], md: MarkdownIt, rewrite: Rewrite | None, shift: int, slugs: Slugs, used: Taken
) -> Rendered:
    headings = _number_headings(tokens, shift, slugs, used)
    broken = fix_links(tokens, rewrite)
    return Rendered(md.renderer.render(tokens, md.options, {}), headings, broken)


def _render_parts(
    pieces: list[str],
    allow_html: bool,
    rewrite: Rewrite | None,
    top: int,
    drop_title: Titles | None,
    slugs: Slugs,
) -> Rendered:
    """Render a long body part by part (see `stagemap.model.limits.parts`), as one body: its
    headings shifted alike and their ids unique across the parts.

    The levels of all parts' headings are known before any is numbered: a part the fast path
    refuses is read for its blocks alone first (`_outline`), and parsed once, to render (its
    tokens are not kept, or the parts' tokens would all be in memory at once).
    """
    ready: list[tuple[str, list[re.Match[str]]] | None] = []
    titles: list[Titles | None] = []  # the title each part may drop: the first with any output
    levels: list[int] = []
    title = drop_title
    for piece in pieces:
        titles.append(title)
        prepared = _fast_prepared(piece, allow_html, rewrite, titles[-1])
        found = prepared[:2] if prepared is not None else None
        if prepared is not None:
            title = None if prepared[2] else title
            levels += [int(m.group(1)) for m in prepared[1]]
        else:
            made_any, found_levels = _outline(piece, allow_html, titles[-1])
            title = None if made_any else title
            levels += found_levels
        ready.append(found)
    shift = max(0, top - min(levels)) if levels else 0
    used = Taken()
    made: list[Rendered] = []
    for piece, found, title in zip(pieces, ready, titles, strict=True):
        if found is not None:
            made.append(_fast_headings(*found, top, slugs, shift=shift, used=used))
        else:
            tokens = _tokens(piece, allow_html, title)
            made.append(_token_render(tokens, parser(allow_html), rewrite, shift, slugs, used))
    return Rendered(
        "".join(r.html for r in made),
        tuple(h for r in made for h in r.headings),
        tuple(b for r in made for b in r.broken),
    )


def _outline(piece: str, allow_html: bool, title: Titles | None) -> tuple[bool, list[int]]:
    """Whether ``piece`` renders anything, and the levels of its headings without a first one
    that is ``title`` (as `_drop_title` drops it): read from its blocks alone, with the inline
    text of that first heading only. A paragraph's inline text may cost markdown-it-py far
    more than its blocks (brackets that do not close: `stagemap.model.costs`), so it is
    parsed once, to render."""
    md = parser(allow_html)
    env: dict[str, Any] = {}
    text = piece.replace("\0", "\ufffd")  # as the parser's first step leaves it (line ends are LF)
    blocks = md.block.parse(text, md, env, []) or []
    made = bool(blocks)
    first = blocks[0] if blocks and blocks[0].type == "heading_open" and blocks[0].tag == "h1" else None
    if title is not None and first is not None and first.map is not None:
        # The heading's lines parsed whole: its inline tokens as the whole part's parse makes them.
        start, end = first.map
        blocks[:3] = md.parse("\n".join(text.split("\n", end)[start:end]), env)[:3]
        blocks = _drop_title(blocks, title)
    return made, [int(t.tag[1]) for t in blocks if t.type == "heading_open"]


def finished(rendered: Rendered, slugs: Slugs = slug) -> Rendered:
    """Return a body either path rendered with its anchors made and links to headings matched
    (`stagemap.render.anchors`; by their letters and digits unless ``slugs`` makes the live
    site's ids, `stagemap.render.headingids.exact`): the last step of both."""
    made = anchors.finish(rendered.html, loose=not exact(slugs))
    return rendered if made is rendered.html else Rendered(made, rendered.headings, rendered.broken)


# -- the compiled fast path -----------------------------------------------------------------------
# cmark.py turns a body into the HTML markdown-it-py would write, about 8 times faster (our
# rewrites included), or says it cannot be sure (then the token path renders it). It gives
# HTML, not tokens, so what `render` does to tokens is done here to that HTML. It holds no raw
# tags (raw HTML sends a body to the token path), so its tags are the renderer's own and
# regular. Whenever a body has a link we refuse or one that leads nowhere, or a heading over
# two lines, it goes the token path instead, so the result is always the token path's.
_HEADING = lazy(r"<h([1-6])>(.*?)</h\1>\n", re.S)
_TAG = lazy(r"<[^>]*>")


def compiled_enabled() -> bool:
    """Return True when the compiled renderer is installed and not turned off."""
    # STAGEMAP_MARKDOWN=python renders every body with markdown-it-py, to compare the two.
    return cmark.available and os.environ.get("STAGEMAP_MARKDOWN") != "python"


def _fast_render(
    text: str,
    allow_html: bool,
    rewrite: Rewrite | None,
    top: int,
    drop_title: Titles | None,
    slugs: Slugs = slug,
) -> Rendered | None:
    found = _fast_prepared(text, allow_html, rewrite, drop_title)
    if found is None:
        return None
    return _fast_headings(found[0], found[1], top, slugs)


def _fast_prepared(
    text: str, allow_html: bool, rewrite: Rewrite | None, drop_title: Titles | None = None
) -> tuple[str, list[re.Match[str]], bool] | None:
    """Return cmark-gfm's HTML of ``text`` without a first heading that is ``drop_title``, its
    links fit for the site and its headings found, ready for `_fast_headings`, and whether
    ``text`` made any HTML; None when the token path must render it.

    The title goes before the links are rewritten, as the token path drops it before it
    renders: a link only in the title is neither sent to the public site nor broken."""
    if allow_html or not compiled_enabled():
        return None  # with raw HTML in play, tags in the output are not all the renderer's own
    out = cmark.to_html(text)
    if out is None:
        return None
    found = list(_HEADING.finditer(out))
    if any("\n" in m.group(2) for m in found):
        return None
    made = bool(out)
    if drop_title is not None:
        out, found = _fast_dropped(out, found, drop_title)
    linked = fast_links(out, rewrite)
    if linked is None:
        return None
    return linked, found if linked is out else list(_HEADING.finditer(linked)), made


def _fast_dropped(out: str, found: list[re.Match[str]], title: Titles) -> tuple[str, list[re.Match[str]]]:
    """Drop a first heading whose text is ``title`` from the fast path's HTML (as `_drop_title`)."""
    first = found[0] if found and found[0].start() == 0 and out.startswith("<h1>") else None
    if first is None or not _titled(_heading_text(first.group(2)), title):
        return out, found
    out = out[first.end() :]
    return out, list(_HEADING.finditer(out))


def _fast_headings(
    out: str,
    found: list[re.Match[str]],
    top: int,
    slugs: Slugs = slug,
    *,
    shift: int | None = None,
    used: Taken | None = None,
) -> Rendered:
    """Shift heading levels and number their ids, as the token path does; ``shift`` and ``used``
    (the ids taken) when the body is rendered in parts."""
    if shift is None:
        shift = max(0, top - min(int(m.group(1)) for m in found)) if found else 0
    used = Taken() if used is None else used
    headings: list[Heading] = []
    pieces: list[str] = []
    last = 0
    # A definition list's term that gets an id takes it in the page's order, with the headings'.
    terms = list(_TERM_TEXT.finditer(out)) if anchors.TERM in out else []
    for match in sorted([*found, *terms], key=lambda m: m.start()) if terms else found:
        if "term" in match.re.groupindex:
            if match.start() < last:
                continue  # (no term's paragraph is in a heading: its mark would go with the rest, unmade)
            ident = numbered(slugs(_named(_heading_text(match.group("term")).strip())), used, slugs)
            pieces += [out[last : match.end() - len(anchors.TERM)], anchors.anchor(ident)]
            last = match.end()
            continue
        number, inner = match.group(1, 2)
        level = min(6, int(number) + shift)
        plain = _heading_text(inner)
        own = anchors.own_id(inner)  # (an id of its own: that one alone, `anchors.OWN_ID`)
        if own is not None:
            ident, inner, counted = own
            if counted:  # (Hugo's, MkDocs', Eleventy's: not kramdown's nor Docusaurus's)
                used.add(ident)
        else:
            ident = numbered(slugs(_named(plain)), used, slugs)
        headings.append(Heading(level, ident, plain))
        # (An id is word characters and hyphens: nothing in it to escape.)
        pieces += [out[last : match.start()], f'<h{level} id="{ident}">{inner}</h{level}>\n']
        last = match.end()
    return Rendered("".join(pieces) + out[last:], tuple(headings), ())


_TERM_TEXT = lazy(f"^(?:<p>)?(?P<term>[^\n]*?){anchors.TERM}", re.M)
"""The text of a term's paragraph in the fast path's HTML, up to its mark (`anchors.TERM`)."""
_PLACEHOLDER = lazy(rf"\[[^\[\]\n]*: {LIVE}\]")


def _named(text: str) -> str:
    """Return a heading's text as its id is made of: without what only the live site shows (a
    placeholder: an icon's shortcode makes no text there, so no part of the id either)."""
    return _PLACEHOLDER.sub("", text).strip() if f"{LIVE}]" in text else text


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


def _titled(text: str, title: Titles) -> bool:
    """Whether a heading's ``text`` is the title (or one of the titles) a body may drop."""
    folded, titles = " ".join(text.casefold().split()), (title,) if isinstance(title, str) else title
    return any(folded == " ".join(t.casefold().split()) for t in titles)


def _drop_title(tokens: list[Token], title: Titles) -> list[Token]:
    if (
        len(tokens) >= 3
        and tokens[0].type == "heading_open"
        and tokens[0].tag == "h1"
        and _titled(_plain(tokens[1]), title)
    ):
        return tokens[3:]
    return tokens


def _number_headings(tokens: list[Token], shift: int, slugs: Slugs, used: Taken) -> tuple[Heading, ...]:
    found: list[Heading] = []
    for i, token in enumerate(tokens):
        if token.type == "inline" and anchors.TERM in token.content:
            _number_term(token, slugs, used)
        if token.type != "heading_open":
            continue
        level = min(6, int(token.tag[1]) + shift)
        token.tag = f"h{level}"
        tokens[i + 2].tag = token.tag
        text = _plain(tokens[i + 1])
        ident = _own_id(tokens[i + 1], used) or numbered(slugs(_named(text)), used, slugs)
        token.attrSet("id", ident)
        found.append(Heading(level, ident, text))
    return tuple(found)


def _own_id(inline: Token, used: Taken) -> str:
    """Return the id a heading's attribute list gives it (`anchors.OWN_ID`, its mark taken out), added
    to ``used`` where its generator counts it (not kramdown nor Docusaurus: `anchors.OWN_ALONE`)."""
    for child in inline.children or () if anchors.own_id(inline.content) else ():
        if (own := anchors.own_id(child.content)) is not None:
            ident, child.content, counted = own
            used.update((ident,) if counted else ())
            return ident
    return ""


def _number_term(inline: Token, slugs: Slugs, used: Taken) -> None:
    """Make the mark ending a definition list's term (`anchors.TERM`) its anchor, its id made
    from the term's text as a heading's is and numbered with theirs (`stagemap.render.deflists`)."""
    made = anchors.anchor(numbered(slugs(_named(_plain(inline).strip())), used, slugs))
    for child in inline.children or ():
        if anchors.TERM in child.content:
            child.content = child.content.replace(anchors.TERM, made)
