"""Read suggestions a person accepted (``stagemap suggest`` CSV or JSON) and plan what they give.

A row is accepted when its ``accept`` cell says so (``yes``, ``y``, ``x``, ``1``, ``true``,
``accept``); an empty cell or ``no`` rejects it; anything else is an error at its row, so a
typo never silently accepts or drops a tag.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..model.library import Library
from ..model.settings import Config
from .select import Files, identify
from .tag import FileEdit, plan_tag, tag_request

YES = frozenset({"yes", "y", "x", "1", "true", "accept", "accepted", "ok"})
"""``accept`` cells that accept a row (compared in lower case)."""
NO = frozenset({"", "no", "n", "0", "false", "reject", "rejected", "none", "null"})
"""``accept`` cells that reject a row."""
KEYS = {"stage": "stages", "question": "questions"}
"""The front matter key of each suggested field."""


@dataclass(frozen=True, slots=True)
class Accepted:
    """One accepted suggestion."""

    path: str
    """The file, relative to the project folder."""
    field: str
    """``stage`` or ``question``."""
    value: str
    """The id."""


def _cell(value: Any) -> str:
    text = "" if value is None else str(value).strip()
    # Undo the quote csvsafe puts before cells a spreadsheet would run as formulas.
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text


def _decide(name: str, where: str, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = _cell(raw).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise UsageError(f"{name}:{where}: accept must be yes or no (or empty), got '{_cell(raw)}'")


def read_accepted(data: bytes, name: str) -> list[Accepted]:
    """Return the accepted rows of a suggestions file (JSON when it starts with ``{`` or ``[``, else CSV)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{name} is not UTF-8 text") from None
    rows: list[tuple[str, dict[str, Any]]]
    if text.lstrip().startswith(("{", "[")):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
        items = loaded.get("suggestions") if isinstance(loaded, dict) else loaded
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise UsageError(f"{name}: expected the JSON that 'stagemap suggest' writes")
        rows = [(f"row {i}", item) for i, item in enumerate(items, 1)]
    else:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        missing = [c for c in ("path", "field", "value", "accept") if c not in (reader.fieldnames or [])]
        if missing:
            raise UsageError(
                f"{name}: no '{missing[0]}' column (expected the CSV that 'stagemap suggest' writes)"
            )
        rows = [(str(reader.line_num), dict(row)) for row in reader]
    out: list[Accepted] = []
    for where, row in rows:
        if not _decide(name, where, row.get("accept")):
            continue
        field = _cell(row.get("field"))
        if field not in KEYS:
            raise UsageError(f"{name}:{where}: field must be stage or question, got '{field}'")
        out.append(Accepted(_cell(row.get("path")), field, _cell(row.get("value"))))
    return out


def by_file(rows: Sequence[Accepted]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Group accepted rows per path: the ids to add per front matter key, in the order given."""
    out: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        ids = out.setdefault(row.path, {"stages": [], "questions": []})[KEYS[row.field]]
        if row.value not in ids:
            ids.append(row.value)
    return {p: {k: tuple(v) for k, v in keys.items()} for p, keys in out.items()}


def plan_accepted(config: Config, library: Library, rows: Sequence[Accepted]) -> list[FileEdit]:
    """Plan adding each file's accepted ids to its front matter; raise `UsageError` on a bad id or path."""
    files = Files.of(config, library)
    edits: list[FileEdit] = []
    for path, add in sorted(by_file(rows).items()):
        item = identify(config, config.root / path, files)
        request = tag_request(config, library, add=add, remove={}, sets={}, unsets=())
        edits += plan_tag(config, [item], request)
    return edits


def accepted_rules(
    config: Config, library: Library, rows: Sequence[Accepted]
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Return the ids to add per file's path under its source (what a settings rule matches)."""
    files = Files.of(config, library)
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for path, add in sorted(by_file(rows).items()):
        item = identify(config, config.root / Path(path), files)
        tag_request(config, library, add=add, remove={}, sets={}, unsets=())  # checks the ids
        out[item.sub] = add
    return out
