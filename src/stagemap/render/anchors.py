"""Anchors in a rendered body: the site's own (``<a id="faq">``, ``## FAQ {#faq}``), and links
to a heading written the way the site's generator names headings.

A site's own anchor cannot be written in Markdown, so the readers of a site's syntax
(`stagemap.render.dialects`, `jsx`, `stagemap.read.htmlpage`) leave a mark in the text
(`anchor`, made in `stagemap.read.markdowntext`), two
private-use characters around its name, which both Markdown paths pass through as text; once
rendered, each mark becomes an empty ``span`` with the id ``h-`` and the name (as links to it
get, `stagemap.render.markdown`). A heading's own text, and so its id, leaves marks out. The id
a heading's attribute list gives it (``### Setup {#setup-steps}``) is marked so (`OWN_ID`): it
is that heading's id, in place of the one its text would make, as Hugo's goldmark, kramdown
and Python-Markdown's toc make none where the heading has one.
"""

from __future__ import annotations

import html
import re
import secrets
import unicodedata
from collections.abc import Callable
from urllib.parse import unquote

from ..lazyre import lazy
from ..read.markdowntext import ATTR_LIST, ATTR_TOKEN
from ..read.markdowntext import anchor as anchor
from .attrsplugin import ATTRS_INLINE, TABLE_ROW, attr_id, block_ends, closes_element

HEADING_PREFIX = "h-"
"""In front of every id in a body (a heading cannot take the name of something the page's script uses)."""
_MARK = lazy("\ue040([\\w.:-]{1,200})\ue041")
_SAME_PAGE = lazy(r'href="#(h-[^"]*)"')
_IDS = lazy(r' id="(h-[^"]*)"')
_LOOSE = lazy(r"[\W_]+")


def anchored(mark: str, made: str) -> str:
    """Return the Markdown ``made`` (of an element) with the anchor ``mark`` in front of it: in a
    heading after its ``#`` marks (so that it stays a heading), over a table, list, quote or
    code block as a paragraph of its own."""
    stripped = made.lstrip("\n")
    if not stripped.strip():
        return mark
    space = made[: len(made) - len(stripped)]
    heading = re.match(r"#{1,6} ", stripped)
    if heading:
        return space + heading.group(0) + mark + stripped[heading.end() :]
    if _STARTS_BLOCK.match(stripped):
        return space + mark + "\n\n" + stripped
    run = len(stripped) - len(stripped.lstrip("*_"))
    # After an opening run of emphasis, which the mark (no punctuation to Markdown) would keep
    # from opening before a quote or a bracket: <a id="x"></a>**"Why?"**
    return space + stripped[:run] + mark + stripped[run:]


_STARTS_BLOCK = lazy(r"[|>]|```|~~~|[-*+] |\d{1,9}[.)] ")


TERM = f"\ue050{secrets.token_hex(8)}\ue051"
"""Ends the paragraph of a definition list's term that gets an id as the live page's does
(`stagemap.render.deflists`, only where the site turns them on): the renderer makes it the
term's anchor, its id made from the paragraph's text and numbered with the headings'
(`stagemap.render.markdown`). Its middle is drawn afresh by each process, so no page's text
can hold it, not even through an entity (``&#xe050;``): a private-use character a page writes
is its own text, in its code too, on every path."""


OWN_ID = f"\ue052{secrets.token_hex(8)}\ue053"
"""Stands in front of the mark (`anchor`) of the id a heading's attribute list gives it: the
renderer makes it the heading's id (`own_id`); anywhere else the mark is an anchor as any is.
Drawn afresh by each process, as `TERM` is: no page's text can hold it."""
OWN_ALONE = f"\ue052{secrets.token_hex(8)}\ue054"
"""As `OWN_ID`, for a generator that does not count the heading's own id among those it makes from
headings' texts (kramdown's ``generate_id``; Docusaurus puts an explicit id in no slugger):
``## Intro {#intro}`` then ``## Intro`` is ``intro`` twice there, ``intro`` and ``intro-1`` on Hugo."""
_OWN = lazy(f"({OWN_ID}|{OWN_ALONE})\ue040([\\w.:-]{{1,200}})\ue041")


def own_id(text: str) -> tuple[str, str, bool] | None:
    """Return the id (``h-`` in front) a heading's text (or HTML) gives the heading, the text
    without its mark and whether the id counts for those made after it (`OWN_ALONE`); None when
    it gives none."""
    found = _OWN.search(text) if OWN_ID in text or OWN_ALONE in text else None
    if found is None:
        return None
    before, after = text[: found.start()], text[found.end() :]
    # (the space kept before it for emphasis to close goes with it: ``## Release **(beta)** {#rel}``)
    kept = (before if after.strip() else before.rstrip(" ")) + after
    return _ident(found.group(2)), kept, found.group(1) == OWN_ID


def unmarked(text: str) -> str:
    """Return ``text`` without anchor marks (a heading's text, of which its id is made)."""
    text = text.replace(TERM, "") if TERM in text else text
    text = text.replace(OWN_ID, "") if OWN_ID in text else text
    text = text.replace(OWN_ALONE, "") if OWN_ALONE in text else text
    return _MARK.sub("", text) if "\ue040" in text else text


def finish(body: str, loose: bool = True) -> str:
    """Return a rendered body with its marks made anchors and its links to headings matched
    (``loose``: also by their letters and digits, see `_own_fragments`; the same object when
    nothing changed)."""
    body = body.replace(TERM, "") if TERM in body else body  # (a term's mark no renderer made its anchor)
    body = body.replace(OWN_ID, "") if OWN_ID in body else body  # (a heading's id not in a heading)
    body = body.replace(OWN_ALONE, "") if OWN_ALONE in body else body
    if "\ue040" in body:
        taken = set(_IDS.findall(body))  # the headings' ids: an anchor of the same name is theirs
        # A paragraph that holds only an anchor a heading has taken goes with it.
        body = _MARK_PARAGRAPH.sub(
            lambda found: "" if _ident(found.group(1)) in taken else found.group(0), body
        )
        body = _MARK_OR_TAG.sub(lambda found: _span(found, taken), body)
    return _own_fragments(body, loose)


_MARK_PARAGRAPH = lazy("<p>\ue040([\\w.:-]{1,200})\ue041</p>\n")


def _ident(name: str) -> str:
    """Return the id of the anchor named ``name``."""
    return name if name.startswith(HEADING_PREFIX) else HEADING_PREFIX + name


_MARK_OR_TAG = lazy("<[^<>]*>|\ue040([\\w.:-]{1,200})\ue041")


def _span(found: re.Match[str], taken: set[str]) -> str:
    """Return a mark as an empty ``span`` with its id (nothing when an element has that id
    already); a tag as it is, less any mark in it (an image's ``alt``, a link's ``title``: no
    place for an element)."""
    name = found.group(1)
    if name is None:
        tag = found.group(0)
        return _MARK.sub("", tag) if "\ue040" in tag else tag
    ident = _ident(name)
    if ident in taken:
        return ""
    taken.add(ident)
    return f'<span id="{ident}"></span>'


def _own_fragments(body: str, loose_too: bool = True) -> str:
    """Point a link to a heading of the same body written for the site's generator at that heading.

    Generators name headings their own way: ``config:setup`` is ``#configsetup`` on GitHub,
    Astro and Docusaurus, ``#config-setup`` here; ``What's new?`` is ``#whats-new`` there and
    ``#what-s-new`` here. A fragment that names no id of the body (a heading's or an anchor's)
    goes to the one with the same letters and digits (percent escapes read), if there is one.
    An element of the body's own HTML (``site.allow_html``) keeps its id as written: a link
    to ``#top-questions`` goes to its ``id="top-questions"``, not to ``h-top-questions``.
    Without ``loose_too`` (a site whose ids are made as its generator makes them), a fragment
    goes only where it names: one that names no id is broken there too.
    """
    if 'href="#h-' not in body or " id=" not in body:
        return body
    ids = dict.fromkeys(_ANY_ID.findall(body))  # in order: the first of two alike wins
    loose: dict[str, str] = {}
    for ident in ids:
        loose.setdefault(letters(ident.removeprefix(HEADING_PREFIX)), ident)

    def point(found: re.Match[str]) -> str:
        given = found.group(1)
        if given in ids:
            return found.group(0)
        named = unquote(html.unescape(given))
        bare = named.removeprefix(HEADING_PREFIX)
        match = next((i for i in (named, bare) if i in ids), None)
        match = match or (loose.get(letters(bare)) if loose_too else None)
        return f'href="#{match}"' if match is not None else found.group(0)

    fixed = _SAME_PAGE.sub(point, body)
    return body if fixed == body else fixed


def letters(name: str) -> str:
    """Return ``name``'s letters and digits in lower case, accents dropped (``Café_1`` -> ``cafe1``):
    how a fragment named the generator's way is matched to an id, here, by `check --links`
    (`stagemap.render.deadlinks`) and by the site's script."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return _LOOSE.sub("", plain.lower())


_ANY_ID = lazy(r' id="([^"]+)"')
"""Every element's id in a body: a heading's and a mark's (``h-`` first), and one its own HTML gives."""


# -- attribute lists ------------------------------------------------------------------------------
def _attributes(colon: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<=[^\n])\n[ \t]*+(\{{{colon}[ \t]*{ATTR_TOKEN}(?:[ \t]+{ATTR_TOKEN})*[ \t]*\}})[ \t]*$"
        r"|^[ \t]*+\{:?[ \t]*(?:#(?![\s-])|\.)[^{}\n]*\}[ \t]*\n?"  # (``{# note #}``: Nunjucks', text in Liquid)
        r"|(?<![ \t])[ \t]++(\{:?[ \t]*#[\w:.-]+[^{}\n]*\})[ \t]*$"
        rf"|^((?: {{0,3}}>[ \t]?)*+ {{0,3}}#{{1,6}}[ \t].*?)(?<![ \t])[ \t]++({ATTR_LIST})[ \t]*$",
        re.M,
    )


_ATTRIBUTES = _attributes(":")
_ATTRIBUTES_MKDOCS = _attributes(":?")
"""An attribute list (kramdown, Hugo, MkDocs' attr_list): on a line of its own (``{.class}``,
``{#id}``), dropped, but for its id right under a block (kramdown's ``## 3.0.5`` then ``{: #v3-0-5}``;
MkDocs' attr_list needs no colon there: ``{#id}`` under a paragraph's last line is its id);
at the end of a line, one that starts with its ``#id``, and at the end of a heading, any
(``### 9.7.0 { id="9.7.0" data-toc-label="x" }``): its id (``#id`` or ``id=``) kept as an anchor,
so that links to it work. Elsewhere braces are text (``{a=1}`` in code or prose). (A run of
spaces is read once, from its start: one of 40,000 before no brace took a second.)"""
_GAP = r"[ \t]*+(?:\n[ \t]*+)?"
"""Space in a span's attribute list: kramdown reads one to its closing brace, over a line's end
too (a list wrapped with its paragraph), but not over a blank line, which ends the paragraph."""
_SPAN_ATTRIBUTES = lazy(
    rf"(?<=[)\]*`>\x00])(?P<list>\{{:{_GAP}{ATTR_TOKEN}(?:(?=[ \t\n]){_GAP}{ATTR_TOKEN})*{_GAP}\}})"
)
"""kramdown's attribute list of a span (``*x*{: .note}``, ```beta`{:.warning}``, a code span
being held back as ``\x00N\x00`` then, ``<span>New</span>{: .label }``), which always starts ``{:``."""
_QUOTED_ATTRIBUTES = lazy(
    rf"^((?:[ \t]*>)+)[ \t]*\{{:[ \t]*{ATTR_TOKEN}(?:[ \t]+{ATTR_TOKEN})*[ \t]*\}}[ \t]*\n", re.M
)
"""kramdown's attribute list opening a quoted block (Just the Docs' callouts, ``> {: .note }``):
its line's text is the next line's, still in the quote."""


_CLOSING_HASHES = lazy(r"(?<=\S)[ \t]+#+[ \t]*$")


def _under_heading(match: re.Match[str]) -> bool:
    """Whether a list on a line of its own (``{: #v3-0-5}``) is right under a heading."""
    return _HEADING_LINE.match(match.string, match.string.rfind("\n", 0, match.start()) + 1) is not None


_HEADING_LINE = lazy(r" {0,3}#{1,6}[ \t]")


def _attribute_anchor(match: re.Match[str], kramdown: bool = False) -> str:
    """Return the anchor of the id an attribute list gives (``#x`` or ``id=x``), else nothing; a
    heading's text (the list's last form) stays in front of it. A heading's list gives the
    heading's id (`OWN_ID`), and with ``kramdown`` one on the line under a heading too, as kramdown
    applies it to the block above (Python-Markdown and goldmark read that line as a paragraph)."""
    text = _CLOSING_HASHES.sub("", match.group(3) or "")  # ``## Name ## {: #name }``: hashes, then the list
    made = anchor(attr_id(match.group(1) or match.group(2) or match.group(4) or ""))
    mark = OWN_ALONE if kramdown else OWN_ID  # (kramdown counts only the ids it makes)
    own = mark if made and (match.group(4) or (kramdown and match.group(1) and _under_heading(match))) else ""
    if (
        made
        and match.group(1)
        and TABLE_ROW.match(match.string, match.string.rfind("\n", 0, match.start()) + 1)
    ):
        # Under a table (``{: #price-table}``) the list is the table's: at its last row's end the
        # anchor would be a cell past the header's and dropped, so it stands under the table.
        return "\n\n" + made
    # (A space keeps emphasis that ends the text closing: ``## Release **(beta)** {#rel}``.)
    return text + (" " if made and text.endswith(("*", "_")) else "") + own + made


_INLINE_LIST = lazy(rf"(?:(?P<empty>\[\]\(\))|(?<=[)\]:*]))(?P<list>{ATTR_LIST})")
"""An attribute list right after a link, an image, an icon or emphasis (``[Start](x){ .md-button }``,
``:material-clock:{ .lg }``): the element's looks, not text (MkDocs' attr_list), but for its id;
not after ``_``: ``x_{i=1}`` is maths. With the empty link it may be for (``[](){#id}``, an
anchor as mkdocs-autorefs writes one)."""
_LINE_END = lazy(r"[ \t]*(?:\\[ \t]*)?$")
"""What ends a line and must stay last: trailing spaces (a hard break), a closing backslash."""


def _inline_lists(
    text: str, lists: re.Pattern[str] = _INLINE_LIST, keep: Callable[[str, int], bool] | None = None
) -> str:
    """Return ``text`` without its inline attribute lists (MkDocs' attr_list, or kramdown's span
    lists: ``lists``, its ``list`` group the list), each id kept as an anchor.

    The anchor goes where the list was, unless that is right after emphasis closing on
    punctuation or a code span (``**`x`**``): there a character that is no punctuation would
    stop the emphasis from closing, so it goes at the end of the line (before a hard break), or,
    in a table row, nowhere (a cell's end is not sure to be found). An empty link goes with
    its list: it shows nothing. With ``keep``, a list for which it says False (of the text and
    where the list starts) stays as written.
    """
    out: list[str] = []
    last = 0
    pending: list[str] = []  # anchors for the end of the line being read
    for found in lists.finditer(text):
        if keep is not None and not keep(text, found.start()):
            continue
        between = text[last : found.start()]
        cut = between.find("\n") if pending else -1
        out.append(_line_ended(between[:cut], pending) + between[cut:] if cut >= 0 else between)
        pending = [] if cut >= 0 else pending
        last = found.end()
        mark = anchor(attr_id(found.group("list")))
        if not mark:
            continue
        if found.groupdict().get("empty") or _may_follow(text, found.start()):
            out.append(mark)
        elif not text[text.rfind("\n", 0, found.start()) + 1 : found.start()].lstrip().startswith("|"):
            pending.append(mark)
    rest = text[last:]
    cut = rest.find("\n") if pending else -1
    out.append(_line_ended(rest[:cut] if cut >= 0 else rest, pending) + (rest[cut:] if cut >= 0 else ""))
    return "".join(out)


def _may_follow(text: str, at: int) -> bool:
    """Whether an anchor may stand at ``at``: not right after emphasis that closes on punctuation."""
    run = at
    while run > 0 and text[run - 1] in "*_":
        run -= 1
    last = text[run - 1] if run else " "  # the emphasis's last character (a code span held as ``\0N\0``)
    return run == at or not (last == "\x00" or unicodedata.category(last).startswith(("P", "S")))


def _line_ended(line: str, marks: list[str]) -> str:
    """Return the end of a line with ``marks`` put before its hard break, if any."""
    if not marks:
        return line
    end = _LINE_END.search(line)
    assert end is not None  # the pattern matches any text's end
    return line[: end.start()] + "".join(marks) + line[end.start() :]


def _quoted_attributes(found: re.Match[str]) -> str:
    """Return what stands for a quote's line holding an attribute list (`_QUOTED_ATTRIBUTES`):
    nothing when the next line goes on with the quote marks, else the marks, so that the next
    line (a lazy continuation, ``  text``) stays in the quote."""
    after = found.string[found.end() : found.end() + 200].lstrip(" \t")
    return "" if after.startswith(">") else found.group(1) + " "


def attribute_lists(
    text: str,
    generator: str = "",
    attrs: bool = False,
    defined: frozenset[str] = frozenset(),
    liquid: bool = False,
) -> str:
    """Return ``text`` with its attribute lists read (see `_ATTRIBUTES`); on an MkDocs or a Jekyll
    site, those right after an inline element dropped too (`_INLINE_LIST`, `_SPAN_ATTRIBUTES`),
    each one's id kept as an anchor (`_inline_lists`: ```git remote -v`{: #remote}`` is a place
    links go to); with ``attrs`` (an Eleventy site's markdown-it-attrs), only those after an
    inline element and at a block's end (`stagemap.render.attrsplugin`; a ``{#id}`` ending a line
    the paragraph goes on after is text to the plugin, though kramdown's rules take it),
    ``defined`` the labels of the page's link definitions (a reference the list may follow);
    with ``liquid``, Liquid or Nunjucks runs over the page first, as Eleventy runs it, and the
    plugin never sees a tag (``Shown: {% include "note.njk" %}``): no list starts ``{%``."""
    if attrs:
        if "}" in text:

            def keep(text: str, at: int) -> bool:
                return closes_element(text, at, defined) and not (liquid and text.startswith("{%", at))

            text = block_ends(_inline_lists(text, ATTRS_INLINE, keep), liquid)
        return text
    if generator == "mkdocs":
        return _ATTRIBUTES_MKDOCS.sub(_attribute_anchor, _inline_lists(text))
    if generator == "jekyll":
        text = _inline_lists(text, _SPAN_ATTRIBUTES) if "{:" in text else text
        if ">" in text:
            text = _QUOTED_ATTRIBUTES.sub(_quoted_attributes, text)
    return _ATTRIBUTES.sub(lambda found: _attribute_anchor(found, generator == "jekyll"), text)
