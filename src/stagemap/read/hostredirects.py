"""The redirects and rewrites a site's host serves, read from the host's files (never run).

- Netlify reads a ``_redirects`` file in the folder it publishes, and ``[[redirects]]`` tables
  in ``netlify.toml``; the file's rules come first, and the first rule that matches a request
  wins. A rule's ``from`` may end in a splat (``/news/*``, whose rest ``:splat`` puts in the
  ``to``) and name placeholders (``/news/:year/:slug``, one part each). A ``_redirects`` line is
  ``from [query] to [status][!] [conditions]`` (`stagemap.read.hostlines`, which names a line
  Netlify cannot read). A page at a route shadows a rule there unless
  the rule is forced (``force = true``, a status ending in ``!``).
- Vercel reads ``vercel.json``: its ``redirects`` are served before the site's files, its
  ``rewrites`` only where no file is. A ``source`` names parameters as path-to-regexp does
  (``:slug``, one part; ``:path*``, any number of parts; ``:path+``, one or more; ``:part?``,
  maybe one), which the ``destination`` puts back. Its routing package reads a source with
  path-to-regexp's ``strict`` and ``sensitive``: ``/pricing`` matches neither ``/pricing/``
  nor ``/Pricing`` (but where ``trailingSlash`` is set, Vercel first redirects a route to the
  form it names, which a source of that form then matches, either way the link is written;
  true leaves a route whose last part names a file, ``/old.html``, without a slash:
  `stagemap.read.hostrule.trailing_slash`).
  A ``from``'s percent escapes are read as a link's are (``c%C3%A9line`` is ``céline``).

Kept: rules that lead a request to a route of the site or to another site's address (a
redirect, status 301, 302, 303, 307 or 308, or a rewrite or proxy, 200), and rules that serve
an error (404, 410 and the like: the request stops there, and a later rule is never tried;
`HostRule.error`). A Netlify rule that names query parameters (``/store id=:id``, ``query`` in
``netlify.toml``) matches a request that has those and no others (its value where the rule
names one, any value for a placeholder, which the ``to`` puts back), and its ``to`` replaces
the request's query; a link without them passes it by. ``Sign=`` is no condition: it signs a
proxy's requests. Left out, as what they do cannot be told from the files: a rule with
conditions (a country, a language, a role, a cookie; Vercel's ``has`` and ``missing``;
Netlify passes such a rule by for a request that does not meet them), and an error after one
over routes it covers (`unguarded`: the error is for those it passes by), one for a whole host
(``https://a.example/*``), a Vercel pattern with a regular expression, a splat or placeholder
inside a part (``/blog/weekly-*``), or a splat before the end (``/blog/*/feed``), and a rule
over every route, or every one from some depth (``/*``, ``/:path*``, ``/:path+``,
``/:lang/*``), an error's too: a single-page application's fallback, which answers any route,
but with no page of the site that a link means. Where the host's files are and how they are
read: `stagemap.read.hostfiles`; one rule, and matching it: `stagemap.read.hostrule`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem
from .hostfiles import (
    REDIRECT_FILES,
    host_files,
    host_line_problem,
    host_problem,
    read_host_file,
    redirects_files,
    settings_file,
)
from .hostlines import netlify_file
from .hostrule import (
    EXACT,
    HOST_ERROR,
    HostRule,
    host_error,
    is_html_rewrite,
    matched,
    matched_parts,
    route_parts,
)
from .hostsettings import Unread, netlify_toml, vercel_json

HOST_REDIRECTS = "\0host-redirects"
"""The key under which the site's params hold the rules `host_rules` reads (no key of a
configuration file can be this one)."""
HOST_CLEAN = "\0host-clean-urls"
"""The key under which the site's params hold the form Vercel's ``cleanUrls`` moves a route
to (`stagemap.read.hostrule.clean_route`), where ``vercel.json`` sets it."""

__all__ = [
    "EXACT",
    "HOST_CLEAN",
    "HOST_ERROR",
    "REDIRECT_FILES",
    "HostRule",
    "RuleIndex",
    "host_files",
    "host_rules",
    "matched",
    "netlify_file",
    "netlify_toml",
    "read_host",
    "vercel_json",
]


@dataclass(frozen=True, slots=True)
class RuleIndex:
    """Rules with placeholders or a splat, in order, found by the first word of their ``from``
    and its place: a site may have thousands of them, and each link is looked up, so a lookup
    tries only the rules whose first word the route has at that place."""

    rules: tuple[HostRule, ...] = ()
    by_word: Mapping[tuple[int, str], tuple[int, ...]] = field(default_factory=dict)
    """By the place and text of the first word of their ``from`` (none maybe-missing before it),
    the places in `rules` of those rules."""
    open: tuple[int, ...] = ()
    """The places in `rules` of the others (no word, or a ``:name?`` before the first) but
    those of one number of parts, which `by_word` holds by that number (place -1)."""
    deepest: int = -1
    """The furthest place of a first word in `by_word`."""

    @classmethod
    def of(cls, rules: Iterable[HostRule]) -> RuleIndex:
        """Return the index of ``rules``, in their order."""
        rules = tuple(rules)
        by_word: dict[tuple[int, str], list[int]] = {}
        open_: list[int] = []
        for at, rule in enumerate(rules):
            place = next((i for i, p in enumerate(rule.parts) if not p.startswith(":")), None)
            if place is None and not any(p[-1] in "*+?" for p in rule.parts):
                by_word.setdefault((-1, str(len(rule.parts))), []).append(at)
            elif place is None or any(p.endswith("?") for p in rule.parts[:place]):
                open_.append(at)
            else:
                by_word.setdefault((place, rule.parts[place].casefold()), []).append(at)
        deepest = max((place for place, _ in by_word), default=-1)
        return cls(rules, {k: tuple(v) for k, v in by_word.items()}, tuple(open_), deepest)

    def first_match(
        self,
        route: str,
        skip: Callable[[HostRule], bool] = lambda _: False,
        before: int | None = None,
        query: Mapping[str, str] | None = None,
    ) -> tuple[str, bool, bool] | None:
        """Return where the first rule that matches ``route`` (asked with the parameters
        ``query``) leads (`matched`; `host_error` for one that serves an error), whether it is a
        redirect (`HostRule.moved`) and whether it named query parameters (the request it leads
        to has none the rule's ``to`` does not give), passing over those ``skip`` says (and with
        ``before``, those at that place in `rules` and after); None when none does."""
        if not self.rules:
            return None
        given, slash = route_parts(route), route.endswith("/") and route.strip("/") != ""
        words = (w.casefold() for w in given[: self.deepest + 1])
        found = [self.by_word.get((place, word), ()) for place, word in enumerate(words)]
        found.append(self.by_word.get((-1, str(len(given))), ()))
        for at in heapq.merge(*(f for f in found if f), self.open):
            if before is not None and at >= before:
                break
            rule = self.rules[at]
            if not skip(rule) and (to := matched_parts(rule, given, slash, query)) is not None:
                return (host_error(rule.error) if rule.error else to), rule.moved, bool(rule.query)
        return None


def host_rules(
    root: Path, site_root: str, static_dirs: Iterable[str], generator: str
) -> tuple[HostRule, ...]:
    """Return the host's rules of the site in ``site_root`` of the project at ``root``, in the
    order the host tries them (see the module docstring); ``static_dirs``: the folders the
    generator copies as they are, relative to the project."""
    return read_host(root, site_root, static_dirs, generator)[0]


def read_host(
    root: Path, site_root: str, static_dirs: Iterable[str], generator: str
) -> tuple[tuple[HostRule, ...], tuple[Problem, ...], str]:
    """Return the host's rules (`host_rules`), a warning for each of its files that is there
    but cannot be read (`stagemap.read.hostfiles.read_host_file`), for each line Netlify
    cannot read and each rule of a settings file that cannot be used
    (`stagemap.read.hostsettings`), and the form Vercel's ``cleanUrls`` moves a route to
    (`stagemap.read.hostrule.clean_route`; "": none), or `stagemap.read.hostrule.EXACT` where
    Vercel alone hosts the site, without ``cleanUrls``, and every rule of its ``vercel.json`` is
    read (`stagemap.read.hostsettings.vercel_json`): it serves a page written at ``/about.html``
    there only (the project has ``vercel.json`` and none of Netlify's files). A rewrite of every
    route to its ``.html`` address is kept only then (`stagemap.read.hostrule.html_rewrite`)."""
    site = root / site_root if site_root else root
    clean: list[str] = []
    netlify = False
    found: list[HostRule] = []
    guards: list[tuple[int, tuple[str, ...]]] = []
    problems: list[Problem] = []
    for copied in redirects_files(root, site, tuple(static_dirs), generator):
        text = read_host_file(copied, root)
        if isinstance(text, Problem):
            problems.append(text)
        elif text is not None:
            netlify = True
            local: list[tuple[int, tuple[str, ...]]] = []
            unread: list[tuple[str, str, int, int, bool]] = []
            rules = netlify_file(text, local, unread, generator == "jekyll")
            guards += ((len(found) + at, parts) for at, parts in local)
            found += rules
            problems += (host_line_problem(copied, root, *said) for said in unread)
    for host in REDIRECT_FILES:
        if host == "vercel.json":
            found = unguarded(found, guards)  # (Netlify's rules, all read)
        settings = settings_file(root, site, host)
        if settings is None:
            continue
        path, text = settings
        if isinstance(text, Problem):
            problems.append(text)
            continue
        errors: list[tuple[str, int, int]] = []
        said: Unread = []
        if host == "netlify.toml":
            netlify = True
            local = []
            rules = netlify_toml(text, errors, local, said)
            guards += ((len(found) + at, parts) for at, parts in local)
            found += rules
        else:
            found += vercel_json(text, errors, clean, said)
            clean = [form for form in clean if form != EXACT or not netlify]  # (Netlify may serve it)
        fix = f"correct it there: {_SYNTAX[host]}"
        problems += (host_problem(path, root, why, fix, line, col) for why, line, col in errors)
        problems += (host_line_problem(path, root, *one) for one in said)
    form = (clean or [""])[0]
    found = [rule for rule in found if form == EXACT or not is_html_rewrite(rule)]
    return tuple(found), tuple(problems), form


_SYNTAX = {
    "netlify.toml": "Netlify does not build a site whose netlify.toml is not TOML",
    "vercel.json": "Vercel does not build a site whose vercel.json is not JSON",
}


def unguarded(rules: list[HostRule], guards: list[tuple[int, tuple[str, ...]]]) -> list[HostRule]:
    """Return ``rules`` but those serving an error after a rule with conditions on the visitor
    that was left out (``guards``: each one's place among ``rules``, before which it stood, and
    the parts of its ``from``) and that matches every route they match: the error is for the
    visitor who does not meet those conditions (Netlify's role gating: ``/admin/* 200!
    Role=admin``, then ``/admin/* /login/ 401!``), so it is left out as the rule is."""
    if not guards:
        return rules
    first: dict[tuple[str, ...], int] = {}
    for place, parts in guards:
        first.setdefault(parts, place)  # (one of each form, as it first stands: a lookup stays short)
    guards = [(place, parts) for parts, place in first.items()]
    index = RuleIndex.of(HostRule(parts, "", False) for _, parts in guards)
    kept: list[HostRule] = []
    before = 0
    for at, rule in enumerate(rules):
        while before < len(guards) and guards[before][0] <= at:
            before += 1
        if rule.error and before:
            splat = rule.parts[-1].endswith("*")
            skip = (lambda g: not g.parts[-1].endswith("*")) if splat else (lambda _g: False)
            if index.first_match("/" + "/".join(rule.parts), skip, before) is not None:
                continue
        kept.append(rule)
    return kept


def with_host_redirects(
    params: Mapping[str, Any], rules: tuple[HostRule, ...], clean: str = ""
) -> Mapping[str, Any]:
    """Return the site's ``params`` with the host's ``rules`` under `HOST_REDIRECTS` and the form
    of Vercel's ``cleanUrls`` under `HOST_CLEAN` (none: as they are)."""
    params = {**params, HOST_REDIRECTS: rules} if rules else params
    return {**params, HOST_CLEAN: clean} if clean else params
