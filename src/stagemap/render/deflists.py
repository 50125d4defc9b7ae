"""Definition lists (Hugo's goldmark, Jekyll's kramdown, MkDocs' ``def_list``) as Markdown.

::

    `defaultContentLanguage`
    : (`string`) The project's default language.
      A second line of it.
    : A second definition.

Each line of the paragraph right above a line starting with ``:`` and a space (blank lines
between are allowed; kramdown takes one) is a term of its own, as goldmark, kramdown and
Python-Markdown all read it; which lines make that paragraph is each one's own way of splitting
a page into blocks (`stagemap.render.termlines`: ``## Options`` right above ends it, a list
item holds the lines under it). Each ``:`` line starts a definition (goldmark's at the line's
very start, the others' up to 3 spaces in), and the lines indented under it (or running on
without a blank line) continue it. A term becomes a paragraph in bold, and each definition a
paragraph of its own under it. Markdown has no definition lists; without this, the page showed
the colons as text and ran the terms into their definitions.

Where Hugo gives terms ids (``autoDefinitionTermID``: `stagemap.read.hugomarkup`), a term's
paragraph ends with `TERM`, which the renderer makes the term's id from its text, numbered with
the headings' in the page's order (`stagemap.render.markdown`), as goldmark does: a link to
``#matchers-1`` finds the heading under a term of the same name. Elsewhere a term has no id,
as on the live page (kramdown and Python-Markdown give none). A Hugo site with its
``definitionList`` extension off reads no definition lists: their lines stay as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..read.hugomarkup import definition_lists_read, term_ids
from .anchors import TERM
from .shortcodes import SITE_PARAMS
from .termlines import DEFINITION, DEFINITION_HUGO, paragraph_starts

_READING = frozenset({"hugo", "jekyll", "mkdocs"})
"""Generators whose Markdown has definition lists (goldmark, kramdown, MkDocs' def_list)."""


def definition_lists(text: str, generator: str = "hugo", params: Mapping[str, Any] | None = None) -> str:
    """Return ``text`` (no fenced code in it) with its definition lists as paragraphs, as the
    ``generator``'s Markdown reads them; ``params``: the page's, the site's among them."""
    site = params.get(SITE_PARAMS) if params else None
    hugo = generator == "hugo"
    if ":" not in text or generator not in _READING or (hugo and not definition_lists_read(site)):
        return text
    mark = f" {TERM}" if hugo and term_ids(site) else ""
    definition = DEFINITION_HUGO if hugo else DEFINITION
    lines = text.split("\n")
    starts = paragraph_starts(lines, generator)
    out: list[str] = []
    i = 0
    while i < len(lines):
        term_at = _term_above(lines, i, starts, generator)
        if term_at is None:
            out.append(lines[i])
            i += 1
            continue
        terms = [t.strip() for t in lines[term_at:i] if t.strip()]
        del out[len(out) - (i - term_at) :]  # the terms (and blank lines under them) go again, made
        for term in terms:
            # (A space before the mark: "**" before it would not close the bold after a "`".)
            out += ["", f"**{_closed(term)}**{mark}", ""]
        while i < len(lines) and (found := definition.match(lines[i])):
            body = [found.group(1).strip()]
            i += 1
            while i < len(lines) and lines[i].strip() and not definition.match(lines[i]):
                body.append(lines[i].strip())  # indented under it, or running on
                i += 1
            out += [" ".join(body), ""]
            while (
                i < len(lines)
                and not lines[i].strip()
                and i + 1 < len(lines)
                and definition.match(lines[i + 1])
            ):
                i += 1  # a blank line between two definitions of one term
    return "\n".join(out)


def _closed(term: str) -> str:
    """Return a term's text as it may stand before the ``**`` closing its bold: a backslash that
    ends it is text (nothing follows it in the term), so it is written escaped, not left to
    escape the ``*`` (``Back slash\\`` shows so, as in Hugo)."""
    ending = len(term) - len(term.rstrip("\\"))
    return term + "\\" if ending % 2 else term


def _term_above(lines: list[str], at: int, starts: list[int], generator: str) -> int | None:
    """Return the index of the first term whose first definition starts at ``at``, if it does:
    each line of the paragraph right above (``starts``: `paragraph_starts`) is a term, as
    goldmark (definition_list.go), kramdown (list.rb splits the paragraph's text at each line
    end) and Python-Markdown (def_list: ``sibling.text.split('\\n')``) read them. Blank lines
    between: any number but in kramdown, which takes one (its ``:blank`` of one line end)."""
    if not (DEFINITION_HUGO if generator == "hugo" else DEFINITION).match(lines[at]):
        return None
    above = at - 1
    blanks = 1 if generator == "jekyll" else at
    while above >= 0 and blanks and not lines[above].strip():
        above, blanks = above - 1, blanks - 1
    return starts[above] if above >= 0 and starts[above] >= 0 else None
