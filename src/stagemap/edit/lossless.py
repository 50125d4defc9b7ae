"""Lossless edits of YAML front matter and settings files: change only the text asked for.

An edit is planned on the positions `yamlsafe.load` reports and applied as text splices, so
everything outside the changed values stays byte for byte: other keys and their order,
comments, blank lines, quoting, flow (``[a, b]``) or block (``- a``) lists and their
indentation, CRLF or LF, a BOM, the final newline or its absence, and the body. After every
step the new text is parsed again and compared with the data the step meant to produce; any
difference raises `EditError` and nothing is returned, so a caller never writes a doubtful
file. Pure functions: bytes in, bytes out.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from ..errors import StagemapError
from ..model.library import DATE_RE, FIELDS
from ..read import frontmatter, yamlsafe

KeyPath = tuple[Any, ...]
"""Where a value sits: ``("stages",)``, ``("stages", 0)``, ``("thresholds", "stages", "awareness")``."""

ID_KEYS = ("stages", "questions", "personas")
"""Front matter keys that hold one id or a list of ids."""

_MISSING = object()
_BLOCK_ITEM = re.compile(r"[ \t]*-[ \t]+")
_FLOW_SEP = re.compile(r"[ \t]*,[ \t]*")
_MAX_STEPS = 1000


class EditError(StagemapError):
    """An edit could not be made without changing more than asked; nothing was changed."""


# -- changes ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SetValue:
    """Set the value at ``path``; a missing top-level key is added in a sensible place."""

    path: KeyPath
    """Where the value goes; only a top-level key may be missing."""
    value: Any
    """Text, a number, true/false, or a list or mapping of those (written in flow style)."""


@dataclass(frozen=True, slots=True)
class Unset:
    """Remove a top-level key with all its lines."""

    key: str
    """The key to remove; nothing happens when it is absent."""


@dataclass(frozen=True, slots=True)
class AddItems:
    """Add ids to a list (a single id becomes a flow list; a missing key is added)."""

    key: str
    """A top-level key holding an id or a list of ids."""
    items: tuple[str, ...]
    """Ids to add, in order; those already there are skipped."""


@dataclass(frozen=True, slots=True)
class RemoveItems:
    """Remove ids from a list; the key goes when nothing is left.

    Ids that are not there are ignored: removing only those changes no byte. A list keeps
    its shape (``[a, b]`` minus ``b`` is ``[a]``), except that a single id which the same
    edit turned into a list and back to one item is written as a single id again.
    """

    key: str
    """A top-level key holding an id or a list of ids."""
    items: tuple[str, ...]
    """Ids to remove; those not there are ignored."""


@dataclass(frozen=True, slots=True)
class RenameKey:
    """Rename a mapping key in place, keeping its value and position."""

    path: KeyPath
    """The key's path, e.g. ``("messages", "risk")``."""
    new: str
    """The new key."""


Change = SetValue | Unset | AddItems | RemoveItems | RenameKey


# -- entry points -----------------------------------------------------------------------------
def edit_front_matter(data: bytes, changes: Sequence[Change], *, order: Sequence[str] = FIELDS) -> bytes:
    """Return the file ``data`` with ``changes`` made to its front matter, or raise `EditError`.

    ``order`` is the usual order of known keys: a missing one is added after the last key
    present that comes before it there; any other key goes after the last key.
    """
    try:
        split = frontmatter.split(data)
    except frontmatter.SplitProblem as exc:
        raise EditError(f"{exc.message} ({exc.hint})" if exc.hint else exc.message) from None
    yaml_text = _edit_region(split.yaml, split.yaml_line, split.newline, changes, order)
    text = split.text[: split.yaml_start] + yaml_text + split.text[split.yaml_end :]
    result = ((frontmatter.BOM if split.bom else "") + text).encode("utf-8")
    try:
        after = frontmatter.split(result)
    except frontmatter.SplitProblem as exc:
        raise EditError(f"the edit would break the front matter: {exc.message}") from None
    if (
        after.yaml != yaml_text
        or after.body != split.body
        or after.bom != split.bom
        or after.text[: after.yaml_start] != split.text[: split.yaml_start]
    ):
        raise EditError("the edit would move the end of the front matter")
    return result


def edit_document(data: bytes, changes: Sequence[Change], *, order: Sequence[str] = ()) -> bytes:
    """Return a whole YAML file (such as stagemap.yml) with ``changes`` made, or raise `EditError`."""
    try:
        text, bom = frontmatter.decode(data)
    except frontmatter.SplitProblem as exc:
        raise EditError(exc.message) from None
    first = text.split("\n", 1)[0]
    newline = "\r\n" if first.endswith("\r") else "\n"
    new = _edit_region(text, 1, newline, changes, order)
    return ((frontmatter.BOM if bom else "") + new).encode("utf-8")


def unified_diff(rel: str, before: bytes, after: bytes, *, created: bool = False) -> str:
    """Return a ``git apply``-able unified diff of one file (``a/REL`` and ``b/REL``)."""
    if before == after and not created:
        return ""
    old = before.decode("utf-8", errors="replace").splitlines(keepends=True)
    new = after.decode("utf-8", errors="replace").splitlines(keepends=True)
    out: list[str] = []
    for line in difflib.unified_diff(old, new, "/dev/null" if created else f"a/{rel}", f"b/{rel}"):
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


# -- formatting -------------------------------------------------------------------------------
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
        if not math.isfinite(value) or not _reads_as(text, value, flow):
            raise EditError(f"cannot write the number {value!r} so that it reads back the same")
        return text
    if not isinstance(value, str):
        raise EditError(f"cannot write a {type(value).__name__} value")
    if style == '"':
        return _double(value)
    if style == "'" and _single_ok(value):
        return _single(value)
    if _plain_ok(value, flow):
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
    if isinstance(key, str) and _plain_ok(key, True) and _reads_as(f"{key}: 0", {key: 0}, False, whole=True):
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
def _plain_ok(value: str, flow: bool) -> bool:
    """True when ``value`` written without quotes reads back as the same text everywhere.

    Checked with our loader and with PyYAML's YAML 1.1 SafeLoader, which other tools use:
    ``no`` and ``1.10`` read fine for us but not for them. ISO dates are the one exception:
    they are written plain on purpose, and stagemap reads them as text.
    """
    if not value or value != value.strip() or not value.isprintable() or "\ufeff" in value:
        return False
    return _reads_as(value, value, flow)


def _reads_as(text: str, value: Any, flow: bool, *, whole: bool = False) -> bool:
    doc = text if whole else (f"k: [{text}]" if flow else f"k: {text}")
    want = value if whole else {"k": [value] if flow else value}
    try:
        ours = yamlsafe.load(doc).data
    except yamlsafe.YamlProblem:
        return False
    if not _same(ours, want):
        return False
    try:
        theirs = yaml.load(doc, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, ValueError):
        return False
    if theirs == want:
        return True
    return isinstance(value, str) and bool(DATE_RE.match(value)) and not whole


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types, mappings in the same key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


# -- the editor -------------------------------------------------------------------------------
def _edit_region(
    text: str, first_line: int, newline: str, changes: Sequence[Change], order: Sequence[str]
) -> str:
    """Apply each change as one or more text splices, checking the data after every step."""
    removing = {c.key for c in changes if isinstance(c, RemoveItems)}
    if removing:
        start = _Doc(text, first_line, newline, order).data
        singles = sorted(k for k in removing if isinstance(start.get(k), str))
    else:
        singles = []
    for change in changes:
        for _ in range(_MAX_STEPS):
            doc = _Doc(text, first_line, newline, order)
            step = doc.plan(change)
            if step is None:
                break
            splices, expected = step
            new_text = _splice(text, splices)
            try:
                check = _Doc(new_text, first_line, newline, order)
            except EditError as exc:
                raise EditError(f"the edit would not be valid YAML ({exc})") from None
            if not _same(check.data, expected):
                raise EditError(f"the edit would not read back as intended ({_describe(change)})")
            text = new_text
            if not isinstance(change, RemoveItems):
                break
        else:  # pragma: no cover - each step removes one item, so this cannot loop forever
            raise EditError(f"too many steps for {_describe(change)}")
    for key in singles:
        text = _unwrap(text, first_line, newline, order, key)
    return text


def _unwrap(text: str, first_line: int, newline: str, order: Sequence[str], key: str) -> str:
    """Write ``key: [x]`` as ``key: x`` again, when it reads back the same; else leave it."""
    doc = _Doc(text, first_line, newline, order)
    step = doc.unwrap(key)
    if step is None:
        return text
    splices, expected = step
    new_text = _splice(text, splices)
    try:
        check = _Doc(new_text, first_line, newline, order)
    except EditError:
        return text
    return new_text if _same(check.data, expected) else text


def _describe(change: Change) -> str:
    if isinstance(change, SetValue):
        return "set " + ".".join(str(p) for p in change.path)
    if isinstance(change, Unset):
        return f"remove {change.key}"
    if isinstance(change, AddItems):
        return f"add {', '.join(change.items)} to {change.key}"
    if isinstance(change, RemoveItems):
        return f"remove {', '.join(change.items)} from {change.key}"
    return "rename " + ".".join(str(p) for p in change.path)


def _splice(text: str, splices: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(splices, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _get(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _with(data: Any, path: KeyPath, value: Any) -> Any:
    """Return a copy of ``data`` with the value at ``path`` replaced (or a top-level key added)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, list):
        copy = list(data)
        copy[head] = _with(data[head], rest, value)
        return copy
    copy_map = dict(data)
    copy_map[head] = _with(data[head], rest, value) if rest else value
    return copy_map


def _insert_after(data: dict[Any, Any], anchor: Any, key: Any, value: Any) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    if anchor is None:
        out[key] = value
    for k, v in data.items():
        out[k] = v
        if k == anchor:
            out[key] = value
    return out


def _anchor(keys: list[Any], key: Any, order: Sequence[str]) -> Any:
    """The key after whose entry a new ``key`` goes: its nearest predecessor in ``order``."""
    if not keys:
        return None
    if key in order:
        before = set(order[: list(order).index(key)])
        present = [k for k in keys if k in before]
        if present:
            return present[-1]
    return keys[-1]


_Step = tuple[list[tuple[int, int, str]], Any]
"""The splices of one edit step and the data the text must read as afterwards."""


@dataclass(frozen=True, slots=True)
class _ListStyle:
    kind: str
    """``block``, ``flow`` or ``scalar`` (single ids written without brackets)."""
    prefix: str = ""
    """For block lists: the text before each item, e.g. ``"  - "``."""


class _Doc:
    """One parse of the text being edited, with the helpers to plan a step on it."""

    def __init__(self, text: str, first_line: int, newline: str, order: Sequence[str]) -> None:
        self.text = text
        self.newline = newline
        self.order = order
        try:
            self.loaded = yamlsafe.load(text, first_line=first_line)
        except yamlsafe.YamlProblem as exc:
            raise EditError(f"line {exc.line}: {exc.message}") from None
        data = self.loaded.data
        if data is None and not self.loaded.values:
            data = {}
        if not isinstance(data, dict):
            raise EditError("the YAML is not a mapping of 'key: value' lines")
        if self.loaded.styles.get(()) == "flow":
            raise EditError("the YAML is one {...} mapping; write it as 'key: value' lines to edit it")
        self.data: dict[Any, Any] = data

    # -- positions ---------------------------------------------------------------------------
    def line_start(self, i: int) -> int:
        return self.text.rfind("\n", 0, i) + 1

    def line_end(self, i: int) -> int:
        """Offset just past the line break of the line holding offset ``i`` (or the end)."""
        j = self.text.find("\n", i)
        return len(self.text) if j < 0 else j + 1

    def newline_at(self, i: int) -> str:
        """The line break of the line holding offset ``i`` (the document's when it has none)."""
        j = self.text.find("\n", i)
        if j < 0:
            return self.newline
        return "\r\n" if j > 0 and self.text[j - 1] == "\r" else "\n"

    def content_end(self, path: KeyPath) -> int:
        """Offset just past the last character that belongs to the value at ``path``.

        Block collections end where their last item ends (PyYAML's end mark runs on over the
        comments and blank lines that follow); block scalars end before their final breaks.
        """
        pos = self.loaded.values[path]
        style = self.loaded.styles.get(path, "plain")
        value = _get(self.data, path)
        if style == "block" and isinstance(value, list) and value:
            return self.content_end((*path, len(value) - 1))
        if style == "block" and isinstance(value, dict) and value:
            last = list(value)[-1]
            return max(self.loaded.keys[(*path, last)].end, self.content_end((*path, last)))
        if style in ("|", ">"):
            return pos.start + len(self.text[pos.start : pos.end].rstrip("\r\n"))
        return pos.end

    def entry_span(self, key: Any) -> tuple[int, int]:
        """The whole lines of a top-level entry: from its key to the end of its value."""
        kpos = self.loaded.keys[(key,)]
        start = self.line_start(kpos.start)
        if self.text[start : kpos.start].strip():
            raise EditError(f"'{key}' does not start its own line")
        end = self.line_end(max(self.content_end((key,)), kpos.end) - 1)
        return start, end

    def drop(self, start: int, end: int) -> tuple[int, int, str]:
        """A splice removing whole lines; at the very end it takes the break before them instead,
        so that a missing final newline stays missing."""
        if end == len(self.text) and not self.text.endswith("\n") and start > 0:
            start -= 2 if self.text[start - 2 : start] == "\r\n" else 1
        return start, end, ""

    def insertion(self, at: int, lines: str) -> tuple[int, int, str]:
        """A splice inserting ``lines`` (each ending in a break) at the start of a line."""
        if at == len(self.text) and self.text and not self.text.endswith("\n"):
            nl = self.newline_at(self.line_start(at))
            return at, at, nl + lines[: -len(nl)] if lines.endswith(nl) else nl + lines
        return at, at, lines

    # -- style -------------------------------------------------------------------------------
    def quote(self) -> str:
        styles = list(self.loaded.styles.values())
        return "'" if styles.count("'") > styles.count('"') else '"'

    def in_flow(self, path: KeyPath) -> bool:
        return any(self.loaded.styles.get(path[:i]) == "flow" for i in range(len(path)))

    def list_style(self) -> _ListStyle:
        """How this file writes lists: copied from its first list, else ids as plain scalars."""
        scalars = False
        for key, value in self.data.items():
            style = self.loaded.styles.get((key,))
            if isinstance(value, list) and value and style == "block":
                item = self.loaded.values[(key, 0)]
                prefix = self.text[self.line_start(item.start) : item.start]
                if _BLOCK_ITEM.fullmatch(prefix):
                    return _ListStyle("block", prefix)
            elif isinstance(value, list) and style == "flow":
                return _ListStyle("flow")
            elif key in ID_KEYS and isinstance(value, str):
                scalars = True
        return _ListStyle("scalar" if scalars else "flow")

    def scalar(self, value: Any, path: KeyPath | None = None) -> str:
        style = self.loaded.styles.get(path, "plain") if path is not None else "plain"
        flow = path is not None and self.in_flow(path)
        return format_scalar(value, flow=flow, style=style, quote=self.quote())

    def flow(self, value: Any) -> str:
        return format_flow(value, quote=self.quote())

    def entry(self, key_text: str, value: Any, nl: str) -> str:
        """A new top-level entry, lists in this file's list style."""
        if isinstance(value, list) and value:
            style = self.list_style()
            if style.kind == "block":
                items = (
                    style.prefix + (self.flow(v) if isinstance(v, list | dict) else self.scalar(v)) + nl
                    for v in value
                )
                return f"{key_text}:{nl}" + "".join(items)
            return f"{key_text}: {self.flow(value)}{nl}"
        if isinstance(value, list | dict):
            return f"{key_text}: {self.flow(value)}{nl}"
        return f"{key_text}: {self.scalar(value)}{nl}"

    # -- planning ----------------------------------------------------------------------------
    def plan(self, change: Change) -> _Step | None:
        if isinstance(change, SetValue):
            return self.set_value(change.path, change.value)
        if isinstance(change, Unset):
            return self.unset(change.key)
        if isinstance(change, AddItems):
            return self.add_items(change.key, change.items)
        if isinstance(change, RemoveItems):
            return self.remove_item(change.key, change.items)
        return self.rename_key(change.path, change.new)

    def exists(self, path: KeyPath) -> bool:
        return path in self.loaded.values or (len(path) == 1 and path[0] in self.data)

    def set_value(self, path: KeyPath, value: Any) -> _Step | None:
        if not path:
            raise EditError("cannot replace the whole document")
        if not self.exists(path):
            if len(path) != 1:
                raise EditError(f"'{'.'.join(str(p) for p in path[:-1])}' has no '{path[-1]}' to change")
            return self.add_key(path[0], value)
        old = _get(self.data, path)
        if _same(old, value):
            return None
        expected = _with(self.data, path, value)
        pos = self.loaded.values[path]
        style = self.loaded.styles.get(path, "plain")
        if isinstance(old, list | dict) and style == "block":
            if len(path) == 1:
                start, end = self.entry_span(path[0])
                kpos = self.loaded.keys[path]
                nl = self.newline_at(end - 1)
                new = self.entry(self.text[kpos.start : kpos.end], value, nl)
                if not self.text[start:end].endswith("\n"):
                    new = new[: -len(nl)]
                return [(start, end, new)], expected
            return [(pos.start, self.content_end(path), self.flow(value))], expected
        start, end = pos.start, self.content_end(path)
        if isinstance(value, list | dict):
            new = self.flow(value)
        else:
            new = self.scalar(value, path if isinstance(old, str | int | float) else None)
        if start == end and start > 0 and self.text[start - 1] in ":-":
            new = " " + new
        return [(start, end, new)], expected

    def add_key(self, key: Any, value: Any) -> _Step:
        keys = list(self.data)
        anchor = _anchor(keys, key, self.order)
        expected = _insert_after(self.data, anchor, key, value)
        if anchor is None:
            at = len(self.text)
            nl = self.newline
        else:
            _, at = self.entry_span(anchor)
            nl = self.newline_at(at - 1)
        return [self.insertion(at, self.entry(format_key(key), value, nl))], expected

    def unset(self, key: str) -> _Step | None:
        if key not in self.data:
            return None
        expected = {k: v for k, v in self.data.items() if k != key}
        return [self.drop(*self.entry_span(key))], expected

    def add_items(self, key: str, items: tuple[str, ...]) -> _Step | None:
        wanted = list(dict.fromkeys(items))
        present = self.data.get(key, _MISSING)
        if present is _MISSING or present is None:
            if not wanted:
                return None
            kind = self.list_style().kind
            value: Any = wanted[0] if len(wanted) == 1 and kind == "scalar" else wanted
            if present is _MISSING:
                return self.add_key(key, value)
            return self.set_value((key,), value)
        if isinstance(present, str):
            add = [i for i in wanted if i != present.strip()]
            if not add:
                return None
            pos = self.loaded.values[(key,)]
            written = self.loaded.styles.get((key,), "plain")
            original = self.text[pos.start : pos.end]
            keep = written in ("'", '"') or (written == "plain" and _plain_ok(present, True))
            first = original if keep else format_scalar(present, flow=True, quote=self.quote())
            rest = ", ".join(format_scalar(i, flow=True, quote=self.quote()) for i in add)
            return [(pos.start, self.content_end((key,)), f"[{first}, {rest}]")], _with(
                self.data, (key,), [present, *add]
            )
        if not isinstance(present, list):
            raise EditError(f"'{key}' holds {type(present).__name__}, not a list of ids")
        have = {v.strip() for v in present if isinstance(v, str)}
        add = [i for i in wanted if i not in have]
        if not add:
            return None
        expected = _with(self.data, (key,), [*present, *add])
        if self.loaded.styles.get((key,)) == "flow":
            quote = self.quote()
            if not present:
                start = self.loaded.values[(key,)].start + 1
                return [
                    (start, start, ", ".join(format_scalar(i, flow=True, quote=quote) for i in add))
                ], expected
            n = len(present)
            end = self.content_end((key, n - 1))
            sep = ", "
            if n >= 2:
                between = self.text[self.content_end((key, n - 2)) : self.loaded.values[(key, n - 1)].start]
                if between.strip() == ",":
                    sep = between
            new = "".join(sep + format_scalar(i, flow=True, quote=quote) for i in add)
            return [(end, end, new)], expected
        last = self.loaded.values[(key, len(present) - 1)]
        prefix = self.text[self.line_start(last.start) : last.start]
        if not _BLOCK_ITEM.fullmatch(prefix):
            raise EditError(f"cannot tell how the items of '{key}' are indented")
        end = self.content_end((key, len(present) - 1))
        nl = self.newline_at(end - 1)
        lines = "".join(prefix + format_scalar(i, quote=self.quote()) + nl for i in add)
        return [self.insertion(self.line_end(end - 1), lines)], expected

    def remove_item(self, key: str, items: tuple[str, ...]) -> _Step | None:
        """Remove the first item of ``key`` that is in ``items`` (called until none is left)."""
        present = self.data.get(key, _MISSING)
        if present is _MISSING or present is None:
            return None
        drop = set(items)
        if isinstance(present, str):
            return self.unset(key) if present.strip() in drop else None
        if not isinstance(present, list):
            raise EditError(f"'{key}' holds {type(present).__name__}, not a list of ids")
        index = next((i for i, v in enumerate(present) if isinstance(v, str) and v.strip() in drop), None)
        if index is None:
            return None
        rest = present[:index] + present[index + 1 :]
        if not rest:
            return self.unset(key)
        expected = _with(self.data, (key,), rest)
        if self.loaded.styles.get((key,)) == "flow":
            if index > 0:
                start, end = self.content_end((key, index - 1)), self.content_end((key, index))
            else:
                start, end = self.loaded.values[(key, 0)].start, self.loaded.values[(key, 1)].start
            return [(start, end, "")], expected
        item = self.loaded.values[(key, index)]
        start = self.line_start(item.start)
        if not _BLOCK_ITEM.fullmatch(self.text[start : item.start]):
            raise EditError(f"cannot tell where item {index + 1} of '{key}' starts")
        end = self.line_end(self.content_end((key, index)) - 1)
        return [self.drop(start, end)], expected

    def unwrap(self, key: str) -> _Step | None:
        """Replace a one-line flow list of one id with that id (as written inside the list)."""
        value = self.data.get(key)
        if not (isinstance(value, list) and len(value) == 1 and isinstance(value[0], str)):
            return None
        if self.loaded.styles.get((key,)) != "flow":
            return None
        start, end = self.loaded.values[(key,)].start, self.content_end((key,))
        if "\n" in self.text[start:end]:
            return None
        item = self.loaded.values[(key, 0)]
        return [(start, end, self.text[item.start : item.end])], _with(self.data, (key,), value[0])

    def rename_key(self, path: KeyPath, new: str) -> _Step | None:
        if path not in self.loaded.keys:
            return None
        parent = _get(self.data, path[:-1])
        if path[-1] == new:
            return None
        if new in parent:
            raise EditError(f"'{new}' is already a key there")
        kpos = self.loaded.keys[path]
        old_text = self.text[kpos.start : kpos.end]
        style = old_text[0] if old_text[:1] in ("'", '"') else "plain"
        text = format_key(new) if style == "plain" else format_scalar(new, style=style)
        renamed = {(new if k == path[-1] else k): v for k, v in parent.items()}
        return [(kpos.start, kpos.end, text)], _with(self.data, path[:-1], renamed) if path[:-1] else renamed
