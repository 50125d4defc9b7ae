"""The value a JavaScript data file exports when it is a plain literal, read without running it.

An Eleventy global data file (``_data/crews.js``) may export data as written:
``module.exports = [{ name: "North", size: 4 }]``, ``export default {...}``, or ``export default
crews`` after a top-level ``const crews = [...]``. Such a literal (objects, lists, texts in any
quotes, a template literal with no ``${}``, numbers, ``true``, ``false``, ``null``; keys bare or
quoted; a comma after the last item) is read whole, as JSON is. Anything else (a function, a
call, a name, a spread, a text made of parts) makes the file code: `exported_literal` says so
with `NOT_LITERAL`, as only running it would tell its value.
"""

from __future__ import annotations

import re
from typing import Any

from ..lazyre import lazy
from .jsdata import blanked, depths, literal, shaped

NOT_LITERAL = object()
"""What `exported_literal` gives for a file whose export is not a plain literal."""
MAX_DEPTH = 32
"""How deep lists and objects may be nested (deeper: not read)."""

_EXPORT = lazy(r"\b(?:module\s*\.\s*exports\s*=|export\s+default\b)\s*")
_NAME = lazy(r"[A-Za-z_$][\w$]*")
_SCALAR = lazy(
    r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`[^`\\$]*`|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w$])"""
    r"""|(?:true|false|null)(?![\w$])"""
)
_KEY = lazy(r"""([A-Za-z_$][\w$]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\d+)\s*:""")
_SPACE = lazy(r"\s*")
_GOES_ON = frozenset(".[(?+-*/%|&<>=,`")
"""A character after a literal that makes it a part of an expression."""


class _NotLiteral(Exception):
    """Raised where the code is not a plain literal."""


def exported_literal(text: str) -> Any:
    """Return the value the JavaScript ``text`` exports (see the module), or `NOT_LITERAL`."""
    code = blanked(text)
    shape = shaped(code)
    depth = depths(shape)
    for export in _EXPORT.finditer(shape):
        if depth[export.start()]:
            continue
        at = export.end()
        name = _NAME.match(shape, at)
        if name is not None and name.group(0) not in ("true", "false", "null"):
            defined = rf"\b(?:const|let|var)\s+{re.escape(name.group(0))}\s*=\s*"
            tops = [m for m in re.finditer(defined, shape) if not depth[m.start()]]
            if not tops:
                return NOT_LITERAL
            at = tops[-1].end()
        try:
            value, end = _value(code, at, 0)
        except (_NotLiteral, RecursionError):
            return NOT_LITERAL
        after = _SPACE.match(code, end).end()  # type: ignore[union-attr]
        # ``[...].map(...)``, ``{...} || x``: the literal is only a part of what is exported.
        return NOT_LITERAL if after < len(code) and code[after] in _GOES_ON else value
    return NOT_LITERAL


def _value(code: str, at: int, deep: int) -> tuple[Any, int]:
    """Return the literal value starting at ``at`` (spaces before it passed over) and where it ends."""
    at = _SPACE.match(code, at).end()  # type: ignore[union-attr]
    if deep > MAX_DEPTH or at >= len(code):
        raise _NotLiteral
    if code[at] in "[{":
        return _container(code, at, deep)
    scalar = _SCALAR.match(code, at)
    if scalar is None:
        raise _NotLiteral
    text = scalar.group(0)
    value = None if text == "null" else literal(text)
    if value is None and text != "null":
        raise _NotLiteral
    return value, scalar.end()


def _container(code: str, at: int, deep: int) -> tuple[Any, int]:
    """Return the list or object literal opening at ``at`` and where it ends."""
    is_list = code[at] == "["
    items: list[Any] = []
    entries: dict[str, Any] = {}
    at += 1
    while True:
        at = _SPACE.match(code, at).end()  # type: ignore[union-attr]
        if at >= len(code):
            raise _NotLiteral
        if code[at] in "]}":
            if code[at] != ("]" if is_list else "}"):
                raise _NotLiteral
            return (items if is_list else entries), at + 1
        if is_list:
            value, at = _value(code, at, deep + 1)
            items.append(value)
        else:
            key = _KEY.match(code, at)
            if key is None:
                raise _NotLiteral
            raw = key.group(1)
            name = literal(raw) if raw[0] in "'\"" else raw
            value, at = _value(code, key.end(), deep + 1)
            entries[str(name)] = value
        at = _SPACE.match(code, at).end()  # type: ignore[union-attr]
        if at < len(code) and code[at] == ",":
            at += 1
        elif at >= len(code) or code[at] not in "]}":
            raise _NotLiteral
