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

Hugo makes no page at the address of some section pages, which stay listings whatever they
hold: the home page's, a headless section's (``build: {render: never}``, also from its own
cascade, which Hugo applies to the section's page too), a taxonomy's or a term's (``tags/``,
``authors/jane/``), and one in a leaf bundle's folder, which is one of the bundle's resources.
Each opening of a part that is no prose has its end looked for once: a body of unclosed ones
(``<ul>``, ``{{<``) is read in one pass.

A kind of page the site's ``disableKinds`` turns off (``["taxonomy", "term"]``, ``section``)
has no page at all: a file of that kind is neither an asset nor a listing (`without_disabled`);
nor is a section page Hugo does not render (`without_unrendered`): its address has no page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from typing import Any

from ..errors import Problem
from ..lazyre import lazy
from ..model.library import FileFate
from ..model.settings import ReadRules
from . import formats, frontmatter, yamlsafe
from .htmlpage import HTML_PAGE_ENDINGS
from .presets import preset_front_matter, preset_non_assets, preset_unrendered
from .sources import Scan, ToRead

PROSE_WORDS = 50
"""A section page with more words of prose than this in its body is a page of its own."""

_HIDDEN = lazy(r"<!--|<(script|style|pre|table|ul|ol)\b|\{\{[<%]\s*(highlight)\b", re.I)
"""Where a part of a body that is no prose starts: a comment, a script, a style, in HTML
preformatted text, a table or a list, and Hugo's ``highlight`` shortcode (code)."""
_TAG_END = lazy(r"</(script|style|pre|table|ul|ol)\s*>", re.I)
_HIGHLIGHT_END = lazy(r"\{\{[<%]\s*/\s*highlight\s*[%>]\}\}", re.I)
_NOT_PROSE = lazy(r"[ \t]|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|\||\[[^\]]*\]:")
"""The start of a line that is no prose: indented (code, or a list item's own lines), a list
item, a table row, a link's definition."""
_SHORTCODE = lazy(r"\{\{[<%]")
_SHORTCODE_END = lazy(r"[%>]\}\}")
_MARKS = lazy(r"<[^<>\n]*>|\]\([^)\]\n]*\)|https?://\S+")
"""HTML tags, a link's address and title, bare addresses: none of them is read (nor shortcodes'
tags, `_SHORTCODE`). Each stops before where another could start: a line of unclosed ones is
read once, not once for each."""
_FENCE = lazy(r"[ \t]*(`{3,}|~{3,})")
_CJK = lazy(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Characters of a language written without spaces between words (Chinese, Japanese): every
`CJK_PER_WORD` of them count as a word."""
CJK_PER_WORD = 3
"""Hugo counts each such character as a word; a translation of a short English introduction
then had three times its words (OpenTelemetry's Japanese section pages became pages while
their English originals stayed listings). Three characters a word keeps a translation on
its original's side of `PROSE_WORDS`."""
_WORD = lazy(r"[^\W_]+(?:['’.-][^\W_]+)*")

Read = Callable[[ToRead], "bytes | Problem | None"]
"""How a section's bytes are read (from disk, or a revision's blob)."""


def with_section_pages(
    found: Scan,
    rules: ReadRules,
    read: Read,
    given: Callable[[ToRead], Mapping[str, Any]],
    taxonomies: frozenset[str] | None = None,
) -> Scan:
    """Return ``found`` with each section page that is a listing by the preset's globs alone and
    holds prose (`prose_words`) moved from the listings to the files read as assets; ``given``:
    what a section page inherits (`stagemap.read.cascade`), ``taxonomies``: the folders of the
    site's taxonomies (None: Hugo's own, ``tags`` and ``categories``). Never the home page, a
    taxonomy's or a term's, one in or beside a leaf bundle (a resource there) nor one Hugo does
    not render (``build: {render: never}``, in its front matter or its own cascade)."""
    if rules.generator != "hugo" or not found.sections or not _preset_listings(rules):
        return found
    listings = {f.path for f in found.fates if f.fate == "non-asset" and f.kind == "listing"}
    syntaxes = preset_front_matter(rules.generator, bool(rules.old_hugo))
    kept = _kept(found, DEFAULT_TAXONOMIES if taxonomies is None else taxonomies)
    pages = [
        item
        for item in found.sections
        if item.rel in listings
        and not kept(item)
        and prose_words(data := read(item), syntaxes, item.sub) > PROSE_WORDS
        and not _render(item, data, syntaxes, given)
    ]
    if not pages:
        return found
    moved = {item.rel for item in pages}
    return replace(
        found,
        to_read=tuple(sorted((*found.to_read, *pages), key=_rel)),
        fates=tuple(f for f in found.fates if f.path not in moved),
    )


DEFAULT_TAXONOMIES = frozenset({"tags", "categories"})
"""The taxonomies of a Hugo site that names none."""


def taxonomy_folders(config: Mapping[Any, Any]) -> frozenset[str] | None:
    """Return the folders of the taxonomies a Hugo site's configuration names (its ``taxonomies``,
    ``tag = 'tags'``: ``tags``; its default language's own, ``[languages.en.taxonomies]``, in
    their place), None where it names none (Hugo's own then, `DEFAULT_TAXONOMIES`)."""
    named = _key(config, "taxonomies")
    default = _key(config, "defaultcontentlanguage")
    languages = _key(config, "languages")
    language = _key(languages, str(default or "en")) if isinstance(languages, dict) else None
    own = _key(language, "taxonomies") if isinstance(language, dict) else None
    named = own if isinstance(own, dict) else named
    return frozenset(str(v).strip("/").lower() for v in named.values()) if isinstance(named, dict) else None


DISABLED_KINDS = "\0disabled-kinds"
"""The key under which a Hugo site's params hold the kinds of page its ``disableKinds`` turns
off (`disabled_kinds`; no key of a configuration file can be this one)."""
BUILDS_DRAFTS = "\0builds-drafts"
"""The key under which a site's params say that its production build takes its drafts too (see
`drafts_built`; no key of a configuration file can be this one)."""
OFF_KIND = "disableKinds"
"""The rule of the fate of a content file whose kind of page the site's ``disableKinds`` turns off."""
_PAGE_KINDS = frozenset({"home", "page", "section", "taxonomy", "term"})
"""Hugo's kinds of page made from content files (`hugo_kind`); its other kinds are files of another sort."""


TAXONOMIES = "\0taxonomies"
"""The key under which a Hugo site's params hold the folders of the taxonomies its configuration
names (`taxonomy_folders`, sorted; no key: Hugo's own, `DEFAULT_TAXONOMIES`)."""
UNRENDERED = "build"
"""The rule of the fate of a section page Hugo does not render (`without_unrendered`)."""


def drafts_built(generator: str, config: Mapping[Any, Any]) -> dict[str, Any]:
    """Return `BUILDS_DRAFTS` when a site's configuration has its build take its drafts: Hugo's
    ``buildDrafts`` (in any case, ``'true'`` too, as Hugo reads a flag), Jekyll's ``unpublished``
    (``published: false`` pages; its keys are read as written). A Hugo file that sets it to
    anything else gives it as False: production's settings turn off what ``config/_default/``
    turned on for local runs."""
    if generator == "hugo":
        given = _key(config, "builddrafts")
        return {BUILDS_DRAFTS: str(given).lower() == "true"} if given is not None else {}
    return {BUILDS_DRAFTS: True} if generator == "jekyll" and config.get("unpublished") is True else {}


def disabled_kinds(config: Mapping[Any, Any]) -> tuple[str, ...]:
    """Return the kinds of page a Hugo site's ``disableKinds`` turns off (of `_PAGE_KINDS`), in
    any case; ``taxonomyTerm`` as Hugo 0.111.3 reads it: beside ``taxonomy`` these are the names
    before Hugo 0.73 (``taxonomy`` the term pages, ``taxonomyTerm`` the taxonomy's), both kinds
    off; alone it is ``taxonomy``."""
    given = _key(config, "disablekinds")
    named = {str(kind).lower() for kind in given} if isinstance(given, list) else set()
    if "taxonomyterm" in named:
        named |= {"taxonomy", "term"} if "taxonomy" in named else {"taxonomy"}
    return tuple(sorted(named & _PAGE_KINDS))


def without_disabled(found: Scan, disabled: Collection[str], taxonomies: frozenset[str] | None) -> Scan:
    """Return ``found`` with each content file whose kind of page (`hugo_kind`) is ``disabled``
    (`disabled_kinds`) neither read as an asset nor a listing: Hugo makes no page of it, so a
    link to its address leads to none."""
    if not disabled:
        return found
    kinds = {item.rel: hugo_kind(item.sub, taxonomies) for item in (*found.sections, *found.to_read)}
    off = {rel for rel, kind in kinds.items() if kind in disabled}
    listings = off.intersection(f.path for f in found.fates if f.kind == "listing")
    pages = off.intersection(item.rel for item in found.to_read)
    if not listings and not pages:
        return found
    fates = (
        *(f for f in found.fates if f.path not in listings),
        *(_unmade(r, kinds[r]) for r in listings | pages),
    )
    return replace(
        found,
        to_read=tuple(item for item in found.to_read if item.rel not in pages),
        fates=tuple(sorted(fates, key=_path)),
    )


def _unmade(rel: str, kind: str) -> FileFate:
    """Return the fate of a content file of a kind of page the site's ``disableKinds`` turns off."""
    return FileFate(
        rel,
        "non-asset",
        "unpublished",
        OFF_KIND,
        f"a {kind} page, of a kind the site's disableKinds turns off",
    )


def without_unrendered(
    found: Scan,
    rules: ReadRules,
    read: Read,
    given: Callable[[ToRead], Mapping[str, Any]],
) -> Scan:
    """Return ``found`` with each section page that is a listing and that Hugo does not render
    (``build: {render: never}`` or ``link``, or ``_build``, Hugo 0.111.3's only spelling; in its
    front matter, its own cascade or one from above) neither an asset nor a listing: Hugo makes
    no page at its address, so a link there leads to none. Not the home page's (taken for a page
    of every site). ``given``: what a section page inherits (`stagemap.read.cascade`)."""
    if rules.generator != "hugo" or not found.sections:
        return found
    listings = {f.path for f in found.fates if f.fate == "non-asset" and f.kind == "listing"}
    syntaxes = preset_front_matter(rules.generator, bool(rules.old_hugo))
    off = {
        item.rel: render
        for item in found.sections
        if item.rel in listings and "/" in item.sub and (render := _render(item, read(item), syntaxes, given))
    }
    if not off:
        return found
    reason = "a section page Hugo renders none of (render: {})"
    return replace(
        found,
        fates=tuple(
            FileFate(f.path, "non-asset", "unpublished", UNRENDERED, reason.format(off[f.path]))
            if f.path in off
            else f
            for f in found.fates
        ),
    )


def _key(config: Mapping[Any, Any], key: str) -> Any:
    """Return the value of ``key`` in ``config``, spelt in any case (as Hugo reads its keys)."""
    return next((v for k, v in config.items() if str(k).lower() == key.lower()), None)


def hugo_kind(sub: str, taxonomies: frozenset[str] | None) -> str:
    """Return Hugo's kind of the page at ``sub`` (under its source), as a cascade's ``target``
    names it: ``home``, ``taxonomy`` or ``term`` (``tags/_index.md``, ``tags/red/_index.md``, by
    the site's ``taxonomies``), ``section`` for another ``_index`` page, else ``page``."""
    parts = sub.lower().split("/")
    if not parts[-1].startswith("_index."):
        return "page"
    if len(parts) == 1:
        return "home"
    if len(parts) <= 3 and parts[0] in (DEFAULT_TAXONOMIES if taxonomies is None else taxonomies):
        return "taxonomy" if len(parts) == 2 else "term"
    return "section"


def _kept(found: Scan, taxonomies: frozenset[str]) -> Callable[[ToRead], bool]:
    """Return whether a section page stays a listing whatever it holds: the home page; a
    taxonomy's or a term's (under a folder named as a taxonomy); one in or below a folder holding
    an ``index`` page (a leaf bundle, whose files Hugo reads as its resources), but below one
    holding an ``_index`` page too (a branch bundle: Hugo's ``index.md`` there is a page)."""
    bundles = {
        item.rel.rpartition("/")[0]
        for item in found.to_read
        if "/" in item.sub and item.sub.rpartition("/")[2].partition(".")[0].lower() == "index"
    }
    branches = {item.rel.rpartition("/")[0] for item in found.sections}

    def kept(item: ToRead) -> bool:
        if "/" not in item.sub or item.sub.partition("/")[0].lower() in taxonomies:
            return True
        folder = own = item.rel.rpartition("/")[0]
        while folder and len(folder) >= len(item.rel) - len(item.sub):
            if folder in bundles and (folder == own or folder not in branches):
                return True
            folder = folder.rpartition("/")[0]
        return False

    return kept


def _render(
    item: ToRead,
    data: bytes | Problem | None,
    syntaxes: tuple[str, ...],
    given: Callable[[ToRead], Mapping[str, Any]],
) -> str:
    """Return the ``render`` build option that keeps Hugo from rendering a section page
    (``never``, ``link``), by its own ``build``, else the one it inherits; "": it renders it."""
    values = dict(given(item))
    if isinstance(data, bytes) and b"build" in data.lower():
        try:
            own = formats.load(frontmatter.split(data, syntaxes), aliases=True).data
        except (frontmatter.SplitProblem, yamlsafe.YamlProblem):
            own = {}
        if isinstance(own, dict):
            values.update(
                (str(k).lower(), v) for k, v in own.items() if str(k).lower() in ("build", "_build")
            )
    if not preset_unrendered("hugo", values):
        return ""
    build = values.get("build", values.get("_build"))
    return str(build.get("render") if isinstance(build, dict) else "never").lower()


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
    body = _without(body.replace("\r\n", "\n"), _HIDDEN, _hidden_end)
    if not name.lower().endswith(HTML_PAGE_ENDINGS):
        body = "\n".join(_prose_lines(body.split("\n")))
    text = _MARKS.sub(" ", _without(body, _SHORTCODE, _shortcode_end))
    return len(_CJK.findall(text)) // CJK_PER_WORD + len(_WORD.findall(_CJK.sub(" ", text)))


def _without(text: str, starts: Any, end: Callable[[str, re.Match[str], int], int]) -> str:
    """Return ``text`` with each part that opens at a match of ``starts`` and closes where
    ``end`` finds its end (-1: nowhere, the opening is left as it is) replaced by a space.
    Where one kind of part has no end after a place, none of its kind after it has: looked for
    once, a body of unclosed ones is read in one pass, not once for each."""
    parts: list[str] = []
    done = at = 0
    unclosed: set[str] = set()
    while (opening := starts.search(text, at)) is not None:
        kind = (opening.group(opening.lastindex or 0) or "").lower()
        close = -1 if kind in unclosed else end(text, opening, opening.end())
        if close < 0:
            unclosed.add(kind)
            at = opening.end()
            continue
        parts += (text[done : opening.start()], " ")
        done = at = close
    return "".join(parts) + text[done:] if parts else text


def _hidden_end(text: str, opening: re.Match[str], at: int) -> int:
    """Return where the comment, element or ``highlight`` that ``opening`` opens ends, -1: nowhere."""
    if opening.group(2):
        found = _HIGHLIGHT_END.search(text, at)
        return found.end() if found else -1
    if not opening.group(1):
        found_at = text.find("-->", at)
        return found_at + 3 if found_at >= 0 else -1
    name = opening.group(1).lower()
    for close in _TAG_END.finditer(text, at):
        if close.group(1).lower() == name:
            return close.end()
    return -1


def _shortcode_end(text: str, opening: re.Match[str], at: int) -> int:
    """Return where the shortcode's tag that ``opening`` opens ends, -1: nowhere."""
    found = _SHORTCODE_END.search(text, at)
    return found.end() if found else -1


def _prose_lines(lines: list[str]) -> list[str]:
    """Return the lines of a Markdown body that are prose: outside fenced code, none of `_NOT_PROSE`.
    A fence closes at a line of its own character, at least as long, and nothing after it."""
    kept: list[str] = []
    fence = ""
    for line in lines:
        mark = _FENCE.match(line)
        if fence:
            if mark and mark.group(1)[0] == fence[0] and len(mark.group(1)) >= len(fence):
                fence = "" if not line[mark.end() :].strip() else fence
            continue
        if mark:
            fence = mark.group(1)
            continue
        if line.strip() and not _NOT_PROSE.match(line):
            kept.append(line)
    return kept


def _preset_listings(rules: ReadRules) -> bool:
    """Whether the site's listings are the preset's (no ``non_assets`` setting names its own)."""
    return dict(rules.non_assets).get("listing") == dict(preset_non_assets(rules.generator)).get("listing")


def _rel(item: ToRead) -> str:
    return item.rel


def _path(fate: FileFate) -> str:
    return fate.path
