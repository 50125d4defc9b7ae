"""The rules of the host's settings files, ``netlify.toml``'s ``[[redirects]]`` tables and
``vercel.json``'s ``redirects`` and ``rewrites``, as the hosts read them
(`stagemap.read.hostredirects` says which rules are kept and how they are matched).

Nothing is passed over in silence: a rule that cannot be used gets a warning at its place in
the file (`stagemap.read.hostfiles.host_line_problem`: the line and column of its table, or of
the key at fault, where they can be found; else the file's first line), saying what is wrong,
what the host does with it and how to fix it, and the file's other rules are read all the same.

- Netlify's parser (``@netlify/redirect-parser``) leaves out a rule it cannot read, warns
  "some redirects have syntax errors" in the build's log, and applies the others: a
  ``redirects`` that is no list of tables (all of them), a rule that is no table, one with no
  ``from`` (or one that is no text, or an address that names no host, or a path starting with
  ``/.netlify``), with no ``to`` (but a splat's rewrite, ``from = "/app/*"`` and a 2xx status),
  or with a status ``parseInt`` reads no number from (`stagemap.read.hostrule.parse_int`: a
  string ``"301"`` is 301, ``true`` is none). It keeps, and stagemap passes by, saying so, a
  rule whose ``from`` or ``to`` is neither a path from the site's root nor an address, whose
  ``to`` is no text, whose ``query`` is no table of texts and numbers, or whose status is a
  number its documentation gives no meaning to (``305``).
- Vercel checks ``vercel.json`` against its schema (``@vercel/routing-utils``) and does not
  deploy a site whose file breaks it: a ``redirects`` or ``rewrites`` that is no list, an entry
  that is no object, one with no ``source`` or ``destination`` (or one that is no text; a
  rewrite's may be a service), a ``statusCode`` that is no whole number from 100 to 999. It
  reads, and stagemap passes by, saying so, a rule whose ``source`` or ``destination`` is
  neither a path from the site's root nor an address (a ``source`` that is a whole address, one
  host's, is left out in silence, as Netlify's are), or whose status is none of a redirect, a
  rewrite or an error.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from typing import Any

from ..lazyre import lazy
from .hostlines import MOST_SAID, guard, meaningless_status, wrong_from
from .hostplaces import json_places, toml_places
from .hostrule import KEPT_STATUSES, HostRule, clean_route, host_rule, parse_int, vercel_slash

Unread = list[tuple[str, str, int, int, bool, str]]
"""Where to say why a rule is left out: why, how to fix it, its line and column, whether the
host keeps it (only stagemap passes it by), and which rule it is (``[[redirects]] table 2``)."""
_AT = lazy(r"""at line (\d+), column (\d+)""")
"""Where ``tomllib`` says a file is not TOML (its error has no line of its own before Python 3.14)."""
_NETLIFY = (
    "Netlify leaves out a rule it cannot read (its build's log says so), and applies the file's other rules"
)
_NETLIFY_PASSED = "stagemap passes the rule by, as Netlify's documentation gives no reading of it"
_VERCEL = "Vercel does not deploy a site whose vercel.json breaks its schema"
_VERCEL_PASSED = "stagemap passes the rule by, as Vercel's documentation gives no reading of it"
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
    said: Unread = []
    places = toml_places(text)  # (one pass over the file, where a table is named)
    if tables is not None and not isinstance(tables, list):
        why = f"it is {_kind(tables)}, not a list of [[redirects]] tables"
        fix = f"write each rule as a [[redirects]] table, with from and to; {_NETLIFY} (here, all of them)"
        said.append((why, fix, *places(-1, ""), False, "the 'redirects'"))
    found: list[HostRule] = []
    for at, table in enumerate(tables if isinstance(tables, list) else ()):
        read = _netlify_table(table, guards, len(found))
        if isinstance(read, tuple):
            why, fix, key, kept = read
            said.append((why, fix, *places(at, key), kept, f"[[redirects]] table {at + 1}"))
        elif read is not None:
            found.append(read)
    if unread is not None:
        unread += _counted(said)
    return found


def _counted(said: Unread) -> Unread:
    """Return ``said`` with the rules past `stagemap.read.hostlines.MOST_SAID` counted in the
    next one's warning, not named one by one, as a ``_redirects`` file's lines are."""
    if len(said) <= MOST_SAID + 1:
        return said
    why, fix, line, col, kept, what = said[MOST_SAID]
    more = f"{why}; {len(said) - MOST_SAID - 1} more rules after it have a warning too, not named one by one"
    return [*said[:MOST_SAID], (more, fix, line, col, kept, what)]


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
    over a route it moves is ever reached; ``unread``: as `netlify_toml`'s)."""
    if not any(key in text for key in ("redirects", "rewrites", "cleanUrls", "trailingSlash")):
        return []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if errors is not None:
            errors.append((f"not JSON ({exc.msg})", exc.lineno, exc.colno))
        return []
    except ValueError as exc:
        if errors is not None:
            errors.append((f"not JSON ({exc})", 1, 1))
        return []
    if not isinstance(data, dict):
        return []
    found: list[HostRule] = []
    slash = data.get("trailingSlash")
    form = ("slash" if slash is True else "bare") if data.get("cleanUrls") is True else ""
    if form and clean is not None:
        clean.append(form)
    said: list[tuple[str, str, str, int, str, bool]] = []  # (why, fix, key, place, field, kept)
    for name in ("cleanUrls", "trailingSlash"):
        if name in data and not isinstance(data[name], bool):
            why = f"it is {_kind(data[name], 'an object')}, not true or false"
            said.append((why, f'write "{name}": true or false; {_VERCEL}', name, -1, "", False))
    for key, forced in (("redirects", True), ("rewrites", False)):
        entries = data.get(key)
        if entries is not None and not isinstance(entries, list):
            why = f"it is {_kind(entries, 'an object')}, not a list"
            said.append((why, f'write "{key}": [...]; {_VERCEL}', key, -1, "", False))
        for at, entry in enumerate(entries if isinstance(entries, list) else ()):
            read = _vercel_entry(entry, forced, form, slash)
            if isinstance(read, tuple):
                said.append((read[0], read[1], key, at, read[2], read[3]))
            elif read is not None:
                found.append(read)
    if said and unread is not None:
        places = json_places(text)
        named = [
            (a, b, *places(k, at, f), kept, f"'{k}'" if at < 0 else f"{k}[{at}]")
            for a, b, k, at, f, kept in said
        ]
        unread += _counted(named)
    return found


def _vercel_schema(entry: object, forced: bool) -> tuple[str, str, str, bool] | None:
    """Return how an entry of ``redirects`` (``forced``) or ``rewrites`` breaks Vercel's schema,
    how to fix it and the key at fault (None: it does not; see the module docstring)."""
    if not isinstance(entry, Mapping):
        why = f"it is {_kind(entry, 'an object')}, not an object"
        return why, f'write {{"source": ..., "destination": ...}}; {_VERCEL}', "", False
    for name in ("source", "destination"):
        value = entry.get(name)
        if not isinstance(value, str) and not (
            name == "destination" and not forced and isinstance(value, Mapping)
        ):
            why = f"its '{name}' is {_kind(value, 'an object')}, not text" if value is not None else ""
            fix = f'write "{name}": "/a-path"; {_VERCEL}'
            return why or f"it has no '{name}'", fix, name if value is not None else "", False
    status = entry.get("statusCode", 308)
    number = isinstance(status, int | float) and not isinstance(status, bool)
    if not number or not 100 <= status <= 999 or status != int(status):  # (range first: inf)
        why = f"its statusCode, {json.dumps(status)}, is no whole number from 100 to 999"
        return why, f'write "statusCode": 301, or leave it out; {_VERCEL}', "statusCode", False
    return None


def _vercel_entry(
    entry: object, forced: bool, form: str, slash: object
) -> HostRule | tuple[str, str, str, bool] | None:
    """Return the rule an entry of ``redirects`` (``forced``) or ``rewrites`` is (None: none to
    keep, as one with ``has``, one ``cleanUrls`` moves the route of first, ``form``, or one
    `stagemap.read.hostrule.host_rule` leaves out), or why it is left out, how to fix it, the
    key at fault and whether Vercel keeps it (`_vercel_schema`); ``slash``: ``trailingSlash``."""
    wrong = _vercel_schema(entry, forced)
    if wrong is not None or not isinstance(entry, Mapping):
        return wrong
    source, to = entry.get("source"), entry.get("destination")
    status: Any = entry.get("statusCode", 308 if forced else 200)
    if entry.get("has") or entry.get("missing") or not isinstance(to, str) or not isinstance(source, str):
        return None  # (a condition on the request; a rewrite into a service: no page of the site)
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
    return host_rule(source, to, status, forced, vercel=vercel_slash(source, slash))
