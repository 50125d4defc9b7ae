"""The values of JavaScript front matter (Eleventy's ``---js`` block), read without running it.

Eleventy 3 runs the block between ``---js`` and ``---`` as a module and gives the page every
variable and function it declares at its top level (``const title = "Ferry times";``); a block
opening with ``{`` is one object literal, each of its keys a value, as Eleventy read it before
3.0 (``{ title: "Ferry times" }``), and still does. The code is never run here: a value
written as a plain literal (text, a number, ``true``/``false``, a list of texts) is read, and
an object literal of such values (``let pagination = { data: "crews", size: 1 };``) as a
mapping, a few levels down; anything else (a function, a call, an ``await``, a text made of
parts) is only known by running the code. Of such a value, ``permalink`` keeps its key, as
`stagemap.read.jsdata.CODE` (the page gets no known address rather than a wrong one), and
any other key is left out (a title then comes from the page's heading or its file's name,
as for a page that gives none). What no declaration names, destructuring and statements
such as ``console.log(...)``, gives nothing.
"""

from __future__ import annotations

import bisect
from typing import Any

from ..lazyre import lazy
from . import yamlsafe
from .jsdata import CODE, Values, blanked, depths, literal, object_values, shaped

_DECLARED = lazy(
    r"\b(?:(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=(?!=)|(?:async\s+)?function\b\s*\*?\s*([A-Za-z_$][\w$]*)\s*\()"
)
"""A declaration: ``const title =`` (group 1), ``function permalink(`` (group 2)."""
_NEXT = lazy(r"\s*(\S?)")
"""The first character after white space (none at the end)."""
_LINE_END = lazy(r"\n")
_DEEPEST = 6
"""How many levels of object literals in a value are read."""
_ENDS_OPEN = frozenset("=+-*/%&|?:,<>!~^(")
"""A line whose code ends in one of these goes on on the next line."""
_GOES_ON = frozenset(".?:+-*/%&|=<>,^")
"""A line whose code starts with one of these goes on with the line before."""
_KEPT_WHEN_CODE = frozenset({"permalink"})
"""The keys kept as `CODE` when only the code gives their value (any other is left out)."""


def load_js(text: str, first_line: int = 1) -> yamlsafe.Loaded:
    """Load a ``---js`` block's values (see the module), with a position for each key and value
    (``first_line``: the block's first line in its file)."""
    code = blanked(text)
    shape = shaped(code)
    ends = [found.start() for found in _LINE_END.finditer(text)]
    opening = len(shape) - len(shape.lstrip())
    if shape.startswith("{", opening):
        entries = object_values(code, shape, opening, _DEEPEST)
        spans = {key: _on_line(text, ends, line, key) for key, _, line in entries}  # (the line's rest)
    else:
        entries, spans = _declared(code, shape)
    data: dict[str, Any] = {}
    for key, value, _ in entries:
        if value == CODE and key not in _KEPT_WHEN_CODE:
            data.pop(key, None)  # the last value given is the page's, as in JavaScript
        else:
            data[key] = value
    loaded = yamlsafe.Loaded(data)
    loaded.values[()] = yamlsafe.Pos(first_line, 1, 0, len(text))
    for key in data:
        start, value, end = spans[key]
        loaded.keys[(key,)] = _pos(ends, start, start + len(key), first_line)
        loaded.values[(key,)] = _pos(ends, value, end, first_line)
    return loaded


def _declared(code: str, shape: str) -> tuple[Values, dict[str, tuple[int, int, int]]]:
    """Return the names the code declares at its top level with their values (lines: 0, not
    used), and where each name, and its value from start to end, are."""
    depth = depths(shape)
    found: Values = []
    spans: dict[str, tuple[int, int, int]] = {}
    reached = 0  # (past the last value read: a declaration in it is none, and is not read again)
    for match in _DECLARED.finditer(shape):
        if depth[match.start()] or match.start() < reached:
            continue
        if match.group(2) is not None:  # a function: only running the code gives what it returns
            found.append((match.group(2), CODE, 0))
            spans[match.group(2)] = (match.start(2), match.start(2), match.end())
            continue
        start, end = match.end(), _value_end(shape, match.end())
        reached = end
        written = code[start:end]
        raw, begin = written.strip(), start + len(written) - len(written.lstrip())
        value: Any = literal(raw)
        if value is None and raw.startswith("{") and _closed_at(shape, begin) == begin + len(raw):
            # an object literal alone, nothing after it (``{...}.x`` is worked out in code)
            value = {k: v for k, v, _ in object_values(code, shape, begin, _DEEPEST - 1)}
        found.append((match.group(1), CODE if value is None else value, 0))
        spans[match.group(1)] = (match.start(1), begin, end)
    return found, spans


def _value_end(shape: str, start: int) -> int:
    """Return where the value of a declaration starting at ``start`` ends: at a ``;`` or ``,``
    outside its brackets, or at a line's end where neither that line nor the next goes on
    (one pass: blank lines are passed over once)."""
    depth, i, last = 0, start, ""
    while i < len(shape):
        char = shape[i]
        if char in "{[(":
            depth += 1
        elif char in "}])":
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and char in ";,":
            return i
        elif depth == 0 and char == "\n":
            following = _NEXT.match(shape, i)
            assert following is not None  # (it matches anywhere)
            if last and last not in _ENDS_OPEN and following.group(1) not in _GOES_ON:
                return i
            i = max(following.start(1), i + 1)
            continue
        if not char.isspace():
            last = char
        i += 1
    return len(shape)


def _closed_at(shape: str, brace: int) -> int:
    """Return the place just past the bracket closing the one at ``brace`` (-1: never closed)."""
    depth = 0
    for i in range(brace, len(shape)):
        if shape[i] in "{[(":
            depth += 1
        elif shape[i] in "}])":
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


def _on_line(text: str, ends: list[int], line: int, key: str) -> tuple[int, int, int]:
    """Return where ``key`` is written on line ``line`` (1-based) of ``text`` (line ends at
    ``ends``), twice, and that line's end: the place of an object literal's key and value."""
    begin = ends[line - 2] + 1 if 1 < line <= len(ends) + 1 else 0
    end = ends[line - 1] if line - 1 < len(ends) else len(text)
    found = text.find(key, begin, end)
    return (found if found >= 0 else begin), (found if found >= 0 else begin), end


def _pos(ends: list[int], start: int, end: int, first_line: int) -> yamlsafe.Pos:
    """Return the position of ``start`` to ``end`` in a text whose line ends are at ``ends``."""
    line = bisect.bisect_left(ends, start)
    col = start - (ends[line - 1] + 1 if line else 0) + 1
    return yamlsafe.Pos(first_line + line, col, start, end)
