"""Where a route a link in an asset's body names leads (`RouteLinks`): a page of the site
(after the host's rules and the generator's redirects), a copy of a file the site serves from
its root, or the public site. The rest of a link's reading: `stagemap.render.links`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from urllib.parse import quote

from ..analyse.routes import Routes, route_key
from ..analyse.unbuilt import HOST_AWAY
from ..read.hostrule import served_error
from .anchors import HEADING_PREFIX
from .pagelinks import Links


class RouteLinks:
    """Resolves a route on one asset's page (see `stagemap.render.links.BodyLinks`, which reads
    links into routes): ``own`` is the page's own route, which relative routes start from."""

    def __init__(self, links: Links, routes: Routes | None, own: str) -> None:
        self.links = links
        self.routes = routes
        self.own = own
        self.linked: set[str] = set()
        """The ``files/...`` and ``public/...`` paths the body links to."""
        self.public: list[str] = []
        """Links sent to the public site because nothing here matched them, in order."""
        self.leftout: Mapping[str, str] = {}  # (the pages the live site does not build: `of`)
        self.shaped: list[str] = []
        """The templates of Eleventy paginations a link was taken to reach a page of by its form
        alone (`stagemap.analyse.linkreading.LinkReading.shaped`), in order."""
        self._reached = ("", "")  # (the last such page a link was found to lead to, and that link)
        self._host_status = ""  # (the status of the error the host serves where the last link led)
        self.hosted: dict[str, str] = {}
        """Where the host sends a link to an asset's file, by id (`_away`): the plan's, `LinkPlan.hosted`."""

    def _present(self, route: str) -> bool:
        """Whether the live site has a file at ``route`` besides its pages' own: a static
        file, or a list page the generator makes (a host's rule not forced gives way to it)."""
        assert self.routes is not None
        served = self.routes.reading.host.static(route, self.routes.files)
        return served is not None or route_key(route) in self.routes.listed

    def _asset(self, asset_id: str, fragment: str) -> str:
        """Return the link to an asset's page, noting one the live site does not build (`leftout`)."""
        out = self.links.asset(asset_id) + anchor(fragment)
        if asset_id in self.leftout:
            self._reached = (asset_id, out)
        return out

    def _hosted(self, asset_id: str, fragment: str) -> str | None:
        """Return the link to the asset ``asset_id``'s page for a link that names its file: the
        generator writes the page's address there, which the browser asks the host for, so the
        host's rules at it apply as to a link written so (a forced rule, or any rule where the
        live site builds no page: `_route`); else the page's. Where that leads nowhere, the
        rule is named (`stagemap.analyse.unbuilt.HOST_AWAY`): the link names a page all right."""
        routes = self.routes
        if routes is None or not routes.reading.host:
            return self._asset(asset_id, fragment)
        to = self.hosted.get(asset_id)
        if to is None:
            to = self.hosted[asset_id] = self._away(routes, asset_id)
        if not to:
            return self._asset(asset_id, fragment)
        address = routes.address[asset_id]
        out = self._route(address + (f"#{fragment}" if fragment else ""), address, fragment)
        if out is None and not self._host_status:
            self._host_status = f"{HOST_AWAY}{address}\0{to}"
        return out

    def _away(self, routes: Routes, asset_id: str) -> str:
        """Return where the host's rules at the asset's address lead when it is not to its page
        (not where ``cleanUrls`` only moves ``/about.html`` to ``/about``, the page's too), else ""."""
        address = routes.address.get(asset_id, "")
        to = routes.reading.redirected(address, self._present) if address else address
        if to == address:
            return ""
        elsewhere = not to.startswith("/") or "#" in to or "?" in to or bool(served_error(to))
        return to if elsewhere or routes.pages.get(route_key(to)) != asset_id else ""

    def _writes(self, key: str, last: str) -> bool:
        """Whether the generator writes a file named ``last`` (with a content file's ending) for
        the page at the route ``key``, the route the link names: the page's ``.html`` address
        (`Routes.endings`), or the ``index.html`` of one written to a folder (`Routes.folders`:
        ``/guides/setup/``, an alias ``/team/``, the home page, a listing), or of a page an
        Eleventy pagination makes (whose form is not kept: taken to end in ``/``, as most do),
        which a host serves as it is."""
        assert self.routes is not None
        if last not in ("index.html", "index.htm"):
            return key in self.routes.endings
        reading = self.routes.reading
        return not key or key in self.routes.folders or reading.makes(key) or bool(reading.shaped(key))

    def _route(self, url: str, path: str, fragment: str) -> str | None:
        """Return the link for a route: an asset page, a site-root file or the public site."""
        assert self.routes is not None
        if not path:
            return None
        asked = posixpath.normpath(posixpath.join(self.own, path))
        url, route, fragment = self.routes.reading.followed(asked, url, fragment, self._present)
        if served_error(route):
            self._host_status = served_error(route)
            return None  # (the host serves an error there: `stagemap.read.hostrule.HostRule.error`)
        if "://" in route:  # a Docusaurus client redirect to another site: a link to its address
            return route
        key, written, ends = route_key(route), path.rpartition("/")[2].lower(), self.routes.extensions
        moved = self.routes.reading.host.clean_moved(asked, route)  # (by cleanUrls only: from its file)
        last = written if route == asked or moved else route.rpartition("/")[2].lower()  # (after a rule: its)
        source = written.endswith(ends) and not written.endswith((".html", ".htm"))  # (no address: a file's)
        if source or (last.endswith(ends) and not moved and not self._writes(key, last)):
            return None  # a link to a content file that is not there (nor a file the page is written to)
        asset_id = self.routes.pages.get(key)
        if asset_id is None and self.routes.loose and key.count("/") >= 2:  # see `Routes.loose`
            asset_id = self.routes.loose.get((key.partition("/")[0], key.rpartition("/")[2])) or None
        if asset_id is not None:
            return self._asset(asset_id, fragment)
        up = last in (".", "..")  # a folder, as ``./`` and ``../`` are
        served = self.routes.reading.host.static(route, self.routes.files)
        other = "." in last and not up and not last.endswith((".html", ".htm")) and not path.startswith("/")
        # Moved by cleanUrls, a link is the clean route's, which Vercel serves from x.html or
        # x/index.html: where pages end in .html, a page's file is known (`_writes`) and a moved
        # one no page writes is gone (the home page, a page the site makes are there; a file is
        # not); elsewhere every page is written to x/index.html, and the clean route is read as
        # a link written so is (a page a plugin or gatsby-node makes is not known one by one).
        gone = moved and last.endswith(ends) and key not in self.routes.listed
        gone = gone and bool(key) and not (self.routes.reading.makes(key) or self.routes.reading.shaped(key))
        if served is None and (other or gone):
            return None  # a relative link to another file, or the page or file cleanUrls serves, not there
        if served is not None:
            out = "public/" + served
            self.linked.add(out)
            return self.links.to(quote(out))
        if not self.routes.public or (self.routes.reading.unowned(key) and key not in self.routes.listed):
            # A page of the site, not of this one (a listing; the home page, which every site has;
            # a page a Docusaurus plugin makes, such as a JavaScript page of src/pages).
            made = key in self.routes.listed or self.routes.reading.makes(key)
            if not made and key and (template := self.routes.reading.shaped(key)):
                self.shaped.append(template)  # (taken to reach one of its pages: not checked)
                made = True
            return "" if made or not key else None
        if url not in self.public:
            self.public.append(url)
        # (a slash as the link has one; none more where the route, a rule's ``to``, ends in one)
        slash = "/" if (path.endswith("/") or up) and not route.endswith("/") else ""
        query = url.partition("#")[0].partition("?")[2]  # kept as written: a plan, a campaign tag
        tail = (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")
        return self.routes.public.rstrip("/") + quote(route) + slash + tail


def anchor(fragment: str) -> str:
    """Return the ``#...`` to add to a link to an asset page (heading ids are prefixed)."""
    if not fragment or fragment.startswith(HEADING_PREFIX) or fragment == "top":  # (#top: the page's top)
        return f"#{fragment}" if fragment else ""
    return f"#{HEADING_PREFIX}{fragment}"
