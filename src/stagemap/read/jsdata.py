"""The plain values of the object a JavaScript file exports, read without running it.

An Eleventy data file (``posts/posts.11tydata.js``) is code: ``module.exports = {...}``,
``export default {...}``, or ``export default data`` after a top-level ``const data = {...}``.
Of each entry of that object, a plain value is read: text (quoted, or a template literal with
no ``${}``), a number, ``true``/``false``, a list of texts; an ``eleventyComputed`` object's
entries the same way, one level down. Any other value (a function, a method, a variable, a
text made of parts) is `CODE`: a value is there, but only running the code would tell it.

The code is read as text: comments and regular expression literals are blanked out first,
then the strings' insides for the structure, so that a quote in ``/'/g`` or a brace in a
string does not confuse it; each key comes with its line.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from ..lazyre import lazy

CODE = "{% worked out in code %}"
"""The value of an entry only running the code gives: a Liquid tag, never known here (so a
``permalink`` of it gives a page no address, `stagemap.read.eleventy.eleventy_permalink`)."""

Values = list[tuple[str, Any, int]]
"""Keys, values and the lines they are on, in the order the file writes them."""

_EXPORT = lazy(r"\b(?:module\s*\.\s*exports\s*=|export\s+default\b)\s*")
_NAMED = lazy(r"[A-Za-z_$][\w$]*")
_ENTRY = lazy(r"""\s*(['"]?)([A-Za-z_$][\w$-]*)\1\s*:\s*(.*)""", re.S)
_METHOD = lazy(r"""\s*(?:async\s+)?\*?\s*(['"]?)([A-Za-z_$][\w$-]*)\1\s*\(""")
_STRING = lazy(r"""'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`([^`\\$]*)`""", re.S)
_NUMBER = lazy(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_ESCAPE = lazy(r"\\(u\{[0-9A-Fa-f]{1,6}\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|\n|.)", re.S)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0", "\n": ""}
_REGEX_BEFORE = frozenset("(,=:[!&|?{};+-*%<>~^")
"""A ``/`` after one of these (or at the start) opens a regular expression, not a division."""
_OPEN, _CLOSE = "{[(", "}])"


def exported_values(text: str) -> Values:
    """Return the entries of the object ``text`` exports (see the module); none when it exports
    no object literal this can find."""
    code = blanked(text)
    shape = shaped(code)
    start = _exported(shape)
    if start < 0:
        return []
    return _object(code, shape, start, _Lines(code), nested=True)


def object_values(code: str, shape: str, start: int, deep: int) -> Values:
    """Return the entries of the object literal whose ``{`` is at ``start`` of ``code`` (as
    `blanked` makes it; ``shape`` as `shaped` makes that), each with its line: plain values,
    the object literals up to ``deep`` levels down read the same way (as dicts), else `CODE`."""
    return _object(code, shape, start, _Lines(code), nested=False, deep=deep)


def _object(code: str, shape: str, start: int, lines: _Lines, *, nested: bool, deep: int = 0) -> Values:
    """Return the entries of the object literal whose ``{`` is at ``start``: an object literal
    in it read too ``deep`` levels down (an ``eleventyComputed`` one, one level, when ``nested``)."""
    found: Values = []
    for begin, end in object_entries(shape, start):
        entry = code[begin:end]
        match = _ENTRY.fullmatch(entry)
        if match is None:
            method = _METHOD.match(entry)
            if method is not None:  # ``permalink(data) { ... }``: a function
                found.append((method.group(2), CODE, lines.at(begin + method.start(2))))
            continue
        key, raw = match.group(2), match.group(3)
        value = literal(raw.strip())
        if value is None:
            inside = begin + match.start(3) + (len(raw) - len(raw.lstrip()))
            down = deep > 0 or (nested and key == "eleventyComputed")
            value = (
                {k: v for k, v, _ in _object(code, shape, inside, lines, nested=False, deep=deep - 1)}
                if down and shape.startswith("{", inside)
                else CODE
            )
        found.append((key, value, lines.at(begin + match.start(2))))
    return found


def _exported(shape: str) -> int:
    """Return where the exported object literal's ``{`` is (at the top level), or -1."""
    depth = depths(shape)
    for export in _EXPORT.finditer(shape):
        if depth[export.start()]:
            continue
        rest = shape[export.end() :]
        if rest.startswith("{"):
            return export.end()
        name = _NAMED.match(rest)
        if name is None or name.group(0) in ("function", "async", "class"):
            continue
        defined = rf"\b(?:const|let|var)\s+{re.escape(name.group(0))}\s*=\s*\{{"
        tops = [m for m in re.finditer(defined, shape) if not depth[m.start()]]
        if tops:
            return tops[-1].end() - 1
    return -1


def depths(shape: str) -> list[int]:
    """Return how many brackets are open at each index of ``shape``."""
    depths, depth = [], 0
    for char in shape:
        depths.append(depth)
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
    depths.append(depth)
    return depths


def object_entries(shape: str, start: int) -> list[tuple[int, int]]:
    """Return where each entry of the object literal opening at ``start`` begins and ends:
    split at its own commas (``shape`` has no comment and no string's inside left to confuse it)."""
    entries: list[tuple[int, int]] = []
    depth, begin = 0, start + 1
    for i in range(start, len(shape)):
        char = shape[i]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
            if depth == 0:
                entries.append((begin, i))
                return [(b, e) for b, e in entries if shape[b:e].strip()]
        elif char == "," and depth == 1:
            entries.append((begin, i))
            begin = i + 1
    return []  # never closed: not code that runs


def blanked(code: str) -> str:
    """Return ``code`` with its comments and regular expression literals turned to spaces
    (line ends kept), strings as they are."""
    out: list[str] = []
    i, last = 0, ""  # ``last``: the last character of code before ``i`` that is no space
    closes = _Closes(code)
    while i < len(code):
        char = code[i]
        if char in "'\"`":
            end = after_string(code, i)
            out.append(code[i:end])
            i, last = end, char
            continue
        if char == "/" and code.startswith(("//", "/*"), i):
            end = code.find("\n", i) if code[i + 1] == "/" else code.find("*/", i + 2) + 2
            end = len(code) if end < i + 2 else end
        elif char == "/" and (not last or last in _REGEX_BEFORE or _after_word(out, ("return", "typeof"))):
            end = closes.after_regex(i)
        else:
            out.append(char)
            i, last = i + 1, last if char.isspace() else char
            continue
        out.append("".join(c if c == "\n" else " " for c in code[i:end]))
        i = end
    return "".join(out)


def _after_word(out: list[str], words: tuple[str, ...]) -> bool:
    """Whether the code so far ends in one of ``words`` (then spaces): ``return /x/``."""
    tail = "".join(out[-12:]).rstrip()
    return any(tail.endswith(w) and not tail[: -len(w)][-1:].isalnum() for w in words)


class _Closes:
    """Where each regular expression literal of a line of ``code`` closes, worked out once per
    line, from its end back: a line of many ``/`` none of which closes (``(/[(/[``) is read once,
    not once per ``/``."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.start, self.ends = -1, [-1]

    def after_regex(self, i: int) -> int:
        """Return the index after the regular expression literal opening at ``i`` (its flags
        too); one not closed on its line is no literal: only its ``/`` is passed over."""
        code = self.code
        if not self.start <= i + 1 < self.start + len(self.ends):
            self._line(i + 1)
        close = self.ends[i + 1 - self.start]
        if close < 0:
            return i + 1
        j = close + 1
        while j < len(code) and (code[j].isalnum() or code[j] == "_"):
            j += 1
        return j

    def _line(self, start: int) -> None:
        """Work out, for each index from ``start`` to its line's end, where a literal's body
        begun there closes (its ``/`` outside a ``[...]`` class, an escape passed over), or -1."""
        code = self.code
        end = code.find("\n", start)
        end = len(code) if end < 0 else end
        size = end - start
        plain, in_class = [-1] * (size + 2), [-1] * (size + 2)  # (the state a scan is in at k)
        for k in range(size - 1, -1, -1):
            char = code[start + k]
            if char == "\\":
                plain[k], in_class[k] = plain[k + 2], in_class[k + 2]
            elif char == "[":
                plain[k] = in_class[k] = in_class[k + 1]
            elif char == "]":
                plain[k] = in_class[k] = plain[k + 1]
            else:
                plain[k] = start + k if char == "/" else plain[k + 1]
                in_class[k] = in_class[k + 1]
        self.start, self.ends = start, plain[: size + 1]


def after_string(code: str, i: int) -> int:
    """Return the index after the string literal opening at ``i`` (its end, if never closed)."""
    quote, i = code[i], i + 1
    while i < len(code) and code[i] != quote:
        i += 2 if code[i] == "\\" else 1
    return min(i + 1, len(code))


def shaped(code: str) -> str:
    """Return ``code`` with the inside of each string turned to spaces (its quotes kept)."""
    out: list[str] = []
    i = 0
    while i < len(code):
        if code[i] in "'\"`":
            end = after_string(code, i)
            inner = code[i + 1 : end - 1] if end - i >= 2 else ""
            out.append(code[i] + " " * len(inner) + (code[end - 1] if end - i >= 2 else ""))
            i = end
            continue
        out.append(code[i])
        i += 1
    return "".join(out)


def literal(text: str) -> Any:
    """Return the value of a plain JavaScript literal (text, number, true/false, a list of
    texts), or None for anything worked out in code."""
    if text in ("true", "false"):
        return text == "true"
    if _NUMBER.fullmatch(text):
        if "e" in text or "E" in text:  # (``1e3`` is 1000, as JavaScript has one kind of number)
            number = float(text)
            return int(number) if number.is_integer() and abs(number) < 2**53 else number
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
            i = after_string(inner, i)
            continue
        if inner[i] == ",":
            parts.append(inner[begin:i])
            begin = i + 1
        i += 1
    parts.append(inner[begin:])
    return [p for p in parts if p.strip()]


def _unescaped(found: re.Match[str]) -> str:
    """Return a string literal's text, its escapes read as JavaScript reads them."""
    raw = next(g for g in found.groups() if g is not None)
    return raw if found.group(3) is not None else _ESCAPE.sub(_escape, raw)


def _escape(match: re.Match[str]) -> str:
    what = match.group(1)
    if what.startswith("u{"):
        number = int(what[2:-1], 16)
        return chr(number) if number <= 0x10FFFF else ""
    if what[0] in "ux" and len(what) > 1:
        return chr(int(what[1:], 16))
    return _SIMPLE_ESCAPES.get(what, what)


class _Lines:
    """The line of any index of a text, found by bisection over its line ends."""

    def __init__(self, text: str) -> None:
        self.ends = [m.start() for m in re.finditer("\n", text)]

    def at(self, index: int) -> int:
        return bisect.bisect_left(self.ends, index) + 1
