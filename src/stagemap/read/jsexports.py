"""The constants a JavaScript or TypeScript module exports as plain literals, read without running it.

An MDX page may import values from a module of its project (``import { SUPPORT_EMAIL } from
"../const"``) and show them (``{SUPPORT_EMAIL}``). `exported_constants` reads what such a module
exports, by name and by default, where the value is written as a plain literal, as
`stagemap.read.jsliteral` reads one (texts in any quotes, a template literal with no ``${}``,
numbers, ``true``, ``false``, ``null``, lists and objects of them):

- ``export const NAME = literal`` (a TypeScript type after the name, ``as const`` after the value);
- ``const NAME = literal`` at the top level, exported by ``export { NAME }`` or ``export { NAME as OTHER }``;
- ``export default literal``, or ``export default NAME`` (the name alone: not ``NAME.key``) after
  such a ``const``, as ``default``;
- ``module.exports = literal``: ``default``, and each key of an object by its name, as a bundler
  gives a CommonJS module's keys to ``import { key }``.

Not read, as only running the code would tell the value: anything else (a call, a name, a text
made of parts, ``let``/``var``, several constants in one declaration); a list or object whose
name the module uses anywhere else (``LINKS.push(x)``, ``Object.freeze(LINKS)``), as code may
change it; a name exported twice; what the module exports from another (``export { X } from
"./other"``, ``export * from``); a CommonJS module that adds to ``exports`` too; a module over
`MAX_TEXT`. Its cost is linear in the module's length.
"""

from __future__ import annotations

import collections
import functools
from typing import Any

from ..lazyre import lazy
from .jsdata import blanked, depths, shaped
from .jsliteral import MAX_TEXT, NOT_LITERAL, literal_at

__all__ = ["MAX_TEXT", "exported_constants"]

_CONST = lazy(r"\b(export[ \t]+)?const\s+([A-Za-z_$][\w$]*)\s*(?::[^=;\n]{0,200})?=(?![=>])\s*")
"""A constant declared (and exported): ``export const NAME: string = `` up to its value."""
_LIST = lazy(r"\bexport\s*\{([^{}]{0,4000})\}(\s*from\b)?")
"""A list of exports: ``export { A, B as C }``; with ``from``, another module's."""
_ITEM = lazy(r"\s*([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?\s*")
_DEFAULT = lazy(r"\b(module\s*\.\s*exports\s*=|export\s+default\b)\s*")
_NAME = lazy(r"[A-Za-z_$][\w$]*")
_WORD = lazy(r"(?<![\w$.])[A-Za-z_$][\w$]*")
_ALONE = lazy(r"[ \t]*(?:;|\Z|\n(?!\s*[.\[(?+\-*/%|&<>=,`]))")
"""What follows a name exported by default alone: ``;``, the end of a line (the next one not going on
with it, ``.map(...)``) or of the module."""


@functools.lru_cache(maxsize=64)
def exported_constants(text: str) -> dict[str, Any]:
    """Return the plain literals the module ``text`` exports, by the name each is exported as
    (``default`` for its default export); see the module. Shared: never change what it gives."""
    if len(text) > MAX_TEXT or "export" not in text:
        return {}
    code = blanked(text)
    shape = shaped(code)
    depth = depths(shape)
    values: dict[str, Any] = {}  # each top-level constant's value (`NOT_LITERAL`: unknown)
    declared: collections.Counter[str] = collections.Counter()
    mentions: collections.Counter[str] = collections.Counter()  # in an export, not its declaration
    names: list[tuple[str, str]] = []  # (exported as, local name)
    for found in _CONST.finditer(shape):
        if depth[found.start()]:
            continue
        local = found.group(2)
        declared[local] += 1
        values[local] = literal_at(code, text, found.end())
        if found.group(1):
            names.append((local, local))
    for found in _LIST.finditer(shape):
        if depth[found.start()] or found.group(2):
            continue  # (another module's: not followed)
        for item in filter(None, map(_ITEM.fullmatch, found.group(1).split(","))):
            mentions[item.group(1)] += 1
            names.append((item.group(2) or item.group(1), item.group(1)))
    defaults = [found for found in _DEFAULT.finditer(shape) if not depth[found.start()]]
    common = bool(defaults) and defaults[0].group(1).startswith("module")  # ``module.exports =``
    if len(defaults) == 1 and (not common or shape.count("exports") == 1):
        named = _NAME.match(shape, defaults[0].end())
        if named is not None and named.group(0) not in ("true", "false", "null"):
            mentions[named.group(0)] += 1
            if _ALONE.match(shape, named.end()):  # (``NAME.key``, ``NAME.method()``: only code tells)
                names.append(("default", named.group(0)))
        else:
            values["\0default"] = literal_at(code, text, defaults[0].end())
            declared["\0default"] = 1
            names.append(("default", "\0default"))
    words = collections.Counter(_WORD.findall(shape))
    out: dict[str, Any] = {}
    seen: collections.Counter[str] = collections.Counter(name for name, _ in names)
    for name, local in names:
        value = values.get(local, NOT_LITERAL)
        changeable = isinstance(value, (dict, list)) and words[local] > 1 + mentions[local]
        if value is not NOT_LITERAL and declared[local] == 1 and seen[name] == 1 and not changeable:
            out[name] = value
    if common and isinstance(out.get("default"), dict):
        out.update({key: value for key, value in out["default"].items() if key not in out})
    return out
