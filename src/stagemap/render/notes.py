"""Admonitions and tabs as labelled quotes: Docusaurus' and Starlight's ``:::kind`` blocks,
markdown-it-container's ``::: kind``, MkDocs' ``!!! kind "Title"`` and ``=== "Tab"``.

Used by `stagemap.render.dialects`: `hold_notes_with_code` first (a block holding fenced code,
read on its own), then `notes` on what is left.
"""

from __future__ import annotations

import bisect
import functools
import re
import textwrap
from collections.abc import Callable, Mapping
from typing import Any

from ..lazyre import lazy
from ..read.docusaurusnotes import KEYWORDS
from ..read.pymdownpin import NO_LEGACY_TABS
from .blocks import FENCE, ItemColumns, escape, fence_after, fence_titles, indented, may_indent, quote
from .firstatleast import FirstAtLeast
from .mkdocscallouts import alerts
from .shortcodes import SITE_PARAMS

_DOCUSAURUS_NOTE = lazy(
    r"^(?P<indent>[ \t]*)(?P<colons>:{3,})(?P<space>[ \t]*)(?P<kind>[A-Za-z][\w-]*)"
    r"(?:\[(?P<title>[^\n]*?)\]|[ \t]+(?P<rest>[^\n{]*+))?(?P<attrs>\{[^}\n]*\})?[ \t]*$"
)
"""A Docusaurus or Starlight admonition's opening line: ``:::tip``, ``:::tip[Title]``, ``:::tip Title``,
``:::tip{icon="heart"}``, indented inside a list item too; markdown-it-container's ``::: tip``
(Eleventy, VitePress), a space after the colons (not on an MkDocs site, where ``::: name`` is
mkdocstrings' reference: see `notes`)."""
_TITLE_ATTRIBUTE = lazy(r"""(?<![\w-])title[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'<=>`}]+))""")
"""A directive's ``title`` attribute (``:::note{title="Before you pour"}``, or unquoted:
``{title=Brewing}``, as micromark-extension-directive reads attributes), which Docusaurus 3 takes
for the admonition's title before the one in brackets (its theme: ``props.title ?? label``)."""
_MKDOCS_NOTE = lazy(
    r"""^(?:!!!|\?\?\?\+?)[ \t]?([\w-]+)(?:(?:[ \t]+(?:inline|end|annotate))*|(?:[ \t]+[\w-]+)*(?=[ \t]+"))"""
    r"""(?:[ \t]+"([^\n]*)")?[ \t]*$"""
)
"""An admonition's opening line as a site other than an MkDocs one may write it: ``!!! note
"Title"``, more classes only before a title or Material's ``inline``, ``end`` and ``annotate``
(there ``!!! Big news today`` is a sentence; see `_PYTHON_MARKDOWN_NOTE`)."""
_PYTHON_MARKDOWN_NOTE = lazy(
    r"""^(?:!!!|\?\?\?\+?)[ \t]?([\w-]+)(?:[ \t]+[\w-]+)*(?:[ \t]+"([^\n]*)")?[ \t]*$"""
)
"""An MkDocs admonition's opening line as Python-Markdown's admonition extension (and
pymdownx.details, for ``???``) reads it: ``!!! note "Title"``, its kind the first of the classes
there (``!!!warning``, with no space; ``!!! danger bold "Title"``; Material's ``!!! info inline
end``), the title, when none is quoted, that kind capitalised: ``!!! Big news today`` is a box
titled "Big", ``!!! note Before you start`` one titled "Note". A quoted title
runs to the line's last quote, quotes inside it kept (``!!! note "On "jsonable" data"``)."""
_MKDOCS_TAB = lazy(r"""^===[+!]?[ \t]+"([^"\n]*)"[ \t]*$""")
"""A content tab of MkDocs' tabbed extension: ``=== "Title"``, what it holds indented below."""


STARLIGHT_ASIDES = frozenset({"note", "tip", "caution", "danger"})
"""The kinds of ``:::kind`` block Starlight shows as an aside; another is a plain wrapper of
what it holds (``:::section{.badges}``)."""


def _boxed(opener: re.Match[str], inner: str, asides: frozenset[str] | None, release: int = 0) -> str:
    """Return a ``:::kind`` block as a labelled quote, or, of a kind that is no aside where only
    ``asides`` are, what it holds as it is (Docusaurus's keywords are read in their case; on
    Docusaurus 3 a label in brackets first, a paragraph, as mdast-util-to-hast shows the directive)."""
    kind = opener.group("kind") if release else opener.group("kind").lower()
    if asides is not None and kind not in asides:  # (Docusaurus 3 shows a label as a paragraph before)
        label = (opener.group("title") or "").strip() if release == 3 else ""
        return "\n" + (label + "\n\n" if label else "") + inner.strip("\n") + "\n"
    return quote(_note_label(opener, release), inner, markdown=True)


def _opener(line: str, asides: frozenset[str] | None, release: int) -> re.Match[str] | None:
    """Return the opening line of a ``:::kind`` block, as the site reads it: on a Docusaurus 3
    site (``release``) as remark-directive does, no name ending in ``-`` or ``_`` and no words
    after the name but for a keyword's title (``:::note Title``, which Docusaurus turns into
    ``:::note[Title]`` for its keywords alone: ``:::notes Title`` is text; where they are not known,
    ``asides`` None, for any kind); on a Docusaurus 2 site
    as its own pattern does, three colons, a keyword and whatever follows it its title
    (``:::notes`` is a note titled "s", ``:::note=x`` one titled "=x", any other kind text)."""
    if release == 2 and asides is not None:  # (keywords not known: any kind, as before they were read)
        return _release2_pattern(asides or frozenset()).match(line)
    found = _DOCUSAURUS_NOTE.match(line)
    if found is None or release != 3:
        return found
    kind, rest = found.group("kind"), (found.group("rest") or "").strip()
    if found.group("space"):
        return None  # (``::: tip``: micromark-extension-directive needs the name right after the colons)
    # (a title after the name: Docusaurus 3 makes it the label for its keywords alone; keywords not
    # known here, any kind may be one, as every kind is boxed then)
    return None if kind[-1] in "-_" or (rest and asides is not None and kind not in asides) else found


def _placed(
    lines: list[str], at: int, opener: re.Match[str], containers: bool, release: int, items: list[ItemColumns]
) -> bool:
    """Whether the opening line at ``at`` opens a block where it stands: not indented code showing
    one, not MkDocs' ``::: package.module`` (mkdocstrings' reference: no ``containers``), not text
    on Docusaurus 2 (`_indented2`)."""
    if not may_indent(lines, at, opener.group("indent")) or (opener.group("space") and not containers):
        return False
    return not _indented2(lines, at, opener, release, items)


def _indented2(
    lines: list[str], at: int, opener: re.Match[str], release: int, items: list[ItemColumns]
) -> bool:
    """Whether a Docusaurus 2 site shows the indented opening line at ``at`` as text: its
    tokenizer opens an admonition only at the start of what it reads (``match.index === 0``),
    which is the line's start, or the text's start of the list item holding it. ``items``: the
    lines' `ItemColumns`, made at the first such line (one pass, however many there are)."""
    width = len(opener.group("indent").expandtabs(4))
    if release != 2 or not width:
        return False
    if not items:
        items.append(ItemColumns("\n".join(lines)))
    return items[0].at(items[0].starts[at], width) != width


@functools.lru_cache(maxsize=16)
def _release2_pattern(keywords: frozenset[str]) -> re.Pattern[str]:
    """Docusaurus 2's opening line for these ``keywords`` (its own first, in its order), with the
    groups of `_DOCUSAURUS_NOTE`."""
    ordered = sorted(keywords, key=lambda k: (KEYWORDS.index(k) if k in KEYWORDS else len(KEYWORDS), k))
    names = "|".join(re.escape(k) for k in ordered) or "(?!)"
    return re.compile(
        rf"^(?P<indent>[ \t]*)(?P<colons>:::)(?P<space>)(?P<kind>{names})"
        r"(?P<title>(?!))?(?P<attrs>(?!))?(?: *(?P<rest>[^\n]*))?$"
    )


def hold_notes_with_code(
    text: str,
    clean_inner: Callable[[str], str],
    held: dict[str, str],
    containers: bool = True,
    asides: frozenset[str] | None = None,
    release: int = 0,
) -> str:
    """Replace each Docusaurus ``:::kind`` block that holds a fenced code block by a token line.

    Split at its fences, such a block would never find its closing ``:::``; instead what it holds
    is cleaned on its own (its code kept as code) and quoted, and ``held`` maps the token to
    that quote, put back when the rest is clean. ``release``: a Docusaurus site's (see `_opener`).
    """
    lines = text.split("\n")
    out: list[str] = []
    fence, i = "", 0
    closings = _Closings(lines, release)
    items: list[ItemColumns] = []
    while i < len(lines):
        line = lines[i]
        fence = fence_after(fence, line)
        opener = (
            None if fence or FENCE.match(line) or asides == frozenset() else _opener(line, asides, release)
        )
        opener = opener if opener and _placed(lines, i, opener, containers, release, items) else None
        end = closings.holding_code(i, opener.group("colons"), containers) if opener else None
        if opener is None or end is None:
            out.append(line)
            i += 1
            continue
        token = f"\ue000{len(held)}\ue000"
        inner = clean_inner("\n".join(lines[i + 1 : end]))
        held[token] = indented(_boxed(opener, inner, asides, release).strip("\n"), opener.group("indent"))
        out += ["", token, ""]
        i = end + 1
    return "\n".join(out)


class _Closings:
    """Where the ``:::`` lines (colons alone) outside fenced code, and the fences, of a text's
    ``lines`` are: found in one pass, so that each block's closing is found at once (thousands of
    blocks never closed made each look to the end). A block closes at the first such line of as
    many colons or more, as micromark-extension-directive and markdown-it-container read one
    (``::::`` closes ``:::note``); on Docusaurus 2 (``release``), at one of as many (`closing`).
    ``code``: fences are looked for (`holding_code`)."""

    def __init__(self, lines: list[str], release: int = 0, code: bool = True) -> None:
        self.count = len(lines)
        self.exact = release == 2
        self.marks: dict[str, list[int]] = {}
        self.fences: list[int] = []  # the lines opening a fence
        indexes: list[int] = []
        fence = ""
        for index, line in enumerate(lines):
            if not fence and line.lstrip().startswith(":::"):
                bare = line.strip()
                self.marks.setdefault(bare, []).append(index)
                indexes += [] if bare.strip(":") else [index]
            if code:
                was, fence = fence, fence_after(fence, line)
                self.fences += [index] if fence and not was else []
        self.closings = FirstAtLeast(indexes, [len(lines[index].strip()) for index in indexes])

    def closing(self, start: int, colons: str) -> int | None:
        """Return the index of the line closing the block of ``colons`` opened at ``start``, or None."""
        if not self.exact:
            return self.closings.after(start, len(colons))
        marks = self.marks.get(colons, [])
        at = bisect.bisect_right(marks, start)
        return marks[at] if at < len(marks) else None

    def holding_code(self, start: int, colons: str, to_end: bool = False) -> int | None:
        """Return the index of the ``colons`` line closing the block opened at ``start``, when
        code lies between them (None otherwise, or when there is none: the block is left to
        `notes`); with ``to_end``, a block never closed that holds code ends with the text."""
        found = self.closing(start, colons)
        end = self.count if found is None else found
        fence = bisect.bisect_right(self.fences, start)
        code = fence < len(self.fences) and self.fences[fence] < end
        if end == self.count:
            return end if to_end and code else None
        return end if code else None


def _note_label(opener: re.Match[str], release: int = 0) -> str:
    """Return a Docusaurus admonition's label: its kind, and its title (Markdown, links and all;
    on Docusaurus 3 its ``title`` attribute, which wins over one in brackets)."""
    title = (opener.group("title") or opener.group("rest") or "").strip()
    attribute = _TITLE_ATTRIBUTE.search(opener.group("attrs") or "") if release == 3 else None
    title = next(v for v in attribute.groups() if v is not None).strip() if attribute else title
    kind = opener.group("kind").capitalize()
    return f"{kind}: {title}" if title else kind


def notes(
    text: str,
    depth: int = 0,
    containers: bool = True,
    asides: frozenset[str] | None = None,
    params: Mapping[str, Any] | None = None,
    release: int = 0,
) -> str:
    """Turn Docusaurus' ``:::kind`` and MkDocs' ``!!! kind "Title"`` blocks into labelled quotes,
    MkDocs' content tabs (``=== "Title"``) into their title in bold over what they hold. With
    ``containers`` (not MkDocs), ``::: kind`` is one too, and a ``:::kind`` never closed runs to
    the end, as remark-directive and markdown-it-container read them; blocks in blocks are read
    `MOST_NESTED_NOTES` deep (``depth``). ``asides``: the only kinds quoted (Starlight's, Docusaurus's
    keywords; none: no block); ``params``: the page's; ``release``: Docusaurus's (`_opener`)."""
    if depth >= MOST_NESTED_NOTES or not any(mark in text for mark in (":::", "!!!", "???", '=== "')):
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    closings = _Closings(lines, release, code=False)  # (where each closing line is, found once)
    items: list[ItemColumns] = []
    while i < len(lines):
        line = lines[i]
        colons = None if asides == frozenset() else _opener(line, asides, release)  # (no block: text)
        colons = colons if colons and _placed(lines, i, colons, containers, release, items) else None
        bare = line.lstrip(" \t")
        bang = (_MKDOCS_NOTE if containers else _PYTHON_MARKDOWN_NOTE).match(bare) or _MKDOCS_TAB.match(bare)
        indent = line[: len(line) - len(bare)]
        if bang and indent and not may_indent(lines, i, indent):
            bang = None  # indented code showing one, not one (inside a list item it is one)
        if colons:
            found = closings.closing(i, colons.group("colons"))
            end = -1 if found is None else found
            if end < 0 and not containers:
                out.append(line)  # never closed: as written
                i += 1
                continue
            end = len(lines) if end < 0 else end
            held = textwrap.dedent("\n".join(lines[i + 1 : end]))
            inner = notes(held, depth + 1, containers, asides, params, release)
            out.append(indented(_boxed(colons, inner, asides, release), colons.group("indent")))
            i = end + 1
            continue
        if bang:
            end = _indented_end(lines, i, indent)
            body = textwrap.dedent("\n".join(lines[i + 1 : end]))
            body = body if containers else _mkdocs_contents(body, params)
            inner = notes(body, depth + 1, containers, asides, params, release)
            out.append(indented(_mkdocs_block(bang, inner), indent))
            i = end
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def _mkdocs_contents(body: str, params: Mapping[str, Any] | None) -> str:
    """Return what an MkDocs admonition or tab holds as the site reads it before its blocks: its
    callouts (`stagemap.render.mkdocscallouts.alerts`: Python-Markdown reads a block's blocks as the
    page's), its fences' titles and tabs (`labelled_tabs`), as the page shows them."""
    body = alerts(body, params or {})
    return fence_titles(body, tabs=labelled_tabs(params)) if "title=" in body or "tab=" in body else body


def _mkdocs_block(bang: re.Match[str], inner: str) -> str:
    """Return an MkDocs content tab as its title in bold over what it holds (each tab under its
    title, one after another), an admonition as a quote headed by its title (Markdown: MkDocs
    reads its links and emphasis; ``!!! note ""``: none at all), else by its kind."""
    if bang.re.pattern == _MKDOCS_TAB.pattern:
        return f"\n**{bang.group(1)}**\n\n{inner.strip(chr(10))}\n"  # (Markdown, as MkDocs reads it)
    title = bang.group(2)
    return quote(escape(bang.group(1).capitalize()) if title is None else title, inner, markdown=True)


def labelled_tabs(params: Mapping[str, Any] | None) -> bool:
    """Return whether an MkDocs site's fences' ``tab="..."`` are SuperFences' tabs, labelled: not
    where the site pins pymdown-extensions 8.0 or later (`stagemap.read.pymdownpin`), which
    dropped them; where it pins none, they are taken as the site meant them."""
    site = params.get(SITE_PARAMS) if params else None
    return not (isinstance(site, Mapping) and site.get(NO_LEGACY_TABS))


MOST_NESTED_NOTES = 8
"""How deep blocks inside blocks are read (a page of blocks never closed nests one in each)."""


def _indented_end(lines: list[str], start: int, indent: str = "") -> int:
    """Return the index past the lines indented past ``indent`` (blank ones inside included) after ``start``."""
    end = start + 1
    while end < len(lines) and (
        lines[end].startswith((indent + "    ", indent + "\t")) or not lines[end].strip()
    ):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end
