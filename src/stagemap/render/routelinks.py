"""Where a route a link in an asset's body names leads (`RouteLinks`): a page of the site
(after the host's rules and the generator's redirects), a copy of a file the site serves from
its root, or the public site. The rest of a link's reading: `stagemap.render.links`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from urllib.parse import quote

from ..analyse.routes import Routes, route_key
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
        live site builds no page: `_route`); else the page's."""
        routes = self.routes
        address = routes.address.get(asset_id, "") if routes is not None and routes.reading.host else ""
        if address and routes is not None and routes.reading.redirected(address, self._present) != address:
            return self._route(address + (f"#{fragment}" if fragment else ""), address, fragment)
        return self._asset(asset_id, fragment)

    def _writes(self, key: str, last: str) -> bool:
        """Whether the generator writes a file named ``last`` (with a content file's ending) for
        the page at the route ``key``: the page's own ``.html`` address (`Routes.endings`), or
        the ``index.html`` of a page whose address is a folder (``/guides/setup/``: Hugo writes
        guides/setup/index.html; the home page, a listing), which a host serves as it is."""
        assert self.routes is not None
        if last != "index.html":
            return key in self.routes.endings
        asset_id = self.routes.pages.get(key)
        listed = not key or key in self.routes.listed
        address = self.routes.address.get(asset_id, "") if asset_id is not None else "/" if listed else ""
        return address.partition("#")[0].partition("?")[0].endswith(("/", "/index.html"))

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
        gone = (
            moved and key not in self.routes.listed
        )  # (cleanUrls, whatever the pages' ending: the home page,
        gone = gone and bool(key) and not (self.routes.reading.makes(key) or self.routes.reading.shaped(key))
        if served is None and (other or gone):  # ...a page the site makes are there; a file, not)
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
        slash = "/" if (path.endswith("/") or up) and route != "/" else ""
        query = url.partition("#")[0].partition("?")[2]  # kept as written: a plan, a campaign tag
        tail = (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")
        return self.routes.public.rstrip("/") + quote(route) + slash + tail


def anchor(fragment: str) -> str:
    """Return the ``#...`` to add to a link to an asset page (heading ids are prefixed)."""
    if not fragment or fragment.startswith(HEADING_PREFIX) or fragment == "top":  # (#top: the page's top)
        return f"#{fragment}" if fragment else ""
    return f"#{HEADING_PREFIX}{fragment}"
