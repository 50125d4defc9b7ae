"""How a site's generator reads some links in a page's body, beyond the route rules of
`stagemap.analyse.routes` (`Routes.reading`).

- Docusaurus's docs and blog plugins answer every route below their own (``/docs``, ``/blog``):
  a route there that no page has leads nowhere, but for the pages the plugins make themselves
  (`stagemap.read.docusaurus.plugin_made`, and what the site's files say they make:
  `stagemap.read.docusauruspages`).
- A route ``@docusaurus/plugin-client-redirects`` writes a redirect at (its ``redirects``
  option's ``from``) is the route the redirect leads to (its ``to``), unless the site has a page
  there: a page's own address, or one the site makes (`made`), as the plugin leaves out a
  redirect over any route the site has; not a route a page's file would have but for its
  ``slug``, which the site does not serve (`link_reading`). A ``to`` may name a part of a page,
  which then wins over the link's own, or another site's address (`followed`); its routes leave
  out the path of the site's address (``baseUrl``), which a full path's lookup takes off and
  puts back (`in_path`).
- The redirects and rewrites of the site's host, every generator's (Netlify's ``_redirects``
  and ``netlify.toml``, Vercel's ``vercel.json``: `stagemap.read.hostredirects`), take the same
  way, tried first (`host`, `stagemap.analyse.hostrouting`): a rule that is not forced
  (Netlify's without ``force``, Vercel's rewrites) gives way to a file at the route (a page
  the site builds, a client redirect's page, a static file, a list page), and a chain of
  redirects is followed.
- Gatsby and Astro make a page of each code file of ``src/pages`` that they do not pass over
  (`stagemap.read.componentpages`): a link to one reaches a page of the site (`made`).
- Docusaurus before 3.4 finds a doc from a link with a slash after its ending: its link pattern
  ends at ``.md`` (``api/x.md/#part`` is ``api/x.md#part``); 3.4 and later read links in the
  Markdown tree, where such a path names no doc (`stagemap.read.sitepackages.MD_LINKS_AST`).
- A page the site's generator reads but leaves out of its production build (a draft:
  `stagemap.analyse.unbuilt`) is a page here, as stagemap's own site builds it, and noted
  (`unbuilt`): a link to it leads nowhere on the live site.
- Gatsby's gatsby-remark-images and gatsby-remark-copy-linked-files, where the configuration
  names one (or a theme), join the page's folder and the path of a Markdown image or link, a
  leading slash and all: ``/pics/x.png`` is found beside the page first. An MDX element's
  ``<img src="/pics/x.png">`` is no Markdown node: a plain address (`written_from_root`).
- Astro imports a Markdown image, and an image an MDX page's code imports, through the
  aliases of the site's ``tsconfig.json`` (`stagemap.read.tsconfigpaths`): ``@assets/x.png``
  is ``src/assets/x.png`` where ``paths`` says so. A link, or an element's ``src``, is no
  import: its address stays as written (`written_as_imports`).
"""

from __future__ import annotations

import collections
import datetime as dt
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from ..lazyre import lazy
from ..model.library import Asset
from ..model.safelinks import at_address, base_path
from ..model.settings import Config
from ..read.attachments import imported_files
from ..read.docusaurus import plugin_made, plugin_routes
from ..read.docusauruspages import PLUGIN_PAGES
from ..read.eleventypaged import PAGED, shape_matches
from ..read.eleventyprefix import PREFIX_LINKS
from ..read.hostredirects import EXACT, HOST_CLEAN, HOST_REDIRECTS, HostRule
from ..read.sitepackages import FILES_BESIDE, MARKDOWN, MD_LINKS_AST
from ..read.tsconfigpaths import Alias, site_aliases
from .hostrouting import HostRouting, followed_host, host_routing, query_values
from .unbuilt import unbuilt_pages


def _nowhere(_route: str) -> bool:
    return False


@dataclass(frozen=True, slots=True)
class LinkReading:
    """What a site's generator does with some links that the route rules do not say."""

    owned: Mapping[str, str] = field(default_factory=dict)
    """On a Docusaurus site, the routes its docs and blog plugins answer all of, by kind
    (`stagemap.read.docusaurus.plugin_routes`)."""
    doc_slash: tuple[str, ...] = ()
    """The endings of the docs a relative link may name with a slash after them (Docusaurus's)."""
    slash_no_doc: tuple[str, ...] = ()
    """The endings after which a slash makes a relative link name no doc, nor any page (Docusaurus
    3.4 and later, whose route for ``x.md/`` is no page's)."""
    files_beside: bool = False
    """A link from the site's root to a file that is no page is looked for beside the page first (Gatsby)."""
    pages: tuple[str, ...] = ()
    """The endings of the site's pages (and ``.html``): a link to one is no file for `files_beside`."""
    parts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """By route of `owned`, the first parts below it its plugin makes pages at, as the site's
    files say (`stagemap.read.docusauruspages`; none: the usual ones)."""
    made: frozenset[str] = frozenset()
    """Routes below those of `owned` that the site makes pages at (generated indexes, JavaScript pages);
    on a Gatsby or Astro site, its pages of ``src/pages`` (`stagemap.read.componentpages`)."""
    below: frozenset[str] = frozenset()
    """Routes at and below which a Gatsby site's client-only splat page (``src/pages/app/[...].js``)
    answers every address (`stagemap.read.componentpages.site_pages`)."""
    shapes: tuple[tuple[tuple[str, str, str], ...], ...] = ()
    """The forms of the routes of the pages an Eleventy pagination makes that are not known one by
    one (`stagemap.read.eleventypaged.shape_matches`): ``/crews/*/`` when it goes through a collection."""
    shaped_by: tuple[str, ...] = ()
    """The template each of `shapes` is that of (its path in the project), in their order."""
    redirects: Mapping[str, str] = field(default_factory=dict)
    """The routes a Docusaurus site's client redirects plugin writes a redirect at (lower case, no
    slash at either end), with the route each leads to (`stagemap.read.docusaurus.client_redirects`):
    none at a route the site has a page at."""
    base: str = ""
    """The path of the site's address (Docusaurus's ``baseUrl``) without its last ``/``
    (``/guide``; none at the root), which the routes of `redirects` leave out (`in_path`)."""
    unbuilt: Mapping[str, str] = field(default_factory=dict)
    """The assets the site's production build leaves out (drafts), by id, with what says so
    (`stagemap.analyse.unbuilt.unbuilt_pages`): a link to one leads nowhere on the live site."""
    aliases: tuple[Alias, ...] = ()
    """On an Astro site, the import aliases of its ``tsconfig.json``, in the order they are
    tried (`stagemap.read.tsconfigpaths.path_aliases`): a page's images are imports."""
    imported: frozenset[str] = frozenset()
    """The files (paths in the project) an import through `aliases` may reach, wherever they are
    (`stagemap.read.attachments.imported_files`): no other link reaches those outside a source."""
    host: HostRouting = field(default_factory=HostRouting)
    """The host's rules (`stagemap.read.hostredirects`), tried before `redirects`."""
    prefix_links: str = ""
    """How a link from the root meets the address's path (Eleventy's, Hugo's: `eleventyprefix.PREFIX_LINKS`)."""

    def as_read(
        self, path: str, here: str, names_file: Callable[[str], bool], markdown: Collection[str] = ()
    ) -> str | None:
        """Return a link's path as the site reads it (see the module docstring) on a page in the
        folder ``here``, None when it leads nowhere; ``names_file`` says whether a path (a
        folder's, joined) names a file; ``markdown``: the paths from the root the page writes as
        Markdown images or links (`written_from_root`), the only ones `files_beside` reads."""
        bare = path.rstrip("/")
        if bare != path and path[:1] != "/" and bare.lower().endswith((*self.doc_slash, *self.slash_no_doc)):
            return bare if self.doc_slash else None
        last = path.rpartition("/")[2].lower()
        other = "." in last and not last.endswith(self.pages)
        near = (
            self.files_beside
            and path[:1] == "/"
            and other
            and path in markdown
            and names_file(posixpath.join(here, "." + path))
        )
        return "." + path if near else path

    def redirected(self, route: str, present: Callable[[str], bool] = _nowhere, query: str = "") -> str:
        """Return the route a link to ``route`` reaches: where a redirect at it leads (`redirects`,
        `host`, as written: a fragment, a query or another site's address kept), a chain of the
        host's redirects followed, else ``route``. ``present``: whether the site has a file at a
        route that `host` does not know of (a static file, a list page), which a rule that is
        not forced gives way to; ``query``: the link's (after its ``?``), which the host passes
        on along a chain, for its rules that name parameters, until one of those matches."""
        return self._reached(route, present, query)[0]

    def _reached(self, route: str, present: Callable[[str], bool], query: str) -> tuple[str, bool]:
        """Return the route a link to ``route`` reaches (`redirected`) and whether the link's
        query goes with it (not after a host's rule that named query parameters)."""
        if not self.redirects and not self.host:
            return route, True
        values = query_values(query) if query and self.host else None
        found = followed_host(lambda at, kept: self._step(at, present, values if kept else None), route)
        return found or (route, True)

    def followed(
        self, route: str, url: str, fragment: str, present: Callable[[str], bool] = _nowhere
    ) -> tuple[str, str, str]:
        """Return the address, route and fragment a link written ``url`` (its fragment
        ``fragment``), to ``route``, reaches: the same, or, where a redirect is at ``route``, its
        ``to`` (a route of this site, or another site's address, then all three), with ``url``'s
        query and fragment only when ``to`` has neither, as the plugin's redirect page forwards
        them, and the host passes the query on but after a rule that named query parameters,
        whose ``to`` gives the query (``present``: see `redirected`)."""
        asked = (
            route + "/" if route != "/" and url.partition("#")[0].partition("?")[0].endswith("/") else route
        )
        query = url.partition("#")[0].partition("?")[2]
        to, kept = self._reached(asked, present, query)  # (with the link's slash: a Vercel rule tells)
        if to == asked:
            return url, route, fragment
        if "?" not in to and "#" not in to:
            tail = url[len(url.partition("?")[0].partition("#")[0]) :]
            to += tail if kept else tail.partition("#")[1] + tail.partition("#")[2]
        if not to.startswith("/"):
            return to, to, ""
        return to, to.partition("#")[0].partition("?")[0], to.partition("#")[2]

    def _step(
        self, route: str, present: Callable[[str], bool], query: Mapping[str, str] | None = None
    ) -> tuple[str, bool, bool] | None:
        """Return where one redirect or rewrite at ``route`` leads, whether it is a redirect and
        whether it replaced the request's query (`HostRouting.step`):
        the host's rule (`host`), where a client redirect's page gives way to a forced one only,
        else the client redirect (`redirects`); None when none is there."""
        key = route.strip("/").casefold()
        client = self.redirects.get(key)
        found = self.host.step(key, route, client is not None or present(route), query) if self.host else None
        return found if found is not None or client is None else (client, True, False)

    def leading_to_part(self, part: str) -> tuple[str, ...]:
        """Return the routes (`redirects`' keys) whose redirect leads to a part ``part`` of a page."""
        every = (*self.redirects.items(), *self.host.tos())
        return tuple(dict.fromkeys(route for route, to in every if to.partition("#")[2] == part))

    def in_path(self, path: str) -> str:
        """Return the route a link to the address path ``path`` reaches (`redirected`), where the
        site's address has a path of its own (Docusaurus's ``baseUrl``, `base`): the redirects'
        routes leave it out, so it is taken off ``path`` (written with or without it) to look
        one up, and put back on the route found; ``path`` where no redirect is at it."""
        bare = path[len(self.base) :] if self.base and at_address(path, self.base) else path
        to = self.redirected(bare or "/")
        return path if to == (bare or "/") else self.base + to if to.startswith("/") else to

    def makes(self, key: str) -> bool:
        """Whether the site makes a page at the route ``key`` (`made`, or at or below `below`;
        one of the forms of `shapes`: `shaped`)."""
        return key in self.made or any(key == r or key.startswith(r + "/") for r in self.below)

    def shaped(self, key: str) -> str:
        """Return the template (`shaped_by`) whose pages, not known one by one, have a form the
        route ``key`` has (`shapes`); "" where none has."""
        return next(
            (by for shape, by in zip(self.shapes, self.shaped_by, strict=False) if shape_matches(key, shape)),
            "",
        )

    def unowned(self, key: str) -> bool:
        """Whether the route ``key`` (`stagemap.analyse.routes.route_key`) is below a route a
        plugin answers (`owned`) and none the plugin or the site makes itself."""
        return key not in self.made and plugin_made(key, self.owned, self.parts) is False


_DESTINATION = lazy(r"""\]\(\s*<?(/[^\s)>]*)|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(/[^\s>]*)""", re.M)
"""A Markdown link's or image's destination from the root, inline or in a reference's definition."""


def written_from_root(body: str) -> frozenset[str]:
    """Return the paths from the root (``/pics/x.png``) that ``body`` writes as Markdown images
    or links, as a link is read (no fragment, no query, percent escapes read)."""
    if "](/" not in body and "]:" not in body:
        return frozenset()
    found = (m.group(1) or m.group(2) for m in _DESTINATION.finditer(body))
    return frozenset(unquote(f.partition("#")[0].partition("?")[0]) for f in found)


_MARK = lazy(r"""\\.|[\[\]]|\n[ \t]*\n""", re.S)
"""What a Markdown image's brackets are read by: an escaped character, a bracket, a blank line."""
_AFTER = lazy(r"""\(\s*(?:<([^<>\n]*)>|([^\s()<][^\s()]*(?:\([^\s()]*\)[^\s()]*)*))|\[([^\[\]]{0,999})\]""")
"""What follows an image's alt text: its destination (``(<a b.png>)``, ``(a(1).png "t")``), or a label."""
_LABEL_MOST = 999
"""The most characters of a reference's label (CommonMark's)."""
_OPEN = 4096
"""The most brackets held open at once (a longer run of openings reads the last of them)."""
_DEFINITION = lazy(r"""^[ \t]{0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)""", re.M)
_IMPORTED = lazy(r"""^import\s+[A-Za-z_$][\w$]*\s+from\s*(['"])([^'"\n]+)\1""", re.M)
"""An MDX page's import of a default value: an image's, where the path names one."""


def written_as_imports(body: str) -> frozenset[str]:
    """Return the addresses ``body`` writes where Astro imports them: its Markdown images'
    (inline, or by reference to a definition) and what its code imports a value from (``import
    shot from '@assets/shot.png'``, whose value an element's ``src={shot}`` shows), as a link is
    read (no fragment, no query, percent escapes read)."""
    found, labels = _images(body) if "![" in body else ([], set())
    if labels and "]:" in body:
        found += [m.group(2) for m in _DEFINITION.finditer(body) if _label(m.group(1)) in labels]
    if "import" in body:
        found += [m.group(2) for m in _IMPORTED.finditer(body)]
    return frozenset(unquote(f.partition("#")[0].partition("?")[0]) for f in found)


def _images(body: str) -> tuple[list[str], set[str]]:
    """Return the destinations of the Markdown images in ``body`` and the labels of those given
    by reference, read as Markdown reads them: an alt text over lines (a paragraph's), with
    brackets in pairs and escaped ones in it, a destination in ``<>``. Each character is read
    once: a bracket closes the last one open, a blank line closes them all."""
    found: list[str] = []
    labels: set[str] = set()
    opens: collections.deque[tuple[int, bool]] = collections.deque(maxlen=_OPEN)
    escaped = -1  # (where the last escape ends: a '!' there is text)
    for mark in _MARK.finditer(body):
        char, at = mark.group(), mark.start()
        if char == "[":
            opens.append((mark.end(), at > 0 and body[at - 1] == "!" and escaped != at))
        elif char == "]" and opens:
            start, image = opens.pop()
            after = _AFTER.match(body, mark.end()) if image else None
            if after is not None and after.group(3) is None:
                found.append(after.group(1) if after.group(1) is not None else after.group(2))
            elif image:  # ``![alt][label]``, ``![label][]``, ``![label]`` (a label: 999 characters at most)
                given = after.group(3) if after is not None and after.group(3) else None
                if given is None and at - start <= _LABEL_MOST:  # (never longer: nested brackets copy it)
                    given = body[start:at]
                if given is not None:
                    labels.add(_label(given))
        elif char[0] == "\\":
            escaped = mark.end()
        elif char[0] == "\n":
            opens.clear()
    return found, labels


def _label(text: str) -> str:
    """A reference's label as Markdown matches it: any case, runs of spaces as one."""
    return " ".join(text.split()).casefold()


def link_reading(
    config: Config,
    site: Mapping[str, Any] | None = None,
    assets: Iterable[Asset] = (),
    as_of: dt.date | None = None,
) -> LinkReading:
    """Return how the site of ``config`` reads the links of `LinkReading`; ``site``: the site's
    params (`stagemap.model.library.Library.site_params`), where its packages' traits are;
    ``assets``: the site's pages, whose own addresses no client redirect is written at;
    ``as_of``: the day the site is read for (a page dated after it is not on it yet)."""
    generator = config.rules.generator
    site = site or {}
    traits = site.get(MARKDOWN, ())
    assets = tuple(assets)
    unbuilt = unbuilt_pages(config, assets, site, as_of)
    if generator == "docusaurus":
        owned = plugin_routes(s.url for s in config.all_sources)
        found = site.get(PLUGIN_PAGES) or {}
        parts = {route: tuple(made) for route, made in (found.get("parts") or {}).items()}
        ends = config.rules.extensions
        slash, no_doc = ((), ends) if MD_LINKS_AST in traits else (ends, ())
        made, client = frozenset(found.get("pages") or ()), found.get("redirects") or {}
        base = base_path(config.rules.base_url)
        redirects, host = _with_host(site, client, made, assets, (config.rules.base_url, base), unbuilt)
        return LinkReading(
            owned,
            slash,
            no_doc,
            parts=parts,
            made=made,
            redirects=redirects,
            base=base,
            unbuilt=unbuilt,
            host=host,
        )
    found = site.get(PLUGIN_PAGES) or {}  # (Gatsby's and Astro's src/pages)
    made, below = frozenset(found.get("pages") or ()), frozenset(found.get("below") or ())
    paged = site.get(PAGED) or {}  # (the pages an Eleventy pagination makes)
    made |= frozenset(paged.get("pages") or ())
    shapes = tuple(tuple(tuple(part) for part in shape) for shape in paged.get("shapes") or ())
    shaped_by = tuple(paged.get("shaped_by") or ())
    redirects, host = _with_host(site, {}, made, assets, (config.rules.base_url, ""), unbuilt)
    beside = generator == "gatsby" and FILES_BESIDE in traits
    aliases = () if beside else site_aliases(config)
    return LinkReading(
        files_beside=beside,
        pages=(*config.rules.extensions, ".html", ".htm") if beside else (),
        made=made,
        below=below,
        shapes=shapes,
        shaped_by=shaped_by,
        redirects=redirects,
        unbuilt=unbuilt,
        aliases=aliases,
        imported=imported_files(config) if aliases else frozenset(),
        host=host,
        prefix_links=site.get(PREFIX_LINKS) or "",
    )


def _with_host(
    site: Mapping[str, Any],
    redirects: Mapping[str, str],
    made: frozenset[str],
    assets: Iterable[Asset],
    bases: tuple[str, str],
    unbuilt: Mapping[str, str],
) -> tuple[dict[str, str], HostRouting]:
    """Return ``redirects`` (a Docusaurus site's client redirects) but those at a route the site
    has a page at (the plugin writes none there), and the host's rules (`host_routing`), which a
    page the site builds shadows (not a draft's: the live site has no file there), with the
    form Vercel's ``cleanUrls`` moves a route to (`HOST_CLEAN`). ``bases``:
    the site's address, and the path of a Docusaurus site's address (`LinkReading.base`)."""
    rules: tuple[HostRule, ...] = site.get(HOST_REDIRECTS) or ()
    clean: str = site.get(HOST_CLEAN) or ""
    if not redirects and not rules and not clean:
        return {}, HostRouting()
    assets = tuple(assets)
    served = made | _own_routes(assets, bases[0])
    redirects = {route: to for route, to in redirects.items() if route not in served}
    own = rules or clean == EXACT  # (Vercel's exact paths: which routes are pages' .html addresses)
    built = made | _own_routes((a for a in assets if a.id not in unbuilt), bases[0]) if own else made
    return redirects, host_routing(rules, built, bases[1], clean)


def _own_routes(assets: Iterable[Asset], base: str) -> frozenset[str]:
    """Return the route of each of ``assets``' own address, as `LinkReading.redirects` keys them:
    its ``url`` without the site's address ``base`` (an address elsewhere is no route of this
    site), else its route (`stagemap.model.library.Asset.route`)."""
    own = base.rstrip("/")
    found: list[str] = []
    for asset in assets:
        if asset.url and own and at_address(asset.url, own):
            found.append(asset.url[len(own) :])
        elif not asset.url and asset.route:
            found.append(asset.route)
    return frozenset(route.strip("/").casefold() for route in found)
