"""Where the site's host sends a request for a route (`stagemap.read.hostredirects`), as
`stagemap.analyse.linkreading.LinkReading` asks it.

Netlify tries its rules in order, and the first that matches wins; a rule that is not forced
gives way to a file at the route: a page the site builds, a file of a static folder, a list
page the generator makes, or the page a Docusaurus client redirect is (the caller says which
routes have one). A rule for one route is looked up by its route, the others through
`stagemap.read.hostredirects.RuleIndex`. A redirect (a 3xx status) may lead to another rule's
route, which the browser asks for in turn: a chain is followed (`LinkReading.redirected`), a
rewrite (status 200) is not, as the host serves the rewritten route's file as it is. A rule
that serves an error (404) ends the chain: the link leads nowhere. Vercel's ``cleanUrls``
moves ``/about.html`` to ``/about`` before any rule is tried, a redirect the chain follows too;
without it, Vercel serves a page written at ``/about.html`` there only (`HostRouting._unserved`).
A rule that names query parameters replaces the request's query with its ``to``'s: the link's
goes no further, not even to the address the link reaches (`followed_host`).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl

from ..model.safelinks import at_address
from ..read.hostredirects import HostRule, RuleIndex, matched
from ..read.hostrule import EXACT, clean_route, host_error, html_only, is_html_rewrite


@dataclass(frozen=True, slots=True)
class HostRouting:
    """The host's rules of a site, ready to look a route up."""

    exact: Mapping[str, tuple[HostRule, int]] = field(default_factory=dict)
    """By route (lower case, no slash at either end), the first rule for that one route, with
    its place among `patterns` (the rules of `patterns` before it are tried first)."""
    patterns: RuleIndex = field(default_factory=RuleIndex)
    """The rules with placeholders or a splat, in the host's order."""
    served: frozenset[str] = frozenset()
    """The routes the site builds a page at, as `exact` keys them (a draft's is none)."""
    clean: str = ""
    """The form Vercel's ``cleanUrls`` moves a route to before any rule or file is looked up
    (`stagemap.read.hostrule.clean_route`; "": it moves none)."""
    html: HostRule | None = None
    """Where `clean` is `stagemap.read.hostrule.EXACT`, Vercel's rewrite of the routes it matches
    to their ``.html`` address (`stagemap.read.hostrule.html_rewrite`), if any."""

    def __bool__(self) -> bool:
        return bool(self.exact or self.patterns.rules or self.clean)

    def step(
        self, key: str, route: str, page: bool, query: Mapping[str, str] | None = None
    ) -> tuple[str, bool, bool] | None:
        """Return where the host sends a request for ``route`` (``key``: as `exact` keys it;
        ``query``: its parameters), whether it is a redirect (the browser asks again) and whether
        the rule named query parameters (`RuleIndex.first_match`); None when no rule does;
        `stagemap.read.hostrule.host_error` where a rule serves an error there.
        ``page``: there is a file at the route the caller knows of (a rule not forced gives way
        to it). Where Vercel's ``cleanUrls`` moves the route (`clean`), that redirect comes first."""
        moved = clean_route(route, self.clean) if self.clean else None
        if moved is not None:
            return moved, True, False
        page = page or key in self.served
        skip = _unforced if page else _never
        found = self.exact.get(key)
        if found is not None and (found[0].sensitive or found[0].slash is not None):
            found = found if matched(found[0], route) is not None else None  # (Vercel's: case, slash)
        if found is not None and (found[0].forced or not page):
            rule, before = found
            earlier = self.patterns.first_match(route, skip, before, query)
            return self._rewritten(
                earlier or (host_error(rule.error) if rule.error else rule.to, rule.moved, False)
            )
        found_rule = self.patterns.first_match(route, skip, query=query)
        if found_rule is not None or self.clean != EXACT:
            return self._rewritten(found_rule)
        return self._unserved(key, route, page)

    def _rewritten(self, found: tuple[str, bool, bool] | None) -> tuple[str, bool, bool] | None:
        """Return ``found`` (`step`'s answer), but where Vercel serves each file at its own path
        (`clean` is `stagemap.read.hostrule.EXACT`) and a rewrite leads to a route whose page is
        at its ``.html`` address only (`_unserved`: ``/shop/:item`` to ``/about``, for
        about.html), nowhere, as Vercel finds no file at the route it rewrote to."""
        if found is None or found[1] or self.clean != EXACT or not found[0].startswith("/"):
            return found
        path = found[0].partition("#")[0].partition("?")[0]
        unserved = self._unserved(path.strip("/").casefold(), path, False)
        return found if unserved is None else (unserved[0], False, found[2])

    def _unserved(self, key: str, route: str, page: bool) -> tuple[str, bool, bool] | None:
        """Return where Vercel, serving each file at its own path only (`clean` is
        `stagemap.read.hostrule.EXACT`: no ``cleanUrls``), leads a request for ``route`` that no
        rule covers: nowhere (`stagemap.read.hostrule.html_only`) where no page or file is there
        (``page``) but a page is at its ``.html`` address (``/about`` for about.html: Vercel
        serves that file at ``/about.html`` only, and ``trailingSlash`` moves ``/about`` to
        ``/about/`` or back, neither the file), but where `html` rewrites it there; None (the
        site's own file, or none) elsewhere."""
        if page or not key or f"{key}.html" not in self.served:
            return None
        if self.html is not None and matched(self.html, route) is not None:
            return None  # (rewritten to the page's .html address: served)
        return html_only(route.rstrip("/") + ".html"), False, False

    def clean_moved(self, asked: str, route: str) -> bool:
        """Whether ``route`` is where Vercel's ``cleanUrls`` moves ``asked`` (`clean`) and no
        rule leads on from there: the host then serves it from the file ``asked`` names (or a
        folder's ``index.html``), ``/about.html`` from about.html, and from nothing else."""
        moved = clean_route(asked, self.clean) if self.clean else None
        return moved is not None and moved.strip("/").casefold() == route.strip("/").casefold()

    def static(self, route: str, files: Container[str]) -> str | None:
        """Return the path among ``files`` (a static folder's, by their path from the site's
        root) of the one the host serves at ``route``: the file at it, else, where ``cleanUrls``
        is on, ``route.html`` or ``route/index.html``, as Vercel serves ``/about`` from about.html;
        None where none is."""
        path = route.lstrip("/")  # (``./../x`` at the root: ``/x``)
        stem = path.rstrip("/")
        tried = (path, f"{stem}.html" if stem else "", f"{stem}/index.html" if stem else "index.html")
        return next(
            (at for at in tried[: 3 if self.clean in ("bare", "slash") else 1] if at and at in files), None
        )

    def tos(self) -> Iterable[tuple[str, str]]:
        """Yield each route of `exact` with where its rule leads (not one that serves an error)."""
        return ((key, rule.to) for key, (rule, _) in self.exact.items() if not rule.error)


def host_routing(
    rules: tuple[HostRule, ...], served: frozenset[str], base: str = "", clean: str = ""
) -> HostRouting:
    """Return the routing of the host's ``rules`` on a site whose pages are at ``served``;
    ``base``: the path of a Docusaurus site's address (`LinkReading.base`), which its routes
    leave out: a rule's routes are taken below it, a rule outside it left out; ``clean``: the
    form Vercel's ``cleanUrls`` moves a route to (`HostRouting.clean`)."""
    if not rules and not clean:
        return HostRouting()
    base = base.strip("/").casefold()
    exact: dict[str, tuple[HostRule, int]] = {}
    patterns: list[HostRule] = []
    html = next((rule for rule in rules if is_html_rewrite(rule)), None) if clean == EXACT else None
    for rule in rules:
        if is_html_rewrite(rule):
            continue  # (only where Vercel serves each file at its own path: `HostRouting.html`)
        if base:
            if rule.parts[: base.count("/") + 1] != tuple(base.split("/")):
                continue  # (a route outside the site's own)
            to = rule.to[len(base) + 1 :] if at_address(rule.to, "/" + base) else rule.to
            rule = replace(rule, parts=rule.parts[base.count("/") + 1 :], to=to or "/")
            if not rule.parts:
                continue  # (the site's home)
        if not rule.exact:
            patterns.append(rule)
            continue
        exact.setdefault("/".join(rule.parts).casefold(), (rule, len(patterns)))
    return HostRouting(exact, RuleIndex.of(patterns), served, clean, html)


def followed_host(
    step: Callable[[str, bool], tuple[str, bool, bool] | None], route: str, most: int = 20
) -> tuple[str, bool] | None:
    """Return where the host's rules lead a request for ``route`` (``step``: one rule's answer
    for a route, `HostRouting.step`'s, asked with whether the request still has the link's
    query), following a chain of redirects to a route of the site (up to ``most``); in a loop,
    the route it comes back to; and whether the link's query goes with it there (not after a
    rule that named query parameters: its ``to`` gives the query). None when no rule is at
    ``route``."""
    seen = {route.strip("/").casefold()}
    to = None
    at = route
    query = True
    for _ in range(most):
        found = step(at, query)
        if found is None:
            break
        to, moved, replaced = found
        query = query and not replaced
        if not moved or not to.startswith("/") or "?" in to or "#" in to:
            break
        at = to
        key = at.strip("/").casefold()
        if key in seen:
            break  # (a loop: the browser gives up; the route it reached is reported as it is)
        seen.add(key)
    return None if to is None else (to, query)


def _unforced(rule: HostRule) -> bool:
    return not rule.forced


def _never(_rule: HostRule) -> bool:
    return False


def query_values(query: str) -> dict[str, str]:
    """Return the parameters of a link's ``query`` (after its ``?``), the first of each name."""
    found: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        found.setdefault(key, value)
    return found
