"""Hugo's section pages that hold prose of their own: pages, not listings.

Hugo serves a section's ``_index.md`` at the section's address, above the list of the pages in
it. Most say a line or two there, or nothing, and are listings (the preset's ``listing`` globs);
some are a whole page of their own (KEDA's docs explain their concepts in
``concepts/_index.md``, about 1,150 words, with the section's pages below). A section page
whose body holds more than `PROSE_WORDS` words of prose is read as an asset like any page, at
the section's address; a shorter or empty one stays a listing. Prose is the text of paragraphs
and headings: lists (a table of contents as links), tables, code, HTML comments, tags and
shortcodes' own tags are not counted, nor link addresses. Where a site names its own
``listing`` globs in ``non_assets``, those decide alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..errors import Problem
from ..lazyre import lazy
from ..model.settings import ReadRules
from . import frontmatter
from .htmlpage import HTML_PAGE_ENDINGS
from .presets import preset_front_matter, preset_non_assets
from .sources import Scan, ToRead

PROSE_WORDS = 50
"""A section page with more words of prose than this in its body is a page of its own."""

_HIDDEN = lazy(r"<!--.*?-->|<(script|style|pre|table|ul|ol)\b.*?</\1\s*>", re.S | re.I)
"""Parts of a body that are no prose: comments, scripts, styles, and in HTML preformatted
text, tables and lists."""
_NOT_PROSE = lazy(r"[ \t]|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|\||\[[^\]]*\]:")
"""The start of a line that is no prose: indented (code, or a list item's own lines), a list
item, a table row, a link's definition."""
_MARKS = lazy(r"\{\{[<%].*?[%>]\}\}|<[^>\n]*>|\]\([^)\n]*\)|https?://\S+", re.S)
"""Shortcodes' tags, HTML tags, a link's address and title, bare addresses: none of them is read."""
_CJK = lazy(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Characters of a language written without spaces between words (Chinese, Japanese), each
counted as a word, as Hugo counts them."""
_WORD = lazy(r"[^\W_]+(?:['’.-][^\W_]+)*")

Read = Callable[[ToRead], "bytes | Problem | None"]
"""How a section's bytes are read (from disk, or a revision's blob)."""


def with_section_pages(found: Scan, rules: ReadRules, read: Read) -> Scan:
    """Return ``found`` with each section page that is a listing by the preset's globs alone and
    holds prose (`prose_words`) moved from the listings to the files read as assets."""
    if rules.generator != "hugo" or not found.sections or not _preset_listings(rules):
        return found
    listings = {f.path for f in found.fates if f.fate == "non-asset" and f.kind == "listing"}
    syntaxes = preset_front_matter(rules.generator, bool(rules.old_hugo))
    pages = [
        item
        for item in found.sections
        if item.rel in listings and prose_words(read(item), syntaxes, item.sub) > PROSE_WORDS
    ]
    if not pages:
        return found
    moved = {item.rel for item in pages}
    return replace(
        found,
        to_read=tuple(sorted((*found.to_read, *pages), key=_rel)),
        fates=tuple(f for f in found.fates if f.path not in moved),
    )


def prose_words(data: bytes | Problem | None, syntaxes: tuple[str, ...], name: str = "") -> int:
    """Return how many words of prose the body of a file's ``data`` holds (0: none can be read);
    ``name``: its path, whose ending says whether it is written in HTML."""
    if not isinstance(data, bytes):
        return 0
    try:
        body = frontmatter.split(data, syntaxes).body
    except frontmatter.SplitProblem as problem:
        if problem.code != frontmatter.NO_FRONT_MATTER:
            return 0
        body = frontmatter.decode(data)[0]
    body = _HIDDEN.sub(" ", body.replace("\r\n", "\n"))
    if not name.lower().endswith(HTML_PAGE_ENDINGS):
        body = "\n".join(_prose_lines(body.split("\n")))
    text = _MARKS.sub(" ", body)
    return len(_CJK.findall(text)) + len(_WORD.findall(_CJK.sub(" ", text)))


def _prose_lines(lines: list[str]) -> list[str]:
    """Return the lines of a Markdown body that are prose: outside fenced code, none of `_NOT_PROSE`."""
    kept: list[str] = []
    fence = ""
    for line in lines:
        start = line.lstrip(" \t")[:3]
        if fence or start in ("```", "~~~"):
            fence = "" if fence and start == fence else fence or start
            continue
        if line.strip() and not _NOT_PROSE.match(line):
            kept.append(line)
    return kept


def _preset_listings(rules: ReadRules) -> bool:
    """Whether the site's listings are the preset's (no ``non_assets`` setting names its own)."""
    return dict(rules.non_assets).get("listing") == dict(preset_non_assets(rules.generator)).get("listing")


def _rel(item: ToRead) -> str:
    return item.rel
