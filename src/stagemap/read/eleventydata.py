"""Eleventy's data files: values a folder's pages, or one page, get from a file beside them.

Below a page's own front matter, Eleventy merges into its data a *template data file* beside it
(``posts/hello.11tydata.json``, or ``posts/hello.json``, for ``posts/hello.md``), then the
*directory data files* of its folder and of each folder above it (``posts/posts.11tydata.json``,
``posts/posts.json``), nearest first: ``{"permalink": "/news/{{ page.fileSlug }}/", "tags":
"news"}`` there routes and tags every page of ``posts/``. The nearest value wins, but lists are
merged, as Eleventy's deep merge does (``tags`` given as one text is a list of one).

JSON files are read whole. A JavaScript data file (``.11tydata.js``, ``.cjs``, ``.mjs``) is
code, never run: the plain values of the object it exports (``module.exports = {...}``,
``export default {...}`` or ``export default data`` after ``const data = {...}``) are read,
text, numbers, ``true``/``false`` and lists of text; a value worked out in code (a function,
``eleventyComputed``, a variable, a text made of parts) is left out. The values reach each page
as Hugo's cascade does (`stagemap.read.cascade`), explained by the data file and the line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

DATA_ENDINGS = (".11tydata.json", ".11tydata.js", ".11tydata.cjs", ".11tydata.mjs")
"""The endings only Eleventy's data files have (a ``.json`` file may be one, too: `data_target`)."""
LABEL = "data"
"""How a value from a data file is explained (``data:posts/posts.json:3``)."""

Values = list[tuple[str, Any, int]]
"""A data file's keys, values and the lines they are on."""


def data_target(sub: str, pages: Callable[[str], bool]) -> tuple[str, str] | None:
    """Return what the data file at ``sub`` (its path under its source) gives values to:
    ``("folder", F)`` for the pages in folder ``F`` and below, ``("page", S)`` for the page
    whose path less its ending is ``S``; None when it is no data file. ``pages(S)`` says
    whether a content file at ``S`` (less its ending) is there, for a plain ``x.json``."""
    name = sub.rpartition("/")[2]
    lower = name.lower()
    ending = next((e for e in DATA_ENDINGS if lower.endswith(e)), ".json" if lower.endswith(".json") else "")
    if not ending:
        return None
    folder = sub.rpartition("/")[0]
    stem = name[: -len(ending)]
    if folder and stem == folder.rpartition("/")[2]:
        return ("folder", folder)
    whole = f"{folder}/{stem}" if folder else stem
    if ending != ".json" or pages(whole):
        return ("page", whole)
    return None


def data_values(data: bytes, name: str) -> Values:
    """Return the values a data file (its bytes, its name) gives, each with its line; none
    from a file that is not the data Eleventy would read (not an object, not valid)."""
    text = data.decode("utf-8-sig", errors="replace")
    if name.lower().endswith(".json"):
        return _json_values(text)
    return _code_values(text)


def merged(own: Any, given: Any, key: str) -> Any:
    """Return the value ``key`` has when a page (or a nearer file) has ``own`` and a data file
    farther off ``given``: both lists, merged in that order; else ``own``."""
    if key == "tags":
        own, given = (v if not isinstance(v, str) else [v] for v in (own, given))
    if isinstance(own, list) and isinstance(given, list):
        return own + [v for v in given if v not in own]
    return own


def _json_values(text: str) -> Values:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    return [(str(key), value, _line_of(text, f'"{key}"')) for key, value in data.items()]


def _line_of(text: str, needle: str, start: int = 0) -> int:
    found = text.find(needle, start)
    return text.count("\n", 0, found) + 1 if found >= 0 else 1


# -- JavaScript: the exported object's plain values ------------------------------------------

_EXPORT = re.compile(r"\b(?:module\.exports|export\s+default)\s*=?\s*")
_NAMED = re.compile(r"[A-Za-z_$][\w$]*")
_ENTRY = re.compile(r"""\s*(['"]?)([A-Za-z_$][\w$-]*)\1\s*:\s*(.*)""", re.S)
_STRING = re.compile(r"""'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`([^`\\$]*)`""", re.S)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_CLOSING = {"{": "}", "[": "]", "(": ")"}


def _code_values(text: str) -> Values:
    """Return the plain values of the object a JavaScript data file exports (see the module)."""
    code = _blanked(text)
    start = _exported(code)
    if start < 0:
        return []
    found: Values = []
    for at, entry in _entries(code, start):
        match = _ENTRY.fullmatch(entry)
        if match is None:
            continue
        value = _literal(match.group(3).strip())
        if value is not None:
            key = match.group(2)
            found.append((key, value, _line_of(code, key, at)))
    return found


def _exported(code: str) -> int:
    """Return where the exported object literal's ``{`` is, or -1."""
    for export in _EXPORT.finditer(code):
        rest = code[export.end() :]
        if rest.startswith("{"):
            return export.end()
        name = _NAMED.match(rest)
        if name is None or name.group(0) in ("function", "async", "class"):
            continue
        defined = re.search(rf"\b(?:const|let|var)\s+{re.escape(name.group(0))}\s*=\s*\{{", code)
        if defined is not None:
            return defined.end() - 1
    return -1


def _entries(code: str, start: int) -> list[tuple[int, str]]:
    """Return each entry of the object literal opening at ``start`` (where it starts, its text),
    split at its own commas: brackets and strings inside an entry are kept whole. ``code`` has
    its comments blanked out (`_blanked`)."""
    entries: list[tuple[int, str]] = []
    depth, i, begin = 0, start, start + 1
    while i < len(code):
        char = code[i]
        if char in "'\"`":
            i = _after_string(code, i)
            continue
        if char in _CLOSING:
            depth += 1
        elif char in "}])":
            depth -= 1
            if depth == 0:
                entries.append((begin, code[begin:i]))
                return [(at, text) for at, text in entries if text.strip()]
        elif char == "," and depth == 1:
            entries.append((begin, code[begin:i]))
            begin = i + 1
        i += 1
    return []  # never closed: not code Eleventy would run


def _after_string(code: str, i: int) -> int:
    """Return the index after the string literal opening at ``i`` (its end, if never closed)."""
    quote, i = code[i], i + 1
    while i < len(code) and code[i] != quote:
        i += 2 if code[i] == "\\" else 1
    return i + 1


def _blanked(code: str) -> str:
    """Return ``code`` with its comments (outside strings) turned to spaces, lines kept."""
    out, i = [], 0
    while i < len(code):
        if code[i] in "'\"`":
            end = _after_string(code, i)
            out.append(code[i:end])
            i = end
            continue
        if code.startswith("//", i) or code.startswith("/*", i):
            end = code.find("\n", i) if code[i + 1] == "/" else code.find("*/", i + 2) + 2
            end = len(code) if end < i + 2 else end
            out.append("".join(c if c == "\n" else " " for c in code[i:end]))
            i = end
            continue
        out.append(code[i])
        i += 1
    return "".join(out)


def _literal(text: str) -> Any:
    """Return the value of a plain JavaScript literal (text, number, true/false, a list of
    texts), or None for anything worked out in code."""
    if text in ("true", "false"):
        return text == "true"
    if _NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    string = _STRING.fullmatch(text)
    if string is not None:
        return _unescaped(string)
    if text.startswith("[") and text.endswith("]"):
        items = [_STRING.fullmatch(part.strip()) for part in _split_list(text[1:-1])]
        if all(item is not None for item in items):
            return [_unescaped(item) for item in items if item is not None]
    return None


def _split_list(inner: str) -> list[str]:
    parts, i, begin = [], 0, 0
    while i < len(inner):
        if inner[i] in "'\"`":
            i = _after_string(inner, i)
            continue
        if inner[i] == ",":
            parts.append(inner[begin:i])
            begin = i + 1
        i += 1
    parts.append(inner[begin:])
    return [p for p in parts if p.strip()]


def _unescaped(found: re.Match[str]) -> str:
    raw = next(g for g in found.groups() if g is not None)
    if found.group(3) is not None:
        return raw
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), raw)
