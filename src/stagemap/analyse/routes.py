"""Which asset a route link (``/docs/x``, ``../y/``) in a body stands for: the route-to-file rules.

Site content links by route, not by file. A route is matched, in this order, against:

1. each asset's own addresses: its ``url`` (the base URL taken off), its ``aliases`` and
   ``redirect_from`` keys (on a Hugo site, an alias without a first ``/`` is where Hugo puts
   it: beside the page's own address, ``tardigrade`` on ``/storj/`` at ``/tardigrade/``);
2. the route its file has under each route root (``urls.roots``, the generator's preset, and
   every source folder): the path without its ending and a last ``index``/``_index``/``README``,
   with the ``slug`` or the id in place of the last part, and with date and number prefixes
   (``2024-05-01-``, ``01-``) taken off each part. An absolute ``slug`` (``/booking-page``)
   is tried under the file's first folder first (Docusaurus puts a doc's under ``/docs``).
   The site's home (``/``) is no route of a page whose own address is another (Babel's
   ``docs/index.md``, at ``/docs/``, is a folder's index under the docs source's root).

On a Hugo site, a section's list page is a route too, as Hugo makes one for each top folder of
its content that holds pages, with or without an ``_index.md`` (rclone's ``/commands/``), and so
are its taxonomies' and the terms its pages' front matter names (``/tags/steel/``,
`stagemap.analyse.hugoroutes`); a page Hugo does not render (``build: {render: never}``) has no
route. The route of a page left out as another version's copy is one (`_site_page`): the
site publishes it.

Routes are compared without their slashes at either end, ignoring case, and without a last
``index.html`` or ``.html``. The first asset (in path order) to claim a route keeps it, and an
address of the first kind beats a path of the second.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote

from ..lazyre import lazy
from ..model.library import Asset, FileFate, Library
from ..model.settings import Config
from ..read.eleventy import LOOSE
from ..read.hugopermalinks import UGLY_SECTIONS
from ..read.presets import UNREAD_PAGE, preset_unrendered
from ..read.urls import route_names, route_parts
from ..read.versions import version_glob
from .hugoroutes import hugo_listed, hugo_terms, term_routes
from .linkreading import LinkReading, link_reading
from .paths import content_prefix, link_key, strip_prefix
from .writtenfiles import folder_keys, html_keys, listed_files, term_page, written_keys

_JS_TEMPLATE = lazy(r"\.11ty\.[cm]?js$")
_FIRST_PAGE = lazy(r" \(first page at (/[^()]*)\)$")
_PREFIXES = lazy(r"(^|/)(?:\d{4}-\d{2}-\d{2}[-_]+(?=[^/])|\d+[-_](?=[^/]))")
"""A date (``2024-05-01-``; ``2017-10-23--``, as LekoArts' Gatsby themes name their posts'
folders) or an order number (``01-``) in front of a part of a route, which sites take off."""


@dataclass(frozen=True, slots=True)
class Routes:
    """The site's routes and the files it serves from its root, for resolving links in bodies."""

    pages: Mapping[str, str] = field(default_factory=dict)
    """Asset ids by route key (see `route_key`)."""
    own: Mapping[str, str] = field(default_factory=dict)
    """Each asset's own route (``/blog/x/``), by id: relative route links start from it."""
    roots: tuple[str, ...] = ()
    """Route roots relative to the content folder (``.`` for the folder itself, ``../x`` for one
    beside it), those in it longest first: a root-absolute link to a file (``/blog/x.md``) is
    looked for under each."""
    base: str = ""
    """The site's address (``urls.base``), or the path alone it is served under (``/docs/``)."""
    files: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Files served from the site root, by their path there (``images/x.png``): (static folder
    relative to the project, path inside it)."""
    extensions: tuple[str, ...] = ()
    """Endings of content files: a link naming one is a link to a file, never a route."""
    others: frozenset[str] = frozenset()
    """Content files (relative to the content folder) read but not assets (listings, excluded
    pages...): a link to one stands for its route on the public site."""
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """On a Hugo site, its content files (relative to the content folder) by the name Hugo's
    ``ref`` finds them by when all else fails: the file's name without its ending, lower case
    (a section's or bundle's ``_index``/``index``: its folder's). Empty for other generators."""
    prefix: str = ""
    """The content folder relative to the project (`stagemap.analyse.paths.link_key`)."""
    from_roots: bool = False
    """A relative link to a file that is not beside the page is looked for under each of
    `roots` too, as Docusaurus does (``intro.md`` from docs/guides/a.md may be docs/intro.md);
    never one starting with ``./`` or ``../``."""

    statics: tuple[str, ...] = ()
    """The static folders that serve `files`, relative to the project, in order."""
    endings: frozenset[str] = frozenset()
    """The keys of the pages' own addresses that end in ``.html`` (``/post/hello.html``, Hugo's
    ``uglyURLs``, its list pages' too, Jekyll's pages; on a Jekyll site those with no ending
    too, written to ``x.html``): a link with a content file's ending reaches a page only there,
    or at `folders`' ``index.html`` (`stagemap.analyse.writtenfiles`)."""
    folders: frozenset[str] = frozenset()
    """The keys of the routes whose page the generator writes to a folder's ``index.html``
    (``/guides/setup/``, a list page but under Hugo's ``uglyURLs``; `stagemap.analyse.writtenfiles`)."""
    loose: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """Assets whose route is partly worked out by the site in code (an Eleventy permalink
    through a filter of the site's: ``blog/{{ page.date | month }}/{{ page.fileSlug }}``, its
    route ``/blog/*/v3-released/``), by the first and last parts of that route (`route_key`
    form), both known: a route of three parts or more that matches no page, with those first
    and last parts, leads to that asset (``/blog/2017/03/v3-released``); "" when two assets have them."""
    bundled: Mapping[str, str] = field(default_factory=dict)
    """On a Hugo site that lower-cases its paths, the files of its page bundles in a folder with
    capitals by the path Hugo writes them at, to their own (`stagemap.analyse.bundles`)."""
    listed: frozenset[str] = frozenset()
    """The route keys of the site's pages that are not assets (listings, pages a rule leaves out,
    pages with problems): a link to one leads to a page of the site, even with no `base` to send it to."""
    getpage: bool = False
    """On a Hugo site whose link render hook looks a link up with ``.Page.GetPage``
    (`stagemap.read.linkhooks`): a relative link naming a page is the page ``GetPage`` finds,
    from the page's folder, then the content folder, before a browser's reading of it."""
    reading: LinkReading = field(default_factory=LinkReading)
    """How the site's generator reads links the rules above do not say (`stagemap.analyse.linkreading`)."""
    folder_named: bool = False
    """Eleventy's routes (`stagemap.read.urls.route_parts`): README is no index, x/x.md is x's."""
    address: Mapping[str, str] = field(default_factory=dict)
    """Each asset's address (``/blog/x/``, ``/about.html``), by id: the host's rules there apply."""

    @property
    def public(self) -> str:
        """`base` when it is the public site's address: a route that matches nothing here goes there."""
        return self.base if self.base.startswith(("https://", "http://")) else ""

    def route_of(self, path: str) -> str:
        """Return the route of the non-asset content file whose key is ``path`` (see `others`), or empty."""
        if path not in self.others or not path.lower().endswith(self.extensions):
            return ""
        if path.startswith("/"):  # another source's file: from the content folder, as `roots` are
            path = posixpath.relpath(path[1:], self.prefix or ".")
        for root in self.roots:
            if (root == "." and not path.startswith("../")) or path.startswith(root + "/"):
                sub = path if root == "." else path[len(root) + 1 :]
                if self.folder_named:  # an Eleventy JavaScript template's route: its name less ``.11ty.js``
                    sub = _JS_TEMPLATE.sub(".js", sub)
                parts = route_parts(sub, None, folder_named=self.folder_named)
                return "/" + parts["path"] + "/" if parts["path"] else "/"
        return ""


def route_key(route: str) -> str:
    """Return the form routes are compared in (a percent escape read: a link's path is read so)."""
    route = route.strip().strip("/")
    if "%" in route:
        route = unquote(route)
    # (Tested first: most routes end in neither, and the route of every asset is keyed.)
    if route.endswith(("index.html", "index.htm")):
        for tail in ("index.html", "index.htm"):
            if route == tail or route.endswith("/" + tail):
                route = route[: -len(tail)]
    if route.endswith((".html", ".htm")):
        route = route.removesuffix(".html").removesuffix(".htm")
    return route.strip("/").casefold()


def _folder(route: str) -> str:
    """Return the folder a browser resolves a relative link in, on the page at ``route``:
    ``/docs/alpha/`` itself, but ``/docs/`` for ``/docs/alpha`` and ``/`` for ``/about.html``."""
    path = "/" + route.partition("#")[0].partition("?")[0].strip().lstrip("/")
    return path.rpartition("/")[0].casefold() + "/"


def route_roots(config: Config) -> tuple[str, ...]:
    """Return the route roots relative to the project: the setting's, then every source's folder."""
    found = list(config.rules.route_roots)
    for source in config.all_sources:
        try:
            found.append(source.path.relative_to(config.root).as_posix() or ".")
        except ValueError:
            continue
    return tuple(dict.fromkeys(r or "." for r in found))


def plan_routes(
    config: Config, library: Library, files: Mapping[str, tuple[str, str]], as_of: dt.date | None = None
) -> Routes:
    """Work out every asset's routes; ``files`` are those served from the site root; ``as_of``:
    the day the site is built for (a Hugo page dated after it makes no term page), today by default.

    The routes of the latest library are remembered with everything they were worked out
    from: ``serve`` plans the site after every save, and an edit seldom moves a route."""
    rules = config.rules
    terms = hugo_terms(library, as_of or dt.date.today()) if rules.generator == "hugo" else None  # (lists)
    ugly = library.site_params.get(UGLY_SECTIONS) or ()
    inputs = (
        route_roots(config),
        content_prefix(config),
        rules.base_url,
        rules.extensions,
        rules.unread_pages,
        terms,  # (what `Routes.listed` gets of `stagemap.analyse.hugoroutes`, not made unless needed)
        [
            (a.id, a.path, a.url, a.route, *((a.extra.get(k) for k in _ROUTE_FIELDS) if a.extra else ()))
            for a in library.assets
        ],
        [(f.path, f.fate, f.kind, f.rule) for f in library.fates],  # (which are pages, where: `listed`)
        sorted(files.items()),
        [(s.path, s.url) for s in config.all_sources],
        rules.url_pattern,
        ugly,  # (Hugo's uglyURLs: the files of its list pages, `stagemap.analyse.writtenfiles`)
        link_reading(config, library.site_params, library.assets, as_of),  # (how links are read, a value)
    )
    if not _LATEST or _LATEST[0][0] != inputs:
        made = _plan_routes(config, library, files)
        found = hugo_listed(config, library, terms) if terms else ()
        named = frozenset(terms[0] + r for r in term_routes(terms, lists=False)) if terms else ()
        folders, files_at = listed_files([(r, r in named) for r in found], ugly, route_key)
        listed = made.listed | frozenset(route_key(r) for r in found)
        made = replace(made, folders=made.folders | folders, endings=made.endings | files_at, listed=listed)
        _LATEST[:] = [(inputs, replace(made, reading=inputs[-1]))]
    return _LATEST[0][1]


_ROUTE_FIELDS = ("slug", "aliases", "redirect_from", "build", "_build")
"""The fields of an asset's front matter its routes are made from (besides its id, path and url;
Hugo's build options: a page it does not render has none)."""
_LATEST: list[tuple[Any, Routes]] = []


def _plan_routes(config: Config, library: Library, files: Mapping[str, tuple[str, str]]) -> Routes:
    roots = sorted(route_roots(config), key=lambda r: (-len(r) if r != "." else 0, r))
    pages: dict[str, str] = {}
    address: dict[str, str] = {}
    base = config.rules.base_url
    hugo, eleventy = config.rules.generator == "hugo", config.rules.generator == "eleventy"
    addresses = [_addresses(asset, base, hugo) for asset in library.assets]
    unmade = {a.id for a in library.assets if hugo and a.extra and preset_unrendered("hugo", a.extra)}
    for asset, named in zip(library.assets, addresses, strict=True):
        for route in named if asset.id not in unmade else ():  # (Hugo renders no page of it there)
            pages.setdefault(route_key(route), asset.id)
    loose: dict[tuple[str, str], str] = {}
    owned: list[tuple[str, list[str], list[str]]] = []  # (each asset's addresses and file's routes)
    for asset, named in zip(library.assets, addresses, strict=True):
        derived = _derived(asset, roots, eleventy)
        if named and all(route_key(n) for n in named):  # the site's home is not this page's
            derived = [route for route in derived if route_key(route)]
        for route in derived if asset.id not in unmade else ():
            pages.setdefault(route_key(route), asset.id)
        if f"/{LOOSE}/" in asset.route and not asset.url:  # its address is partly the site's own work
            first, _, rest = route_key(asset.route).partition("/")
            ends = (first, rest.rpartition("/")[2])
            if LOOSE not in ends:
                loose[ends] = asset.id if loose.get(ends, asset.id) == asset.id else ""
        if named or derived:  # a relative link on the page leads where a browser takes it from its address
            address[asset.id] = named[0] if named else "/" + route_key(derived[0]) + "/"
        owned.append((asset.id, named, derived) if asset.id not in unmade else (asset.id, [], []))
    prefix = content_prefix(config)
    others = frozenset(link_key(f.path, prefix) for f in library.fates if f.fate != "asset")
    extensions = (*config.rules.extensions, *config.rules.unread_pages)
    names = _names([strip_prefix(a.path, prefix) for a in library.assets], others, extensions) if hugo else {}
    routes = Routes(
        pages,
        {asset_id: _folder(at) for asset_id, at in address.items()},
        _inside(roots, prefix),
        base,
        files,
        extensions,
        others,
        names,
        "" if prefix == "." else prefix,
        config.rules.generator == "docusaurus",
        tuple(dict.fromkeys(folder for folder, _ in files.values())),
        html_keys(addresses, config.rules.generator == "jekyll", route_key),
        folder_named=eleventy,
    )
    pages_of = ((f, _listed_route(routes, f, prefix)) for f in library.fates if _site_page(f))
    listed = [(r, hugo and term_page(f.path, prefix, library.site_params)) for f, r in pages_of if r]
    folders, ugly = listed_files(listed, library.site_params.get(UGLY_SECTIONS) or (), route_key)
    return replace(
        routes,
        listed=frozenset(route_key(r) for r, _ in listed) | written_keys(library, route_key),
        loose=loose,
        address=address,
        endings=routes.endings | ugly,
        folders=frozenset(folder_keys(owned, pages, config.rules.generator, route_key) | folders),
    )


def _listed_route(routes: Routes, fate: FileFate, prefix: str) -> str:
    """Return the route of a page of the site that is no asset: a listing's first page's, where
    its rule names it (`stagemap.read.nopage`), else its file's (or "")."""
    found = _FIRST_PAGE.search(fate.rule) if fate.kind == "listing" else None
    return found.group(1) if found else routes.route_of(link_key(fate.path, prefix))


def _inside(roots: list[str], prefix: str) -> tuple[str, ...]:
    """Return the route roots relative to the content folder ``prefix`` (`Routes.roots`)."""
    inside = []
    for root in roots:
        if prefix in ("", "."):
            inside.append(root)
        elif root == prefix or root.startswith(prefix + "/"):
            inside.append(root[len(prefix) + 1 :] or ".")
        else:  # beside the content folder (the site's own root, another source): reached by ``..``
            inside.append(posixpath.relpath(root, prefix))
    return tuple(inside)


_PAGE_KINDS = frozenset({"listing", "by rule", UNREAD_PAGE})
"""Kinds of non-assets that are pages of the site (`Routes.listed`)."""


def _site_page(fate: FileFate) -> bool:
    """Whether a file that is no asset is a page of the site all the same (`Routes.listed`): a
    listing, a page a rule leaves out, one with problems, or one left out as a copy of the pages
    for another version (by a glob naming a version's folder, ``/cli/v1.20/``, or a development
    copy's, ``/master/``, as init writes them: `stagemap.read.versions`), which the site publishes."""
    if fate.kind in _PAGE_KINDS or fate.fate == "problem":
        return True
    return fate.fate == "excluded" and version_glob(fate.rule)


def _names(
    assets: list[str], others: Iterable[str], extensions: tuple[str, ...]
) -> dict[str, tuple[str, ...]]:
    """Return content files by the name Hugo's ``ref`` looks a page up by (see `Routes.names`)."""
    found: dict[str, list[str]] = {}
    for path in [*assets, *others]:
        if path.lower().endswith(extensions):
            found.setdefault(ref_name(path), []).append(path)
    return {name: tuple(sorted(paths)) for name, paths in found.items()}


def ref_name(path: str) -> str:
    """Return the name Hugo looks a page up by: its file's name without its ending (a folder's
    for ``_index`` and ``index``), lower case."""
    folder, _, name = path.rpartition("/")
    stem = name.rpartition(".")[0] if "." in name else name
    if stem.lower() in ("_index", "index") and folder:
        stem = folder.rpartition("/")[2]
    return stem.lower()


def _addresses(asset: Asset, base: str, hugo: bool = False) -> list[str]:
    """Return the routes an asset names itself: its url, aliases, redirects and absolute slug;
    ``hugo``: an alias without a first ``/`` is beside the page's address, as Hugo puts it."""
    found = []
    if asset.url:
        url = asset.url
        if base and url.startswith(base.rstrip("/")):
            url = url[len(base.rstrip("/")) :] or "/"
        if url.startswith("/"):
            found.append(url)
    elif asset.route and f"/{LOOSE}/" not in asset.route:  # no site address: its route all the same
        found.append(asset.route)
    if asset.extra:  # most assets have no field beyond stagemap's own
        own = found[0] if found else ""
        for key in ("aliases", "redirect_from"):
            for alias in _texts(asset.extra.get(key)):
                if alias.startswith("/"):
                    found.append(alias)
                elif hugo and key == "aliases" and own and alias.strip() and "://" not in alias:
                    found.append(_beside(own, alias.strip()))
    return found


def _beside(address: str, alias: str) -> str:
    """Return where Hugo puts a page's relative ``alias``: joined to the folder its ``address``
    is in (``tardigrade`` on ``/storj/``: ``/tardigrade``; on ``/docs/a/``: ``/docs/tardigrade``)."""
    folder = posixpath.dirname(address.partition("#")[0].partition("?")[0].rstrip("/")) or "/"
    return posixpath.normpath(posixpath.join(folder, alias))


def _derived(asset: Asset, roots: Iterable[str], folder_named: bool) -> list[str]:
    """Return the routes an asset's file has under each route root that holds it (`Routes.folder_named`)."""
    slug = asset.extra.get("slug") if asset.extra else None
    last = asset.id.rpartition("/")[2]
    found = []
    for root in roots:
        if root != "." and not asset.path.startswith(root + "/"):
            continue
        sub = asset.path if root == "." else asset.path[len(root) + 1 :]
        path, folder, named, section = route_names(sub, slug, folder_named)
        candidates = [path, _join(folder, named), _join(folder, last)]
        if isinstance(slug, str) and slug.startswith("/") and section:
            candidates.insert(0, section + slug)
        # Mostly the same route three times over (no slug; the id is the file's name): once each.
        for route in dict.fromkeys(candidates):
            found.append("/" + route)
            bare = _PREFIXES.sub(r"\1", route)
            if bare != route:
                found.append("/" + bare)
    return found


def _join(folder: str, name: str) -> str:
    """``posixpath.join(folder, name)``, for the two parts a route is made of."""
    if name.startswith("/"):
        return name
    return folder + name if not folder or folder.endswith("/") else folder + "/" + name


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
