"""Links in asset bodies that lead nowhere, or to a part of a page it does not have, as
`check --links` reports them.

Each body is rendered as its page on the site renders it (`stagemap.render.assetbody.asset_body`:
the same partials, dialects and link rules), so a link is reported here exactly when the
built page shows it as text marked "Link target not found". Each is placed where its address
is written (or percent-decoded) as a link's address (``](x.md``, ``[ref]: x.md``,
``href="x.md"``, ``ref "x.md"``, ``{% link x.md %}``) not yet claimed by an earlier link,
never in code, (on a site read in place) an HTML comment or (where Liquid runs) a Liquid
comment; else, for a link an MDX partial brings in, at its address in the partial, written
from the partial's folder (`stagemap.render.partiallinks`), one warning for all the pages that
show it, naming them; else, for a link a Jekyll data file's value brings in
(``{{ site.data.help.support }}``), at its address in the data file, likewise
(`stagemap.render.datalinks`); else, a reference used twice, at its definition for both; else
where the address is written at all; else at the body's first line: a link a shortcode or an
include brings in is not in the file's text.

A link to a page the live site does not build (a draft: `stagemap.analyse.unbuilt`), a link on
the built page, is reported too, with what keeps that page out, at each place the page (or a
partial it shows) writes it as a link's address, as the page's links are rendered once each.

A link to a part of an asset's page (``options.md#quotes``) whose body has no element of that
id (its headings, and any other element with an ``id``) is reported too, unless the body has
one with the same letters and digits, accents aside, as the site's generator names headings
(``#whats-new``, ``#cafe-creme``), or the part is ``#top``. Where stagemap makes the ids as the
site's generator does (``heading_ids``: Hugo's ``blackfriday``, MkDocs' toc), a part is matched
to them exactly, as on the live site. It is placed at the address, written in the file, that
leads to that page and part (or to a route a Docusaurus client redirect leads to that part from:
`stagemap.render.partplaces`; see `missing_parts`). A page whose site's templates may write
headings its text does not show (an include, a loop, a layout's ``id="{{ page.key }}-notes"``:
`stagemap.render.liveparts`) is checked only as far as is known.
"""

from __future__ import annotations

import html
import itertools
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import unquote

from ..analyse.site import LinkPlan, plan_links
from ..analyse.unbuilt import unbuilt_said
from ..errors import Problem
from ..lazyre import lazy
from ..model.library import Asset, Library
from ..model.settings import Config
from ..read.attachments import linkable, served_files
from ..read.eleventypaged import paged_notes, reached_by
from ..read.linkhooks import getpage_links
from ..read.liquidspans import FOR_TAG, blanked_liquid_comments
from ..read.templateengines import page_engine
from . import headingids, partials
from .addresses import Code, Places, code_spans, column_at, line_at
from .anchors import HEADING_PREFIX, letters
from .assetbody import asset_body
from .datalinks import InData
from .elements import LIVE
from .links import BodyLinks
from .liveparts import LIKE, LIQUID, id_patterns, unknown_parts
from .mkdocsyntax import API_ID
from .partiallinks import once_per_partial, shown_on, written
from .partplaces import address_at, parts_at, redirected_at

NOWHERE = "leads nowhere"
HINT = "point it at a content file, a page's route or a file in the site's static folders"
PART_HINT = "link to one of that page's headings, or leave out the '#' and what follows it"
_BRACES = lazy(r"(?<!\{)\{(?![{%#])")  # a brace opening no template tag ({{ x }}, {% x %})
BRACES_HINT = "no {...} is worked out in a link's address: write it out (MDX: or use <a href={...}>)"

Facts = tuple[list[Problem], frozenset[str], tuple[tuple[str, str], ...]]
"""What rendering one body tells: its links that lead nowhere, the ids of its elements, and each
of its links to a part of a page: (that page's path in the site, the part's id)."""
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
    found = [
        (library.by_id[asset_id].path, p) for asset_id, (problems, _, _) in facts.items() for p in problems
    ]
    exact = headingids.exact(headingids.site_slugs(config))
    rules = config.rules
    parts = missing_parts(
        library, links, facts, exact=exact, generator=rules.generator, engines=rules.template_engines
    )
    found, notes = paged_notes(found, library.site_params, config.lint_off)
    return (*once_per_partial(found), *parts, *notes)


class _Facts:
    """`body_facts` of an asset by its id (a callable a worker can be handed)."""

    def __init__(self, config: Config, links: LinkPlan, library: Library) -> None:
        self.config, self.links, self.library = config, links, library

    def __call__(self, asset_id: str) -> Facts:
        library = self.library
        return body_facts(self.config, self.links, library.by_id[asset_id], library.site_params)


def body_facts(config: Config, links: LinkPlan, item: Asset, site: Mapping[str, Any] | None = None) -> Facts:
    """Return what rendering ``item``'s body tells (see `Facts`); ``site``: the site's own params."""
    whole = asset_body(config, links, item, site)
    made, unbuilt = whole.rendered, whole.unbuilt
    # An HTML comment is shown as text (links in it working) only in stagemap's own format.
    comments = bool(config.rules.generator) or config.allow_html
    shown = partials_shown(config, item) if made.broken or unbuilt else []
    # Places are read with Liquid's comments blanked, where it runs: a fence in one opens no code.
    engines = config.rules.template_engines
    runs = bool(page_engine(config.rules.generator, item.path, item.extra, engines))
    body = places_body(config.rules.generator, item, engines)
    jekyll = (made.broken or unbuilt) and runs and config.rules.generator == "jekyll"  # (`InData`)
    data = InData(item, comments, site, config.root, config.rules.site_root, body) if jekyll else None
    problems = (
        placed(item, made.broken, comments=comments, shown=shown, data=data, body=body, unbuilt=unbuilt)
        if made.broken or unbuilt
        else []
    ) + [reached_by(template) for template in whole.shaped]  # (`paged_notes` says why, once)
    ids = frozenset(html.unescape(i) for i in _ID.findall(made.html))
    if f"{LIVE}]" in made.html and not any(i.startswith(HEADING_PREFIX) for i in ids):
        ids |= {MADE_LIVE}  # a page a component makes (Redoc's <API />): its parts are not known here
    # (Where no engine runs over the page, `unknown_parts` and `id_patterns` read its tags as text.)
    liquid = config.rules.generator in LIQUID and "{" in item.body
    code = code_spans(body, comments) if liquid else Code(())
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


def places_body(generator: str, item: Asset, engines: tuple[str, str] | None = None) -> str:
    """Return ``item``'s body as places in it are read: with Liquid's comments blanked where it
    runs on the page (a fence one opens opens no code; lines and columns kept); ``engines``: an
    Eleventy site's (`stagemap.model.settings.ReadRules.template_engines`)."""
    if generator not in LIQUID:
        return item.body
    runs = page_engine(generator, item.path, item.extra, *([engines] if engines else []))
    return blanked_liquid_comments(item.body) if runs else item.body


LOOKED_AT = 64
"""Free places of a part a missing part's warning looks among for the one leading to its page
(the first of them when none does): a page naming one part 1,000 times is placed in bounded time."""


def missing_parts(
    library: Library,
    links: LinkPlan,
    facts: Mapping[str, Facts],
    *,
    exact: bool = False,
    generator: str = "",
    engines: tuple[str, str] | None = None,
) -> list[Problem]:
    """Return a warning for each link to a part of an asset's page that its body lacks, placed
    at the address in the file that leads to that page and part; ``exact``: the pages' ids are
    the live site's (`stagemap.render.headingids.exact`), so a part is matched to them exactly;
    ``generator``: the site's, whose Liquid comments places are read without (`places_body`;
    ``engines``: an Eleventy site's)."""
    pages = {page: asset_id for asset_id, page in links.paths.items()}
    loose: dict[str, set[str]] | None = None if exact else {}
    problems = []
    for item in library.assets:
        wanted = [(pages[page], part) for page, part in facts[item.id][2] if page in pages]
        missing = [(other, part) for other, part in wanted if not _has(facts[other][1], part, loose, other)]
        if not missing:
            continue
        body = places_body(generator, item, engines)
        code, claimed = code_spans(body, True), set[int]()
        leads = _Leads(links, item)
        spots: dict[str, list[tuple[int, str, int]]] = {}  # each part's places, found once
        cursor: dict[str, int] = {}  # the places of a part before this one are all claimed
        for other, part in missing:
            name = part.removeprefix(HEADING_PREFIX)
            if name not in spots:
                found = [address_at(body, span) for span in parts_at(body, name, code)]
                reading = links.routes.reading
                spots[name] = sorted(
                    found + redirected_at(body, reading.leading_to_part(name), code, reading.base)
                )
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
            line, col = line_at(item.body_line, body, start), column_at(body, start)
            where = "this page" if other == item.id else f"'{library.by_id[other].title}'"
            message = f"link to '{shown}' finds no heading '{name}' on {where}"
            problems.append(Problem(item.path, line, col, "warning", message, PART_HINT, "dead-part"))
    return problems


class _Leads:
    """Where an address written in an asset's body leads: the page its link goes to, resolved
    as the site resolves it (`stagemap.render.links.BodyLinks`)."""

    def __init__(self, links: LinkPlan, item: Asset) -> None:
        self.here = links.paths[item.id]
        self.rewrite = BodyLinks.of(links, item.id, item.body)

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


def link_plan(config: Config, library: Library) -> LinkPlan:
    """Return what the bodies of ``library`` need to resolve their links, as a build plans it."""
    return plan_links(config, library, linkable(config), served_files(config), getpage_links(config))


def placed(
    item: Asset,
    broken: Iterable[str],
    *,
    comments: bool = True,
    shown: Sequence[tuple[str, str, int]] = (),
    data: InData | None = None,
    body: str | None = None,
    unbuilt: Iterable[tuple[str, str]] = (),
) -> list[Problem]:
    """Return a problem for each of ``item``'s ``broken`` links (in the order the page has
    them), at its place in the file (see the module docstring); ``comments``: HTML comments
    hide what they hold, as on a site read in place (stagemap's own format shows them).
    ``shown``: the partials the page shows (`partials_shown`), where a link its own text does
    not write is looked for, to be placed in the partial, which is said to be shown on the page;
    ``data``: the values of Jekyll's data files the page's outputs show, likewise. ``body``:
    ``item``'s, places alike, read in place of it (Liquid's comments blanked).
    A link is placed in a partial or a value only where the page's own text has no free place
    for it: a place another link claimed, or the address written in no link, is the last resort.
    ``unbuilt``: links to pages the live site does not build (a draft), each with what says so
    (`stagemap.render.assetbody.Body.unbuilt`, once each): one problem at each place the page
    writes one as a link's address."""
    body = item.body if body is None else body
    places = Places(body, code_spans(body, comments))
    claimed, given, problems = set[int](), set[Problem](), list[Problem]()  # (given: said once a place)
    looped = FOR_TAG.search(body) is not None  # (once: '/x' is found at 'x' too; a link a loop repeats)
    elsewhere = _InPartials(item.path, shown, comments)
    for url, why in [*((url, "") for url in broken), *unbuilt]:
        hint = BRACES_HINT if _BRACES.search(unquote(url)) else HINT  # (not a template engine's {{ }})
        said = unbuilt_said(why) if why else (NOWHERE, hint, "dead-link")
        # As the page has it, percent-decoded, and as Jekyll's {% link %} names it (from the site's root).
        texts = tuple(dict.fromkeys((url, unquote(url), *((url[1:],) if url.startswith("/") else ()))))
        at = places.unclaimed(texts, claimed)
        found = [] if at[1] < 0 else _at_each(item, body, places, texts, claimed, at, said, every=bool(why))
        # A link to a draft is reported at each of its places, in the page and its partials.
        while (why or not found) and (other := elsewhere.problem(url, said, free=bool(why))) is not None:
            found.append(other)
        if not found and data is not None and (spot := data.where(texts)) is not None:
            path, line, col, tail = spot
            message = f"link to '{at[0]}' {said[0]}" + (tail if path == item.path else shown_on(item.path))
            if (value := Problem(path, line, col, "warning", message, *said[1:])) in problems:
                continue  # (a value the page shows twice: one warning)
            found.append(value)
        last = places.where(texts, claimed) if not found else at
        made = found or _at_each(item, body, places, texts, claimed, last, said, every=False)
        problems += (p for p in made if not (why or (looped and not found)) or p not in given)
        given.update(made)
    return problems


def _at_each(
    item: Asset,
    body: str,
    places: Places,
    texts: tuple[str, ...],
    claimed: set[int],
    first: tuple[str, int],
    said: tuple[str, str, str],
    *,
    every: bool,
) -> list[Problem]:
    """Return the warning ``said`` (`placed`) of a link at ``first``, where one of ``texts`` is
    written in ``body`` (-1: nowhere; its first line), that place claimed; with ``every``, also
    at each further place the body writes them as a link's address (not where a part or a query
    follows: another link's address, which `Places` finds last)."""
    found = []
    shown, index = first
    while True:
        if index >= 0:
            claimed.add(index)
        line, col = line_at(item.body_line, body, index), column_at(body, index)
        found.append(Problem(item.path, line, col, "warning", f"link to '{shown}' {said[0]}", *said[1:]))
        if not every or index < 0:
            return found
        shown, index = places.unclaimed(texts, claimed)
        after = body[index + len(shown) : index + len(shown) + 1]
        if index < 0 or (after and after in "#?" and after not in shown):
            return found


def partials_shown(config: Config, item: Asset) -> list[tuple[str, str, int]]:
    """Return each partial ``item``'s page shows (`stagemap.render.partials.shown_for`), once:
    its path, its body and the line of its file the body starts at."""
    if not partials.applies(item.path, config.rules, item.body):
        return []
    found = []
    for path, text in partials.shown_for(config, item.path, item.body, item.extra):
        whole = partials.partial_body(config.root, path, raw=True) if text is not None else None
        if text is not None and whole is not None:
            found.append(
                (path, text, whole[: len(whole) - len(text)].count("\n") + 1 if whole.endswith(text) else 1)
            )
    return found


class _InPartials:
    """Where the partials a page shows write a link of theirs that leads nowhere (`placed`):
    each address the page has is written back from the partial's folder
    (`stagemap.render.partiallinks.written`) and looked for in each partial in turn."""

    def __init__(self, page: str, shown: Sequence[tuple[str, str, int]], comments: bool) -> None:
        self.page, self.shown, self.comments = page, shown, comments
        self.places: dict[str, tuple[Places, set[int]]] = {}

    def problem(
        self, url: str, said: tuple[str, str, str] = (NOWHERE, HINT, "dead-link"), *, free: bool = False
    ) -> Problem | None:
        """Return the warning for ``url`` at its place in a partial, or None when none writes it;
        ``said``: what it says of the link (`placed`), its hint and its code; ``free``: only at a
        place no other link claimed (else at one claimed too: a reference used twice)."""
        for path, body, first in self.shown:
            address = written(url, path, self.page)
            if path not in self.places:
                self.places[path] = (Places(body, code_spans(body, self.comments)), set())
            places, claimed = self.places[path]
            # A path the partial wrote './x.md' comes back as 'x.md'.
            texts = (address, unquote(address), *(("./" + address,) if address[:1] not in "./#" else ()))
            look = places.unclaimed if free else places.where
            shown, index = look(tuple(dict.fromkeys(texts)), claimed)
            if index >= 0:
                claimed.add(index)
                line, col = line_at(first, body, index), column_at(body, index)
                message = f"link to '{shown}' {said[0]}{shown_on(self.page)}"
                return Problem(path, line, col, "warning", message, *said[1:])
        return None
