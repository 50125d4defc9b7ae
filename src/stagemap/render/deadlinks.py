"""Links in asset bodies that lead nowhere, or to a part of a page it does not have, as
`check --links` reports them.

Each body is rendered as its page on the site renders it (`stagemap.render.site.asset_body`:
the same partials, dialects and link rules), so a link is reported here exactly when the
built page shows it as text marked "Link target not found". Each is placed where its address is
written (or percent-decoded) as a link's address (``](x.md``, ``[ref]: x.md``, ``href="x.md"``,
``ref "x.md"``) not yet claimed by an earlier link, never in code or (on a site read in place)
an HTML comment; a
reference used twice is placed at its definition for both; else where the address is written
at all; else at the body's first line: a link a partial or a shortcode brings in is not in the
file's text.

A link to a part of an asset's page (``options.md#quotes``) whose body has no element of that
id (its headings, and any other element with an ``id``) is reported too, at the place its
``#part`` is written: on the built page the link opens the page at its top.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from urllib.parse import unquote

from ..analyse.site import LinkPlan, plan_links
from ..errors import Problem
from ..model.library import Asset, Library
from ..model.settings import Config
from ..read.attachments import linkable, site_root_files
from .anchors import HEADING_PREFIX
from .site import asset_body

HINT = "point it at a content file, a page's route or a file in the site's static folders"
PART_HINT = "link to one of that page's headings, or leave out the '#' and what follows it"

Facts = tuple[list[Problem], frozenset[str], tuple[tuple[str, str], ...]]
"""What rendering one body tells: its links that lead nowhere, the ids of its elements, and
each of its links to a part of a page: (that page's path in the site, the part's id)."""
Spread = Callable[[Callable[[str], Facts], Sequence[str]], Iterable[Facts]]
"""Maps a function over asset ids, in order (the CLI spreads the work over processors)."""

_ID = re.compile(r'\sid="([^"]+)"')
_PART = re.compile(r'<a href="([^"#:]*)#([^"]+)"')


def dead_links(config: Config, library: Library, spread: Spread | None = None) -> tuple[Problem, ...]:
    """Return a warning for each link in the bodies of ``library``'s assets that leads nowhere
    or to a part of an asset's page that is not there; ``spread`` renders the bodies."""
    links = link_plan(config, library)
    ids = [item.id for item in library.assets]
    work = _Facts(config, links, library.by_id)
    facts = dict(zip(ids, (spread or map)(work, ids), strict=True))
    return tuple(p for found in facts.values() for p in found[0]) + tuple(
        missing_parts(library, links, facts)
    )


class _Facts:
    """`body_facts` of an asset by its id (a callable a worker can be handed)."""

    def __init__(self, config: Config, links: LinkPlan, by_id: Mapping[str, Asset]) -> None:
        self.config, self.links, self.by_id = config, links, by_id

    def __call__(self, asset_id: str) -> Facts:
        return body_facts(self.config, self.links, self.by_id[asset_id])


def body_facts(config: Config, links: LinkPlan, item: Asset) -> Facts:
    """Return what rendering ``item``'s body tells (see `Facts`)."""
    made = asset_body(config, links, item).rendered
    # An HTML comment is shown as text (links in it working) only in stagemap's own format.
    comments = bool(config.rules.generator) or config.allow_html
    problems = placed(item, made.broken, comments=comments) if made.broken else []
    ids = frozenset(html.unescape(i) for i in _ID.findall(made.html))
    here = links.paths[item.id]
    parts = []
    for href, part in _PART.findall(made.html):
        path = unquote(html.unescape(href))
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path)) if path else here
        parts.append((target, unquote(html.unescape(part))))
    return problems, ids, tuple(parts)


def missing_parts(library: Library, links: LinkPlan, facts: Mapping[str, Facts]) -> list[Problem]:
    """Return a warning for each link to a part of an asset's page that its body lacks."""
    pages = {page: asset_id for asset_id, page in links.paths.items()}
    problems = []
    for item in library.assets:
        wanted = [(pages[page], part) for page, part in facts[item.id][2] if page in pages]
        missing = [(other, part) for other, part in wanted if part not in facts[other][1]]
        if not missing:
            continue
        code, claimed = _code_spans(item.body, True), set[int]()
        for other, part in missing:
            name = part.removeprefix(HEADING_PREFIX)
            start, shown = _address_at(item.body, _where_part(item.body, name, code, claimed), name)
            line, col = _at(item, start), _column(item.body, start)
            where = "this page" if other == item.id else f"'{library.by_id[other].title}'"
            message = f"link to '{shown}' finds no heading '{name}' on {where}"
            problems.append(Problem(item.path, line, col, "warning", message, PART_HINT, "dead-part"))
    return problems


def _where_part(body: str, name: str, code: list[tuple[int, int]], claimed: set[int]) -> int:
    """Return where ``#name`` ends a link's address in ``body`` outside ``code``, not yet
    ``claimed`` if it can; -1 when it is not written there."""
    pattern = re.compile(rf"#{re.escape(name)}(?=[)>\"'`}}\s]|$)", re.M)
    found = [m.start() for m in pattern.finditer(body) if not _inside(m.start(), code)]
    index = next((i for i in found if i not in claimed), found[0] if found else -1)
    if index >= 0:
        claimed.add(index)
    return index


def _address_at(body: str, index: int, name: str) -> tuple[int, str]:
    """Return where the address ending in the ``#name`` at ``index`` starts (after the ``(``,
    ``<``, quote or space before it) and the address; (-1, ``#name``) when it is not in the text."""
    if index < 0:
        return -1, f"#{name}"
    start = max(body.rfind(c, 0, index) for c in "(<\"' \t\n") + 1
    return start, body[start : index + 1 + len(name)]


def _at(item: Asset, index: int) -> int:
    return item.body_line + (item.body.count("\n", 0, index) if index >= 0 else 0)


def _column(body: str, index: int) -> int:
    return index - (body.rfind("\n", 0, index) + 1) + 1 if index >= 0 else 0


def link_plan(config: Config, library: Library) -> LinkPlan:
    """Return what the bodies of ``library`` need to resolve their links, as a build plans it."""
    return plan_links(
        config, library, linkable(config), site_root_files(config.root, config.rules.static_dirs)
    )


def placed(item: Asset, broken: Iterable[str], *, comments: bool = True) -> list[Problem]:
    """Return a problem for each of ``item``'s ``broken`` links (in the order the page has
    them), at its place in the file (see the module docstring); ``comments``: HTML comments
    hide what they hold, as on a site read in place (stagemap's own format shows them)."""
    body = item.body
    code = _code_spans(body, comments)
    claimed: set[int] = set()
    problems = []
    for url in broken:
        # As the page has it, percent-decoded, and as Jekyll's {% link %} names it (from the site's root).
        texts = dict.fromkeys((url, unquote(url), *((url[1:],) if url.startswith("/") else ())))
        shown, index = _where(body, texts, code, claimed)
        if index >= 0:
            claimed.add(index)
        line, col = _at(item, index), _column(body, index)
        problems.append(
            Problem(item.path, line, col, "warning", f"link to '{shown}' leads nowhere", HINT, "dead-link")
        )
    return problems


_ADDRESS = (
    r"(?:\]\([ \t]*<?"  # [text](address  ![alt](address
    r"|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?"  # [ref]: address
    r"|\b[\w-]+=[ \t]*\{?[ \t]*[\"'`]?"  # href="address"  to={'address'}
    r"|\b(?:rel)?ref[ \t]+[\"'`]?"  # Hugo's {{< ref "address" >}}
    r"|\{%-?[ \t]*(?:link|post_url)[ \t]+)"  # Jekyll's {% link address %}
)
"""What comes before a link's address where it is written as one."""


def _where(
    body: str, texts: Iterable[str], code: list[tuple[int, int]], claimed: set[int]
) -> tuple[str, int]:
    """Return which of ``texts`` (an address as the page has it, then percent-decoded) is
    written in ``body`` outside ``code``, and where: as a link's address not ``claimed`` by
    another link, else as one claimed (a reference used twice), else anywhere; -1 when none
    is in the text outside code (a partial's or a shortcode's link)."""
    places: list[tuple[str, int]] = []
    anywhere: list[tuple[str, int]] = []
    for text in texts:
        end = rf"({re.escape(text)})(?=[)>\"'`}}\s#?]|$)"
        places += [
            (text, m.start(1))
            for m in re.finditer(_ADDRESS + end, body, re.M)
            if not _inside(m.start(1), code)
        ]
        if not anywhere:
            anywhere = [
                (text, m.start(1))
                for m in re.finditer(r"(?<![\w./-])" + end, body, re.M)
                if not _inside(m.start(1), code)
            ][:1]
    places.sort(key=lambda place: place[1])  # the first in the file, whichever way it is written
    free = [(text, i) for text, i in places if i not in claimed]
    found = free or places or anywhere
    return found[0] if found else (next(iter(texts)), -1)


def _code_spans(body: str, comments: bool) -> list[tuple[int, int]]:
    """Return the (start, end) of each fenced block, code span and (with ``comments``) HTML
    comment in ``body``: a link's address is never written there."""
    spans = [m.span() for m in _COMMENT.finditer(body)] if comments else []
    fence = ""
    start = offset = 0
    for line in body.splitlines(keepends=True):
        mark = _FENCE.match(line)
        if (
            fence
            and mark
            and mark.group(1)[0] == fence[0]
            and len(mark.group(1)) >= len(fence)
            and not line[mark.end() :].strip()
        ):
            spans.append((start, offset + len(line)))
            fence = ""
        elif not fence and mark:
            fence, start = mark.group(1), offset
        offset += len(line)
    if fence:
        spans.append((start, len(body)))
    spans += [m.span() for m in _CODE_SPAN.finditer(body) if not _inside(m.start(), spans)]
    return spans


def _inside(index: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= index < b for a, b in spans)


_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)[^\n]*?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
