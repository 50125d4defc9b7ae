"""The value a JavaScript data file exports when it is a plain literal, read without running it.

An Eleventy global data file (``_data/crews.js``) may export data as written:
``module.exports = [{ name: "North", size: 4 }]``, ``export default {...}``, or ``export default
crews`` after a top-level ``const crews = [...]``. Such a literal (objects, lists, texts in any
quotes, a template literal with no ``${}``, numbers, ``true``, ``false``, ``null``; keys bare or
quoted; a comma after the last item) is read whole, as JSON is. Anything else (a function, a
call, a name, a spread, a text made of parts, a regular expression, a legacy octal ``0777``; the
exported name used anywhere but in its one declaration, ``kilns.filter(...)``, ``kilns = ...``;
a second export or change of it, where JavaScript keeps the last; a file over `MAX_TEXT`) makes
the file code: `exported_literal` says so with `NOT_LITERAL`, as only running it would tell its
value: no item is ever made up.
"""

from __future__ import annotations

import re
from typing import Any

from ..lazyre import lazy
from .jsdata import blanked, depths, literal, shaped

NOT_LITERAL = object()
"""What `exported_literal` gives for a file whose export is not a plain literal."""
MAX_TEXT = 256 * 1024
"""The longest file read (longer: `NOT_LITERAL`, as reading it without running it is slow)."""
MAX_DEPTH = 32
"""How deep lists and objects may be nested (deeper: not read)."""

_EXPORT = lazy(r"\b(?:module\s*\.\s*exports\s*=|export\s+default\b)\s*")
_EXPORTS = lazy(r"\bmodule\s*\.\s*exports(?![\w$])|(?<![\w$.])exports?(?![\w$])")
"""Each place the file exports or sets what it exports (``module.exports``, ``exports.x``, ``export``)."""
_NAME = lazy(r"[A-Za-z_$][\w$]*")
_SCALAR = lazy(
    r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`[^`\\$]*`|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w$])"""
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
    if len(text) > MAX_TEXT:
        return NOT_LITERAL
    code = blanked(text)
    shape = shaped(code)
    if len(_EXPORTS.findall(shape)) != 1:
        return NOT_LITERAL  # (none; or set twice, or added to, where JavaScript keeps the last)
    export = _EXPORT.search(shape)
    depth = depths(shape)
    if export is None or depth[export.start()]:
        return NOT_LITERAL
    at = export.end()
    name = _NAME.match(shape, at)
    if name is not None and name.group(0) not in ("true", "false", "null"):
        # ``export default kilns``: only where nothing but its one declaration names it, and
        # nothing follows the name (``kilns.filter(...)``, ``kilns = ...``, ``kilns.push(x)``).
        word = re.escape(name.group(0))
        uses = [m.start() for m in re.finditer(rf"(?<![\w$.]){word}(?![\w$])", shape)]
        declared = list(re.finditer(rf"\b(?:const|let|var)\s+({word})\s*=\s*", shape))
        after = _SPACE.match(shape, name.end()).end()  # type: ignore[union-attr]
        if (
            len(declared) != 1
            or depth[declared[0].start()]
            or uses != [declared[0].start(1), name.start()]
            or (after < len(shape) and shape[after] in _GOES_ON)
        ):
            return NOT_LITERAL
        at = declared[0].end()
    return literal_at(code, text, at)


def literal_at(code: str, text: str, at: int) -> Any:
    """Return the plain literal at ``at`` of ``code`` (``text`` as `blanked` makes it; spaces
    before it passed over) when it is a whole value, or `NOT_LITERAL`."""
    try:
        value, end = _value(code, text, at, 0)
    except (_NotLiteral, RecursionError):
        return NOT_LITERAL
    after = _SPACE.match(code, end).end()  # type: ignore[union-attr]
    # ``[...].map(...)``, ``{...} || x``: the literal is only a part of what is exported.
    return NOT_LITERAL if after < len(code) and code[after] in _GOES_ON else value


def _passed(code: str, text: str, at: int) -> int:
    """Return where the spaces at ``at`` of ``code`` end; raise `_NotLiteral` where one of them
    stands for a regular expression literal of ``text`` (`blanked` turned it to spaces), not
    a comment: ``[ /x/ ]`` is no empty list."""
    end = _SPACE.match(code, at).end()  # type: ignore[union-attr]
    while at < end:
        at = _SPACE.match(text, at, end).end()  # type: ignore[union-attr]
        if at >= end:
            break
        if text.startswith("//", at):
            at = text.find("\n", at)
            at = end if at < 0 else at
        elif text.startswith("/*", at):
            close = text.find("*/", at + 2)
            at = end if close < 0 else close + 2
        else:
            raise _NotLiteral
    return end


def _value(code: str, text: str, at: int, deep: int) -> tuple[Any, int]:
    """Return the literal value starting at ``at`` (spaces before it passed over) and where it ends."""
    at = _passed(code, text, at)
    if deep > MAX_DEPTH or at >= len(code):
        raise _NotLiteral
    if code[at] in "[{":
        return _container(code, text, at, deep)
    scalar = _SCALAR.match(code, at)
    if scalar is None:
        raise _NotLiteral
    written = scalar.group(0)
    value = None if written == "null" else literal(written)
    if value is None and written != "null":
        raise _NotLiteral
    return value, scalar.end()


def _container(code: str, text: str, at: int, deep: int) -> tuple[Any, int]:
    """Return the list or object literal opening at ``at`` and where it ends."""
    is_list = code[at] == "["
    items: list[Any] = []
    entries: dict[str, Any] = {}
    at += 1
    while True:
        at = _passed(code, text, at)
        if at >= len(code):
            raise _NotLiteral
        if code[at] in "]}":
            if code[at] != ("]" if is_list else "}"):
                raise _NotLiteral
            return (items if is_list else entries), at + 1
        if is_list:
            value, at = _value(code, text, at, deep + 1)
            items.append(value)
        else:
            key = _KEY.match(code, at)
            if key is None:
                raise _NotLiteral
            raw = key.group(1)
            name = literal(raw) if raw[0] in "'\"" else raw
            value, at = _value(code, text, key.end(), deep + 1)
            entries[str(name)] = value
        at = _passed(code, text, at)
        if at < len(code) and code[at] == ",":
            at += 1
        elif at >= len(code) or code[at] not in "]}":
            raise _NotLiteral
