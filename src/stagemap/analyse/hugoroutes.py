"""The routes of a Hugo site's list pages that no content file stands for: sections and taxonomies.

Hugo lists each top folder of its content that holds pages at the folder's address, with or
without an ``_index.md`` (rclone's ``/commands/``), unless ``disableKinds`` names ``section`` or
the folder's ``_index.md`` says ``build: {render: never}`` (`stagemap.read.sectionpages.UNRENDERED`).

It also makes a page for each of the site's taxonomies (``/tags/``, and ``/authors/`` where the
configuration names ``author = "authors"``; ``tags`` and ``categories`` where it names none) and
one for each term the pages' front matter gives it (``tags: [Cold Rolled]``: ``/tags/cold-rolled/``),
whether or not an ``_index.md`` is there. The terms are the assets' (a file that is no asset is
not read for them), but for the pages Hugo does not build: a draft, one whose day has not come
(``publish_on``; Hugo's ``buildFuture`` is off unless set) and one past its ``expiryDate``; a
page Hugo does not render or list counts (Hugo 0.111.3 makes ``/tags/x/`` of a page with
``render: never``). A term's address is its text as Hugo's ``urlize`` writes it (`term_path`),
or the taxonomy's ``permalinks`` pattern with it (``tags = "/tag/:slug/"``: ``/tag/steel/``).
``disableKinds`` turns off ``taxonomy`` pages, ``term`` pages or both. Where the site serves
its default language under its code (``defaultContentLanguageInSubdir``, as its pages: init
routes the content at ``/en/{path}/``), each of these is under it too (``/en/tags/steel/``).

The terms are gathered once, each distinct one once (`hugo_terms`): they are what the routes are
made of, and `stagemap.analyse.routes.plan_routes` remembers its routes by them, not by the routes.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from ..lazyre import lazy
from ..model.library import Asset, Library
from ..model.settings import Config
from ..read.hugopermalinks import LANGUAGE_LEAD, TERM_LINKS
from ..read.sectionpages import (
    BUILDS_DRAFTS,
    DEFAULT_TAXONOMIES,
    DISABLED_KINDS,
    OFF_KIND,
    TAXONOMIES,
    UNRENDERED,
    hugo_kind,
)

_KEPT = frozenset("./\\_#+~-@")
"""The characters besides letters, digits and marks that Hugo keeps in a path it makes of a text."""
_HEX = frozenset("0123456789abcdefABCDEF")
_DROPPED = lazy(r"%(?![0-9a-fA-F]{2})|[^A-Za-z0-9./\\_#+~@%\s-]")
"""What Hugo drops of a text written in ASCII when it makes a path of it (`term_path`)."""
_BY_HYPHEN = lazy(r"(?<=-)\s+|\s+(?=-)")
_SPACES = lazy(r"\s+")
_TOKEN = lazy(r":(slug|title|section|sections)\b")
"""The tokens of a ``permalinks`` pattern a taxonomy's or a term's address is made with here."""
_EXPIRY = frozenset({"expirydate", "unpublishdate"})
_TEXT = frozenset({str})


def hugo_listed(config: Config, library: Library, terms: Terms | None = None) -> frozenset[str]:
    """Return the routes (``/tags/steel/``) of a Hugo site's list pages that no content file
    stands for: its sections' (`section_routes`) and its taxonomies' and terms' (`term_routes`;
    ``terms``: `hugo_terms` of the library, as the routes' memo has them)."""
    found = hugo_terms(library, dt.date.today()) if terms is None else terms
    return frozenset((*section_routes(config, library), *(found[0] + r for r in term_routes(found))))


Terms = tuple[str, tuple[str, ...], tuple[tuple[str, str, str], ...], tuple[tuple[str, frozenset[str]], ...]]
"""What a Hugo site's taxonomies' and terms' routes are made of (`hugo_terms`): the path it
serves its default language under (``/en``, or ""), the kinds of page ``disableKinds`` turns
off, the taxonomies' ``permalinks`` patterns and, for each taxonomy, the distinct terms the
pages Hugo builds are given."""


def hugo_terms(library: Library, today: dt.date) -> Terms:
    """Return what the routes of a Hugo site's taxonomies and terms are made of (`Terms`), on
    ``today`` (a page whose day has not come, or whose ``expiryDate`` has passed, gives none)."""
    params = library.site_params
    taxonomies = frozenset(params.get(TAXONOMIES, DEFAULT_TAXONOMIES))
    found: dict[str, set[str]] = {t: set() for t in taxonomies}
    drafts = bool(params.get(BUILDS_DRAFTS))  # (``buildDrafts``: a draft's terms are pages too)
    for asset in library.assets:
        if asset.extra and taxonomies and _built(asset, today, drafts):
            for taxonomy, given in _given(asset.extra, taxonomies).items():
                values = given if isinstance(given, list) else [] if given is None else [given]
                if set(map(type, values)) <= _TEXT:  # (texts alone, as most are: taken whole)
                    found[taxonomy].update(values)
                else:
                    found[taxonomy].update(_term(v) for v in values if not isinstance(v, dict | list))
    terms = tuple((t, frozenset(found[t])) for t in sorted(found))
    lead = str(params.get(LANGUAGE_LEAD, ""))
    return lead, tuple(params.get(DISABLED_KINDS, ())), tuple(params.get(TERM_LINKS, ())), terms


def section_routes(config: Config, library: Library) -> Iterator[str]:
    """Yield the routes of a Hugo site's sections: the top folders of its content holding content
    files (none under ``disableKinds = ["section"]``, nor one whose ``_index.md`` Hugo does not
    render; a term's page makes none where ``disableKinds`` turns its taxonomy's page off: Hugo
    0.111.3 writes nothing at ``/tags/`` then but for a page of its own there); a source mounted
    in it (``/docs/{path}/``) is in the one its route starts with."""
    disabled = library.site_params.get(DISABLED_KINDS, ())
    if "section" in disabled:
        return
    named = frozenset(library.site_params.get(TAXONOMIES, DEFAULT_TAXONOMIES))
    terms = named if "taxonomy" in disabled else frozenset()  # (their folders' term pages)
    endings = config.rules.extensions
    lead = str(library.site_params.get(LANGUAGE_LEAD, "")).strip("/")
    pages = [f.path for f in library.fates if f.path.lower().endswith(endings) and f.rule != OFF_KIND]
    unrendered = {f.path.rpartition("/")[0] for f in library.fates if f.rule == UNRENDERED}
    for source in config.all_sources:
        try:
            folder = source.path.relative_to(config.root).as_posix()
        except ValueError:
            continue
        above = (source.url or config.rules.url_pattern).partition("{")[0].strip("/")
        above = (above[len(lead) :] if lead and (above + "/").startswith(lead + "/") else above).strip("/")
        above = above.partition("/")[0]
        whole = folder in ("", ".")
        for path in pages:
            if not whole and not path.startswith(folder + "/"):
                continue
            sub = path if whole else path[len(folder) + 1 :]
            section = above or (sub.partition("/")[0] if "/" in sub else "")
            if terms and hugo_kind(sub, terms) == "term":
                continue
            if section and (above or (section if whole else f"{folder}/{section}") not in unrendered):
                yield f"/{lead}/{section}/" if lead else f"/{section}/"


def term_routes(terms: Terms, lists: bool = True) -> Iterator[str]:
    """Yield the routes of a Hugo site's taxonomies (not with ``lists`` false) and of its terms,
    from what they are made of (`hugo_terms`), as Hugo makes them (see the module's docstring);
    each term's path is worked out once."""
    _, disabled, links, named = terms
    moved = {(kind, taxonomy): pattern for kind, taxonomy, pattern in links}
    for taxonomy, given in named:
        if "taxonomy" not in disabled and lists:
            yield _moved(moved.get(("taxonomy", taxonomy)), taxonomy, taxonomy) or f"/{taxonomy}/"
        if "term" not in disabled:
            pattern = moved.get(("term", taxonomy))
            for term in given:
                path = term_path(term)
                yield _moved(pattern, taxonomy, path) or f"/{taxonomy}/{path}/"


def _moved(pattern: str | None, taxonomy: str, path: str) -> str:
    """Return the route a taxonomy's ``permalinks`` ``pattern`` gives a page of it whose path
    is ``path`` (``:slug`` and ``:title`` are it, ``:section`` the taxonomy); "" where no
    pattern is given, or one with a token not known here (the page's own address, then).
    Hugo 0.111.3 reads a ``+`` of the path as a space there, and makes each run of spaces a
    ``-`` but beside one (``C++``: ``/tag/c-/``, ``f + g``: ``/tag/f--g/``)."""
    if pattern is None:
        return ""
    path = _SPACES.sub("-", _BY_HYPHEN.sub("", path.replace("+", " "))) if "+" in path else path
    made = _TOKEN.sub(lambda m: taxonomy if m.group(1).startswith("section") else path, pattern)
    return "" if ":" in made else "/" + made.strip("/") + "/"


def _built(asset: Asset, today: dt.date, drafts: bool = False) -> bool:
    """Whether Hugo builds the page of an asset: not a draft (unless ``drafts``: the site's
    ``buildDrafts``), its day come (Hugo's ``buildFuture`` is off), its ``expiryDate`` not passed
    (its `review_by` is the day before it)."""
    extra = asset.extra
    if (not drafts and str(extra.get("draft")).lower() == "true") or asset.is_scheduled(today):
        return False
    return not (asset.is_stale(today) and any(str(k).lower() in _EXPIRY for k in extra))


def _given(extra: Mapping[str, Any], taxonomies: frozenset[str]) -> dict[str, Any]:
    """Return the values a page's front matter gives each of the ``taxonomies`` (its key in any
    case, the first so spelt, as Hugo reads it)."""
    found: dict[str, Any] = {}
    for key, value in extra.items():
        name = str(key).lower()
        if name in taxonomies and name not in found:
            found[name] = value
    return found


def _term(value: Any) -> str:
    """Return a term as Hugo reads a value of front matter (``true``: ``true``)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


@functools.lru_cache(maxsize=16384)
def term_path(term: str) -> str:
    """Return the path Hugo makes of a term (0.111.3's ``urlize``): letters, digits, marks and
    ``./\\_#+~-@`` kept (a ``%`` before two hex digits too), each run of spaces between them one
    ``-`` (none where a ``-`` is already), anything else dropped; lower case (routes are compared so).
    A text in ASCII is read by patterns, as `by_character` reads it; another by that. Each term
    is worked out once (a site's pages share most of theirs)."""
    if term.isascii():
        kept = _DROPPED.sub("", term).strip()
        return _SPACES.sub("-", _BY_HYPHEN.sub("", kept)).lower()
    return by_character(term)


def by_character(term: str) -> str:
    """Return the path Hugo makes of a term (`term_path`), read a character at a time."""
    made: list[str] = []
    hyphen = False
    for i, char in enumerate(term):
        if _kept(term, i, char):
            if hyphen and char != "-":
                made.append("-")
            hyphen = False
            made.append(char)
        elif made and char.isspace() and made[-1] != "-":
            hyphen = True
    return "".join(made).lower()


def _kept(text: str, i: int, char: str) -> bool:
    """Whether Hugo keeps ``char``, at ``i`` in ``text``, in a path it makes of the text."""
    kind = unicodedata.category(char)
    if kind[0] in "LM" or kind == "Nd" or char in _KEPT:
        return True
    return char == "%" and i + 2 < len(text) and all(c in _HEX for c in text[i + 1 : i + 3])
