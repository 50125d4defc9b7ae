"""The string values of the object a JavaScript module exports by default, read without running it.

A page may import a module's default object (``import config from '../../config.ts'``) whose
values are not all plain literals (a function, a call beside the strings the page shows):
`object_values` reads each string literal of it (``export default {...}``, ``module.exports =
{...}``, a ``const`` object exported by its name, a JSON file's object) by its dotted key, and
passes over any other value, and a key with a dot in it (a dotted key could not tell it).
`stagemap.render.modulevalues` shows them.
"""

from __future__ import annotations

import re

from ..lazyre import lazy
from .jsstrings import js_string

_EXPORT = lazy(r"\bexport\s+default\s+|\bmodule\.exports\s*=\s*")
_NAME = lazy(r"[A-Za-z_$][\w$]*")
DEEPEST = 8
"""How deep in nested objects values are read."""


def object_values(code: str, json: bool = False) -> dict[str, str]:
    """Return the string literals of the object a module exports by default (``json``: the
    object the file is), by dotted key; empty when it exports no plain object."""
    start = code.lstrip()
    at = len(code) - len(start) if json and start.startswith("{") else -1
    export = None if json else _EXPORT.search(code)
    if export is not None:
        at = export.end()
        named = _NAME.match(code, at)
        if named is not None:  # ``const config = {...}; export default config``
            declared = re.search(
                rf"\b(?:const|let|var)\s+{re.escape(named.group(0))}\s*(?::[^=\n]{{0,200}})?=\s*(?=\{{)", code
            )
            at = declared.end() if declared is not None else -1
    found: dict[str, str] = {}
    if 0 <= at < len(code) and code[at] == "{":
        _object(code, at, "", found, 0)
    return found


def _object(code: str, at: int, prefix: str, found: dict[str, str], depth: int) -> int:
    """Read the object literal whose ``{`` is at ``at`` into ``found``; return where it ends."""
    at += 1
    while (at := _past_space(code, at)) < len(code):
        char = code[at]
        if char == "}":
            return at + 1
        if char == ",":
            at += 1
            continue
        key = _NAME.match(code, at)
        if char in "'\"":
            at, text = _string(code, at)
        elif key is not None:
            at, text = key.end(), key.group(0)
        else:  # a spread, a computed key: passed over
            at, text = _value_end(code, at), None
        at = _past_space(code, at)
        if text is None or "." in text or not code.startswith(":", at):  # (a shorthand, a method)
            at = _value_end(code, at)
            continue
        at = _past_space(code, at + 1)
        if code.startswith("{", at) and depth < DEEPEST:
            at = _object(code, at, f"{prefix}{text}.", found, depth + 1)
            continue
        end, value = _string(code, at) if code[at : at + 1] in "'\"`" else (at, None)
        if value is not None and code[_past_space(code, end) : _past_space(code, end) + 1] in ",}":
            found[prefix + text] = value
        at = _value_end(code, end)
    return len(code)


def _string(code: str, at: int) -> tuple[int, str | None]:
    """Read the string literal at ``at``: where it ends, and its text (None: a template string
    with a substitution, or a quoted string that does not end on its line). Its escapes are read
    as JavaScript reads them (`js_string`): ``\\u00e9``, ``\\x41``, a line continued."""
    quote, literal = code[at], True
    parts: list[str] = []
    i = at + 1
    while i < len(code):
        char = code[i]
        if char == quote:
            return i + 1, js_string("".join(parts)) if literal else None
        if char == "\\" and i + 1 < len(code):
            step = 3 if code.startswith("\r\n", i + 1) else 2  # (a line continued after a CR LF)
            parts.append(code[i : i + step])
            i += step
            continue
        if char == "\n" and quote != "`":
            return i, None
        if quote == "`" and code.startswith("${", i):  # read past the substitution's braces
            depth, literal, i = 0, False, i + 1
            while i < len(code):
                depth += {"{": 1, "}": -1}.get(code[i], 0)
                i += 1
                if not depth:
                    break
            continue
        parts.append(char)
        i += 1
    return i, None


def _past_space(code: str, at: int) -> int:
    """Return the index past the spaces and comments at ``at``."""
    while at < len(code):
        if code[at].isspace():
            at += 1
        elif code.startswith("//", at):
            end = code.find("\n", at)
            at = len(code) if end < 0 else end + 1
        elif code.startswith("/*", at):
            end = code.find("*/", at + 2)
            at = len(code) if end < 0 else end + 2
        else:
            break
    return at


def _value_end(code: str, at: int) -> int:
    """Return the index of the ``,`` or ``}`` that ends the value at ``at`` (its brackets, strings
    and comments passed over), or the end of the code."""
    depth = 0
    while at < len(code):
        char = code[at]
        if char in "'\"`":
            at = _string(code, at)[0]
            continue
        if code.startswith(("//", "/*"), at):
            at = _past_space(code, at)
            continue
        if char in "([{":
            depth += 1
        elif char in ")]}" and depth:
            depth -= 1
        elif char in ",}":
            return at
        at += 1
    return at
