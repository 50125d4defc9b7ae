"""The redirects and rewrites a site's host serves, read from the host's files (never run).

- Netlify reads a ``_redirects`` file in the folder it publishes, and ``[[redirects]]`` tables
  in ``netlify.toml``; the file's rules come first, and the first rule that matches a request
  wins. A rule's ``from`` may end in a splat (``/news/*``, whose rest ``:splat`` puts in the
  ``to``) and name placeholders (``/news/:year/:slug``, one part each). A ``_redirects`` line is
  ``from [query] to [status][!] [conditions]``. A page at a route shadows a rule there unless
  the rule is forced (``force = true``, a status ending in ``!``).
- Vercel reads ``vercel.json``: its ``redirects`` are served before the site's files, its
  ``rewrites`` only where no file is. A ``source`` names parameters as path-to-regexp does
  (``:slug``, one part; ``:path*``, any number of parts; ``:path+``, one or more; ``:part?``,
  maybe one), which the ``destination`` puts back. Its routing package reads a source with
  path-to-regexp's ``strict`` and ``sensitive``: ``/pricing`` matches neither ``/pricing/``
  nor ``/Pricing`` (but where ``trailingSlash`` is set, Vercel first redirects a route to the
  form it names, which a source of that form then matches, either way the link is written).
  A ``from``'s percent escapes are read as a link's are (``c%C3%A9line`` is ``céline``).

Kept: rules that lead a request to a route of the site or to another site's address (a
redirect, status 301, 302, 303, 307 or 308, or a rewrite or proxy, 200), and rules that serve
an error (404, 410 and the like: the request stops there, and a later rule is never tried;
`HostRule.error`). A Netlify rule that names query parameters (``/store id=:id``, ``query`` in
``netlify.toml``) matches a request that has each of them, whatever else it has (its value
where the rule names one, any value for a placeholder, which the ``to`` puts back); a link
without them passes it by. ``Sign=`` is no condition: it signs a proxy's requests. Left out, as
what they do cannot be told from the files: a rule with conditions (a country, a language, a
role, a cookie; Vercel's ``has`` and ``missing``; Netlify passes such a rule by for a request
that does not meet them), one for a whole host (``https://a.example/*``), a Vercel pattern
with a regular expression, a splat or placeholder inside a part (``/blog/weekly-*``), or a
splat before the end (``/blog/*/feed``), and a rewrite or redirect over every route, or every
one from some depth (``/*``, ``/:path*``, ``/:path+``, ``/:lang/*``): a single-page
application's fallback, which answers any route, but with no page of the site that a link
means. Where the host's files are and how they are read: `stagemap.read.hostfiles`.
"""

from __future__ import annotations

import heapq
import json
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..errors import Problem
from ..lazyre import lazy
from .hostfiles import (
    REDIRECT_FILES,
    host_files,
    host_problem,
    read_host_file,
    redirects_files,
    settings_file,
)

HOST_REDIRECTS = "\0host-redirects"
"""The key under which the site's params hold the rules `host_rules` reads (no key of a
configuration file can be this one)."""
HOST_ERROR = "/\0host-error"
"""Where a rule that serves an error leads (`HostRule.error`): no route of a site is this one,
so a link there leads nowhere, whatever page is at the route it was written to."""
_STATUS = lazy(r"""^(\d{3})(!?)$""")
_KEPT = frozenset({200, 301, 302, 303, 307, 308})
_PLACEHOLDER = lazy(r""":([A-Za-z_]\w*)[*+?]?""")
_NAMED_PART = lazy(r"""^:([A-Za-z_]\w*)([*+?]?)$""")
_NOT_CONDITIONS = frozenset({"sign", "signed"})
"""The keys after a ``_redirects`` rule's status that are no conditions (a proxy's signing)."""

__all__ = ["HOST_ERROR", "REDIRECT_FILES", "HostRule", "RuleIndex", "host_files", "host_rules", "read_host"]


@dataclass(frozen=True, slots=True)
class HostRule:
    """One rule of the host's, read: where it matches, where it leads, whether a page shadows it."""

    parts: tuple[str, ...]
    """The parts of its ``from`` (lower case): a word, ``:name`` (one part), ``:name?`` (maybe
    one), ``:name*`` (any number of parts, at the end), ``:name+`` (one or more, at the end)."""
    to: str
    """Where it leads: a route from the root, or another site's address, placeholders unfilled."""
    forced: bool
    """True when it wins over a page at the route (Netlify's ``force``, Vercel's redirects)."""
    moved: bool = True
    """True for a redirect (a 3xx status: the browser then asks for ``to``), False for a rewrite."""
    sensitive: bool = False
    """True when its words match a route's in their case only (Vercel's, as path-to-regexp's
    ``sensitive``), False in any case (Netlify's)."""
    slash: bool | None = None
    """True or False when the route must end with a slash or must not (Vercel's, as
    path-to-regexp's ``strict``); None: either (Netlify's)."""
    error: bool = False
    """True when it serves an error (a 4xx or 5xx status): a request it matches leads nowhere
    (`HOST_ERROR`), unless a page at the route shadows the rule, which is not forced."""
    query: tuple[tuple[str, str], ...] = ()
    """The query parameters a request must have for it to match (Netlify's), each with its
    value, or ``:name`` for any value, which the ``to`` puts back."""

    @property
    def exact(self) -> bool:
        """True when it matches one route only (no placeholder nor splat) and any query."""
        return not self.query and not any(p.startswith(":") for p in self.parts)


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
    ) -> tuple[str, bool] | None:
        """Return where the first rule that matches ``route`` (asked with the parameters
        ``query``) leads (`matched`; `HOST_ERROR` for one that serves an error) and whether it
        is a redirect (`HostRule.moved`), passing over those ``skip`` says (and with ``before``,
        those at that place in `rules` and after); None when none does."""
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
                return (HOST_ERROR if rule.error else to), rule.moved
        return None


def route_parts(route: str) -> list[str]:
    """Return the parts of ``route`` as a rule's ``from`` is matched to them (none empty)."""
    return [p for p in route.split("/") if p]


def host_rules(
    root: Path, site_root: str, static_dirs: Iterable[str], generator: str
) -> tuple[HostRule, ...]:
    """Return the host's rules of the site in ``site_root`` of the project at ``root``, in the
    order the host tries them (see the module docstring); ``static_dirs``: the folders the
    generator copies as they are, relative to the project."""
    return read_host(root, site_root, static_dirs, generator)[0]


def read_host(
    root: Path, site_root: str, static_dirs: Iterable[str], generator: str
) -> tuple[tuple[HostRule, ...], tuple[Problem, ...]]:
    """Return the host's rules (`host_rules`) and a warning for each of its files that is there
    but cannot be read (`stagemap.read.hostfiles.read_host_file`)."""
    site = root / site_root if site_root else root
    found: list[HostRule] = []
    problems: list[Problem] = []
    for copied in redirects_files(root, site, tuple(static_dirs), generator):
        text = read_host_file(copied, root)
        if isinstance(text, Problem):
            problems.append(text)
        elif text is not None:
            found += netlify_file(text)
    for host, parse in (("netlify.toml", netlify_toml), ("vercel.json", vercel_json)):
        settings = settings_file(root, site, host)
        if settings is None:
            continue
        path, text = settings
        if isinstance(text, Problem):
            problems.append(text)
            continue
        errors: list[str] = []
        found += parse(text, errors)
        problems += (
            host_problem(path, root, why, "fix it: the host does not deploy it so") for why in errors
        )
    return tuple(found), tuple(problems)


def with_host_redirects(params: Mapping[str, Any], rules: tuple[HostRule, ...]) -> Mapping[str, Any]:
    """Return the site's ``params`` with the host's ``rules`` under `HOST_REDIRECTS` (none: as they are)."""
    return {**params, HOST_REDIRECTS: rules} if rules else params


def netlify_file(text: str) -> list[HostRule]:
    """Return the rules of a Netlify ``_redirects`` file's ``text`` that are kept (see the module docstring)."""
    found: list[HostRule] = []
    for line in text.splitlines():
        words = line.split()
        words = words[: next((i for i, w in enumerate(words) if w.startswith("#")), len(words))]
        at = next((i for i, w in enumerate(words) if i and w.startswith(("/", "http:", "https:"))), 0)
        if not at:
            continue  # (no 'to': a comment, or a rule for a role that serves the route itself)
        query = _pairs(words[1:at])
        to, rest = words[at], words[at + 1 :]
        status = _STATUS.match(rest[0]) if rest else None
        if status is not None:
            rest = rest[1:]
        conditions = _pairs(rest)
        if query is None or conditions is None or set(map(str.casefold, conditions)) - _NOT_CONDITIONS:
            continue  # (a country, a language, a role, a cookie; a query without its value)
        code = int(status.group(1)) if status else 301
        rule = _rule(words[0], to, code, bool(status and status.group(2)), query=tuple(query.items()))
        found += [rule] if rule is not None else []
    return found


def _pairs(words: list[str]) -> dict[str, str] | None:
    """Return the ``key=value`` pairs ``words`` are (None: one is not a pair)."""
    pairs = [w.partition("=") for w in words]
    return None if any(not key or not eq for key, eq, _ in pairs) else {k: v for k, _, v in pairs}


def netlify_toml(text: str, errors: list[str] | None = None) -> list[HostRule]:
    """Return the kept rules of the ``[[redirects]]`` tables of a ``netlify.toml``'s ``text``
    (``errors``: where to say why the file cannot be read)."""
    if "redirects" not in text:
        return []
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        if errors is not None:
            errors.append(f"not TOML ({exc})")
        return []
    found: list[HostRule] = []
    for table in data.get("redirects") or ():
        if not isinstance(table, dict) or table.get("conditions"):
            continue
        query = table.get("query") or {}
        source, to, status = table.get("from"), table.get("to"), table.get("status", 301)
        if not isinstance(query, dict) or not all(isinstance(v, str | int) for v in query.values()):
            continue
        if isinstance(source, str) and isinstance(to, str) and isinstance(status, int):
            pairs = tuple((str(k), str(v)) for k, v in query.items())
            rule = _rule(source, to, status, table.get("force") is True, query=pairs)
            found += [rule] if rule is not None else []
    return found


def vercel_json(text: str, errors: list[str] | None = None) -> list[HostRule]:
    """Return the kept rules of a ``vercel.json``'s ``text``: its ``redirects``, which win over a
    page at the route, then its ``rewrites``, which do not (``errors``: as `netlify_toml`'s)."""
    if "redirects" not in text and "rewrites" not in text:
        return []
    try:
        data = json.loads(text)
    except ValueError as exc:
        if errors is not None:
            errors.append(f"not JSON ({exc})")
        return []
    if not isinstance(data, dict):
        return []
    found: list[HostRule] = []
    slash = data.get("trailingSlash")
    for key, forced in (("redirects", True), ("rewrites", False)):
        entries = data.get(key)
        for entry in entries if isinstance(entries, list) else ():
            if not isinstance(entry, dict) or entry.get("has") or entry.get("missing"):
                continue
            source, to = entry.get("source"), entry.get("destination")
            status = entry.get("statusCode", 308 if forced else 200)
            if isinstance(source, str) and isinstance(to, str) and isinstance(status, int):
                rule = _rule(source, to, status, forced, vercel=_vercel_slash(source, slash))
                found += [rule] if rule is not None else []
    return found


def _vercel_slash(source: str, setting: object) -> bool | str | None:
    """Return whether a Vercel rule from ``source`` matches a route ending in a slash (True),
    one not (False), either (None: ``trailingSlash``, ``setting``, names its form), or none
    ("never": ``trailingSlash`` names the other form; see the module docstring)."""
    ends = source.endswith("/") and source != "/"
    if setting is True or setting is False:
        return None if ends is setting else "never"
    return ends


def _rule(
    source: str,
    to: str,
    status: int,
    forced: bool,
    vercel: bool | str | None = "netlify",
    query: tuple[tuple[str, str], ...] = (),
) -> HostRule | None:
    """Return the rule from ``source`` to ``to``, or None when it is left out (see the module
    docstring); ``vercel``: a Vercel rule's `HostRule.slash` (`_vercel_slash`), else "netlify";
    ``query``: the query parameters it needs (`HostRule.query`)."""
    to = to.strip()
    if vercel == "never":
        return None
    netlify = vercel == "netlify"
    error = 400 <= status < 600
    if not (error or status in _KEPT) or not source.startswith("/"):
        return None
    if not error and not to.startswith(("/", "https://", "http://")):
        return None
    if any(c in source for c in "()[]{}\\"):  # (a regular expression)
        return None
    parts: list[str] = []
    for part in (p for p in source.strip("/").split("/") if p):
        named = _NAMED_PART.match(part)
        if named is not None:
            parts.append(":" + named.group(1) + ("" if netlify else named.group(2)))
        elif part == "*" and netlify:
            parts.append(":splat*")
        elif ":" in part or "*" in part:
            return None  # (a placeholder within a part: not read)
        else:
            part = unquote(part)  # (as a request's route is read: ``%C3%A9`` is é)
            parts.append(part.casefold() if netlify else part)
    if any(p[-1:] in "*+" and p.startswith(":") for p in parts[:-1]):
        return None  # (a splat before the end)
    if not parts:
        return None  # (the home page: a link to '/' is the site's home here)
    if not error and all(p.startswith(":") for p in parts) and parts[-1][-1:] in "*+?":
        return None  # (every route, or every one from some depth: a fallback, no page a link means)
    moved = 300 <= status < 400
    if netlify or isinstance(vercel, str):
        return HostRule(tuple(parts), to, forced, moved, error=error, query=query)
    return HostRule(tuple(parts), to, forced, moved, sensitive=True, slash=vercel, error=error)


def matched(rule: HostRule, route: str) -> str | None:
    """Return where ``rule`` leads a request for ``route`` (its placeholders filled), or None
    when it does not match."""
    return matched_parts(rule, route_parts(route), route.endswith("/") and route.strip("/") != "")


def matched_parts(
    rule: HostRule, given: list[str], slash: bool = False, query: Mapping[str, str] | None = None
) -> str | None:
    """Return where ``rule`` leads a request for the route of parts ``given`` (`matched`;
    ``slash``: the route ends with a slash; ``query``: the request's parameters)."""
    if rule.slash is not None and rule.slash is not slash:
        return None
    fold = not rule.sensitive
    values: dict[str, str] = {}
    for key, wanted in rule.query:
        value = (query or {}).get(key)
        if value is None or (value != wanted and not wanted.startswith(":")):
            return None
        values[wanted[1:]] = value
    at = 0
    for index, part in enumerate(rule.parts):
        if not part.startswith(":"):
            if at >= len(given) or (given[at].casefold() if fold else given[at]) != part:
                return None
            at += 1
            continue
        name, kind = (part[1:-1], part[-1]) if part[-1] in "*+?" else (part[1:], "")
        if kind in "*+" and kind:
            if kind == "+" and at >= len(given):
                return None
            values[name], at = "/".join(given[at:]), len(given)
        elif kind == "?":
            left = len(rule.parts) - index - 1
            take = at < len(given) and len(given) - at > left
            values[name], at = (given[at], at + 1) if take else ("", at)
        else:
            if at >= len(given):
                return None
            values[name], at = given[at], at + 1
    if at != len(given):
        return None
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group()), rule.to)
