"""Work out an asset's public address from a ``url`` field or the settings' URL pattern.

A pattern is a route with names in braces, filled in from the file's path under its source:
``{path}`` (without the ending, and without a last ``index``, ``_index`` or ``README``),
``{dir}`` (its folder), ``{name}`` (its last part), ``{slug}`` (the ``slug`` key, else the
name without a date in front), ``{section}`` (its first folder), ``{year}``, ``{month}``,
``{day}`` (of a date the name starts with, ``2024-05-01-launch``; empty when none) and
``{date}`` (that date as ``2024/05/01``, empty too when the page has its own ``slug``: a
Docusaurus blog post's slug replaces its dated route), ``{file}`` (the path without the
ending, an ``_index`` or ``README`` named ``index``: ``/{file}.html`` is MkDocs' route without
directory URLs), ``{categories}`` (the ``categories`` key, lower case, joined by ``/``: Jekyll's
posts), ``{entry}`` (an Astro content entry's route: its ``slug``, else its path in lower case)
and ``{doc}`` (a Docusaurus doc's route: see `doc_route`). Doubled slashes are
closed up. A route is joined to the base URL; a full ``http(s)://`` address is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ..lazyre import lazy
from ..model.settings import ReadRules
from .eleventy import eleventy_permalink
from .mkdocsblog import blog_route
from .permalinks import hugo_route, hugo_safe
from .postdates import post_day
from .presets import preset_unrendered

INDEX_NAMES = ("index", "_index", "readme")
"""Last parts of a path that stand for their folder."""
_DATED = lazy(r"(\d{4})-(\d{2})-(\d{2})-(.+)")
"""A name that starts with a date, as blog posts' do in Jekyll and Docusaurus."""
_POST_DATE = lazy(r"(?P<folder>.*)(?P<date>\d{4}[-/]\d{1,2}[-/]\d{1,2})[-/]?(?P<text>.*)")
"""A Docusaurus blog post's path (its ending and a last ``/index`` off) holding a date: the last
one, with the folders before it and the text after it (as Docusaurus's ``parseBlogFileName``)."""


_NUMBERED = lazy(r"\d+\s*[-_.]+\s*(?=[^-_.\s])")
"""A number in front of a name, as Docusaurus orders docs: ``01-intro``, ``2_setup``."""
_VERSION_OR_DATE = lazy(r"\d+[-_.]\d+(?:[-_.]|$)")
"""A name that starts with a version (``1.2``) or a date: its number is no order prefix."""


def unnumbered(part: str) -> str:
    """Return one part of a path without its order prefix: ``01-intro`` is ``intro``."""
    if _VERSION_OR_DATE.match(part):
        return part
    found = _NUMBERED.match(part)
    return part[found.end() :] if found else part


def doc_route(sub: str, slug: Any, doc_id: Any) -> str:
    """Return a Docusaurus doc's route under its docs route: ``guides/01-setup.md`` is ``guides/setup``.

    Order prefixes are dropped from every part; an ``index``, a ``README`` or a file named after
    its folder stands for the folder, whatever its ``id`` (Docusaurus's category index); else an
    ``id`` key renames the last part; a ``slug`` key replaces it, relative to the folder, or
    (starting with ``/``) to the docs route itself.
    """
    path = sub.rpartition(".")[0] if "." in sub.rpartition("/")[2] else sub
    parts = [unnumbered(p) for p in path.split("/")]
    folder, name = parts[:-1], parts[-1]
    own_slug = slug.strip() if isinstance(slug, str) else ""
    if own_slug.startswith("/"):
        return own_slug.strip("/")
    own_id = doc_id.strip() if isinstance(doc_id, str) and "/" not in doc_id else ""
    if not own_slug and (
        name.lower() in ("index", "readme") or (folder and name.lower() == folder[-1].lower())
    ):
        return "/".join(folder)
    if own_slug or own_id:
        return "/".join([*folder, own_slug or own_id]).strip("/")
    return "/".join(parts)


def route_parts(
    sub: str,
    slug: Any,
    categories: Any = None,
    day: tuple[str, str, str] | None = None,
    folder_named: bool = False,
) -> dict[str, str]:
    """Return the names a URL pattern can use for the file at ``sub`` under its source (``day``:
    the year, month and day a Jekyll post's ``date`` gives, over its file name's; with
    ``folder_named``, a file named after its folder stands for it, as an index does, and only
    ``index`` else: Eleventy's, where ``guide/README.md`` is ``/guide/README/``)."""
    parts, file = _route_path(sub, folder_named)
    name = parts[-1] if parts else ""
    own = slug.strip() if isinstance(slug, str) else ""
    dated = _DATED.fullmatch(name)
    year, month, date, bare = dated.groups() if dated else ("", "", "", name)
    written = f"{year}/{month}/{date}" if dated and not own else ""
    if day is not None:
        year, month, date = day
    return {
        "path": "/".join(parts),
        "dir": "/".join(parts[:-1]),
        "name": name,
        "slug": own or bare,
        "section": parts[0] if len(parts) > 1 else "",
        "year": year,
        "month": month,
        "day": date,
        "date": written,
        "file": file,
        "categories": _categories(categories),
        # An Astro content entry's route: its slug when it has one, else its path, as Astro
        # makes it (lower case, spaces as hyphens).
        "entry": own.strip("/") if own else "-".join("/".join(parts).lower().split()),
        "post": own.strip("/") if own else _post("/".join(parts)),
    }


def route_names(sub: str, slug: Any, folder_named: bool = False) -> tuple[str, str, str, str]:
    """Return the ``path``, ``dir``, ``slug`` and ``section`` of `route_parts`, without the
    rest (an asset's routes on a site with no URL pattern: 10,000 of them a build)."""
    parts, _ = _route_path(sub, folder_named)
    own = slug.strip() if isinstance(slug, str) else ""
    if not own:
        dated = _DATED.fullmatch(parts[-1]) if parts else None
        own = dated.group(4) if dated else parts[-1] if parts else ""
    return "/".join(parts), "/".join(parts[:-1]), own, parts[0] if len(parts) > 1 else ""


def _route_path(sub: str, folder_named: bool) -> tuple[list[str], str]:
    """Return the parts of a file's route (its ending off; an index stands for its folder) and its ``file``."""
    path = sub.rpartition(".")[0] if "." in sub.rpartition("/")[2] else sub
    parts = path.split("/")
    named = folder_named and len(parts) > 1 and parts[-1] == parts[-2]
    if parts and (parts[-1].lower() in (("index",) if folder_named else INDEX_NAMES) or named):
        return parts[:-1], "/".join([*parts[:-1], "index"])
    return parts, path


def _post(path: str) -> str:
    """Return a Docusaurus blog post's route under the blog's from its path (ending and a last
    ``index`` off): ``releases/2.1`` as it is; a dated one as its date, then the folders before
    it and the rest (``2024-05-01-launch`` is ``2024/05/01/launch``)."""
    dated = _POST_DATE.fullmatch(path)
    if dated is None:
        return path
    return f"{dated.group('date').replace('-', '/')}/{dated.group('folder')}{dated.group('text')}"


def _site_pattern(
    pattern: str, given: str, fm: Mapping[str, Any], rules: ReadRules, sub: str, permalink: str
) -> tuple[str, str]:
    """Return the URL pattern and the given address of a page as its generator routes it."""
    if rules.generator == "hugo" and not given and not permalink:
        return _hugo_slugged(pattern, sub, fm.get("slug")), given
    if rules.generator == "jekyll" and ":" in given and not given.startswith(("http://", "https://")):
        return jekyll_pattern(given), ""  # permalink: /:path/x/, a pattern of its own
    if rules.generator == "jekyll" and pattern in ("/{file}", "/{file}.html") and _is_index(sub):
        return pattern.rpartition("{file}")[0] + "{path}/", given  # Jekyll's index page: its folder's route
    return pattern, given


def _hugo_slugged(pattern: str, sub: str, slug: Any) -> str:
    """Return ``pattern`` with a Hugo page's ``slug`` as the last part of its ``{path}``, as Hugo
    routes it: ``blog/lanterns.md`` with ``slug: evenings`` is ``/blog/evenings/`` (a section's
    ``_index`` page keeps its folder's route; a slug starting with ``/`` is the whole route)."""
    own = slug.strip() if isinstance(slug, str) else ""
    if (
        not own
        or own.startswith("/")
        or sub.rpartition("/")[2].startswith("_index.")
        or "{path}" not in pattern
    ):
        return pattern
    folder = route_parts(sub, None)["path"].rpartition("/")[0]
    own = "-".join(own.split())  # Hugo's path: spaces as hyphens
    literal = f"{folder}/{own}".lstrip("/").replace("{", "{{").replace("}", "}}")
    return pattern.replace("{path}", literal)


def _is_index(sub: str) -> bool:
    """Whether the file at ``sub`` is an index page as Jekyll sees one (``index.md``, ``index.html``)."""
    return sub.rpartition("/")[2].rpartition(".")[0] == "index"


def _categories(value: Any) -> str:
    """Return a page's categories as Jekyll puts them in a route: lower case, joined by ``/``,
    each escaped as Jekyll escapes a route's parts (``[Field Notes]`` is ``field%20notes``)."""
    names = value.split() if isinstance(value, str) else value if isinstance(value, list) else []
    kept = dict.fromkeys(str(n).strip().lower() for n in names if str(n).strip())
    return "/".join(quote(name, safe="!$&'()*+,;=:@-._~") for name in kept)


_JEKYLL_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "none": "/:categories/:title:output_ext",
}
"""Jekyll's built-in permalink styles, as the patterns they stand for."""
_JEKYLL_NAMES = {
    "year": "{year}",
    "month": "{month}",
    "day": "{day}",
    "title": "{slug}",
    "slug": "{slug}",
    "name": "{name}",
    "basename": "{name}",
    "path": "{path}",
    "categories": "{categories}",
    "output_ext": ".html",
}
"""Jekyll's permalink placeholders, as the names of a URL pattern."""
_JEKYLL_PLACEHOLDER = lazy(r":([a-z_]+)")


def _eleventy_given(given: str, fm: Mapping[str, Any]) -> str | None:
    """Return an Eleventy page's permalink as Eleventy takes it: an ``eleventyComputed``
    permalink over the page's own, a permalink object's ``build`` one; None for no page or
    one only code works out (a permalink object without ``build``, a computed ``false``)."""
    computed = fm.get("eleventyComputed")
    permalink = computed.get("permalink") if isinstance(computed, Mapping) else None
    if permalink is None:
        permalink = fm.get("permalink")
        if not isinstance(permalink, Mapping):
            return given
    if isinstance(permalink, Mapping):
        permalink = permalink.get("build")
    if isinstance(permalink, str) and permalink.strip():
        return permalink.strip()
    return None


def jekyll_pattern(permalink: str, collection: str = "") -> str:
    """Return a Jekyll permalink (a style's name, or a route with ``:year``-like placeholders) as a
    URL pattern: ``/blog/:year/:title/`` is ``/blog/{year}/{slug}/``. A placeholder it does not
    know (``:y_day``) is left out of the route."""
    if permalink in ("ordinal", "weekdate"):
        return ""  # day of the year, week of the year: not known here, so no address rather than a wrong one
    route = _JEKYLL_STYLES.get(permalink, permalink).replace("{", "{{").replace("}", "}}")

    def name(found: re.Match[str]) -> str:
        key = found.group(1)
        return collection if key == "collection" else _JEKYLL_NAMES.get(key, "")

    return _JEKYLL_PLACEHOLDER.sub(name, route)


_UNSAFE = lazy(r"[\x00-\x20<>\x7f]")
"""What an address cannot hold as written and a Markdown link's destination ends at (a Docusaurus
id's space: ``Tide 2.x upgrade``; control characters, ``<`` and ``>``): each is percent-encoded, as
the site serves it. What is already encoded (``%20``), letters beyond ASCII, and the characters a
link's destination holds as they are (``{version}``) stay as written."""


def public_url(
    given: str,
    pattern: str,
    base: str,
    sub: str,
    slug: Any,
    lowercase: bool = False,
    doc_id: Any = None,
    categories: Any = None,
    day: tuple[str, str, str] | None = None,
    folder_named: bool = False,
) -> str:
    """Return the asset's address: ``given`` (a ``url`` field) wins over the pattern; empty when neither.

    With ``lowercase``, a route made from the pattern is lower-cased (as Hugo makes its paths);
    a given address is kept as written. A ``slug`` starting with ``/`` is the whole route, but
    in a pattern with ``{doc}``, where it is the route under the docs' own.
    """
    if given.startswith(("http://", "https://")):
        return given
    if given:
        route = given
    elif pattern and base:
        parts = route_parts(sub, slug, categories, day, folder_named)
        docs = "{doc}" in pattern
        if docs:
            parts["doc"] = doc_route(sub, slug, doc_id)
        whole = parts["slug"].startswith("/") and not docs
        route = parts["slug"] if whole else pattern.format(**parts)
        if lowercase:
            route = route.lower()
    else:
        return ""
    route = re.sub(r"/{2,}", "/", "/" + route.lstrip("/"))
    return base.rstrip("/") + route if base else route


def page_url(
    given: str,
    fm: Mapping[str, Any],
    rules: ReadRules,
    sub: str,
    source_pattern: str,
    draft: bool = False,
    permalink: str = "",
    ugly: bool = False,
    base: str | None = None,
    loose: bool = False,
) -> str:
    """Return the address of the page at ``sub`` under its source (whose URL pattern is
    ``source_pattern``; ``permalink``: how the site's configuration routes it, see
    `stagemap.read.sources.ToRead.permalink`), or "" when the site makes none: never rendered
    (Hugo's ``build``), or a draft by its place (Jekyll's ``_drafts/``, MkDocs' ``draft_docs``),
    which the site's build leaves out. With ``ugly`` (Hugo's ``uglyURLs``), an address made from a
    pattern ends in ``.html``, not ``/``. ``base``: the site's address (None: the settings'
    ``urls.base``; ``"/"``: the route alone, as if set); ``loose``: see `eleventy_permalink`; `_UNSAFE`."""
    base = rules.base_url if base is None else base
    if draft or preset_unrendered(rules.generator, fm):
        return ""
    if rules.generator == "eleventy":
        taken = _eleventy_given(given, fm)
        if taken is None:
            return ""  # permalink: false, or worked out in code
        given = taken
    if rules.generator == "eleventy" and ("{{" in given or "{%" in given):
        given = eleventy_permalink(given, fm, sub, loose)  # ``/blog/{{ page.fileSlug }}/``
        if not given:
            return ""  # worked out by the site's templates from what is not known here
    if rules.generator == "eleventy" and given.rpartition("/")[2] == "index.html":
        given = given.removesuffix("index.html") or "/"  # Eleventy's page.url: the folder's
    if ugly and not given:
        made = page_url("", fm, rules, sub, source_pattern, permalink=permalink, base=base)
        stem = base.rstrip("/")
        route = made[len(stem) :] if stem and made.startswith(stem) else made
        return made[:-1] + ".html" if route.endswith("/") and route.strip("/") else made
    if permalink and not given and base and rules.generator == "mkdocs":
        given = blog_route(permalink, fm, sub)
    elif permalink and not given and base:
        route = hugo_route(permalink, fm, sub)
        given = route.lower() if rules.url_lowercase else route
    pattern, given = _site_pattern(source_pattern or rules.url_pattern, given, fm, rules, sub, permalink)
    made = public_url(
        given,
        pattern,
        base,
        sub,
        fm.get("slug"),
        rules.url_lowercase,
        fm.get("id"),
        fm.get("categories", fm.get("category")),
        post_day(fm.get("date"), rules.timezone) if rules.generator == "jekyll" else None,
        rules.generator == "eleventy",  # ``notes/walrus/walrus.md`` is ``/notes/walrus/``
    )
    if rules.generator == "hugo" and not given and " " in made:  # Hugo's path of ``Getting started/``
        stem = base.rstrip("/") if base and made.startswith(base.rstrip("/")) else ""
        made = stem + hugo_safe(made[len(stem) :])
    return _UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", made)  # (`%20`, as the site serves it)
