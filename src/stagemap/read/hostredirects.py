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
- A ``from`` written with percent escapes (``/authors/c%C3%A9line``) is read as a link's route
  is (``/authors/céline``).

Kept: rules that lead a request to a route of the site or to another site's address (a
redirect, status 301, 302, 303, 307 or 308, or a rewrite or proxy, 200). Left out, as what they
do cannot be told from the files: a rule with conditions (a query's values, a country, a
language, a role, a cookie; Vercel's ``has`` and ``missing``), one for a whole host
(``https://a.example/*``), a Vercel pattern with a regular expression, a splat or placeholder
inside a part (``/blog/weekly-*``), or a splat before the end, a status that serves an
error (404 and the like: the route still leads nowhere), and a rule over every route, or
every one from some depth (``/*``, ``/:path*``, ``/:path+``, ``/:lang/*``): a single-page
application's fallback, or a site's not-found page, which answers a request for any route,
but with no page of the site that a link means.

A ``_redirects`` file is read in each folder the generator copies as it is
(`stagemap.model.settings.ReadRules.static_dirs`): on a Jekyll site only when its ``include``
names it (Jekyll leaves out a file whose name starts with ``_``), on an Eleventy site only when
its configuration copies it through (``addPassthroughCopy``) to the site's root;
``netlify.toml`` and ``vercel.json`` in the site's folder, else in the project's (the host
reads one of each, in the folder its dashboard says it builds from). A file is read only
inside the project, its links followed (a link out of it is not read).
"""

from __future__ import annotations

import heapq
import json
import posixpath
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..lazyre import lazy
from ..paths import real
from .docusaurus import without_comments
from .eleventy import CONFIG_FILES as ELEVENTY_FILES
from .eleventy import eleventy_folders
from .jekyll import jekyll_included
from .owned import read_owned

HOST_REDIRECTS = "\0host-redirects"
"""The key under which the site's params hold the rules `host_rules` reads (no key of a
configuration file can be this one)."""
REDIRECT_FILES = ("netlify.toml", "vercel.json")
"""The host files read in the project's folder and the site's, beside each ``_redirects``."""
_LARGEST = 2 * 1024 * 1024
_STATUS = lazy(r"""^(\d{3})(!?)$""")
_KEPT = frozenset({200, 301, 302, 303, 307, 308})
_PLACEHOLDER = lazy(r""":([A-Za-z_]\w*)[*+?]?""")
_NAMED_PART = lazy(r"""^:([A-Za-z_]\w*)([*+?]?)$""")
_PASSTHROUGH = lazy(r"""addPassthroughCopy\(\s*(?:(['"`])([^'"`\n]*)\1|\{([^{}]*)\})""")
_PAIR = lazy(r"""(['"`])([^'"`\n]*)\1\s*:\s*(['"`])([^'"`\n]*)\3""")


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

    @property
    def exact(self) -> bool:
        """True when it matches one route only (no placeholder nor splat)."""
        return not any(p.startswith(":") for p in self.parts)


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
        self, route: str, skip: Callable[[HostRule], bool] = lambda _: False, before: int | None = None
    ) -> tuple[str, bool] | None:
        """Return where the first rule that matches ``route`` leads (`matched`) and whether it
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
            if not skip(rule) and (to := matched_parts(rule, given, slash)) is not None:
                return to, rule.moved
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
    site = root / site_root if site_root else root
    found: list[HostRule] = []
    for name in _redirects_files(root, site, tuple(static_dirs), generator):
        found += netlify_file(_text(name, root) or "")
    found += netlify_toml(_settings(root, site, "netlify.toml"))
    found += vercel_json(_settings(root, site, "vercel.json"))
    return tuple(found)


def with_host_redirects(params: Mapping[str, Any], rules: tuple[HostRule, ...]) -> Mapping[str, Any]:
    """Return the site's ``params`` with the host's ``rules`` under `HOST_REDIRECTS` (none: as they are)."""
    return {**params, HOST_REDIRECTS: rules} if rules else params


def host_files(root: Path, site_root: str, static_dirs: Iterable[str], generator: str) -> tuple[str, ...]:
    """Return the host's files that may be read (see `host_rules`), relative to the project, for
    the preview to watch and a rebuild to notice: each ``_redirects`` and both settings files."""
    site = root / site_root if site_root else root
    places = (p + "/" if p else "" for p in dict.fromkeys(("", site_root)))
    names = [f"{p}{n}" for p in places for n in REDIRECT_FILES]
    copied = _redirects_files(root, site, tuple(static_dirs), generator, every=True)
    inside = (p for p in copied if _inside(p, root))
    return (*names, *(posixpath.normpath(p.relative_to(root).as_posix()) for p in inside))


def _redirects_files(
    root: Path, site: Path, static_dirs: tuple[str, ...], generator: str, every: bool = False
) -> list[Path]:
    """Return the ``_redirects`` files the generator publishes at the site's root (``every``:
    also where there is none yet, and on a Jekyll site whatever its ``include`` says)."""
    if generator == "eleventy":
        return _eleventy_copied(root, site, every)
    found = [root / folder / "_redirects" for folder in static_dirs if folder]
    if generator == "jekyll" and not every and "_redirects" not in jekyll_included(site):
        found = [f for f in found if f.parent.resolve() != site.resolve()]
    return [f for f in dict.fromkeys(found) if every or (f.is_file() and _inside(f, root))]


def _eleventy_copied(root: Path, site: Path, every: bool = False) -> list[Path]:
    """Return the ``_redirects`` file an Eleventy site's configuration copies to its root
    (``every``: also where there is none yet)."""
    code = next((t for name in ELEVENTY_FILES if (t := _text(site / name, root)) is not None), None)
    if code is None or "_redirects" not in code:
        return []
    code = without_comments(code)
    given = eleventy_folders(code).input.strip("./")
    found: list[str] = []
    for call in _PASSTHROUGH.finditer(code):
        if call.group(2) is not None:
            path = posixpath.normpath(call.group(2)).lstrip("/")
            if path in ("_redirects", f"{given}/_redirects" if given else "_redirects"):
                found.append(path)
        else:
            pairs = _PAIR.finditer(call.group(3))
            found += [p.group(2) for p in pairs if p.group(4).strip("./") == "_redirects"]
    paths = (site / posixpath.normpath(p).lstrip("/") for p in found)
    return [p for p in dict.fromkeys(paths) if every or (p.is_file() and _inside(p, root))]


def netlify_file(text: str) -> list[HostRule]:
    """Return the rules of a Netlify ``_redirects`` file's ``text`` that are kept (see the module docstring)."""
    found: list[HostRule] = []
    for line in text.splitlines():
        words = line.split()
        if len(words) < 2 or words[0].startswith("#"):
            continue
        at = 1
        while at < len(words) and "=" in words[at] and not words[at].startswith(("/", "http")):
            at += 1
        if at > 1 or at >= len(words):  # (a query's values: a condition)
            continue
        to, rest = words[at], words[at + 1 :]
        status = _STATUS.match(rest[0]) if rest else None
        if status is not None:
            rest = rest[1:]
        if rest and not rest[0].startswith("#"):  # (a country, a language, a role, a cookie)
            continue
        code = int(status.group(1)) if status else 301
        rule = _rule(words[0], to, code, bool(status and status.group(2)))
        found += [rule] if rule is not None else []
    return found


def netlify_toml(text: str) -> list[HostRule]:
    """Return the kept rules of the ``[[redirects]]`` tables of a ``netlify.toml``'s ``text``."""
    if "redirects" not in text:
        return []
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return []
    found: list[HostRule] = []
    for table in data.get("redirects") or ():
        if not isinstance(table, dict) or table.get("conditions") or table.get("query"):
            continue
        source, to, status = table.get("from"), table.get("to"), table.get("status", 301)
        if isinstance(source, str) and isinstance(to, str) and isinstance(status, int):
            rule = _rule(source, to, status, table.get("force") is True)
            found += [rule] if rule is not None else []
    return found


def vercel_json(text: str) -> list[HostRule]:
    """Return the kept rules of a ``vercel.json``'s ``text``: its ``redirects``, which win over a
    page at the route, then its ``rewrites``, which do not."""
    if "redirects" not in text and "rewrites" not in text:
        return []
    try:
        data = json.loads(text)
    except ValueError:
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
    source: str, to: str, status: int, forced: bool, vercel: bool | str | None = "netlify"
) -> HostRule | None:
    """Return the rule from ``source`` to ``to``, or None when it is left out (see the module
    docstring); ``vercel``: a Vercel rule's `HostRule.slash` (`_vercel_slash`), else "netlify"."""
    to = to.strip()
    if vercel == "never":
        return None
    netlify = vercel == "netlify"
    if status not in _KEPT or not source.startswith("/") or not to.startswith(("/", "https://", "http://")):
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
    if all(p.startswith(":") for p in parts) and parts[-1][-1:] in "*+?":
        return None  # (every route, or every one from some depth: a fallback, no page a link means)
    if netlify or isinstance(vercel, str):
        return HostRule(tuple(parts), to, forced, status != 200)
    return HostRule(tuple(parts), to, forced, status != 200, sensitive=True, slash=vercel)


def matched(rule: HostRule, route: str) -> str | None:
    """Return where ``rule`` leads a request for ``route`` (its placeholders filled), or None
    when it does not match."""
    return matched_parts(rule, route_parts(route), route.endswith("/") and route.strip("/") != "")


def matched_parts(rule: HostRule, given: list[str], slash: bool = False) -> str | None:
    """Return where ``rule`` leads a request for the route of parts ``given`` (`matched`;
    ``slash``: the route ends with a slash)."""
    if rule.slash is not None and rule.slash is not slash:
        return None
    fold = not rule.sensitive
    values: dict[str, str] = {}
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


def _settings(root: Path, site: Path, name: str) -> str:
    """Return the text of the host's settings file ``name`` it reads: the host reads one, in
    the folder it builds from (Netlify's base directory, Vercel's root directory), which is set
    in its dashboard: the site's folder's where there is one, else the project's ("": none)."""
    for place in dict.fromkeys((site, root)):
        text = _text(place / name, root)
        if text is not None:
            return text
    return ""


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path``, its links followed, is in the folder ``root`` (the project)."""
    return real(path).is_relative_to(real(root))


def _text(path: Path, root: Path) -> str | None:
    """Return the text of the file at ``path`` (None: absent, not a file, too large, or, its
    links followed, outside the project in ``root``: a file there is never read)."""
    found = real(path)
    if not found.is_relative_to(real(root)):
        return None
    data = read_owned(found, _LARGEST)
    return data.decode("utf-8-sig", "replace") if data is not None else None
