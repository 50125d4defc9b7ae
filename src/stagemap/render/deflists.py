"""Definition lists (Hugo's goldmark, Jekyll's kramdown, MkDocs' ``def_list``) as Markdown.

::

    `defaultContentLanguage`
    : (`string`) The project's default language.
      A second line of it.
    : A second definition.

A term is a line of text right above a line starting with ``:`` and a space (a blank line
between is allowed); each such line starts a definition, and the lines indented under it (or
running on without a blank line) continue it. On a Hugo site each line of a paragraph right
above is a term of its own, as goldmark reads them (elsewhere the paragraph stays one, its
colon as written). A term becomes a paragraph in bold, and each definition a paragraph of its
own under it. Markdown has no definition lists; without this, the page showed the colons as
text and ran the terms into their definitions.

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

from ..lazyre import lazy
from ..read.hugomarkup import definition_lists_read, term_ids
from .anchors import TERM
from .shortcodes import SITE_PARAMS

_DEFINITION = lazy(r"^ {0,3}:[ \t]+(\S.*)$")
_NOT_A_TERM = lazy(r"^(?: {4}|\t| {0,3}(?:[-*+>#|:]|\d{1,9}[.)]|```|~~~|<|\ue000))")
"""Lines that are no term: indented code, list items, quotes, headings, tables, fences, tags,
another definition, a held piece of code."""
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
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        term_at = _term_above(lines, i, hugo)
        if term_at is None:
            out.append(lines[i])
            i += 1
            continue
        terms = [t.strip() for t in lines[term_at:i] if t.strip()]
        del out[len(out) - (i - term_at) :]  # the terms (and a blank line under them) go again, made
        for term in terms:
            # (A space before the mark: "**" before it would not close the bold after a "`".)
            out += ["", f"**{term}**{mark}", ""]
        while i < len(lines) and (found := _DEFINITION.match(lines[i])):
            body = [found.group(1).strip()]
            i += 1
            while i < len(lines) and lines[i].strip() and not _DEFINITION.match(lines[i]):
                body.append(lines[i].strip())  # indented under it, or running on
                i += 1
            out += [" ".join(body), ""]
            while (
                i < len(lines)
                and not lines[i].strip()
                and i + 1 < len(lines)
                and _DEFINITION.match(lines[i + 1])
            ):
                i += 1  # a blank line between two definitions of one term
    return "\n".join(out)


def _term_above(lines: list[str], at: int, many: bool) -> int | None:
    """Return the index of the first term whose first definition starts at ``at``, if it does;
    with ``many``, each line of the paragraph above is a term (else only a paragraph of one line)."""
    if not _DEFINITION.match(lines[at]):
        return None
    above = at - 1
    if above >= 0 and not lines[above].strip():
        above -= 1  # one blank line between a term and its definition
    if above < 0 or not lines[above].strip() or _NOT_A_TERM.match(lines[above]):
        return None
    while above > 0 and lines[above - 1].strip():
        if not many or _NOT_A_TERM.match(lines[above - 1]):
            return None  # the last line of a paragraph, not a term of its own
        above -= 1  # (a line that stops the walk is no term: each line is walked once or twice)
    return above
