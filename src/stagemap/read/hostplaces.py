"""Where a rule of the host's settings files stands in the file, for a warning about it
(`stagemap.read.hostsettings`): the line and column of a ``[[redirects]]`` table of
``netlify.toml`` or of an entry of ``vercel.json``'s lists, or of the key at fault in it.

The files are parsed by ``tomllib`` and ``json``, which keep no places; these are found again
in the text, once a file has something to say (a file without warnings is not read twice).
Where a place cannot be found (a rule written inline, ``redirects = [{...}]``), the warning
points at the ``redirects`` key, else at the file as a whole (line 0)."""

from __future__ import annotations

import re
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
_JSON_TOKEN = lazy(r"""\"(?:[^"\\]|\\.)*\"|[{}\[\],:]|[^\s{}\[\],:"]+""")
"""A token of JSON: a string, a bracket or punctuation, a number or a literal."""


def _line_col(text: str, at: int) -> tuple[int, int]:
    """Return the line and column (from 1, in characters) of the offset ``at`` in ``text``."""
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def toml_places(text: str) -> Callable[[int, str], tuple[int, int]]:
    """Return where, in a ``netlify.toml``'s ``text``, each ``[[redirects]]`` table stands: a
    function of its place (from 0; -1: the ``redirects`` key itself) and one of its keys (""
    or none there: the table's header), giving its line and column, or (0, 0) where none is
    found (the headers are found once, however many tables are asked for)."""
    headers = list(_TOML_HEADER.finditer(text))

    def place(at: int, key: str) -> tuple[int, int]:
        if at < 0 or at >= len(headers):
            first = _TOML_REDIRECTS.search(text)
            return _line_col(text, _indented(first)) if first else (0, 0)
        header = headers[at]
        start = _indented(header)
        if key:
            after = _TOML_TABLE.search(text, header.end())
            end = after.start() if after is not None else len(text)
            named = next((m for m in _TOML_KEY.finditer(text, header.end(), end) if m.group(1) == key), None)
            start = _indented(named) if named is not None else start
        return _line_col(text, start)

    return place


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
