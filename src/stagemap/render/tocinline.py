"""Docusaurus's ``<TOCInline toc={toc} />``: the page's own table of contents, where it is written.

The theme's component lists the page's headings from ``minHeadingLevel`` to ``maxHeadingLevel``
(2 and 3 unless the element says otherwise), each a link to its heading, a level below nested
under the one above. `inline_tocs` writes that list in Markdown in the element's place; its
links name each heading's id as Docusaurus makes it (its own ``{#id}``, else GitHub's slug of
its text), which the site's links to headings then find. An element listing something else
(``toc={toc.filter(...)}``) stays as it is (a placeholder).
"""

from __future__ import annotations

import re

from ..lazyre import lazy
from .blocks import hold_fences, put_fences_back
from .headingids import site_slug

_ELEMENT = lazy(r"^([ \t]*)<TOCInline\b([^<>]*?)/>[ \t]*$", re.M)
_OWN_TOC = lazy(r"\btoc\s*=\s*\{\s*toc\s*\}")
_LEVEL = lazy(r"""\b(min|max)HeadingLevel\s*=\s*\{?\s*['"]?([1-6])\b""")
_HEADING = lazy(r"^ {0,3}(#{1,6})[ \t]+(\S(?:.*?\S)??)(?:[ \t]+#+)?[ \t]*$", re.M)
"""An ATX heading and its title; the title ends on a non-space, so a run of spaces is read once."""
_OWN_ID = lazy(r"[ \t]*\\?\{#([^\s{}]+)\}$")
_LINK = lazy(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = lazy(r"[`*]|<[^<>]+>")


def inline_tocs(text: str) -> str:
    """Return a Docusaurus page's ``text`` with each ``<TOCInline toc={toc} />`` alone on its line
    as the list of headings it shows (see the module docstring)."""
    if "<TOCInline" not in text:
        return text
    held: dict[str, str] = {}
    body = hold_fences(text, held, deep=True)  # (a heading in code is none)
    headings = [(len(m.group(1)), m.group(2)) for m in _HEADING.finditer(body)]

    def listed(found: re.Match[str]) -> str:
        if not _OWN_TOC.search(found.group(2)):
            return found.group(0)
        levels = {"min": 2, "max": 3} | {m.group(1): int(m.group(2)) for m in _LEVEL.finditer(found.group(2))}
        shown = [(level, title) for level, title in headings if levels["min"] <= level <= levels["max"]]
        lines = [
            f"{found.group(1)}{'  ' * (level - levels['min'])}- {_entry(title)}" for level, title in shown
        ]
        return "\n".join(lines)

    return put_fences_back(_ELEMENT.sub(listed, body), held)


def _entry(title: str) -> str:
    """Return a heading's entry: its text as a link to its id."""
    own = _OWN_ID.search(title)
    title = title[: own.start()] if own else title
    text = _LINK.sub(r"\1", title).strip()
    return f"[{text}](#{own.group(1) if own else site_slug(_MARKS.sub('', text))})"
