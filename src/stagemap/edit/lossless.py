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
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..model.library import FIELDS
from ..read import frontmatter
from ..read.aliases import spelt
from .changes import AddItems, Change, KeyPath, RemoveItems, RenameKey, SetValue, Unset
from .yamldoc import Doc
from .yamltext import EditError, format_flow, format_scalar, same_data

__all__ = [
    "AddItems",
    "Change",
    "EditError",
    "KeyPath",
    "RemoveItems",
    "RenameKey",
    "SetValue",
    "Unset",
    "edit_document",
    "edit_front_matter",
    "format_flow",
    "format_scalar",
    "unified_diff",
]

_MAX_STEPS = 1000


# -- entry points -----------------------------------------------------------------------------
def edit_front_matter(
    data: bytes,
    changes: Sequence[Change],
    *,
    order: Sequence[str] = FIELDS,
    bare: bool = False,
    any_case: bool = False,
    syntaxes: tuple[str, ...] = ("yaml",),
) -> bytes:
    """Return the file ``data`` with ``changes`` made to its front matter, or raise `EditError`.

    ``order`` is the usual order of known keys: a missing one is added after the last key
    present that comes before it there; any other key goes after the last key. With ``bare``,
    a file without front matter (a page a site publishes as it is) gets a block at its top,
    in the file's line endings, its BOM kept. With ``any_case`` (a site that reads keys in
    any case, as Hugo does), a change to a key the file spells otherwise (``Status``, and
    no ``status``) is made to the file's key, never to a second one beside it. ``syntaxes``
    are the reader's (`stagemap.read.presets.preset_front_matter`): the block edited is the one
    the reader reads, after blank lines (`frontmatter.LEAD`) or inside an HTML comment
    (`frontmatter.COMMENTED`), never a second one added above it; one in another syntax than
    YAML is refused.
    """
    syntaxes = ("yaml", *(s for s in syntaxes if s not in ("yaml", frontmatter.META)))
    try:
        split = frontmatter.split(data, syntaxes)
    except frontmatter.SplitProblem as exc:
        if not (bare and exc.code == frontmatter.NO_FRONT_MATTER):
            raise EditError(f"{exc.message} ({exc.hint})" if exc.hint else exc.message) from None
        split = _opened(data)
    if split.syntax != "yaml":
        raise EditError(f"its front matter is {split.syntax.upper()}; only YAML front matter is edited")
    if any_case:
        changes = _as_spelt(changes, Doc(split.yaml, split.yaml_line, split.newline, order).data)
    yaml_text = _edit_region(split.yaml, split.yaml_line, split.newline, changes, order)
    if yaml_text == split.yaml:
        return data  # nothing changed: no empty block added either
    text = split.text[: split.yaml_start] + yaml_text + split.text[split.yaml_end :]
    result = ((frontmatter.BOM if split.bom else "") + text).encode("utf-8")
    try:
        after = frontmatter.split(result, syntaxes)
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


def _as_spelt(changes: Sequence[Change], data: Any) -> list[Change]:
    """Return ``changes`` with each top-level key as ``data`` spells it (see `spelt`)."""
    out: list[Change] = []
    for change in changes:
        if isinstance(change, SetValue | RenameKey):
            out.append(replace(change, path=(spelt(data, change.path[0], True), *change.path[1:])))
        else:
            out.append(replace(change, key=spelt(data, change.key, True)))
    return out


def _opened(data: bytes) -> frontmatter.Split:
    """Split a file without front matter as if it opened with an empty block."""
    text, bom = frontmatter.decode(data)
    newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    fence = "---" + newline
    return frontmatter.Split(fence + fence + text, bom, newline, len(fence), len(fence), 2, 2 * len(fence), 3)


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


# -- the editor -------------------------------------------------------------------------------
def _edit_region(
    text: str, first_line: int, newline: str, changes: Sequence[Change], order: Sequence[str]
) -> str:
    """Apply each change as one or more text splices, checking the data after every step."""
    removing = {c.key for c in changes if isinstance(c, RemoveItems)}
    if removing:
        start = Doc(text, first_line, newline, order).data
        singles = sorted(k for k in removing if isinstance(start.get(k), str))
    else:
        singles = []
    for change in changes:
        for _ in range(_MAX_STEPS):
            doc = Doc(text, first_line, newline, order)
            step = doc.plan(change)
            if step is None:
                break
            splices, expected = step
            new_text = _splice(text, splices)
            try:
                check = Doc(new_text, first_line, newline, order)
            except EditError as exc:
                raise EditError(f"the edit would not be valid YAML ({exc})") from None
            if not same_data(check.data, expected):
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
    doc = Doc(text, first_line, newline, order)
    step = doc.unwrap(key)
    if step is None:
        return text
    splices, expected = step
    new_text = _splice(text, splices)
    try:
        check = Doc(new_text, first_line, newline, order)
    except EditError:
        return text
    return new_text if same_data(check.data, expected) else text


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
