"""The rules of the host's settings files, ``netlify.toml``'s ``[[redirects]]`` tables and
``vercel.json``'s ``redirects`` and ``rewrites``, as the hosts read them
(`stagemap.read.hostredirects` says which rules are kept and how they are matched).

Nothing is passed over in silence: a rule that cannot be used gets a warning at its place in
the file (`stagemap.read.hostfiles.host_line_problem`: the line and column of its table, or of
the key at fault, where they can be found; else the file's first line), saying what is wrong,
what the host does with it and how to fix it, and the file's other rules are read all the same.

- Netlify's parser (``@netlify/redirect-parser``) leaves out a rule it cannot read, warns "some
  redirects have syntax errors" in the build's log, and applies the others: a ``redirects`` that
  is no list of tables (all of them), a rule that is no table, one with no ``from`` (or one that
  is no text, or an address that names no host, or a path starting with ``/.netlify``), whose
  ``headers`` is no table, with no ``to`` (but a splat's rewrite, ``from = "/app/*"`` and a 2xx
  status), or with a status ``parseInt`` reads no number from
  (`stagemap.read.hostrule.parse_int`: a string ``"301"`` is 301, ``true`` is none). It keeps,
  and stagemap passes by, saying so, a rule whose ``from`` or ``to`` is neither a path from the
  site's root nor an address, whose ``to`` is no text, whose ``query`` is no table of texts and
  numbers, or whose status is a number its documentation gives no meaning to (``305``).
- Vercel checks ``vercel.json`` against its schema (``@vercel/routing-utils``) and does not
  deploy a site whose file breaks it: a ``redirects`` or ``rewrites`` that is no list, an entry
  that is no object, one with no ``source`` or ``destination`` (or one that is no text; a
  rewrite's may be a service), one with a key the schema does not allow (``status``;
  `_VERCEL_KEYS`), a ``statusCode`` that is no whole number from 100 to 999, a ``permanent``
  that is no boolean or stands beside a ``statusCode`` (which its routing package refuses).
  These are not all its refusals (not its limits on length, nor ``routes`` beside ``rewrites``).
  It reads, and stagemap passes by, saying so, a rule whose ``source`` or ``destination`` is
  neither a path from the site's root nor an address (a ``source`` that is a whole address, one
  host's, is left out in silence, as Netlify's are), or whose status is none of a redirect, a
  rewrite or an error. A rule it applies that stagemap does not follow (``has``, a regular
  expression, a fallback over every route: `UNREAD`; or one named as passed by), or ``routes``,
  which are not read, keep `stagemap.read.hostrule.EXACT` off: which routes Vercel serves cannot then be told.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from ..lazyre import lazy
from .hostlines import MOST_SAID, guard, meaningless_status, wrong_from
from .hostplaces import json_places, toml_places
from .hostrule import (
    EXACT,
    KEPT_STATUSES,
    HostRule,
    clean_route,
    host_rule,
    html_rewrite,
    never_matched,
    parse_int,
)

Unread = list[tuple[str, str, int, int, bool | None, str]]
"""Where to say why a rule is left out: why, how to fix it, its line and column, whether the
host keeps it (only stagemap passes it by; None: whether it does is not known), and which rule
it is (``[[redirects]] table 2``)."""
UNREAD = "unread"
"""What `_vercel_entry` returns for a rule Vercel applies that stagemap cannot follow (with
``has`` or ``missing``, a regular expression, a fallback over every route): where there is one,
which routes Vercel serves cannot be told, and `stagemap.read.hostrule.EXACT` is not set."""
_AT = lazy(r"""at line (\d+), column (\d+)""")
"""Where ``tomllib`` says a file is not TOML (its error has no line of its own before Python 3.14)."""
_NETLIFY = "its build's log names the rule, and Netlify applies the file's other rules"
_NETLIFY_PASSED = "Netlify's documentation gives no reading of it"
_VERCEL_PASSED = "Vercel's documentation gives no reading of it"
_VERCEL_KEYS = {
    True: frozenset({"source", "destination", "permanent", "statusCode", "has", "missing", "env"}),
    False: frozenset(
        {
            "source",
            "destination",
            "statusCode",
            "has",
            "missing",
            "env",
            "respectOriginCacheControl",
            "transforms",
        }
    ),
}
"""The keys Vercel's schema (``@vercel/routing-utils``) allows in an entry of ``redirects``
(True) and of ``rewrites`` (``transforms``: what the code the rewrite leads to is told of the
request, not which file is served). It refuses any other (``additionalProperties: false``),
but a newer release may allow more: only those of `_VERCEL_REFUSED` are said to break it."""
_VERCEL_REFUSED = {True: frozenset({"status"}), False: frozenset({"status", "permanent"})}
"""The keys Vercel's schema is known to refuse in an entry of ``redirects`` (True) and of
``rewrites``: ``status`` for ``statusCode``, and a rewrite's ``permanent``, which only a
redirect has."""
_UNKNOWN_KEY = (
    "if Vercel's documentation names it, stagemap passes the rule by, as what it does cannot be told;"
    " if not, Vercel refuses the file"
)
_ADDRESS = ("/", "http://", "https://")
_TYPES = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "a table",
}


def _kind(value: object, table: str = "a table") -> str:
    """Return what ``value`` is, in words: a list, a ``table`` (JSON's "an object"), a number, text."""
    return table if isinstance(value, dict) else _TYPES.get(type(value), "a date or a time")


def netlify_toml(
    text: str,
    errors: list[tuple[str, int, int]] | None = None,
    guards: list[tuple[int, tuple[str, ...]]] | None = None,
    unread: Unread | None = None,
) -> list[HostRule]:
    """Return the kept rules of the ``[[redirects]]`` tables of a ``netlify.toml``'s ``text``
    (``errors``: where to say why the file cannot be read, and at which line and column;
    ``guards``: as `stagemap.read.hostlines.netlify_file`'s; ``unread``: where to say why a rule
    is left out, `Unread`)."""
    if "redirects" not in text:
        return []
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        if errors is not None:
            place = _AT.search(str(exc))
            line, col = (int(place.group(1)), int(place.group(2))) if place else (1, 1)
            errors.append((f"not TOML ({exc})", line, col))
        return []
    tables = data.get("redirects")
    said: list[tuple[str, str, int, str, bool, str]] = []  # (why, fix, table, key at fault, kept, what)
    if tables is not None and not isinstance(tables, list):
        why = f"it is {_kind(tables)}, not a list of [[redirects]] tables"
        fix = "write each rule as a [[redirects]] table, with from and to; Netlify's build log names it"
        said.append((why, fix, -1, "", False, "the 'redirects'"))
    found: list[HostRule] = []
    for at, table in enumerate(tables if isinstance(tables, list) else ()):
        read = _netlify_table(table, guards, len(found))
        if isinstance(read, tuple):
            why, fix, key, kept = read
            said.append((why, fix, at, key, kept, f"[[redirects]] table {at + 1}"))
        elif read is not None:
            found.append(read)
    if said and unread is not None:
        places = toml_places(text)  # (one pass over the file, where a table is named; those said only)
        unread += [(a, b, *places(at, key), kept, what) for a, b, at, key, kept, what in _counted(said)]
    return found


_Said = TypeVar("_Said", bound=tuple[Any, ...])


def _counted(said: list[_Said]) -> list[_Said]:
    """Return ``said`` (each rule's why first) with the rules past
    `stagemap.read.hostlines.MOST_SAID` counted in the next one's warning, not named one by one,
    as a ``_redirects`` file's lines are; their places are looked for only then."""
    if len(said) <= MOST_SAID + 1:
        return said
    why, *rest = said[MOST_SAID]
    more = f"{why}; {len(said) - MOST_SAID - 1} more rules after it have a warning too, not named one by one"
    return [*said[:MOST_SAID], cast(_Said, (more, *rest))]


def _netlify_table(
    table: object, guards: list[tuple[int, tuple[str, ...]]] | None, at: int
) -> HostRule | tuple[str, str, str, bool] | None:
    """Return the rule a ``[[redirects]]`` table is (None: none to keep, as a rule with
    conditions, noted in ``guards`` before the rule at ``at``, or a splat's rewrite with no
    ``to``), or why it is left out, how to fix it, the key at fault and whether Netlify keeps it."""
    if not isinstance(table, dict):
        return (
            f"it is {_kind(table)}, not a table",
            f"write it as a table with from and to; {_NETLIFY}",
            "",
            False,
        )
    source, to = table.get("from", table.get("origin")), table.get("to", table.get("destination"))
    if not isinstance(source, str):
        why = "it has no 'from'" if source is None else f"its 'from' is {_kind(source)}, not text"
        return why, f'write from = "/old-page"; {_NETLIFY}', "from", False
    headers = table.get("headers", {})
    if not isinstance(headers, dict):
        why = f"its 'headers' is {_kind(headers)}, not a table"
        return why, f'write headers = {{X-Robots-Tag = "noindex"}}; {_NETLIFY}', "headers", False
    wrong = wrong_from(source, _NETLIFY)
    if wrong is not None:
        return wrong[0], wrong[1], "from", wrong[2]
    status = parse_int(table["status"]) if "status" in table else 301
    if status is None:
        why = f"its status, {json.dumps(table['status'], default=str)}, is not a number"
        return (
            why,
            f"write status = 301 (a redirect), 200 (a rewrite) or 404 (an error); {_NETLIFY}",
            "status",
            False,
        )
    if to is None and not (source.endswith("/*") and 200 <= status < 300):
        why = "it has no 'to' (only a splat's rewrite, from = \"/app/*\" with status 200, has none)"
        return why, f'write to = "/new-page"; {_NETLIFY}', "", False
    if table.get("conditions"):
        if guards is not None:
            guard(source, guards, at)
        return None  # (a country, a language, a role: what it does hangs on the visitor)
    if to is None:
        return None  # (a splat's rewrite to itself: no link's fate changes)
    if not isinstance(to, str) or (not to.strip().startswith(_ADDRESS) and not 400 <= status < 600):
        why = (
            f"its 'to' is {_kind(to)}, not text"
            if not isinstance(to, str)
            else f"its 'to', '{to}', is no address"
        )
        fix = f"write a path from the site's root (/new-page) or an address (https://...); {_NETLIFY_PASSED}"
        return why, fix, "to", True
    if status not in KEPT_STATUSES and not 400 <= status < 600:
        return *meaningless_status(str(table["status"]), status), "status", True
    query = table.get("query", table.get("params", table.get("parameters"))) or {}
    if not isinstance(query, dict) or not all(isinstance(v, str | int) for v in query.values()):
        why = "its 'query' is no table of parameters and their values"
        return why, f'write query = {{id = ":id"}}; {_NETLIFY_PASSED}', "query", True
    pairs = tuple((str(k), str(v)) for k, v in query.items())
    return host_rule(source, to, status, table.get("force") is True, query=pairs)


def vercel_json(
    text: str,
    errors: list[tuple[str, int, int]] | None = None,
    clean: list[str] | None = None,
    unread: Unread | None = None,
) -> list[HostRule]:
    """Return the kept rules of a ``vercel.json``'s ``text``: its ``redirects``, which win over a
    page at the route, then its ``rewrites``, which do not (``errors``: as `netlify_toml`'s;
    ``clean``: where to note the form ``cleanUrls`` moves a route to, `clean_route`'s: no rule
    over a route it moves is ever reached, or `stagemap.read.hostrule.EXACT` where Vercel serves
    each file at its own path and every rule is read (no ``cleanUrls``, no ``routes``, which are
    not read, no rule Vercel applies that stagemap cannot follow: `UNREAD`); ``unread``: as
    `netlify_toml`'s)."""
    if not any(key in text for key in ("redirects", "rewrites", "cleanUrls", "trailingSlash", "routes")):
        if clean is not None:
            clean.append(EXACT)  # (no rule of the host's: each file at its own path)
        return []
    data = _json_object(text, errors)
    if data is None:
        return []
    found: list[HostRule] = []
    slash = data.get("trailingSlash")
    form = ("slash" if slash is True else "bare") if data.get("cleanUrls") is True else ""
    if form and clean is not None:
        clean.append(form)
    said: list[tuple[str, str, str, int, str, bool | None]] = []  # (why, fix, key, place, field, kept)
    exact = "routes" not in data  # (Vercel's older routes, not read: they may serve any route)
    for name in ("cleanUrls", "trailingSlash"):
        if name in data and not isinstance(data[name], bool):
            why = f"it is {_kind(data[name], 'an object')}, not true or false"
            said.append((why, f'write "{name}": true or false', name, -1, "", False))
    for key, forced in (("redirects", True), ("rewrites", False)):
        entries = data.get(key)
        if entries is not None and not isinstance(entries, list):
            why = f"it is {_kind(entries, 'an object')}, not a list"
            said.append((why, f'write "{key}": [...]', key, -1, "", False))
        for at, entry in enumerate(entries if isinstance(entries, list) else ()):
            read = _vercel_entry(entry, forced, form, slash)
            if isinstance(read, tuple):
                said.append((read[0], read[1], key, at, read[2], read[3]))
            elif isinstance(read, HostRule):
                found.append(read)
            exact = exact and read != UNREAD and not (isinstance(read, tuple) and read[3] is not False)
    if exact and not form and clean is not None:
        clean.append(EXACT)
    if said and unread is not None:
        places = json_places(text)
        unread += [
            (a, b, *places(k, at, f), kept, f"'{k}'" if at < 0 else f"{k}[{at}]")
            for a, b, k, at, f, kept in _counted(said)
        ]
    return found


def _json_object(text: str, errors: list[tuple[str, int, int]] | None) -> dict[str, Any] | None:
    """Return the object a ``vercel.json``'s ``text`` is (None: none, where it is not JSON, which
    ``errors`` notes, with its line and column, or not an object)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if errors is not None:
            errors.append((f"not JSON ({exc.msg})", exc.lineno, exc.colno))
        return None
    except ValueError as exc:
        if errors is not None:
            errors.append((f"not JSON ({exc})", 1, 1))
        return None
    return data if isinstance(data, dict) else None


def _vercel_schema(entry: object, forced: bool) -> tuple[str, str, str, bool] | None:
    """Return how an entry of ``redirects`` (``forced``) or ``rewrites`` breaks Vercel's schema,
    how to fix it and the key at fault (None: it does not; see the module docstring)."""
    if not isinstance(entry, Mapping):
        why = f"it is {_kind(entry, 'an object')}, not an object"
        return why, 'write {"source": ..., "destination": ...}', "", False
    for name in ("source", "destination"):
        value = entry.get(name)
        if not isinstance(value, str) and not (
            name == "destination" and not forced and isinstance(value, Mapping)
        ):
            why = f"its '{name}' is {_kind(value, 'an object')}, not text" if value is not None else ""
            fix = f'write "{name}": "/a-path"'
            return why or f"it has no '{name}'", fix, name if value is not None else "", False
    other = next((key for key in entry if key in _VERCEL_REFUSED[forced]), None)
    if other is not None:
        why = f"it has a key Vercel's schema does not allow, '{other}'"
        fix = 'write "statusCode": 301' if other == "status" else "move it to 'redirects', or remove it"
        return why, fix, other, False
    status = entry.get("statusCode", 308)
    number = isinstance(status, int | float) and not isinstance(status, bool)
    if not number or not 100 <= status <= 999 or status != int(status):  # (range first: inf)
        why = f"its statusCode, {json.dumps(status)}, is no whole number from 100 to 999"
        return why, 'write "statusCode": 301, or leave it out', "statusCode", False
    permanent = entry.get("permanent", False)
    if not isinstance(permanent, bool):
        why = f"its 'permanent' is {_kind(permanent, 'an object')}, not true or false"
        return why, 'write "permanent": true (308) or false (307)', "permanent", False
    if "permanent" in entry and "statusCode" in entry:
        why = "it sets both 'permanent' and 'statusCode', which Vercel refuses"
        return why, "keep one of them", "permanent", False
    return None


def _vercel_entry(
    entry: object, forced: bool, form: str, slash: object
) -> HostRule | tuple[str, str, str, bool | None] | str | None:
    """Return the rule an entry of ``redirects`` (``forced``) or ``rewrites`` is (None: none to
    keep, as one ``cleanUrls`` moves the route of first, ``form``, one ``trailingSlash`` keeps
    every route from, or one over the home page only; `UNREAD`: one Vercel applies but stagemap
    cannot follow, as one with ``has`` or a regular expression), or why it is left out, how to fix
    it, the key at fault and whether Vercel keeps it (`_vercel_schema`); ``slash``:
    ``trailingSlash``. A rewrite of every route to its ``.html`` address is read
    (`stagemap.read.hostrule.html_rewrite`)."""
    wrong = _vercel_schema(entry, forced)
    if wrong is not None or not isinstance(entry, Mapping):
        return wrong
    other = next((key for key in entry if key not in _VERCEL_KEYS[forced]), None)
    if other is not None:
        why = f"it has a key stagemap does not know, '{other}'"
        return why, _UNKNOWN_KEY, other, None
    source, to = entry.get("source"), entry.get("destination")
    status: Any = entry.get("statusCode", (308 if entry.get("permanent", True) else 307) if forced else 200)
    if entry.get("has") or entry.get("missing") or not isinstance(to, str) or not isinstance(source, str):
        return UNREAD  # (a condition on the request; a rewrite into a service: no page of the site)
    if form and clean_route(source, form) is not None:
        return None  # (cleanUrls moves the route first: the rule is never reached)
    status = int(status)
    fix = f"write a path from the site's root (/a-path) or an address (https://...); {_VERCEL_PASSED}"
    if not source.startswith(_ADDRESS):
        return (
            f"its source, '{source}', is neither a path from the site's root nor an address",
            fix,
            "source",
            True,
        )
    if not to.strip().startswith(_ADDRESS) and not 400 <= status < 600:
        return (
            f"its destination, '{to}', is neither a path from the site's root nor an address",
            fix,
            "destination",
            True,
        )
    if status not in KEPT_STATUSES and not 400 <= status < 600:
        why = f"its statusCode, {status}, is none of a redirect, a rewrite or an error"
        return (
            why,
            f"write 301, 302, 307 or 308 (a redirect), or leave it out; {_VERCEL_PASSED}",
            "statusCode",
            True,
        )
    trailing = slash if isinstance(slash, bool) else None
    if never_matched(source, trailing):
        return None  # (trailingSlash moves every request for its route to the other form first)
    rule = host_rule(source, to, status, forced, source.endswith("/"), trailing=trailing)
    if rule is not None or source.strip("/") == "":
        return rule  # (a rule read; the home page's own)
    html = None if forced or status != 200 else html_rewrite(source, to, trailing)
    return UNREAD if html is None else html  # (a regular expression, a fallback over every route)
