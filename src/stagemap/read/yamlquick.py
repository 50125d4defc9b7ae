"""Load the plainest front matter without PyYAML: the same `Loaded`, in less than half the time.

Most front matter is a dozen ``key: value`` lines: text, a date, a quoted title, a list of
ids in brackets. PyYAML composes each into nodes with marks that `yamlsafe` then walks: 155 µs
a file of the benchmark library, against 66 µs here (1.5 s and 0.7 s of CPU over 10,000
assets). `load` reads such a document line by line and returns exactly what `yamlsafe.load`
returns for it (data, positions and styles), or None as soon as a line is anything else: a
nested mapping, a block list, an escape, a comment after a value, an anchor, a tab, a
character YAML may read differently. Then `yamlsafe.load` reads it, and reports what is
wrong with it.

A property test compares the two on generated documents built to sit on the edges.
"""

from __future__ import annotations

from typing import Any

from ..lazyre import lazy
from .yamlsafe import IMPLICIT, SCALARS, Loaded, Pos

_KEY = lazy(r"([A-Za-z_][A-Za-z0-9_-]*):( +|$)")
"""A top-level key at the start of a line, then a space (or the end of the line)."""
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""Characters a plain value may not start with (YAML indicators)."""
_FLOW_ITEM = lazy(r"[A-Za-z0-9_][A-Za-z0-9_./+-]*")
"""A plain item of a bracketed list: an id, a word, a number."""
_RESERVED_KEYS = frozenset({"true", "false", "null"})
"""Keys YAML reads as something other than text (in any case)."""
_TYPED_START = frozenset("".join(first for _, _, first in IMPLICIT))
"""The first characters of the values `yamlsafe.IMPLICIT` may type (a value here is never empty)."""


def load(text: str, first_line: int, max_nodes: int) -> Loaded | None:
    """Return what `yamlsafe.load` returns for ``text``, or None when it is not a plain document."""
    if not text.endswith("\n") or "\r" in text or "&" in text or "*" in text:
        return None
    # Tabs, control characters, odd spaces and line breaks (U+0085, U+2028) are not printable.
    if not text.replace("\n", " ").isprintable() or not (text.isascii() or max(text) <= "\uffff"):
        return None  # (a character beyond U+FFFF may count as two in PyYAML's columns)
    loaded = Loaded(data=None)
    data: dict[str, Any] = {}
    values, keys, styles = loaded.values, loaded.keys, loaded.styles
    nodes = 1
    offset = 0
    for number, line in enumerate(text[:-1].split("\n")):
        start, offset = offset, offset + len(line) + 1
        if not line or line[0] == "#":
            continue
        match = _KEY.match(line)
        if match is None:
            return None
        key = match.group(1)
        if key in data or key.lower() in _RESERVED_KEYS:
            return None
        at = match.end()
        value = _value(line, at, start, number + first_line, (key,), loaded)
        if value is _NOT_PLAIN:
            return None
        nodes += 2 + (len(value) if isinstance(value, list) else 0)
        if nodes > max_nodes:
            return None
        if not data:
            values[()] = Pos(number + first_line, 1, start, len(text))
            styles[()] = "block"
        keys[(key,)] = Pos(number + first_line, 1, start, start + len(key))
        data[key] = value
    if not data:
        return None
    loaded.data = data
    return loaded


_NOT_PLAIN = object()
"""What `_value` returns for a value this module does not read."""


def _value(line: str, at: int, start: int, line_no: int, path: tuple[Any, ...], loaded: Loaded) -> Any:
    """Read the value from column ``at`` of ``line`` (which starts at offset ``start``) to its end."""
    raw = line[at:].rstrip(" ")
    if not raw:
        if not line.endswith(":"):
            return _NOT_PLAIN  # 'key:' then spaces: left to PyYAML
        colon = at  # the empty value sits just after the colon
        loaded.values[path] = Pos(line_no, colon + 1, start + colon, start + colon)
        loaded.styles[path] = "plain"
        return None
    end = at + len(raw)
    first = raw[0]
    if first == "[":
        return _flow(raw, at, start, line_no, path, loaded)
    if first in "\"'":
        if len(raw) < 2 or raw[-1] != first or first in raw[1:-1] or "\\" in raw or "#" in raw:
            return _NOT_PLAIN
        loaded.values[path] = Pos(line_no, at + 1, start + at, start + end)
        loaded.styles[path] = first
        return raw[1:-1]
    if first in _PLAIN_START or ": " in raw or " #" in raw or raw.endswith(":"):
        return _NOT_PLAIN
    loaded.values[path] = Pos(line_no, at + 1, start + at, start + end)
    loaded.styles[path] = "plain"
    return _resolve(raw)


def _flow(raw: str, at: int, start: int, line_no: int, path: tuple[Any, ...], loaded: Loaded) -> Any:
    """Read a bracketed list of plain or quoted items, ``[a, b]``, alone on the rest of its line."""
    if not raw.endswith("]") or "#" in raw:
        return _NOT_PLAIN
    inner = raw[1:-1]
    items: list[Any] = []
    if inner.strip(" "):
        i = 1
        for part in inner.split(","):
            lead = len(part) - len(part.lstrip(" "))
            word = part.strip(" ")
            where = at + i + lead
            if not word:
                return _NOT_PLAIN
            if word[0] in "\"'":
                if len(word) < 2 or word[-1] != word[0] or word[0] in word[1:-1] or "\\" in word:
                    return _NOT_PLAIN
                value: Any = word[1:-1]
                style = word[0]
            elif _FLOW_ITEM.fullmatch(word):
                value, style = _resolve(word), "plain"
            else:
                return _NOT_PLAIN
            item = (*path, len(items))
            loaded.values[item] = Pos(line_no, where + 1, start + where, start + where + len(word))
            loaded.styles[item] = style
            items.append(value)
            i += len(part) + 1
    elif inner:
        return _NOT_PLAIN  # '[ ]': left to PyYAML
    loaded.values[path] = Pos(line_no, at + 1, start + at, start + at + len(raw))
    loaded.styles[path] = "flow"
    return items


_TYPED = lazy(
    "|".join(
        f"(?P<t{i}>{p.pattern.removeprefix('^').removesuffix('$')})" for i, (_, p, _) in enumerate(IMPLICIT)
    )
)
"""One pass for `yamlsafe.IMPLICIT`: which pattern (group ``tN``), if any, a whole value matches."""


def _resolve(word: str) -> Any:
    """Return a plain value as `yamlsafe` types it: true/false, a whole or decimal number, null, or text."""
    typed = _TYPED.fullmatch(word) if word[0] in _TYPED_START else None
    if typed is None or typed.lastgroup is None:
        return word
    return SCALARS[IMPLICIT[int(typed.lastgroup[1:])][0]](word)
