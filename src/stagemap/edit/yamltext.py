"""YAML text for one value: scalars quoted only when they must be, flow lists and mappings.

Every choice is proved by reading the text back, with our loader and with PyYAML's YAML 1.1
SafeLoader, so a value written here means the same to stagemap and to other tools.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import yaml

from ..errors import StagemapError
from ..model.library import DATE_RE
from ..read import yamlsafe


class EditError(StagemapError):
    """An edit could not be made without changing more than asked; nothing was changed."""


def format_scalar(value: Any, *, flow: bool = False, style: str = "plain", quote: str = '"') -> str:
    """Return YAML text for one scalar.

    ``style`` is how the value it replaces was written (``plain``, ``'`` or ``"``): quotes
    are kept; plain text stays plain unless YAML would read it as something else (``no``,
    ``1.10``, ``a: b``, ``#x``, ``*x``...), when it gets ``quote`` marks. ``flow`` is for
    text inside ``[...]`` or ``{...}``.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if not math.isfinite(value) or not reads_as(text, value, flow):
            raise EditError(f"cannot write the number {value!r} so that it reads back the same")
        return text
    if not isinstance(value, str):
        raise EditError(f"cannot write a {type(value).__name__} value")
    if style == '"':
        return _double(value)
    if style == "'" and _single_ok(value):
        return _single(value)
    if plain_ok(value, flow):
        return value
    if quote == "'" and _single_ok(value):
        return _single(value)
    return _double(value)


def format_flow(value: Any, *, quote: str = '"', sep: str = ", ") -> str:
    """Return one-line YAML text for a value, lists as ``[a, b]`` and mappings as ``{k: v}``."""
    if isinstance(value, list):
        return "[" + sep.join(format_flow(v, quote=quote) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"{format_key(k)}: {format_flow(v, quote=quote)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    return format_scalar(value, flow=True, quote=quote)


def format_key(key: Any) -> str:
    """Return YAML text for a mapping key, quoted only when it must be."""
    if isinstance(key, str) and plain_ok(key, True) and reads_as(f"{key}: 0", {key: 0}, False, whole=True):
        return key
    return format_scalar(key, style='"' if isinstance(key, str) else "plain")


def _double(value: str) -> str:
    out = []
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif not ch.isprintable() or ch in "\ufeff\u2028\u2029\x85":
            code = ord(ch)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _single_ok(value: str) -> bool:
    return value.isprintable() and "\ufeff" not in value


def _single(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@lru_cache(maxsize=4096)
def plain_ok(value: str, flow: bool) -> bool:
    """True when ``value`` written without quotes reads back as the same text everywhere.

    Checked with our loader and with PyYAML's YAML 1.1 SafeLoader, which other tools use:
    ``no`` and ``1.10`` read fine for us but not for them. ISO dates are the one exception:
    they are written plain on purpose, and stagemap reads them as text.
    """
    if not value or value != value.strip() or not value.isprintable() or "\ufeff" in value:
        return False
    return reads_as(value, value, flow)


def reads_as(text: str, value: Any, flow: bool, *, whole: bool = False) -> bool:
    doc = text if whole else (f"k: [{text}]" if flow else f"k: {text}")
    want = value if whole else {"k": [value] if flow else value}
    try:
        ours = yamlsafe.load(doc).data
    except yamlsafe.YamlProblem:
        return False
    if not same_data(ours, want):
        return False
    try:
        theirs = yaml.load(doc, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, ValueError):
        return False
    if theirs == want:
        return True
    return isinstance(value, str) and bool(DATE_RE.match(value)) and not whole


def same_data(a: Any, b: Any) -> bool:
    """Equal values of the same types, mappings in the same key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
