"""Where a rule of the host's settings files stands in the file, for a warning about it
(`stagemap.read.hostsettings`): the line and column of a ``[[redirects]]`` table of
``netlify.toml`` or of an entry of ``vercel.json``'s lists, or of the key at fault in it.

The files are parsed by ``tomllib`` and ``json``, which keep no places; these are found again
in the text, once a file has something to say (a file without warnings is not read twice).
Where a place cannot be found (a rule written inline, ``redirects = [{...}]``), the warning
points at the ``redirects`` key, else at the file as a whole (line 0)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from ..lazyre import lazy

_TOML_HEADER = lazy(r"""^[ \t]*\[\[[ \t]*(?:redirects|"redirects"|'redirects')[ \t]*\]\]""", re.M)
"""A ``[[redirects]]`` table's header (a quoted name too)."""
_TOML_TABLE = lazy(r"""^[ \t]*\[""", re.M)
"""Any table's header: where the keys of the one before it end."""
_TOML_KEY = lazy(r"""^[ \t]*["']?([A-Za-z0-9_-]+)["']?[ \t]*=""", re.M)
"""A key at the start of a line, ``status = 301``."""
_TOML_REDIRECTS = lazy(r"""^[ \t]*\[{0,2}[ \t]*["']?redirects["']?[ \t]*(?:\]|=)""", re.M)
"""The first place the ``redirects`` key is written: a table's header or ``redirects = [...]``."""
_TOML_TEXT = lazy(
    r'"""(?:[^"\\]|\\[\s\S]|"{1,2}(?!"))*"{3,5}'
    r"|'''[\s\S]*?'{3,5}"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'|#[^\n]*"
)
"""A string of TOML (a multi-line one first) or a comment: a multi-line string may hold what
looks like a header or a key at the start of a line (the file is TOML, as ``tomllib`` read it:
each string ends)."""
_JSON_TOKEN = lazy(r"""\"(?:[^"\\]|\\.)*\"|[{}\[\],:]|[^\s{}\[\],:"]+""")
"""A token of JSON: a string, a bracket or punctuation, a number or a literal."""


def _line_col(text: str, at: int) -> tuple[int, int]:
    """Return the line and column (from 1, in characters) of the offset ``at`` in ``text``."""
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def toml_places(text: str) -> Callable[[int, str], tuple[int, int]]:
    """Return where, in a ``netlify.toml``'s ``text``, each ``[[redirects]]`` table stands: a
    function of its place (from 0; -1: the ``redirects`` key itself) and one of its keys (""
    or none there: the table's header), giving its line and column, or (0, 0) where none is
    found (the headers, and the ``redirects`` key, are found once, however many tables are asked
    for)."""
    outside = _outside_strings(text)
    headers = [m for m in _TOML_HEADER.finditer(text) if outside(m)]
    key_at: list[tuple[int, int]] = []  # (where the 'redirects' key is, once looked for)

    def place(at: int, key: str) -> tuple[int, int]:
        if at < 0 or at >= len(headers):
            if not key_at:
                first = next(filter(outside, _TOML_REDIRECTS.finditer(text)), None)
                key_at.append(_line_col(text, _indented(first)) if first else (0, 0))
            return key_at[0]
        header = headers[at]
        start = _indented(header)
        if key:
            after = next(filter(outside, _TOML_TABLE.finditer(text, header.end())), None)
            end = after.start() if after is not None else len(text)
            keys = _TOML_KEY.finditer(text, header.end(), end)
            named = next((m for m in keys if m.group(1) == key and outside(m)), None)
            start = _indented(named) if named is not None else start
        return _line_col(text, start)

    return place


def _outside_strings(text: str) -> Callable[[re.Match[str]], bool]:
    """Return whether what a pattern found in a TOML file's ``text`` starts outside its
    multi-line strings (a ``[[redirects]]`` or ``status = 1`` line inside one is its text)."""
    spans: list[tuple[int, int]] = []
    if '"""' in text or "'''" in text:
        spans = [m.span() for m in _TOML_TEXT.finditer(text) if m.group().startswith(('"""', "'''"))]
    starts = [start for start, _ in spans]

    def outside(found: re.Match[str]) -> bool:
        at = bisect_right(starts, found.start()) - 1
        return at < 0 or spans[at][1] <= found.start()

    return outside


def _indented(found: re.Match[str]) -> int:
    """Return where the text ``found`` matched starts, past the spaces it opens with."""
    return found.start() + len(found.group()) - len(found.group().lstrip())


def json_places(text: str) -> Callable[[str, int, str], tuple[int, int]]:
    """Return where, in a ``vercel.json``'s ``text`` (JSON, already read), each entry of a list
    at its top stands: a function of the list's key, the entry's place in it (from 0; -1: the
    key itself) and one of the entry's keys ("": the entry), giving its line and column, or
    (0, 0) where none is found. A key written twice counts where it is written last, as JSON
    is read."""
    tops: dict[str, int] = {}
    entries: dict[str, list[int]] = {}
    fields: dict[tuple[str, int], dict[str, int]] = {}
    stack: list[list[object]] = []  # (each open bracket: its kind, whose it is, what comes next)
    key = ""
    for token in _JSON_TOKEN.finditer(text):
        word, offset = token.group(), token.start()
        frame = stack[-1] if stack else None
        if word in ",:}]":
            if word in "}]":
                stack.pop()
            elif frame is not None:
                frame[2] = word == ","  # (a key, or an entry, comes next)
                if word == "," and frame[0] == "[":
                    frame[3] = int(str(frame[3])) + 1
            continue
        if frame is not None and frame[0] == "{" and frame[2]:
            key, frame[2] = word[1:-1], False  # (a key)
            if frame[1] == ("top",):
                tops[key] = offset
            elif isinstance(frame[1], tuple) and frame[1][:1] == ("entry",):
                fields.setdefault((str(frame[1][1]), int(frame[1][2])), {})[key] = offset
            continue
        owner: tuple[object, ...] = ()
        if frame is None:
            owner = ("top",)
        elif frame[1] == ("top",) and word == "[":
            owner = ("list", key)
            entries[key] = []
        elif isinstance(frame[1], tuple) and frame[1][:1] == ("list",) and frame[0] == "[":
            entries[str(frame[1][1])].append(offset)
            owner = ("entry", frame[1][1], frame[3])
        if word in "{[":
            stack.append([word, owner, word == "{", 0])

    def place(name: str, at: int, field: str) -> tuple[int, int]:
        found = fields.get((name, at), {}).get(field) if field else None
        if found is None and 0 <= at < len(entries.get(name, ())):
            found = entries[name][at]
        found = tops.get(name) if found is None else found
        return (0, 0) if found is None else _line_col(text, found)

    return place
