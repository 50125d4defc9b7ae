"""One parse of a YAML text being edited, and the splices that make one change to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..lazyre import lazy
from ..read import yamlsafe
from .changes import AddItems, Change, KeyPath, RemoveItems, SetValue, Unset
from .yamltext import EditError, format_flow, format_key, format_scalar, plain_ok, same_data

ID_KEYS = ("stages", "questions", "personas")
"""Front matter keys that hold one id or a list of ids."""

_MISSING = object()
_BLOCK_ITEM = lazy(r"[ \t]*-[ \t]+")
_FLOW_SEP = lazy(r"[ \t]*,[ \t]*")


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


Step = tuple[list[tuple[int, int, str]], Any]
"""The splices of one edit step and the data the text must read as afterwards."""


@dataclass(frozen=True, slots=True)
class _ListStyle:
    kind: str
    """``block``, ``flow`` or ``scalar`` (single ids written without brackets)."""
    prefix: str = ""
    """For block lists: the text before each item, e.g. ``"  - "``."""


class Doc:
    """One parse of the text being edited, with the helpers to plan a step on it."""

    def __init__(self, text: str, first_line: int, newline: str, order: Sequence[str]) -> None:
        self.text = text
        self.newline = newline
        self.order = order
        try:  # anchors refused: a splice at an alias would change every value its anchor names
            self.loaded = yamlsafe.load(text, first_line=first_line)
        except yamlsafe.YamlProblem as exc:
            if exc.code == "yaml-alias":
                reason = "its YAML has anchors and aliases (&name, *name), which an edit could change unseen"
                raise EditError(f"line {exc.line}: {reason}; edit it by hand") from None
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
    def plan(self, change: Change) -> Step | None:
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

    def set_value(self, path: KeyPath, value: Any) -> Step | None:
        if not path:
            raise EditError("cannot replace the whole document")
        if not self.exists(path):
            if len(path) != 1:
                raise EditError(f"'{'.'.join(str(p) for p in path[:-1])}' has no '{path[-1]}' to change")
            return self.add_key(path[0], value)
        old = _get(self.data, path)
        if same_data(old, value):
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

    def add_key(self, key: Any, value: Any) -> Step:
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

    def unset(self, key: str) -> Step | None:
        if key not in self.data:
            return None
        expected = {k: v for k, v in self.data.items() if k != key}
        return [self.drop(*self.entry_span(key))], expected

    def add_items(self, key: str, items: tuple[str, ...]) -> Step | None:
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
            keep = written in ("'", '"') or (written == "plain" and plain_ok(present, True))
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

    def remove_item(self, key: str, items: tuple[str, ...]) -> Step | None:
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

    def unwrap(self, key: str) -> Step | None:
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

    def rename_key(self, path: KeyPath, new: str) -> Step | None:
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
