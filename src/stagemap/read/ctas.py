"""Find the links a page ends on: its calls to action, for a next step inferred when none is written."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from typing import Any

from ..lazyre import lazy
from .codespans import Paragraphs, Quiet
from .linklists import Menus, may_hold, reference_label
from .liquidlinks import live_addresses
from .templateengines import COMMENTED

MAX_LINKS = 3
"""How many of a body's last internal links an asset keeps."""
# Each pattern starts with a literal, so scanning a long body stays cheap.
_MARKDOWN = lazy(r"\]\(\s*<?([^)\s>]+)")
_HTML = lazy(r"(?:href|(?<![\w-])to)=[\"']([^\"']+)[\"']")
"""An HTML link's address, or a component's (``<Link to="/demo/">``, Docusaurus's and Gatsby's)."""
_EXTERNAL = lazy(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)
_OUTSIDE_OR_UNREAD = lazy(r"^(?:[a-z][a-z0-9+.-]*:|//|#|\{)", re.IGNORECASE)
"""`_EXTERNAL`, or a target a template engine leaves unread: ``{{ page.x }}``, ``{% link %}`` in raw."""
_DEFINED = lazy(
    r"^[ ]{0,3}+((?:>[ ]?+[ ]{0,3}+)*+)\[(?!\^)([^\[\]\n]++)\]:[ \t]*+(?:<([^\s<>]++)>|([^\s<>]++))"
    r"(?:[ \t]++(?:\"[^\"\n]*+\"|'[^'\n]*+'|\([^()\n]*+\)))?+[ \t]*+$",
    re.MULTILINE,
)
"""A link reference definition (``[demo]: /contact/``, in a quote too, with a title or none):
its quote marks, label and target; nothing else on its line (``[^1]: ...``, a footnote, is none)."""
_LABEL_TEXT = r"((?:[^\[\]\n]|\n(?![ \t>]*+\n))*+)"
"""A link's text or label: no bracket, no blank line (it may run over lines of its paragraph)."""
_REFERENCE = lazy(r"\[" + _LABEL_TEXT + r"\](?:\[" + _LABEL_TEXT + r"\])?")
"""A reference link's text, then its label in brackets (``[Book a demo][demo]``; ``[demo][]``
names its text), or nothing more (``[demo]``, a shortcut: a link where a definition names it)."""
_BARE_LINE = lazy(
    r"[ \t>]*+(?:#{1,6}+(?:[ \t][^\n]*+)?+|(?:[-*_][ \t]*+){3,}+|=++[ \t]*+|-++[ \t]*+|<[^\n]*+"
    r"|`{3,}+[^\n]*+|~{3,}+[^\n]*+|[^\n]*?-->[ \t]*+)?+$"
)
"""A line after which a definition may stand, one that ends no paragraph's text: blank (in a
quote too), an ATX heading, a rule or a setext heading's underline, HTML (a comment's line: a
``<!-- Links -->`` above the definitions), a fence."""
_DEFINES = lazy(r"\]:")
"""Whether a body may hold a link reference definition (the regex engine tells ``]:`` is absent
faster than ``in``: 4.5 against 6.8 us on a body of the benchmark)."""
_FENCE = lazy(r"^([ \t>]*)(`{3,}|~{3,})([^\n]*)$", re.MULTILINE)
"""A line that may open or close a fenced code block (in a list or a quote too): what stands
before its fence, the fence, then the rest of the line (an opening's info, which for backticks
holds none)."""


def cta_links(body: str, engine: str = "") -> tuple[str, ...]:
    """Return the targets of the body's last `MAX_LINKS` internal links, last first, each once.

    Internal means a route or a relative path: not ``http(s):``, ``mailto:`` or another scheme,
    and not an anchor on the same page. A reference link (``[Book a demo][demo]``, ``[demo][]``,
    ``[demo]``) counts where it stands, leading where its definition (``[demo]: /contact/``) says,
    as every Markdown engine reads it. Images (``![...](...)``), fenced code, code spans and
    HTML comments are left out, and so is a menu (`stagemap.read.linklists`) with all before
    it: a page that closes on a list of links names no one next step.
    ``engine``: the template engine that runs over the page, on a Jekyll or Eleventy site
    (`stagemap.read.templateengines.page_engine`): an address it writes is read as the build
    reads it (`stagemap.read.liquidlinks.live_addresses`: ``{% link about.md %}`` is
    ``/about.md``; nothing in a comment, a raw block's text as written), and a target it leaves
    unread (``{{ page.x }}``, a raw block's ``{% link %}``) is none.
    """
    if "\r" in body:  # (a line ends at CR LF or CR as at LF: paragraphs, lists, tables)
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    if engine and ("{{" in body or "{%" in body or "{#" in body):
        body = live_addresses(body, engine in COMMENTED)
    # A character's absence is told at once (memchr); a string's costs a pass over the body.
    if ("`" in body and "```" in body) or ("~" in body and "~~~" in body):
        body = _outside_fences(body)
    outside = _OUTSIDE_OR_UNREAD if engine else _EXTERNAL
    marks = list(_MARKDOWN.finditer(body)) if "](" in body else []
    paragraphs = Paragraphs(body)
    shown = _Shown(body, outside, paragraphs)
    refs, labels = _references(body, shown) if _DEFINES.search(body) else ([], frozenset[str]())
    tagged = "=" in body and ("href=" in body or "to=" in body)
    last = _merged(body, marks, shown, refs) if refs or tagged else _last_marked(body, marks, shown)
    if not last or not may_hold(body, body.rfind("\n\n", 0, last[-1][0])):
        return tuple(href for _, href in last)  # (most bodies: no item from the earliest link on)
    menus = Menus(body, paragraphs, labels)
    kept = next((at for at, (start, _) in enumerate(last) if menus.holds(start)), len(last))
    return tuple(href for _, href in last[:kept])


def hero_action(front: Mapping[str, Any]) -> tuple[int, str, str] | None:
    """Return (its index, text, link) of the call to action a Starlight page's hero declares in
    its front matter (``hero: {actions: [{text, link, variant}]}``): its primary action (one
    naming no ``variant`` is primary, as Starlight draws it), else its first; None without one."""
    hero = front.get("hero")
    actions = hero.get("actions") if isinstance(hero, dict) else None
    if not isinstance(actions, list):
        return None
    usable = [
        (at, action)
        for at, action in enumerate(actions)
        if isinstance(action, dict) and isinstance(action.get("link"), str) and action["link"].strip()
    ]
    if not usable:
        return None
    at, action = next(((at, a) for at, a in usable if a.get("variant", "primary") == "primary"), usable[0])
    text = action.get("text")
    return at, " ".join(text.split()) if isinstance(text, str) else "", action["link"].strip()


def with_hero_link(links: tuple[str, ...], link: str) -> tuple[str, ...]:
    """Return a body's ``links`` (`cta_links`) with a hero's action ``link`` first, when it is
    internal: the call to action a page opens on, before the ones its body closes on."""
    if _EXTERNAL.match(link):
        return links
    return (link, *(href for href in links if href != link))[:MAX_LINKS]


def _outside_fences(body: str) -> str:
    """Return ``body`` without its fenced code blocks: a link shown as code is no link. A block
    ends at a line of its fence's character at least as long, with nothing after it, written
    after what its opening was (the same indentation, the same quote marks); one never closed
    so is left in (kramdown and Python-Markdown read no block there): a link lost costs more
    than a link in code kept."""
    pieces, at = [], 0
    opening: re.Match[str] | None = None
    for line in _FENCE.finditer(body):
        before, fence, rest = line.group(1, 2, 3)
        if opening is None:
            # Four columns in with no quote or item around it, a fence line is indented code.
            indented = ">" not in before and len(before.expandtabs(4)) >= 4
            if not indented and not (fence[0] == "`" and "`" in rest):
                opening = line
        elif (
            before == opening.group(1)  # (a fence in a list item or a quote closes there: in doubt, none)
            and fence[0] == opening.group(2)[0]
            and len(fence) >= len(opening.group(2))
            and not rest.strip()
        ):
            pieces.append(body[at : opening.start()])
            at, opening = line.end(), None
    return "\n".join([*pieces, body[at:]]) if pieces else body


def _image(body: str, start: int) -> bool:
    """Return True if the ``](`` at ``start`` closes an image's text (``![...](...)``)."""
    opening = body.rfind("[", 0, start)
    return opening > 0 and body[opening - 1] == "!"


class _Shown:
    """Which links of a body are kept: those that lead within the site (``outside`` tells the
    others apart at once), once each, and show (not in a code span or comment)."""

    def __init__(self, body: str, outside: re.Pattern[str], paragraphs: Paragraphs) -> None:
        self.body = body
        self.outside = outside.match
        self.paragraphs = paragraphs
        self.quiet: Quiet | None = None

    def kept(self, at: int, href: str, last: list[tuple[int, str]]) -> bool:
        """Return True if the link to ``href`` at offset ``at``, within the site, is to be kept
        after those ``last`` kept: another target, not in code nor a comment."""
        if any(href == seen for _, seen in last):
            return False
        return not self.hidden(at)

    def hidden(self, at: int) -> bool:
        """Return True if offset ``at`` is in a code span or an HTML comment."""
        if self.quiet is None:  # made for the first link kept: most links lead out
            self.quiet = Quiet(self.body, self.paragraphs)
        return self.quiet.holds(at)


def _last_marked(body: str, marks: list[re.Match[str]], shown: _Shown) -> list[tuple[int, str]]:
    """`cta_links` for a body with Markdown links only, each with where it stands: found in
    order, it is walked from the end and stops at the last few (a body holds a dozen links,
    most of them leading out of the site)."""
    last: list[tuple[int, str]] = []
    for match in reversed(marks):
        href = match.group(1)
        if shown.outside(href) or _image(body, match.start()) or not shown.kept(match.start(), href, last):
            continue
        last.append((match.start(), href))
        if len(last) == MAX_LINKS:
            break
    return last


def _merged(
    body: str, marks: list[re.Match[str]], shown: _Shown, refs: list[tuple[int, str]]
) -> list[tuple[int, str]]:
    """`_last_marked` for a body with HTML or reference links (``refs``, see `_references`) too:
    every kind in the order they stand."""
    found = [(m.start(), m.group(1)) for m in marks if not _image(body, m.start())]
    found += [(m.start(), m.group(1)) for m in _HTML.finditer(body)] + refs
    last: list[tuple[int, str]] = []
    for at, href in sorted(found, reverse=True):
        if not shown.outside(href) and shown.kept(at, href, last):
            last.append((at, href))
            if len(last) == MAX_LINKS:
                break
    return last


def _references(body: str, shown: _Shown) -> tuple[list[tuple[int, str]], frozenset[str]]:
    """Return each reference link of ``body`` whose label a definition of it names (the first
    one, as CommonMark reads two), with where it stands and that definition's target, and the
    labels defined. A definition counts on a line of its own after another definition or a
    line that is no paragraph's text (`_BARE_LINE`: one cannot break into a paragraph), not in
    a comment or code span. Not a link: an image's reference (``![logo][img]``), an escaped
    bracket, anything on a definition's own line."""
    defined: dict[str, str] = {}
    lines: list[tuple[int, int]] = []  # each definition's line
    for match in _DEFINED.finditer(body):
        start = match.start()
        above = body.rfind("\n", 0, max(start - 1, 0)) + 1
        after_definition = bool(lines) and lines[-1][1] + 1 == start
        if start and not after_definition and not _BARE_LINE.match(body, above, start - 1):
            continue
        if shown.hidden(match.start(2)):
            continue
        lines.append((start, match.end()))
        defined.setdefault(reference_label(match.group(2)), match.group(3) or match.group(4))
    found: list[tuple[int, str]] = []
    if not defined:
        return found, frozenset()
    starts = [start for start, _ in lines]
    for match in _REFERENCE.finditer(body):
        at = match.start()
        if body.startswith("(", match.end()) or (at and body[at - 1] == "!") or _escaped(body, at):
            continue
        line = bisect.bisect_right(starts, at) - 1
        if line >= 0 and at < lines[line][1]:
            continue  # a definition's label or title
        text, label = match.group(1, 2)
        target = defined.get(reference_label(label or text))  # (``[x][nope]``, its label undefined, is text)
        if target is not None:
            found.append((at, target))
    return found, frozenset(defined)


def _escaped(body: str, at: int) -> bool:
    """Return True if the character at ``at`` is escaped: an odd run of backslashes before it."""
    run = at
    while run and body[run - 1] == "\\":
        run -= 1
    return (at - run) % 2 == 1
