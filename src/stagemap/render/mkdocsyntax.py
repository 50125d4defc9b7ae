"""MkDocs' own syntax, turned into Markdown: generic blocks, included files, generated references.

Included files (``{! file.md !}``, ``{* file.py *}``, ``{% include-markdown "file.md" %}``
when it could not be shown) and references made from code
(``::: package.Class``) become placeholders (`mkdocs_inserts`); generic blocks (the
``pymdownx.blocks`` extensions) are held and turned as follows (`hold_slash_blocks`).

A block opens with a line of three or more slashes, its name and, after ``|``, its argument
(``/// note | Technical details``); lines indented four spaces right under it are its options
in YAML (``    type: warning``); it closes at a line of as many slashes alone (``///``). What
it holds is Markdown that is not indented, so a block of code may sit in it, and blocks nest:
an outer one usually has more slashes (``//// tab | Python`` around ``/// tip``), one with as
many is closed first. A block never closed runs to the end of the page, as the extension
reads it; blocks are read eight deep (`stagemap.render.dialects.MOST_NESTED`), deeper ones
left as written. In a
block of code, a line of slashes is code.

On the page here, as the live page shows them:

- ``admonition`` (its kind in the ``type`` option), ``details`` and any other name (``note``,
  ``tip``, ``warning``, a site's own kinds): a block quote headed by the argument in bold, or,
  without one, by the kind (``details``: "Details");
- ``tab``: its argument in bold, then what it holds, as for MkDocs' ``=== "Title"`` tabs;
- ``html``, ``caption``, ``figure-caption``, ``table-caption``, ``define`` and
  ``definition``: what it holds, as it stands (their tags and their place are the theme's).

Alerts and callouts that a plugin or extension the site's ``mkdocs.yml`` names makes
admonitions of (`stagemap.read.mkdocsalerts`; MkDocs alone shows a quote as written) are
shown as ``!!! note`` is, a block quote headed by the title, else the kind, in bold
(`alerts`):

- ``gh-admonitions``: a quote opening at the line's start with ``> [!NOTE]`` (``TIP``,
  ``IMPORTANT``, ``WARNING``, ``CAUTION``, in any case), a title after it or none, and at least
  one more line starting ``>``; the admonition holds the lines starting ``>`` (the next line
  that does not is a paragraph of its own). The plugin rewrites the page's text: an alert in
  another block (a list item, an admonition) stays as written.
- ``github-callouts``: the same kinds, with nothing after the kind, up to three spaces in, not
  right under a quoted line, and with text below (blank quoted lines between); no title.
- ``callouts``: a paragraph starting with a word in capitals and a colon (``NOTE: Text``,
  ``TODO:``, any such word: its kind), or a quoted line doing so (``> NOTE:``, ``>? NOTE:`` and
  ``>! NOTE:`` for a collapsible one), to the next blank line; bold text opening it
  (``NOTE: **Mind the gap.** Text``) is its title, without a last full stop.

The last two are block processors of Python-Markdown's, which reads a list item's blocks and an
admonition's as it reads the page's: a callout opening a list item (``- NOTE: Text``), or
indented in one, is an admonition in the item (`_nested_alert`), and one in an admonition is an
admonition in it (`stagemap.render.notes.notes` reads what a block holds with `alerts`).

Used by `stagemap.render.dialects` for ``generator: mkdocs`` alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ..lazyre import lazy
from ..read.markdowntext import anchor
from ..read.mkdocsalerts import EMOJI, INCLUDE_MARKDOWN
from ..read.mkdocsapi import API_PAGES
from .blocks import fence_after, indented, may_indent, quote
from .elements import placeholder
from .mkdocsincludes import DIRECTIVE
from .mkdocsmarks import emoji, syntaxes
from .shortcodes import SITE_PARAMS

_OPEN = lazy(
    r"^(?P<indent>[ \t]*)(?P<slashes>/{3,})[ \t]*(?P<name>[A-Za-z][\w-]*)(?:[ \t]*\|(?P<title>.*)|[ \t]*)$"
)
"""A block's opening line (its title taken as written, to the end of the line: no pattern here
backtracks over a long run of spaces)."""
_CLOSE = lazy(r"^[ \t]*(/{3,})[ \t]*$")
_OPTION = lazy(r"^ {4}([\w-]+)[ \t]*:(.*)$")
_STRONG = lazy(r"\*\*|__")
_AS_WRITTEN = frozenset({"html", "caption", "figure-caption", "table-caption", "define", "definition"})
"""Blocks whose content is shown as it stands."""


def hold_slash_blocks(text: str, clean_inner: Callable[[str], str], held: dict[str, str]) -> str:
    """Replace each outermost block by a token line; ``held`` maps the token to its Markdown.

    What a block holds is cleaned on its own (``clean_inner``: its code kept as code, its own
    blocks turned the same way), so that the blocks of code in it cannot split it.
    """
    lines = text.split("\n")
    out: list[str] = []
    fence, i = "", 0
    while i < len(lines):
        line = lines[i]
        was, fence = fence, fence_after(fence, line)
        opener = None if was or fence else _OPEN.match(line)
        if opener is None or not may_indent(lines, i, opener.group("indent")):
            out.append(line)
            i += 1
            continue
        end = _end(lines, i, len(opener.group("slashes")))
        options, start = _options(lines, i + 1, end)
        indent = opener.group("indent")
        content = "\n".join(
            line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in lines[start:end]
        )
        inner = clean_inner(content)
        token = f"\ue000{len(held)}\ue000"
        held[token] = indented(_shown(opener, options, inner).strip("\n"), opener.group("indent"))
        out += ["", token, ""]
        i = end + 1
    return "\n".join(out)


def _end(lines: list[str], start: int, slashes: int) -> int:
    """Return the index of the line closing the block opened at ``start`` (past the end: none)."""
    fence, depth = "", 0
    for j in range(start + 1, len(lines)):
        was, fence = fence, fence_after(fence, lines[j])
        if was or fence:
            continue
        closing = _CLOSE.match(lines[j])
        if closing and len(closing.group(1)) == slashes:
            if not depth:
                return j
            depth -= 1
        else:
            opening = _OPEN.match(lines[j])
            depth += bool(opening and len(opening.group("slashes")) == slashes)
    return len(lines)


def _options(lines: list[str], start: int, end: int) -> tuple[dict[str, str], int]:
    """Return the options right under a block's opening line, and the index of its first line of content."""
    options: dict[str, str] = {}
    while start < end:
        option = _OPTION.match(lines[start])
        if option is None:
            break
        options[option.group(1).lower()] = option.group(2).strip().strip("'\"")
        start += 1
    return options, start


def _shown(opener: re.Match[str], options: dict[str, str], inner: str) -> str:
    name = opener.group("name").lower()
    title = _STRONG.sub("", opener.group("title") or "").strip()  # the whole label is bold
    body = inner.strip("\n")
    if name in _AS_WRITTEN:
        return f"\n\n{body}\n\n"
    if name == "tab":
        return f"\n\n**{title or 'Tab'}**\n\n{body}\n\n"
    if name == "admonition":
        name = options.get("type", "") or "note"
    return quote(title or name.replace("-", " ").capitalize(), body, markdown=True, dedent=False)


_INCLUDE = lazy(r"^ {0,3}\{([!*])([^\n]*)$", re.M)
"""A file included where it stands, alone on its line: ``{! file.md !}`` (MkDocs' ``mdx_include``),
``{* file.py hl[3] *}`` (a variant of it that shows code)."""
_API = lazy(r"^((?:>[ \t]?)*) {0,3}:::[ \t]+([\w.:-]+)[ \t]*$(?:\n\1(?: {4}|\t)[^\n]*)*", re.M)
"""A reference to documentation generated from code (``::: package.module.Class``, MkDocs'
``mkdocstrings``), with the indented lines of its options; in a quote too (an admonition holding
one: Starlette's API pages)."""
_THEMED_IMAGE = lazy(
    r"!\[[^\[\]\n]{0,1000}\]\([^()\s]*#(?:only-dark|gh-dark-mode-only)(?:[ \t]+\"[^\"\n]*\")?\)(?:\{[^{}\n]*\})?"
)
"""An image Material for MkDocs shows only in its dark colour scheme (its light twin is beside it)."""


def mkdocs_inserts(text: str, params: Mapping[str, Any]) -> str:
    """Return ``text`` with MkDocs' included files and generated references as placeholders:
    the live page shows what another file holds, or what was made from code, there. An image
    for the dark colour scheme alone (``logo.png#only-dark``) is dropped: the page shows its twin.
    Material's icons that mark yes, no or none are those marks, the others left out (`icons`);
    where ``pymdownx.emoji`` is on, a known emoji shortcode is its emoji (`mkdocsmarks.emoji`).
    An include-markdown tag is a placeholder only where the site names the plugin."""
    if "{!" in text or "{*" in text:
        text = _INCLUDE.sub(_included, text)
    if "{%" in text and "include" in text and INCLUDE_MARKDOWN in syntaxes(params):  # a tag not read here
        text = DIRECTIVE.sub(lambda m: "\n" + placeholder(f"Included from {m.group(4).strip()}") + "\n", text)
    if ":::" in text:
        text = _API.sub(_reference, text)
    if "#only-dark" in text or "#gh-dark-mode-only" in text:
        text = _THEMED_IMAGE.sub("", text)
    if ":" in text and EMOJI in syntaxes(params):
        text = emoji(text)
    return icons(text) if ":" in text else text


_ICON = lazy(
    r":(material|octicons|fontawesome-solid|fontawesome-regular|fontawesome-brands|simple)-([a-z0-9-]+):([ \t]?)"
)
"""An icon of Material for MkDocs (``:material-check:``, ``:octicons-x-16:``): a picture on the
live page."""
ICON_MARKS = {"check": "\u2713", "minus": "\u2013", "dash": "\u2013"} | dict.fromkeys(
    ("close", "x", "xmark", "times"), "\u2717"
)
"""The icons a feature table marks its cells with, by the first word of their name, as text: ✓,
✗ and – (Material's check, close and minus, Octicons' check, x and dash, FontAwesome's check,
xmark or times and minus, with whatever follows: ``check-circle-outline``, ``x-16``)."""


def icons(text: str) -> str:
    """Return ``text`` with Material's icons that mark yes, no or none (`ICON_MARKS`) as those
    marks, the others left out (a space after one too): a table of marks showed empty cells."""
    return _ICON.sub(_icon, text)


def _icon(found: re.Match[str]) -> str:
    brand = found.group(1) in ("fontawesome-brands", "simple")  # (``fontawesome-brands-x-twitter``: a logo)
    mark = None if brand else ICON_MARKS.get(found.group(2).split("-", 1)[0])
    return mark + found.group(3) if mark else ""


_CROSS_REFERENCE = lazy(r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]\[([^\[\]\n]*)\](?!\()")
"""A reference link: ``[text][label]``, ``[label][]`` (not ``[x][y](url)``: ``[y](url)`` is a link)."""
_NAME = lazy(r"[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*|\x00\d+\x00")
"""A name in code (``pydantic.fields.Field``), or a code span held aside (`` `Field` ``)."""
_LINK_LABEL = lazy(r"^ {0,3}\[([^\[\]\n]+)\]:", re.M)


def link_labels(text: str) -> frozenset[str]:
    """Return the labels of the link reference definitions in ``text`` (``[x]: url``), folded as
    Markdown matches them."""
    return frozenset(" ".join(label.split()).casefold() for label in _LINK_LABEL.findall(text))


def cross_references(text: str, defined: frozenset[str], params: Mapping[str, Any]) -> str:
    """Return ``text`` with mkdocs-autorefs' cross-references as links or text: ``[`Field`][pydantic.fields.Field]``
    and ``[Model][]``, whose label names an object of the code that no definition in the page
    does, link to its reference on the live site. The page of the site whose generated
    reference (``::: pydantic.fields``) is the longest dotted start of the name is linked, at
    that reference's anchor (`stagemap.read.mkdocsapi`); for another name, its text alone."""
    site = params.get(SITE_PARAMS)
    found_pages = site.get(API_PAGES) if isinstance(site, Mapping) else None
    pages: Mapping[str, str] = found_pages if isinstance(found_pages, Mapping) else {}

    def text_of(found: re.Match[str]) -> str:
        label = found.group(2) or found.group(1)
        name = label.strip("`")
        if " ".join(label.split()).casefold() in defined or not _NAME.fullmatch(name):
            return found.group(0)
        known = _api_name(name, pages)
        return f"[{found.group(1)}](</{pages[known]}#{known}>)" if known is not None else found.group(1)

    return _CROSS_REFERENCE.sub(text_of, text)


def _api_name(name: str, pages: Mapping[str, str]) -> str | None:
    """Return the longest dotted start of ``name`` that a page's generated reference names, or None."""
    parts = name.split(".")
    held = (".".join(parts[:end]) for end in range(len(parts), 0, -1))
    return next((n for n in held if n in pages), None) if pages else None


def may_reference(body: str, site: Mapping[str, Any]) -> bool:
    """Whether ``body`` may hold a cross-reference of the site whose params are ``site``: never
    where the site has no generated reference (most have none: no body is searched then)."""
    found = site.get(API_PAGES)
    return isinstance(found, Mapping) and bool(found) and "][" in body


def api_links(body: str, site: Mapping[str, Any]) -> list[str]:
    """Return where each cross-reference of ``body`` links on the site whose params are ``site``
    (`cross_references`), for the page's key: the site's whole map of references is no part of
    every page's key, so that a ``:::`` written elsewhere re-renders only the pages whose links
    it changes."""
    if not may_reference(body, site):
        return []
    pages: Mapping[str, str] = site[API_PAGES]
    labels = {(m.group(2) or m.group(1)).strip("`") for m in _CROSS_REFERENCE.finditer(body)}
    known = ((name, _api_name(name, pages)) for name in sorted(labels) if _NAME.fullmatch(name))
    return [f"{name}\0{at}\0{pages[at]}" if at is not None else name for name, at in known]


def _reference(found: re.Match[str]) -> str:
    """Return a generated reference as its placeholder, under the anchor mkdocstrings gives it
    (its dotted name: links to ``api.md#package.module.Class`` land there, see `API_ID`)."""
    quoted, name = found.group(1), found.group(2)
    lines = ["", anchor(name), "", placeholder(f"Reference of {name}"), ""]
    return "\n".join(quoted + line if line else quoted.rstrip() for line in lines)


API_ID = lazy(r"h-[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
"""The id of a generated reference's anchor (``h-package.module``): a link to one of its
members (``#package.module.Class.method``), which only the live page lists, is taken to
land in it (a heading's id that looks like a name, ``h-install``, is taken so too: a link to
``#install.x`` is rare enough)."""


def _included(line: re.Match[str]) -> str:
    """Return a line ``{! file !}`` (``{* file *}``) as its placeholder; any other line as it is."""
    mark, rest = line.group(1), line.group(2).rstrip(" \t")
    inner = rest[: -len(mark) - 1].split() if rest.endswith(mark + "}") else []
    if not inner or inner[0][0] in "!*":
        return line.group(0)
    return "\n" + placeholder(f"Included from {inner[0]}") + "\n"
