"""Links in asset bodies that lead nowhere, or to a part of a page it does not have, as
`check --links` reports them.

Each body is rendered as its page on the site renders it (`stagemap.render.site.asset_body`:
the same partials, dialects and link rules), so a link is reported here exactly when the
built page shows it as text marked "Link target not found". Each is placed where its address
is written (or percent-decoded) as a link's address (``](x.md``, ``[ref]: x.md``,
``href="x.md"``, ``ref "x.md"``, ``{% link x.md %}``) not yet claimed by an earlier link,
never in code or (on a site read in place) an HTML comment; a reference used twice is placed
at its definition for both; else where the address is written at all; else at the body's
first line: a link a partial or a shortcode brings in is not in the file's text.

A link to a part of an asset's page (``options.md#quotes``) whose body has no element of that
id (its headings, and any other element with an ``id``) is reported too, unless the body has
one with the same letters and digits, accents aside, as the site's generator names headings
(``#whats-new``, ``#cafe-creme``), or the part is ``#top``. Where stagemap makes the ids as
the site's generator does (``heading_ids``: Hugo's ``blackfriday``, MkDocs' toc), a part is
matched to them exactly, as on the live site. It is placed at the address,
written in the file, that leads to that page and part (see `missing_parts`). A page whose
site's templates may write headings its text does not show (an include, a loop, a layout's
``id="{{ page.key }}-notes"``: `stagemap.render.liveparts`) is checked only as far as is known.
"""

from __future__ import annotations

import bisect
import html
import itertools
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote, unquote

from ..analyse.site import LinkPlan, plan_links
from ..errors import Problem
from ..lazyre import lazy
from ..model.library import Asset, Library
from ..model.settings import Config
from ..read.attachments import linkable, served_files
from . import headingids
from .anchors import HEADING_PREFIX, letters
from .elements import LIVE
from .links import BodyLinks
from .liveparts import LIKE, LIQUID, id_patterns, unknown_parts
from .mkdocsyntax import API_ID
from .site import asset_body

HINT = "point it at a content file, a page's route or a file in the site's static folders"
PART_HINT = "link to one of that page's headings, or leave out the '#' and what follows it"

Facts = tuple[list[Problem], frozenset[str], tuple[tuple[str, str], ...]]
"""What rendering one body tells: its links that lead nowhere, the ids of its elements, and
each of its links to a part of a page: (that page's path in the site, the part's id)."""
Spread = Callable[[Callable[[str], Facts], Sequence[str]], Iterable[Facts]]
"""Maps a function over asset ids, in order (the CLI spreads the work over processors)."""

MADE_LIVE = "\0made live"
"""Among a page's ids: the live site makes headings of it not known here (a component, an
include, a loop: see `body_facts`), so a link to any part of it is not reported."""
_ID = lazy(r'\sid="([^"]+)"')
_PART = lazy(r'<a href="([^"#:]*)#([^"]+)"')


def dead_links(config: Config, library: Library, spread: Spread | None = None) -> tuple[Problem, ...]:
    """Return a warning for each link in the bodies of ``library``'s assets that leads nowhere
    or to a part of an asset's page that is not there; ``spread`` renders the bodies."""
    links = link_plan(config, library)
    ids = [item.id for item in library.assets]
    work = _Facts(config, links, library)
    facts = dict(zip(ids, (spread or map)(work, ids), strict=True))
    return tuple(p for found in facts.values() for p in found[0]) + tuple(
        missing_parts(library, links, facts, exact=headingids.exact(headingids.site_slugs(config)))
    )


class _Facts:
    """`body_facts` of an asset by its id (a callable a worker can be handed)."""

    def __init__(self, config: Config, links: LinkPlan, library: Library) -> None:
        self.config, self.links, self.library = config, links, library

    def __call__(self, asset_id: str) -> Facts:
        library = self.library
        return body_facts(self.config, self.links, library.by_id[asset_id], library.site_params)


def body_facts(config: Config, links: LinkPlan, item: Asset, site: Mapping[str, Any] | None = None) -> Facts:
    """Return what rendering ``item``'s body tells (see `Facts`); ``site``: the site's own params."""
    made = asset_body(config, links, item, site).rendered
    # An HTML comment is shown as text (links in it working) only in stagemap's own format.
    comments = bool(config.rules.generator) or config.allow_html
    problems = placed(item, made.broken, comments=comments) if made.broken else []
    ids = frozenset(html.unescape(i) for i in _ID.findall(made.html))
    if f"{LIVE}]" in made.html and not any(i.startswith(HEADING_PREFIX) for i in ids):
        ids |= {MADE_LIVE}  # a page a component makes (Redoc's <API />): its parts are not known here
    liquid = config.rules.generator in LIQUID and "{" in item.body
    code = _code_spans(item.body, comments) if liquid else _Code(())
    if unknown_parts(config, item, code.__contains__, site):
        ids |= {MADE_LIVE}  # an include, a loop, a tag of the site's own: it may write headings
    # Ids the site's templates write: <h2 id="{{ page.key }}-notes"> in the body or its layout.
    ids |= id_patterns(config, item, code.__contains__)
    here = links.paths[item.id]
    parts = []
    for href, part in _PART.findall(made.html):
        path = unquote(html.unescape(href))
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path)) if path else here
        # A text fragment (``#:~:text=...``, after a part or alone) finds words, not a heading.
        name = unquote(html.unescape(part)).partition(":~:")[0]
        if name and name != HEADING_PREFIX:
            parts.append((target, name))
    return problems, ids, tuple(parts)


LOOKED_AT = 64
"""Free places of a part a missing part's warning looks among for the one leading to its page
(the first of them when none does): a page naming one part 1,000 times is placed in bounded time."""


def missing_parts(
    library: Library, links: LinkPlan, facts: Mapping[str, Facts], *, exact: bool = False
) -> list[Problem]:
    """Return a warning for each link to a part of an asset's page that its body lacks, placed
    at the address in the file that leads to that page and part; ``exact``: the pages' ids are
    the live site's (`stagemap.render.headingids.exact`), so a part is matched to them exactly."""
    pages = {page: asset_id for asset_id, page in links.paths.items()}
    loose: dict[str, set[str]] | None = None if exact else {}
    problems = []
    for item in library.assets:
        wanted = [(pages[page], part) for page, part in facts[item.id][2] if page in pages]
        missing = [(other, part) for other, part in wanted if not _has(facts[other][1], part, loose, other)]
        if not missing:
            continue
        code, claimed = _code_spans(item.body, True), set[int]()
        leads = _Leads(links, item)
        spots: dict[str, list[tuple[int, str, int]]] = {}  # each part's places, found once
        cursor: dict[str, int] = {}  # the places of a part before this one are all claimed
        for other, part in missing:
            name = part.removeprefix(HEADING_PREFIX)
            if name not in spots:
                spots[name] = [_address_at(item.body, span) for span in _parts_at(item.body, name, code)]
            places, at = spots[name], cursor.get(name, 0)
            while at < len(places) and places[at][2] in claimed:
                at += 1
            cursor[name] = at
            free = list(itertools.islice((p for p in places[at:] if p[2] not in claimed), LOOKED_AT))
            if places and not free:
                continue  # a reference used twice: its one address is reported already
            start, shown, index = next(
                (p for p in free if leads.to(p[1]) == links.paths[other]),
                free[0] if free else (-1, f"#{name}", -1),
            )
            claimed.add(index)
            line, col = _at(item, start), _column(item.body, start)
            where = "this page" if other == item.id else f"'{library.by_id[other].title}'"
            message = f"link to '{shown}' finds no heading '{name}' on {where}"
            problems.append(Problem(item.path, line, col, "warning", message, PART_HINT, "dead-part"))
    return problems


class _Leads:
    """Where an address written in an asset's body leads: the page its link goes to, resolved
    as the site resolves it (`stagemap.render.links.BodyLinks`)."""

    def __init__(self, links: LinkPlan, item: Asset) -> None:
        self.here = links.paths[item.id]
        self.rewrite = BodyLinks.of(links, item.id)

    def to(self, address: str) -> str:
        """Return the site path of the page ``address`` leads to, or "" when it is no link."""
        if address.startswith("#"):
            return self.here
        try:
            made = self.rewrite(address)
        except ValueError:
            return ""
        path = unquote((made or "").partition("#")[0])
        if not made or ":" in path:
            return ""
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.here), path))


def _has(ids: frozenset[str], part: str, loose: dict[str, set[str]] | None, asset_id: str) -> bool:
    """Whether a page whose body has ``ids`` has the part ``part`` (as a link names it, with the
    heading prefix): its id, one written with the prefix already (``#h-1b-visas`` for
    ``## H-1B visas``), or one with the same letters and digits, accents aside, as the site's
    generator names its headings (``#whats-new``, Docusaurus' ``#configsetup``);
    ``#top`` is the top of any page, and a generated reference's anchor holds its members;
    an id the site's templates write is matched to its pattern (`liveparts.id_patterns`).
    ``loose`` keeps each page's letters-and-digits names; None: a site whose ids are the live
    site's (Hugo's ``blackfriday``, MkDocs' toc), where a name alike is no match."""
    if part in ids or HEADING_PREFIX + part in ids or part == "top" or MADE_LIVE in ids:
        return True
    bare = part.removeprefix(HEADING_PREFIX)
    if any(i.startswith(LIKE) and re.fullmatch(i[len(LIKE) :], bare) for i in ids):
        return True  # an id the site's templates write (`stagemap.render.liveparts.id_patterns`)
    named = part if part.startswith(HEADING_PREFIX) else HEADING_PREFIX + part
    if "." in part and any(named.startswith(i + ".") and API_ID.fullmatch(i) for i in ids):
        return True  # a member of a generated reference (``#package.module.Class``)
    if loose is None:
        return False
    if asset_id not in loose:
        loose[asset_id] = {letters(i.removeprefix(HEADING_PREFIX)) for i in ids}
    return letters(part.removeprefix(HEADING_PREFIX)) in loose[asset_id]


def _parts_at(body: str, name: str, code: _Code) -> list[tuple[int, int]]:
    """Return the spans of ``#name`` (or its percent-escaped form) ending a link's address in
    ``body``, outside ``code``."""
    # Each character as written or percent-escaped, the two mixed (``#no%20such,part``).
    forms = "".join(
        re.escape(c)
        if (c.isascii() and c.isalnum()) or c in "-_.~"
        else f"(?:{re.escape(c)}|(?i:{re.escape(quote(c, safe=''))}))"
        for c in name
    )
    pattern = re.compile(rf"#(?:{forms})(?::~:[^)>\"'`\s]*)?(?=[)>\"'`}}\s]|$)", re.M)
    return [m.span() for m in pattern.finditer(body) if m.start() not in code]


def _address_at(body: str, span: tuple[int, int]) -> tuple[int, str, int]:
    """Return where the address ending in the ``#name`` at ``span`` starts (after the ``(``,
    ``<``, quote or space before it; at the ``{{`` or ``{%`` of a shortcode, tag or output in
    it, which may hold spaces and lines: ``({{ site.baseurl }}/t/#x)``), the address as written
    (each run of spaces one space), and where its ``#`` is."""
    index, end = span
    start = max(body.rfind(c, 0, index) for c in "(<\"' \t\n") + 1
    closing = max(body.rfind("}}", start, index), body.rfind("%}", start, index))
    if closing >= 0:  # {{< relref "x" >}}#part, {% link x %}#part, {{ site.baseurl}}/x/#part
        near = max(closing - _IN_TAG, 0)
        opening = max(body.rfind("{{", near, closing), body.rfind("{%", near, closing))
        start = opening if opening >= 0 and "\n\n" not in body[opening:index] else index
    return start, " ".join(body[start:end].split()), index


_IN_TAG = 500
"""How far before its end a tag or output in an address is looked for its opening."""


def _at(item: Asset, index: int) -> int:
    return item.body_line + (item.body.count("\n", 0, index) if index >= 0 else 0)


def _column(body: str, index: int) -> int:
    return index - (body.rfind("\n", 0, index) + 1) + 1 if index >= 0 else 0


def link_plan(config: Config, library: Library) -> LinkPlan:
    """Return what the bodies of ``library`` need to resolve their links, as a build plans it."""
    return plan_links(config, library, linkable(config), served_files(config))


def placed(item: Asset, broken: Iterable[str], *, comments: bool = True) -> list[Problem]:
    """Return a problem for each of ``item``'s ``broken`` links (in the order the page has
    them), at its place in the file (see the module docstring); ``comments``: HTML comments
    hide what they hold, as on a site read in place (stagemap's own format shows them)."""
    body = item.body
    places = _Places(body, _code_spans(body, comments))
    claimed: set[int] = set()
    problems = []
    for url in broken:
        # As the page has it, percent-decoded, and as Jekyll's {% link %} names it (from the site's root).
        texts = tuple(dict.fromkeys((url, unquote(url), *((url[1:],) if url.startswith("/") else ()))))
        shown, index = places.where(texts, claimed)
        if index >= 0:
            claimed.add(index)
        line, col = _at(item, index), _column(body, index)
        problems.append(
            Problem(item.path, line, col, "warning", f"link to '{shown}' leads nowhere", HINT, "dead-link")
        )
    return problems


_ADDRESS = (
    r"(?:\]\([ \t]*<?"  # [text](address  ![alt](address
    r"|^[ \t]{0,3}\[[^\]\n]{1,999}\]:[ \t]*<?"  # [ref]: address
    r"|\b[\w-]{1,40}=[ \t]*\{?[ \t]*[\"'`]?"  # href="address"  to={'address'}
    r"|\b(?:rel)?ref[ \t]+[\"'`]?"  # Hugo's {{< ref "address" >}}
    r"|\{%-?[ \t]*(?:link|post_url)[ \t]+)"  # Jekyll's {% link address %}
)
"""What comes before a link's address where it is written as one."""
_BEFORE = lazy(_ADDRESS + r"\Z", re.M)
_LOOKED_BACK = 1_000
"""How far before an address what stands before it is looked for (a reference's label, an
attribute's name): on a line of thousands of links, each is looked at in bounded time."""
_ENDS = frozenset(")>\"'`}#?")
"""What may follow an address (or a space, or the end)."""


class _Places:
    """Where a body writes each address (`where`), found once per address and handed out in
    the file's order, each place to one link: a page with a link written 600 times went over
    the whole body, and every place found, for each of them."""

    def __init__(self, body: str, code: _Code) -> None:
        self.body = body
        self.code = code
        self.found: dict[tuple[str, ...], tuple[list[tuple[str, int]], list[tuple[str, int]]]] = {}
        self.cursor: dict[tuple[str, ...], int] = {}

    def where(self, texts: tuple[str, ...], claimed: set[int]) -> tuple[str, int]:
        """Return which of ``texts`` (an address as the page has it, then percent-decoded) is
        written in the body outside code, and where: as a link's address not ``claimed`` by
        another link, else as one claimed (a reference used twice), else anywhere; -1 when
        none is in the text outside code (a partial's or a shortcode's link)."""
        if texts not in self.found:
            self.found[texts] = self._find(texts)
        places, anywhere = self.found[texts]
        at = self.cursor.get(texts, 0)
        while at < len(places) and places[at][1] in claimed:  # claims only grow: never looked at again
            at += 1
        self.cursor[texts] = at
        found = places[at : at + 1] or places or anywhere
        return found[0] if found else (texts[0], -1)

    def _find(self, texts: tuple[str, ...]) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        """Return where each of ``texts`` is written as a link's address, and the first place it
        is written at all (outside code, ending where an address ends)."""
        body, places, anywhere = self.body, list[tuple[str, int]](), list[tuple[str, int]]()
        longer: set[int] = set()  # places of a longer address: the text and a fragment or query after it
        for text in texts:
            at = body.find(text) if text else -1
            while at >= 0:
                after = body[at + len(text) : at + len(text) + 1]
                if (not after or after in _ENDS or after.isspace()) and at not in self.code:
                    if self._after_a_link(at):
                        places.append((text, at))
                        if after in "#?" and after and after not in text:
                            longer.add(at)
                    elif not anywhere and not (at and (body[at - 1].isalnum() or body[at - 1] in "_./-")):
                        anywhere.append((text, at))
                at = body.find(text, at + 1)
        # The first in the file, whichever way it is written; the address itself before a longer one.
        places.sort(key=lambda place: (place[1] in longer, place[1]))
        return places, anywhere

    def _after_a_link(self, at: int) -> bool:
        """Whether what stands right before ``at`` opens a link's address (see `_ADDRESS`): looked
        for in the 60 characters before it, and in its line (up to `_LOOKED_BACK` characters)
        only where a reference's ``]:`` may stand, so that each is found in bounded time."""
        body = self.body
        near = max(body.rfind("\n", max(at - 60, 0), at) + 1, at - 60, 0)
        if _BEFORE.search(body, near, at):
            return True
        if body[near:at].rstrip(" \t<")[-1:] != ":":
            return False
        back = max(at - _LOOKED_BACK, 0)
        return _BEFORE.search(body, max(body.rfind("\n", back, at) + 1, back), at) is not None


def _code_spans(body: str, comments: bool) -> _Code:
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
    blocks = _Code(spans)
    return _Code([*spans, *(m.span() for m in _CODE_SPAN.finditer(body) if m.start() not in blocks)])


class _Code:
    """The spans of code in a body (`_code_spans`): whether an index is in one, found by halving
    (a page of 1,700 code spans and links took minutes when each link went over every span)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))
        """The furthest end of the spans up to each one (spans may hold others: a comment in code)."""

    def __contains__(self, index: int) -> bool:
        at = bisect.bisect_right(self.starts, index) - 1
        return at >= 0 and self.reach[at] > index


_FENCE = lazy(r"[ \t]{0,3}(`{3,}(?=[^`\n]*$)|~{3,})")
_CODE_SPAN = lazy(r"(`+)(?!`)[^\n]*?(?<!`)\1(?!`)")
_COMMENT = lazy(r"<!--.*?-->", re.S)
