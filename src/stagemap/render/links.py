"""The rewriting of links inside asset bodies into relative links of the site (its own pages'
links to each other: `stagemap.render.pagelinks`).

Every link is relative, so the site works from ``file://`` and from any sub-path of a web server.
Where a route leads (the host's rules, the public site): `stagemap.render.routelinks`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Mapping
from urllib.parse import quote, unquote

from ..analyse.linkreading import written_as_imports, written_from_root
from ..analyse.routes import Routes, ref_name
from ..analyse.site import LinkPlan
from ..analyse.unbuilt import HOST_SERVES, OUTSIDE_BASE, OUTSIDE_PREFIX, unbuilt_in
from ..model.safelinks import at_address, base_path
from ..read.eleventyprefix import ADDED, ADDED_BARE, WRITTEN
from ..read.hugomarkup import AS_WRITTEN, CANONIFIED, UNSURE
from ..read.tsconfigpaths import aliased
from .getpage import page_forms, page_like
from .pagelinks import Links
from .routelinks import RouteLinks, anchor


class BodyLinks(RouteLinks):
    """Resolves relative links in one asset's body to site pages, copied files and the public site.

    A link to a content file becomes a link to that asset's page; a link to another file in the content
    folder (one of ``attachments``) becomes a link to its copy under ``files/`` (``files/~/`` and its
    path in the project for a file of another source). Given ``routes``, a route (``/docs/x``, or
    ``../y/`` from the page's own route) becomes a link to the asset page it matches (see
    `stagemap.analyse.routes`), a site-root file (``/images/x.png``) found in a static folder a link to
    its copy under ``public/``, and any other route a link to the public site (listed in ``public``).
    Copies are added to ``linked``. A route to a page of the site that is not an asset (a listing) with
    no public site to send it to is no link, and not broken (""). Anything else is broken (None).
    A link to a page the live site does not build (a draft) is a link here, and noted in ``unbuilt``.
    """

    def __init__(
        self,
        source: str,
        page: str,
        by_source: Mapping[str, str],
        paths: Mapping[str, str],
        attachments: Collection[str],
        routes: Routes | None = None,
        own: str = "",
        prefix: str = "",
        rooted: dict[str, tuple[str | None, str]] | None = None,
        names: frozenset[str] | None = None,
    ) -> None:
        self.source, self.source_dir = source, posixpath.dirname(source)
        self.rooted = rooted if rooted is not None else {}
        """What each link from the site's root leads to (`_rooted`), shared by a plan's pages."""
        self.names = names
        """The last parts of the files a link may name (`LinkPlan.names`; None: not known)."""
        self.prefix = prefix
        """The content folder relative to the project (`LinkPlan.prefix`): files in it are known
        by their path there, those of other sources by ``/`` and their path in the project."""
        super().__init__(Links(page, paths), routes, own or posixpath.join("/", self.source_dir, ""))
        self.by_source = by_source
        self.attachments = attachments
        self.markdown: Collection[str] = ()  # (Markdown's links from the root: `LinkReading.as_read`)
        self.imports: Collection[str] = ()  # (what Astro imports: `_aliased`)
        self.unbuilt: list[tuple[str, str]] = []
        """Links to pages the live site does not build, with what says so (`LinkReading.unbuilt`), in order;
        and links where a rule of the host's serves an error (`HOST_SERVES` and its status), once each."""

    @classmethod
    def of(cls, plan: LinkPlan, asset_id: str, body: str = "") -> BodyLinks:
        """Return the links of the asset ``asset_id``'s ``body``, as its page on the site resolves them."""
        made = cls(
            plan.sources[asset_id],
            plan.paths[asset_id],
            plan.by_source,
            plan.paths,
            plan.attachments,
            plan.routes,
            plan.routes.own.get(asset_id, ""),
            plan.prefix,
            plan.rooted,
            plan.names,
        )
        made.markdown = written_from_root(body) if plan.routes.reading.files_beside else frozenset()
        made.imports = written_as_imports(body) if plan.routes.reading.aliases else frozenset()
        made.leftout = unbuilt_in(plan.routes.reading.unbuilt, asset_id)
        made.hosted = plan.hosted
        return made

    @property
    def site_address(self) -> str:
        """The site's address or path without its last ``/`` (``urls.base``): links with it are from its root."""
        return self.routes.base.rstrip("/") if self.routes is not None else ""

    def __call__(self, url: str) -> str | None:
        self._reached, self._host_status = ("", ""), ""
        out = self._resolved(url)
        if self._reached[0] and out == self._reached[1]:
            self.unbuilt.append((url.removeprefix(HUGO_REF), self.leftout[self._reached[0]]))  # (as written)
        elif out is None and self._host_status and (url, HOST_SERVES + self._host_status) not in self.unbuilt:
            self.unbuilt.append((url, HOST_SERVES + self._host_status))  # (a rule of the host's: said so)
        return out

    def _resolved(self, url: str) -> str | None:
        if url.startswith(HUGO_REF):
            return self._ref(url[len(HUGO_REF) :])
        own = self.site_address
        prefixed = self.routes.reading.prefix_links if self.routes is not None else ""
        lead = base_path(self.routes.base) if prefixed and self.routes is not None else ""
        if lead and url.startswith("/") and not url.startswith("//"):
            if prefixed in (AS_WRITTEN, CANONIFIED, UNSURE):  # (Hugo's)
                return self._hugo_rooted(url, lead, prefixed)
            # Eleventy's HTML base plugin puts the path in front of every link from the root, if it is
            # there or not (the path alone stays); without it, a link has the path to reach a page.
            if prefixed in (ADDED, ADDED_BARE):  # (home as the prefix is spelt: `ADDED_BARE`)
                return self._link("/" if url == lead + ("/" if prefixed == ADDED else "") else url)
            if at_address(url, lead):
                return self._link("/" + url[len(lead) :].lstrip("/"))
            if prefixed == WRITTEN:  # (known to leave the site's folder live: said so; else a route)
                self._host_status = OUTSIDE_PREFIX + lead + "/"
                return None
        if at_address(url, own):  # the site's address (or path): a link from its root, else the live page
            return (to := self._link("/" + url[len(own) :].lstrip("/"))) or (url if "://" in own else to)
        if url.startswith("/") and self.routes is not None and self.routes.from_roots:
            # Docusaurus adds its base path to a link from the root unless it starts with it already.
            lead = base_path(self.routes.base)
            if lead and url.startswith(lead + "/"):
                return self._link(url[len(lead) :])
        return self._link(url)

    def _hugo_rooted(self, url: str, lead: str, written: str) -> str | None:
        """Return the link for ``url``, from the root of a Hugo site served under the path
        ``lead`` (`stagemap.read.hugomarkup.root_links`): a page the site's link render hook
        finds with ``GetPage`` is that page (the hook writes its address); else the link reaches a
        page with the path in it; without it, where ``canonifyURLs`` puts it in front, or where
        the address is a local one alone (``base: /paddles/``: the public one, given when the site
        is deployed, may have another path) or the live path is not sure (`UNSURE`), it is a route
        all the same, and it leaves the site's
        folder otherwise (said so, as for an Eleventy path prefix)."""
        assert self.routes is not None
        if self.routes.getpage and page_like(
            bare := url.partition("#")[0].partition("?")[0], self.routes.extensions
        ):
            sep, fragment = url.partition("#")[1:]
            tried = (
                self._content(form, sep, fragment)
                for form in page_forms("", unquote(bare).lstrip("/"), self.routes.extensions)
            )
            if (found := next((out for out in tried if out is not None), None)) is not None:
                return found
        if at_address(url, lead):
            return self._link("/" + url[len(lead) :].lstrip("/"))
        if written in (CANONIFIED, UNSURE) or "://" not in self.routes.base:
            return self._link(url)
        self._host_status = OUTSIDE_BASE + lead + "/"
        return None

    def _link(self, url: str) -> str | None:
        """Return the link for ``url`` as any link in a body is resolved (see the class docstring)."""
        bare, sep, fragment = url.partition("#")
        bare = unquote(bare.partition("?")[0])
        reading = self.routes.reading if self.routes is not None else None  # (`LinkReading.as_read`)
        if reading is not None and reading.aliases and bare in self.imports:
            out = self._aliased(bare, sep, fragment)
            if out is not None:
                return out
        path = reading.as_read(bare, self.source_dir, self._names_file, self.markdown) if reading else bare
        if path is None:
            return None  # (a doc's ending and a slash after it, on Docusaurus 3.4 and later)
        if path.startswith("/"):  # from the content folder's root, or a route root
            target, route = self._rooted(path)
            if target is not None:
                return self._file(target, sep, fragment)
            return self._route(url, route or path, fragment) if self.routes is not None else None
        target = posixpath.join(self.source_dir, path)
        out = self._file(target, sep, fragment)
        if out is not None or self.routes is None:
            return out
        if self.routes.getpage and path and page_like(path, self.routes.extensions):
            # The site's link render hook looks the link up with ``.Page.GetPage`` first.
            out = self._page(path, sep, fragment)
            if out is not None:
                return out
        served = self._served(target)
        if served is not None:  # a file of a static folder (``../static/img/x.png``): at the root
            return self._route(url, "/" + served, fragment)
        if (
            self.routes.from_roots
            and path.lower().endswith(self.routes.extensions)
            and not path.startswith(("./", "../"))
        ):
            # As Docusaurus finds a doc: from the page's own content folder, then the site's.
            tried = (self._file(posixpath.join(root, path), sep, fragment) for root in self._own_roots())
            out = next((o for o in tried if o is not None), None)
            if out is not None:
                return out
        if not path.rpartition("/")[2].lower().endswith(self.routes.extensions):
            # As a browser reads it, from the page's address: Hugo and Jekyll leave such a link
            # as written, so ``../data.json`` from a/b/page.md (served at /a/b/page/) is a/b/data.json.
            found = posixpath.normpath(posixpath.join(self.own, path)).lstrip("/")
            for root in dict.fromkeys((".", *self.routes.roots)):
                out = self._file(posixpath.join(root, found), sep, fragment)
                if out is not None:
                    return out
        key = self._key(target)  # a content file that is not an asset (a listing page): its route
        route = self.routes.route_of(key) if key is not None else ""
        return self._route(url, route or path, fragment)

    def _aliased(self, specifier: str, sep: str, fragment: str) -> str | None:
        """Return the link to the file an import alias of the site makes of ``specifier`` (an
        image Astro imports, `written_as_imports`): the first of its paths that is a file
        here, or one an import alone reaches (`LinkReading.imported`: wherever it is in the
        project); None when none is."""
        assert self.routes is not None
        reading = self.routes.reading
        for path in aliased(reading.aliases, specifier):
            inside = self.prefix and path.startswith(self.prefix + "/")
            target = path[len(self.prefix) + 1 :] if inside else f"/{path}" if self.prefix else path
            out = self._file(target, sep, fragment)
            if out is None and path in reading.imported and (key := self._file_key(target)) is not None:
                out = self._copy(key, sep, fragment)
            if out is not None:
                return out
        return None

    def _served(self, target: str) -> str | None:
        """Return the path the site serves the file at ``target`` at (see `_key`), when that is a
        file of a static folder that the site serves from its root; else None."""
        assert self.routes is not None
        whole = posixpath.normpath(
            target[1:] if target.startswith("/") else posixpath.join(self.prefix, target)
        )
        for folder in self.routes.statics:
            inside = (
                whole if folder == "." else whole[len(folder) + 1 :] if whole.startswith(folder + "/") else ""
            )
            if inside and self.routes.files.get(inside) == (folder, inside):
                return inside
        return None

    def _own_roots(self) -> list[str]:
        """Return the route roots that hold this page's file, the nearest first (relative to the content folder)."""
        assert self.routes is not None
        here = self.source_dir
        if here.startswith("/"):  # another source's page: from the project
            here = posixpath.relpath(here[1:] or ".", self.prefix or ".")
        deep = "/" + "/".join(["_"] * 32)  # a folder so deep that no ``..`` of a root climbs out of it
        page = posixpath.normpath(posixpath.join(deep, here))
        held = []
        for root in self.routes.roots:
            top = posixpath.normpath(posixpath.join(deep, root))
            if page == top or page.startswith(top.rstrip("/") + "/"):
                held.append((top.count("/"), root))
        return [root for _, root in sorted(held, reverse=True)]

    def _rooted(self, path: str) -> tuple[str | None, str]:
        """Return, for a link from the site's root, the first file it names under the content
        folder or a route root (None: none), and else the route of a content file there that
        is no asset ("": none). The same for every page of a plan: worked out once per path."""
        known = self.rooted.get(path)
        if known is not None:
            return known
        found = path.lstrip("/")
        if self.names is not None and posixpath.basename(posixpath.normpath(found)) not in self.names:
            self.rooted[path] = (None, "")  # a route (``/docs/setup/``): no file is so named
            return None, ""
        roots = self.routes.roots if self.routes is not None else (".",)
        targets = [posixpath.join(r, found) for r in dict.fromkeys((".", *roots))]
        hit = next((t for t in targets if self._names_file(t)), None)
        route = ""
        if hit is None and self.routes is not None:
            # A link to a content file that is not an asset (a listing page) stands for its route.
            keys = (self._key(target) for target in targets)
            route = next((r for key in keys if key is not None and (r := self.routes.route_of(key))), "")
        self.rooted[path] = (hit, route)
        return hit, route

    def _ref(self, ref: str) -> str | None:
        """Return the link for Hugo's ``ref "x.md#part"``: the file from the page's folder, else
        from the content folder (not for a ref starting with ``.``), else, for a ref naming no
        folder, the one content file of that name anywhere (`Routes.names`; two: none, as Hugo
        refuses an ambiguous ref). Without an ending, a page or a section's or bundle's index."""
        path, sep, fragment = ref.partition("#")
        path = unquote(path)
        if not path:
            return anchor(fragment) or None
        if path.startswith("/"):
            return self._link(ref)  # (a marker in it again is a path no page has: broken)
        out = self._page(path, sep, fragment)
        if out is not None:
            return out
        names = self.routes.names if self.routes is not None and "/" not in path.strip("/") else {}
        found = names.get(ref_name(path))
        if found is not None and len(found) == 1:
            return self._content(found[0], sep, fragment)
        return None

    def _page(self, path: str, sep: str, fragment: str) -> str | None:
        """Return the link to the page Hugo's ``GetPage`` finds at ``path`` (`page_forms`), or None."""
        extensions = self.routes.extensions if self.routes is not None else (".md",)
        tried = (self._content(form, sep, fragment) for form in page_forms(self.source, path, extensions))
        return next((out for out in tried if out is not None), None)

    def _content(self, target: str, sep: str, fragment: str) -> str | None:
        """Return the link to the content file at ``target`` (an asset's page, an attachment, or a
        listing's route), or None when there is none."""
        out = self._file(target, sep, fragment)
        if out is not None or self.routes is None:
            return out
        route = self.routes.route_of(target)
        return self._route(route + sep + fragment, route, fragment) if route else None

    def _names_file(self, target: str) -> bool:
        """Whether `_file` finds a content file or attachment at ``target``."""
        key = self._file_key(target)
        return key is not None and (key in self.by_source or key in self.attachments)

    def _file_key(self, target: str) -> str | None:
        """Return the key of the file at ``target`` that a link may lead to (None: none may)."""
        key = self._key(target)
        if key is not None and self.routes is not None:  # Hugo's lower-cased address of a bundle's file
            key = self.routes.bundled.get(key, key)
        if key is None or key.startswith("../") or key in ("..", ".") or "/." in f"/{key.lstrip('/')}":
            return None
        return key

    def _file(self, target: str, sep: str, fragment: str) -> str | None:
        """Return the link to a content file or attachment at ``target`` (a path from the
        content folder, or from the project for a page of another source), or None."""
        key = self._file_key(target)
        if key is None:
            return None
        asset_id = self.by_source.get(key)
        if asset_id is not None:
            return self._hosted(asset_id, fragment)  # (where the host's rules at its address lead)
        return self._copy(key, sep, fragment) if key in self.attachments else None

    def _copy(self, key: str, sep: str, fragment: str) -> str:
        """Return the link to the site's copy of the file with ``key``, which it then copies."""
        out = f"files/~{key}" if key.startswith("/") else f"files/{key}"  # another source's: under ~/
        self.linked.add(out)
        return self.links.to(quote(out)) + (sep + fragment if fragment else "")

    def _key(self, target: str) -> str | None:
        """Return the key (`stagemap.analyse.paths.link_key`) of the file at ``target``, a path
        joined in this page's folder: from the content folder, or, starting with ``/``, from the
        project (a page of another source); None when it leads out of the project."""
        if not self.prefix:
            return posixpath.normpath(target)
        whole = posixpath.normpath(
            target[1:] if target.startswith("/") else posixpath.join(self.prefix, target)
        )
        if whole == ".." or whole.startswith("../"):
            return None
        return whole[len(self.prefix) + 1 :] if whole.startswith(self.prefix + "/") else "/" + whole


HUGO_REF = "/.ref/"
"""Marks a link target written with Hugo's ``ref`` or ``relref`` (`stagemap.render.dialects`):
`BodyLinks` looks it up as Hugo does. No real link starts so (a ``/.`` part is never a page)."""
