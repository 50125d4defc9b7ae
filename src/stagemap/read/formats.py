"""Load front matter in any of its syntaxes into `yamlsafe.Loaded`, with positions.

YAML comes with a position for every value. TOML (``tomllib`` keeps none) and JSON get one for
every top-level key and value, found here by scanning the text; a nested value is reported
at its top-level value. TOML dates and times become ISO text, as YAML ones stay text.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from typing import Any

from ..lazyre import lazy
from . import yamlquick, yamlsafe
from .frontmatter import JS, Split
from .jsfrontmatter import load_js

_TOML_AT = lazy(r"\(at line (\d+), column (\d+)\)")
_TOML_TABLE = lazy(r"^[ \t]*\[([^\[\]]+)\][ \t]*(?:#.*)?$")
_TOML_KEY = lazy(r"^[ \t]*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)[ \t]*=[ \t]*")


def load(split: Split, last_wins: bool = False, aliases: bool = False) -> yamlsafe.Loaded:
    """Load ``split``'s front matter, or raise `yamlsafe.YamlProblem` at the file position
    (``last_wins``, ``aliases``: see `stagemap.read.yamlsafe.load`)."""
    if split.syntax == "toml":
        return load_toml(split.yaml, split.yaml_line)
    if split.syntax == "json":
        return load_json(split.yaml, split.yaml_line)
    if split.syntax == "meta":
        return load_meta(split.yaml, split.yaml_line)
    if split.syntax == JS:
        return load_js(split.yaml, split.yaml_line)
    quick = yamlquick.load(split.yaml, split.yaml_line, yamlsafe.MAX_NODES)
    return quick or yamlsafe.load(
        split.yaml, first_line=split.yaml_line, last_wins=last_wins, aliases=aliases
    )


def _pos(text: str, start: int, end: int, first_line: int) -> yamlsafe.Pos:
    line = first_line + text.count("\n", 0, start)
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    return yamlsafe.Pos(line, col, start, end)


def _plain(value: Any) -> Any:
    """Return TOML data with dates and times as ISO text."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def load_toml(text: str, first_line: int = 1) -> yamlsafe.Loaded:
    """Load TOML front matter; positions for the keys of the top level and of simple tables."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_AT.search(message)
        line, col = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        message = _TOML_AT.sub("", message).strip()
        hint = "check quotes and brackets"
        if "'\\n'" in message or "newline" in message.lower():
            hint = "a quoted value must end on the line it starts on: close its quote"
        raise yamlsafe.YamlProblem(
            first_line + line - 1, col, f"TOML syntax error: {message}", hint, "toml"
        ) from None
    except RecursionError:
        raise yamlsafe.YamlProblem(first_line, 1, "TOML is nested too deeply", "", "too-large") from None
    loaded = yamlsafe.Loaded(_plain(data))
    loaded.values[()] = yamlsafe.Pos(first_line, 1, 0, len(text))
    table: tuple[str, ...] = ()
    offset = 0
    for raw in text.splitlines(keepends=True):
        row = raw.rstrip("\r\n")
        header = _TOML_TABLE.match(row)
        if header:
            table = tuple(part.strip().strip("\"'") for part in header.group(1).split("."))
            offset += len(raw)
            continue
        key = _TOML_KEY.match(row)
        if key:
            name = key.group(1).strip("\"'")
            value_end = len(row.split(" #")[0].rstrip())
            path = (*table, name)
            loaded.keys[path] = _pos(text, offset + key.start(1), offset + key.end(1), first_line)
            loaded.values[path] = _pos(
                text, offset + key.end(), offset + max(value_end, key.end()), first_line
            )
        offset += len(raw)
    return loaded


def load_json(text: str, first_line: int = 1) -> yamlsafe.Loaded:
    """Load a JSON object, with positions for its keys and values; duplicate keys are errors."""
    decoder = json.JSONDecoder()
    loaded = yamlsafe.Loaded({})
    loaded.values[()] = yamlsafe.Pos(first_line, 1, 0, len(text))
    data: dict[str, Any] = {}
    pos = _skip(text, _skip(text, 0) + 1)  # past the ``{`` (a fenced block may start on a blank line)
    while pos < len(text) and text[pos] != "}":
        key_start = pos
        key, key_end = decoder.raw_decode(text, pos)  # the text was decoded whole by the split
        pos = _skip(text, _skip(text, key_end) + 1)  # past the ':'
        value_start = pos
        value, pos = decoder.raw_decode(text, pos)
        if key in data:
            where = _pos(text, key_start, pos, first_line)
            first = loaded.keys[(key,)].line
            raise yamlsafe.YamlProblem(
                where.line,
                where.col,
                f"duplicate key '{key}'",
                f"first defined on line {first}; keep one",
                "duplicate-key",
            )
        data[key] = value
        loaded.keys[(key,)] = _pos(text, key_start, key_end, first_line)
        loaded.values[(key,)] = _pos(text, value_start, pos, first_line)
        pos = _skip(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip(text, pos + 1)
    loaded.data = data
    return loaded


def load_meta(text: str, first_line: int = 1) -> yamlsafe.Loaded:
    """Load ``Key: value`` lines as MkDocs does: keys in lower case, indented lines continue a value."""
    loaded = yamlsafe.Loaded({})
    loaded.values[()] = yamlsafe.Pos(first_line, 1, 0, len(text))
    data: dict[str, Any] = {}
    key = ""
    offset = 0
    for raw in text.splitlines(keepends=True):
        row = raw.rstrip("\r\n")
        found = _META_KEY.match(row)
        if found:
            key = found.group(1).lower()
            if key in data:
                where = _pos(text, offset, offset + len(row), first_line)
                first = loaded.keys[(key,)].line
                raise yamlsafe.YamlProblem(
                    where.line,
                    where.col,
                    f"duplicate key '{key}'",
                    f"first defined on line {first}; keep one",
                    "duplicate-key",
                )
            data[key] = found.group(2).strip()
            loaded.keys[(key,)] = _pos(text, offset, offset + found.end(1), first_line)
            loaded.values[(key,)] = _pos(text, offset + found.start(2), offset + len(row), first_line)
        elif key:
            data[key] = (data[key] + " " + row.strip()).strip()
        offset += len(raw)
    loaded.data = data
    return loaded


_META_KEY = lazy(r"^([A-Za-z0-9_-]+):[ \t]*(.*)$")


def _skip(text: str, pos: int) -> int:
    """Return the offset of the next character that is not white space."""
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos
