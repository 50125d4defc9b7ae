"""One rule of a site's host, as `stagemap.read.hostredirects` reads it from the host's files,
and matching it to a request (see that module's docstring for which rules are kept)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from ..lazyre import lazy

HOST_ERROR = "/\0host-error"
"""Where a rule that serves an error leads (`HostRule.error`), followed by ``/`` and its status
(`host_error`): no route of a site is this one, so a link there leads nowhere, whatever page is
at the route it was written to."""
_JS_SPACE = (
    "\t\n\v\f\r \u00a0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
"""What JavaScript's ``trim`` and ``parseInt`` take for space (a byte order mark too)."""
KEPT_STATUSES = frozenset({200, 301, 302, 303, 307, 308})
"""The statuses of the rules kept that lead on (a rewrite, a redirect); 400 to 599 serve an error."""
_PLACEHOLDER = lazy(r""":([A-Za-z_]\w*)[*+?]?""")
_NAMED_PART = lazy(r"""^:([A-Za-z_]\w*)([*+?]?)$""")
_HTML_SOURCE = lazy(r"""^/:([A-Za-z_]\w*)[*+]$""")
"""A Vercel source over every route (``/:path*``), whose rewrite may add ``.html`` (`html_rewrite`)."""
_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
"""What JavaScript's ``\\w`` matches (ASCII only): a file's ending as Vercel's routing package reads it."""
_INT = lazy(r"""([+-]?)(?:0[xX]([0-9A-Fa-f]*)|([0-9]+))""")
"""What JavaScript's ``parseInt`` with no radix reads at the start of a word: a sign, then
hexadecimal digits after ``0x`` (``0x12d`` is 301), else decimal digits."""


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
    trailing: bool | None = None
    """Vercel's ``trailingSlash`` (None: not set, or Netlify's): the route a request is first
    moved to (`trailing_slash`) is the one matched."""
    error: int = 0
    """The status of the error it serves (a 4xx or 5xx status), 0 for none: a request it matches
    leads nowhere (`host_error`), unless a page at the route shadows the rule, which is not forced."""
    query: tuple[tuple[str, str], ...] = ()
    """The query parameters a request must have, and no others, for it to match (Netlify's),
    each with its value, or ``:name`` for any value, which the ``to`` puts back."""

    @property
    def exact(self) -> bool:
        """True when it matches one route only (no placeholder nor splat) and any query."""
        return not self.query and not any(p.startswith(":") for p in self.parts)


def parse_int(value: object) -> int | None:
    """Return ``value`` as JavaScript's ``Number.parseInt`` with no radix reads it, which is how
    Netlify's parser reads a status (a ``_redirects`` word, or ``status`` in ``netlify.toml``,
    a number or a string): its first digits, what follows them left aside (``301!`` is 301,
    ``3O1`` is 3), hexadecimal after ``0x`` (``0x12d`` is 301, ``0x`` alone no number); None
    where it reads no number (NaN: ``permanent``, ``true``, an empty word)."""
    if isinstance(value, bool) or value is None:
        return None  # (``parseInt(true)``: NaN)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        if value == 0 or 1e-6 <= abs(value) < 1e21:
            return int(value)  # (its decimal form's digits before the point)
        return int(f"{value:e}"[: 2 if value < 0 else 1])  # ('1e+21', '1e-7': the first digit)
    found = _INT.match(str(value).strip(_JS_SPACE))
    if found is None or found.group(2) == "":
        return None
    sign = -1 if found.group(1) == "-" else 1
    return sign * (int(found.group(2), 16) if found.group(2) is not None else int(found.group(3)))


def host_error(status: int) -> str:
    """Return where a rule serving the error ``status`` leads (`HOST_ERROR`)."""
    return f"{HOST_ERROR}/{status}"


HTML_ONLY = "html-only "
"""Before the address a page is served at, in place of an error's status (`html_only`)."""


def html_only(address: str) -> str:
    """Return where a request leads that finds no file because the page it means is served at
    ``address`` only, its ``.html`` one (`EXACT`): nowhere, as where a rule serves an error."""
    return f"{HOST_ERROR}/{HTML_ONLY}{address}"


def served_error(route: str) -> str:
    """Return the status of the error the host serves at a route a rule led to (`host_error`),
    or "" where ``route`` is a route of the site."""
    return route[len(HOST_ERROR) + 1 :] if route.startswith(HOST_ERROR + "/") else ""


EXACT = "exact"
"""The form of the host's addresses where Vercel alone hosts the site without ``cleanUrls``
(`stagemap.read.hostredirects.read_host`): it serves each file at its own path only, so a page
written at ``/about.html`` is served there, and ``/about`` and ``/about/`` are not found (with
``trailingSlash: true`` Vercel first moves ``/about`` to ``/about/``, with ``false`` ``/about/``
to ``/about``: neither is the file). No route is moved (`clean_route`)."""


def html_rewrite(source: str, to: str, trailing: bool | None = None) -> HostRule | None:
    """Return the rule of a Vercel rewrite that serves each route from the file at its ``.html``
    address (``/:path*`` to ``/:path*.html``, or ``/:path.html``, both filled with the whole
    route: ``/about`` from about.html), as `stagemap.analyse.hostrouting.HostRouting` reads it
    where Vercel serves each file at its own path (`EXACT`): a route it matches is served where
    the site has that page. Its source, read strictly (path-to-regexp's ``strict``), matches no
    route ending in a slash, once ``trailing`` (``trailingSlash``, `trailing_slash`) has moved
    it: ``/notes/v1.2/`` is matched where true moves it to ``/notes/v1.2``, ``/about`` is not
    where true moves it to ``/about/``. None: no such rewrite."""
    found = _HTML_SOURCE.match(source)
    if found is None:
        return None
    name = found.group(1)
    if to not in (f"/:{name}.html", f"/:{name}*.html", f"/:{name}+.html"):
        return None
    return HostRule(
        (f":{name}*",), f"/:{name}.html", False, False, sensitive=True, slash=False, trailing=trailing
    )


def is_html_rewrite(rule: HostRule) -> bool:
    """Whether ``rule`` is `html_rewrite`'s (no other rule kept is over every route)."""
    part = rule.parts[0] if len(rule.parts) == 1 else ""
    return part.startswith(":") and part.endswith("*") and not rule.moved and rule.to.endswith(".html")


def clean_route(route: str, form: str) -> str | None:
    """Return the route Vercel's ``cleanUrls`` moves ``route`` to before any rule or file is
    looked up (a 308 redirect, as its routing package writes it: ``/about.html`` and
    ``/about/index`` to ``/about``, ``/index.html`` to ``/``), in its ``form``: "slash" where
    ``trailingSlash`` is true (``/about/``), else "bare"; None where it moves none."""
    path = route[:-1] if route.endswith("/") and route != "/" else route
    if not path.startswith("/") or form not in ("slash", "bare"):
        return None
    if path.endswith(("/index", "/index.html")):
        stem = path[: path.rindex("/index")]
    elif path.endswith(".html"):
        stem = path[:-5]
    else:
        return None
    return stem + "/" if form == "slash" or not stem else stem


def clean_address(address: str, form: str) -> str:
    """Return the address (or route) a page written at ``address`` is served at where Vercel's
    ``cleanUrls`` moves it (`clean_route`; ``form``: its form, "" for none): ``/about.html`` at
    ``/about``; ``address`` where it moves none."""
    parts = urlsplit(address)
    moved = clean_route(parts.path, form) if form and parts.path else None
    return address if moved is None else urlunsplit(parts._replace(path=moved))


def route_parts(route: str) -> list[str]:
    """Return the parts of ``route`` as a rule's ``from`` is matched to them (none empty)."""
    return [p for p in route.split("/") if p]


def trailing_slash(given: Sequence[str], slash: bool, trailing: bool | None) -> bool:
    """Return whether the route of parts ``given`` (``slash``: it ends with a slash) ends with
    one once Vercel's ``trailingSlash`` (``trailing``; None: not set) has moved it, as its
    routing package does before any rule is tried (``convertTrailingSlash``): false takes the
    slash off every route; true adds one where the last part has no dot (``/about`` to
    ``/about/``), takes it off where the last part names a file (a dot, then letters, digits or
    ``_`` to its end: ``/notes/v1.2/`` to ``/notes/v1.2``, ``/old.html/`` to ``/old.html``), and
    leaves ``/.well-known`` and what is below it as they are."""
    if trailing is None or not given:
        return slash
    if trailing is False:
        return False
    last = given[-1]
    if given[0] == ".well-known":
        return slash
    if "." not in last:
        return True
    dot = last.rindex(".")
    named = dot > 0 and dot < len(last) - 1 and all(c in _WORD for c in last[dot + 1 :])
    return slash and not named


def never_matched(source: str, trailing: bool | None) -> bool:
    """Whether a Vercel rule from ``source``, one route (no placeholder), matches no request
    once ``trailingSlash`` (``trailing``) has moved it (`trailing_slash`): ``/about`` where it
    is true (``/about/`` is asked for), ``/about/`` where it is false."""
    parts = from_parts(source, netlify=False)
    if not parts or any(p.startswith(":") for p in parts):
        return False
    ends = source.endswith("/")
    return trailing_slash(parts, ends, trailing) is not ends


def from_parts(source: str, netlify: bool = True) -> tuple[str, ...] | None:
    """Return the parts of a rule's ``from`` (`HostRule.parts`), or None when it is not read: a
    regular expression, a splat or placeholder inside a part or a splat before the end."""
    if any(c in source for c in "()[]{}\\") or not source.startswith("/"):  # (a regular expression)
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
    return tuple(parts)


def host_rule(
    source: str,
    to: str,
    status: int,
    forced: bool,
    vercel: bool | str | None = "netlify",
    query: tuple[tuple[str, str], ...] = (),
    trailing: bool | None = None,
) -> HostRule | None:
    """Return the rule from ``source`` to ``to``, or None when it is left out (see the module
    docstring of `stagemap.read.hostredirects`); ``vercel``: a Vercel rule's `HostRule.slash`
    (whether ``source`` ends with a slash), else "netlify"; ``query``: the query parameters it
    needs (`HostRule.query`); ``trailing``: a Vercel rule's `HostRule.trailing`."""
    to = to.strip()
    netlify = vercel == "netlify"
    error = 400 <= status < 600
    if not (error or status in KEPT_STATUSES) or not source.startswith("/"):
        return None
    if not error and not to.startswith(("/", "https://", "http://")):
        return None
    parts = from_parts(source, netlify)
    if not parts:
        return None  # (not read; or the home page: a link to '/' is the site's home here)
    if all(p.startswith(":") for p in parts) and parts[-1][-1:] in "*+?":
        return None  # (every route, or every one from some depth: a fallback, no page a link means)
    moved = 300 <= status < 400
    code = status if error else 0
    if netlify or isinstance(vercel, str):
        return HostRule(parts, to, forced, moved, error=code, query=query)
    return HostRule(parts, to, forced, moved, sensitive=True, slash=vercel, error=code, trailing=trailing)


def matched(rule: HostRule, route: str) -> str | None:
    """Return where ``rule`` leads a request for ``route`` (its placeholders filled), or None
    when it does not match."""
    return matched_parts(rule, route_parts(route), route.endswith("/") and route.strip("/") != "")


def matched_parts(
    rule: HostRule, given: list[str], slash: bool = False, query: Mapping[str, str] | None = None
) -> str | None:
    """Return where ``rule`` leads a request for the route of parts ``given`` (`matched`;
    ``slash``: the route ends with a slash; ``query``: the request's parameters, which must be
    those the rule names, no more, no fewer, as Netlify matches them)."""
    if rule.slash is not None and rule.slash is not trailing_slash(given, slash, rule.trailing):
        return None
    fold = not rule.sensitive
    values: dict[str, str] = {}
    if rule.query and len(query or ()) != len(rule.query):
        return None
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
