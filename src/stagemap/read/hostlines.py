"""The lines of a Netlify ``_redirects`` file, read as Netlify's own parser reads them
(``@netlify/redirect-parser``, which its builds and ``netlify dev`` use), and which rules of
them `stagemap.read.hostredirects` keeps.

A line is ``from [query] [to] [status[!]] [conditions]``, its words split where JavaScript sees
space (a byte order mark too: `_SPACES`), a word starting with ``#`` and those after it a
comment. The word after ``from``, when it is a number,
is the status (a forwarding rule, ``/app/* 200``, which has no ``to``); else the ``to`` is the
first word starting with ``/``, ``http://`` or ``https://``, the words before it the query's
``key=value`` pairs, and the word after it the status, which must be a number (read as
JavaScript's ``parseInt`` with no radix reads it, `stagemap.read.hostrule.parse_int`: ``301!``
is 301, forced; ``0x12d`` is 301 too), then the conditions.

Netlify leaves out a line it cannot read and applies the file's other rules; nothing is passed
over in silence here: such a line gets a warning at its line and column, with what is wrong and
how to write it (`stagemap.read.hostfiles.host_line_problem`). So does a line Netlify reads, and
keeps, but stagemap passes by (its warning says so, not that the line is left out): one whose
``from`` matches no request (neither a path from the site's root nor an address), and one
whose status is a number Netlify's documentation gives no meaning to (``305``; ``3O1``, read as
3) or with a word that is no ``key=value`` pair where a query or a condition stands, which
stagemap passes by, Netlify's documentation giving no reading of it. On a Jekyll site, a file
that opens with front matter is a Liquid template: only its lines without Liquid markup are
read (`netlify_file`).
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit

from ..lazyre import lazy
from .hostrule import KEPT_STATUSES, HostRule, from_parts, host_rule, parse_int

_SPACES = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
"""What JavaScript's ``\\s`` and ``trim`` take for space, which the parser splits a line at: a
byte order mark too (one inside a file of files put together), not Python's ``\\x1c``-``\\x1f``."""
_WORD = lazy(f"[^{_SPACES}]+")
_LIQUID = lazy(r"""\{[{%]""")
"""Liquid's markup (``{{ post.url }}``, ``{% for %}``): a template's line holding it is not what Netlify reads."""
_TAG = lazy(r"\{%-?\s*(\w+)")
_BLOCKS = frozenset({"if", "unless", "for", "case", "comment", "raw", "capture", "tablerow"})
"""Liquid's tags that hold lines up to their ``end`` tag: whether (or how often) Jekyll writes
those lines is not known without running the template."""
_NOT_CONDITIONS = frozenset({"sign", "signed"})
"""The keys after a ``_redirects`` rule's status that are no conditions (a proxy's signing)."""
MOST_SAID = 20
"""The most lines of one file named one by one; the next one's warning counts those after it."""
_DROPPED = "Netlify applies the file's other rules"
_PASSED = "Netlify's documentation gives no reading of it"
_FORM = f"write 'from to status', such as '/old-page /new-page 301'; {_DROPPED}"
_ADDRESS = ("/", "http://", "https://")


def netlify_file(
    text: str,
    guards: list[tuple[int, tuple[str, ...]]] | None = None,
    errors: list[tuple[str, str, int, int, bool]] | None = None,
    jekyll: bool = False,
) -> list[HostRule]:
    """Return the rules of a Netlify ``_redirects`` file's ``text`` that are kept (see the module
    docstring of `stagemap.read.hostredirects`); ``guards``: where to note the rules left out
    for their conditions on the visitor (`stagemap.read.hostredirects.unguarded`); ``errors``:
    where to say why a line is left out, how to fix it, at which line and column, and whether
    Netlify keeps it (stagemap passes it by).
    ``jekyll``: the file is in a Jekyll site's folder, which renders it through Liquid where it
    opens with front matter (`_template_start`): its lines with Liquid markup, and those inside a
    Liquid block (``{% if %}`` to ``{% endif %}``, a loop, a comment) or a tag over several lines,
    are the template's, not what Netlify reads, and are neither read nor judged; the others are
    written as they are."""
    found: list[HostRule] = []
    more = 0
    lines = text.split("\n")
    start = _template_start(lines) if jekyll else None
    depth, in_tag = 0, False  # (a template's Liquid blocks open; a tag open over lines)
    for number, line in enumerate(lines[start or 0 :], (start or 0) + 1):
        if start is not None and (depth or in_tag or _LIQUID.search(line)):
            for tag in _TAG.finditer(line):
                name = tag.group(1)
                depth = (
                    depth + 1 if name in _BLOCKS else max(0, depth - 1) if name.startswith("end") else depth
                )
            in_tag = line.rfind("{%") > line.rfind("%}") or (in_tag and "%}" not in line)
            continue  # (what Jekyll writes there is not known without running the template)
        words = _WORD.findall(line)
        words = words[: next((i for i, w in enumerate(words) if w.startswith("#")), len(words))]
        if not words:
            continue
        read = _read_line(words)
        if isinstance(read, _Unread):
            if errors is not None and (len(errors) < MOST_SAID or not more):
                col = next((m.start() for i, m in enumerate(_WORD.finditer(line)) if i == read.at), 0) + 1
                errors.append((read.why, read.fix, number, col, read.kept))
            more += errors is not None and len(errors) > MOST_SAID
            continue
        source, query, to, status, forced, conditions = read
        if set(map(str.casefold, conditions)) - _NOT_CONDITIONS:
            if guards is not None:
                guard(source, guards, len(found))  # (a role's rule, with its 'to' or not: the route itself)
            continue  # (a country, a language, a role, a cookie)
        if to:
            rule = host_rule(source, to, status, forced, query=tuple(query.items()))
            found += [rule] if rule is not None else []
    if more > 1 and errors is not None:
        why, fix, at, col, kept = errors[-1]
        said = f"{why}; {more - 1} more lines after it have a warning too, not named one by one"
        errors[-1] = (said, fix, at, col, kept)
    return found


def _template_start(lines: list[str]) -> int | None:
    """Return the number of the lines of a Jekyll site's file that are its front matter, or None
    where it has none and Jekyll copies it as it is. Jekyll renders a file whose first line is
    ``---`` (its ``has_yaml_header?``), the front matter ending at the next line that is ``---``
    or ``...`` (with none, the whole file is the template)."""
    if not lines or lines[0].rstrip() != "---":
        return None
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None)
    return 0 if end is None else end + 1


class _Unread(NamedTuple):
    """Why a line is left out, how to fix it, the place among its words of the one at fault, and
    whether Netlify keeps it (True: it reads it, and stagemap passes it by)."""

    why: str
    fix: str
    at: int
    kept: bool = False


_Read = tuple[str, dict[str, str], str, int, bool, dict[str, str]]
"""A line read: its ``from``, query, ``to`` ("" for none), status, whether it is forced, conditions."""


def _read_line(words: list[str]) -> _Read | _Unread:
    """Return the line of ``words`` (no comment) read as Netlify reads it, or why it is left out."""
    source, parts = words[0], words[1:]
    if not parts:
        return _Unread(f"no address it leads to after '{source}'", _FORM, 0)
    if parse_int(parts[0]) is not None:
        queries, to, last = [], "", parts  # (a forwarding rule: no 'to')
    else:
        at = next((i for i, w in enumerate(parts) if w.startswith(_ADDRESS)), None)
        if at is None:
            bad = next((i for i, w in enumerate(parts) if "=" not in w), len(parts) - 1)
            why = f"'{parts[bad]}' is no address it leads to (one starts with /, http:// or https://)"
            return _Unread(why, _FORM, 1 + bad)
        queries, to, last = parts[:at], parts[at], parts[at + 1 :]
    place = len(words) - len(last)  # (of the status, among the words)
    status = parse_int(last[0]) if last else None
    if last and status is None:
        fix = f"write the status right after the address it leads to (301, 302, 200, 404); {_DROPPED}"
        return _Unread(f"its status '{last[0]}' is not a number", fix, place)
    code = status if status is not None else 301
    if not to and not (source.endswith("/*") and 200 <= code < 300):
        why = f"no address it leads to after '{source}' (only a splat's rewrite, '/app/* 200', has none)"
        return _Unread(why, _FORM, place)
    wrong = wrong_from(source)
    if wrong is not None:
        return _Unread(wrong[0], wrong[1], 0, wrong[2])
    if code not in KEPT_STATUSES and not 400 <= code < 600:
        return _Unread(*meaningless_status(last[0], code), place, True)
    query, conditions = _pairs(queries), _pairs(last[1:])
    if isinstance(query, int):
        why = f"'{queries[query]}' is no query parameter (key=value)"
        fix = (
            f"write 'key=:name' (any value, which the address it leads to may use) or 'key=value'; {_PASSED}"
        )
        return _Unread(why, fix, 1 + query, True)
    if isinstance(conditions, int):
        word = last[1 + conditions]
        why = f"'{word}' is no condition (key=value, such as Country=fr)"
        fix = f"write each condition as key=value, or remove the word; {_PASSED}"
        return _Unread(why, fix, place + 1 + conditions, True)
    forced = bool(status is not None and last[0].endswith("!"))
    return source, query, to, code, forced, conditions


def meaningless_status(word: str, code: int) -> tuple[str, str]:
    """Return why a rule whose status is ``word``, read as ``code``, is passed by (a number
    Netlify keeps but its documentation gives no meaning to), and how to fix it."""
    read = "" if word.rstrip("!") == str(code) else f", read as {code} (as parseInt reads it),"
    why = f"its status '{word}'{read} is none Netlify's documentation gives a meaning to"
    return why, f"write 301, 302, 303, 307 or 308 (a redirect), 200 (a rewrite) or 404 (an error); {_PASSED}"


def wrong_from(source: str, dropped: str = _DROPPED) -> tuple[str, str, bool] | None:
    """Return what is wrong with a rule's ``from``, how to fix it, and whether Netlify keeps the
    rule all the same (None when nothing is wrong); ``dropped``: what Netlify does with a rule
    it cannot read, said in the fix."""
    if source.startswith(("http://", "https://")):
        fix = f"write the whole address, such as https://www.example.com/old-page; {dropped}"
        return None if urlsplit(source).hostname else (f"its 'from', '{source}', names no host", fix, False)
    if not source.startswith("/"):
        why = f"its 'from', '{source}', is neither a path from the site's root nor an address"
        return why, "start it with / (a path from the site's root); as it is, it matches no request", True
    if source.startswith("/.netlify"):  # (as the parser tests it: /.netlify-old too)
        why = f"its 'from', '{source}', starts with /.netlify, which Netlify keeps for its own routes"
        return why, f"remove it, or give it another 'from'; {dropped}", False
    return None


def _pairs(words: list[str]) -> dict[str, str] | int:
    """Return the ``key=value`` pairs ``words`` are, else the place of the first that is none."""
    pairs = [w.partition("=") for w in words]
    wrong = next((i for i, (key, eq, _) in enumerate(pairs) if not key or not eq), None)
    return wrong if wrong is not None else {k: v for k, _, v in pairs}


def guard(source: str, guards: list[tuple[int, tuple[str, ...]]], at: int) -> None:
    """Note in ``guards`` a rule from ``source`` left out for its conditions on the visitor,
    before the rule at ``at`` (its placeholders' names left out: one of each form is enough)."""
    parts = from_parts(source)
    if parts:
        guards.append(
            (at, tuple(":splat*" if p.endswith("*") else ":p" if p[0] == ":" else p for p in parts))
        )
