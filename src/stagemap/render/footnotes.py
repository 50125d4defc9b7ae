"""Footnotes as the live page shows them: numbered in the order of their references, listed at
the end of the body, with the ids each generator's Markdown gives notes and references."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

from ..lazyre import lazy
from ..read.markdowntext import anchor
from .blocks import fence_after

_FOOTNOTE_DEF = lazy(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_FOOTNOTE_REF = lazy(r"(`+)(?:(?!\1).)+?\1|\[\^([^\]\s]+)\]")
"""A code span (left as it is) or a footnote reference ``[^label]``."""
_SUPERSCRIPT = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


_MARKS = frozenset("*_[`!<\\~{")
"""What a Markdown mark (emphasis, a link, code, an escape) or a template tag (made a placeholder) may start with."""


def footnote_ids(generator: str, label: str, number: int) -> tuple[str, str]:
    """Return the ids a ``generator``'s Markdown gives the note ``label`` (numbered ``number``)
    and its first reference: Hugo's ``fn:1``, Jekyll's and MkDocs' ``fn:label``, MDX's
    ``user-content-fn-label``, Eleventy's ``fn1``."""
    if generator == "hugo":
        return f"fn:{number}", f"fnref:{number}"
    if generator in ("jekyll", "mkdocs"):
        return f"fn:{label}", f"fnref:{label}"
    if generator == "eleventy":
        return f"fn{number}", f"fnref{number}"
    lower = label.lower()
    return f"user-content-fn-{lower}", f"user-content-fnref-{lower}"


def _numbered(lines: list[str], number: Callable[[re.Match[str]], str]) -> str:
    """Return ``lines`` joined, their footnote references outside fenced code given to ``number``."""
    out, fence = [], ""
    for line in lines:
        was, fence = fence, fence_after(fence, line)
        out.append(_FOOTNOTE_REF.sub(number, line) if "[^" in line and not (was or fence) else line)
    return "\n".join(out)


def footnotes(text: str, generator: str = "") -> str:
    """Number footnotes as the live page does: ``[^label]`` becomes a superscript number, the
    notes go to the end of the body, numbered in the order of their first reference (in the
    body, then in the notes listed before); each note and reference has the id the
    ``generator``'s Markdown gives it (`footnote_ids`), so that links to them work.

    A definition is a ``[^label]: text`` line and the lines after it up to a blank line, and
    any indented paragraphs after that. Notes never referenced are dropped, as the live page
    drops them; a reference to a note that does not exist stays as written. Code is untouched.
    """
    kept: list[str] = []
    notes: dict[str, list[str]] = {}
    fence, current = "", None
    for line in text.split("\n"):
        was, fence = fence, fence_after(fence, line)
        found = None if (was or fence) else _FOOTNOTE_DEF.match(line)
        if found:
            current = notes.setdefault(found.group(1), [])
            current.append(found.group(2))
            continue
        if current is not None and not (was or fence):
            indented = line.startswith(("    ", "\t"))
            if not line.strip() or indented or current[-1].strip():  # blank, indented, or lazy
                current.append(line[4:] if line.startswith("    ") else line.removeprefix("\t"))
                continue
            kept.append("")  # the note ended: what follows is a paragraph of its own
        current = None
        kept.append(line)
    if not notes:
        return text
    order: dict[str, int] = {}
    labels: list[str] = []  # in the order numbered

    def number(match: re.Match[str]) -> str:
        label = match.group(2)
        if label is None or label not in notes:
            return match.group(0)
        first = label not in order
        if first:
            order[label] = len(order) + 1
            labels.append(label)
        mark = anchor(footnote_ids(generator, label, order[label])[1]) if first else ""
        return mark + str(order[label]).translate(_SUPERSCRIPT)

    body = _numbered(kept, number)
    listed: list[str] = []
    for label in labels:  # grows as the notes' own references are numbered
        n = order[label]
        inner = _numbered("\n".join(notes[label]).strip("\n").split("\n"), number)
        # A space after the mark when the note starts with a mark of its own (emphasis, a link):
        # right after the anchor's mark, a '*' would open no emphasis.
        mark = anchor(footnote_ids(generator, label, n)[0]) + (" " if inner.lstrip()[:1] in _MARKS else "")
        listed.append(f"{n}. {mark}" + textwrap.indent(inner, "   ").lstrip())
    return body.rstrip("\n") + ("\n\n---\n\n" + "\n".join(listed) + "\n" if listed else "\n")
