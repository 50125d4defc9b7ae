"""Definition lists (Hugo's goldmark, Jekyll's kramdown, MkDocs' ``def_list``) as Markdown.

::

    `defaultContentLanguage`
    : (`string`) The project's default language.
      A second line of it.
    : A second definition.

A term is a line of text right above a line starting with ``:`` and a space (a blank line
between is allowed); each such line starts a definition, and the lines indented under it (or
running on without a blank line) continue it. The term becomes a paragraph in bold, with an
anchor named after it (Hugo names a term's place that way: ``#defaultcontentlanguage``), and
each definition a paragraph of its own under it. Markdown has no definition lists; without
this, the page showed the colons as text and ran the terms into their definitions.
"""

from __future__ import annotations

from ..lazyre import lazy
from .anchors import anchor
from .markdown import site_slug

_DEFINITION = lazy(r"^ {0,3}:[ \t]+(\S.*)$")
_NOT_A_TERM = lazy(r"^(?: {4}|\t| {0,3}(?:[-*+>#|:]|\d{1,9}[.)]|```|~~~|<|\ue000))")
"""Lines that are no term: indented code, list items, quotes, headings, tables, fences, tags,
another definition, a held piece of code."""
_MARKS = lazy(r"[`*_]|\\(?=[^\w\s])")


def definition_lists(text: str) -> str:
    """Return ``text`` (no fenced code in it) with its definition lists as paragraphs."""
    if ":" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        term_at = _term_above(lines, i)
        if term_at is None:
            out.append(lines[i])
            i += 1
            continue
        del out[len(out) - (i - term_at) :]  # the term (and a blank line under it) go again, made
        term = lines[term_at].strip()
        plain = _MARKS.sub("", term)
        # (A space before the anchor's mark: "**" before it would not close the bold after a "`".)
        out += ["", f"**{term}** {anchor(site_slug(plain))}" if plain.strip() else term, ""]
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


def _term_above(lines: list[str], at: int) -> int | None:
    """Return the index of the term whose first definition starts at ``at``, if it does."""
    if not _DEFINITION.match(lines[at]):
        return None
    above = at - 1
    if above >= 0 and not lines[above].strip():
        above -= 1  # one blank line between a term and its definition
    if above < 0 or not lines[above].strip() or _NOT_A_TERM.match(lines[above]):
        return None
    if above > 0 and lines[above - 1].strip():
        return None  # the last line of a paragraph, not a term of its own
    return above
