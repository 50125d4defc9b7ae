"""Read a site generator's configuration file with the line of each part stagemap uses.

TOML, JSON or YAML by the file's ending. YAML is read with PyYAML's safe loader itself rather
than the front matter's stricter one: a theme's ``_config.yml`` uses anchors (``&name``) and
Ruby tags, which front matter refuses (an unknown tag is read as nothing). The lines are those
of the items of one key (Jekyll's ``defaults``, Hugo's ``cascade``), for ``report --explain``.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

Lines = dict[int, tuple[int, dict[str, int]]]
"""For each item of a key (-1: the key itself), its line and the lines of its values."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that reads a tag it does not know (a Ruby object's) as nothing."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


class Unreadable(Exception):
    """A configuration file that cannot be read: the line and what is wrong."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


MAX_VALUES = 100_000
"""The most values a configuration file may hold once its aliases are expanded."""


def load_with_lines(name: str, text: str, key: str) -> tuple[Any, Lines]:
    """Return the file's data and, for each item of its ``key`` (-1: the key itself), its line
    and the lines of its values. Raises `Unreadable` for a syntax error, and for aliases that
    refer to themselves or expand past `MAX_VALUES` values."""
    data, lines = _load(name, text, key)
    _bounded(data)
    return data, lines


def _bounded(data: Any) -> None:
    """Raise `Unreadable` when ``data`` holds itself, or more than `MAX_VALUES` values."""
    count, stack = 0, [(data, frozenset[int]())]
    while stack:
        value, above = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise Unreadable(1, f"more than {MAX_VALUES:,} values once its aliases are expanded")
        if isinstance(value, dict | list):
            if id(value) in above:
                raise Unreadable(1, "an alias holds itself")
            inner = value.values() if isinstance(value, dict) else value
            stack.extend((item, above | {id(value)}) for item in inner)


def _load(name: str, text: str, key: str) -> tuple[Any, Lines]:
    if name.endswith(".toml"):
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"\(at line (\d+)", str(exc))
            raise Unreadable(int(found.group(1)) if found else 1, f"TOML syntax error: {exc}") from None
        return data, _toml_lines(text, key)
    if name.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise Unreadable(exc.lineno, f"JSON syntax error: {exc.msg}") from None
        found = re.search(rf'"{key}"\s*:', text, re.I)
        return data, {-1: (text.count("\n", 0, found.start()) + 1 if found else 1, {})}
    return _yaml(text, key)


def _yaml(text: str, key: str) -> tuple[Any, Lines]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise Unreadable((mark.line + 1) if mark else 1, f"YAML syntax error: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise Unreadable(
            1, f"YAML error: {str(exc).splitlines()[0] if str(exc) else 'invalid YAML'}"
        ) from None
    finally:
        loader.dispose()
    lines: Lines = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value.lower() == key:
                lines[-1] = (k.start_mark.line + 1, {})
                items = v.value if isinstance(v, yaml.SequenceNode) else [v]
                for i, item in enumerate(items):
                    lines[i] = (item.start_mark.line + 1, _value_lines(item, key))
    return data, lines


def _value_lines(item: yaml.Node, key: str) -> dict[str, int]:
    """Return the line of each value an entry gives (Jekyll's are under ``values``)."""
    if not isinstance(item, yaml.MappingNode):
        return {}
    if key == "defaults":
        inner = next(
            (v for k, v in item.value if isinstance(k, yaml.ScalarNode) and k.value == "values"), None
        )
        if not isinstance(inner, yaml.MappingNode):
            return {}
        item = inner
    return {str(k.value): k.start_mark.line + 1 for k, _ in item.value if isinstance(k, yaml.ScalarNode)}


def _toml_lines(text: str, key: str) -> Lines:
    """Return the line of each entry of a TOML ``key``: its ``[[key]]`` headers, else ``[key]`` or ``key =``."""
    lines: Lines = {}
    headers = [m.start() for m in re.finditer(rf"(?im)^[ \t]*\[\[[ \t]*{key}[ \t]*\]\]", text)]
    if not headers:
        single = re.search(rf"(?im)^[ \t]*(?:\[[ \t]*{key}[ \t]*\]|{key}[ \t]*=)", text)
        headers = [single.start()] if single else []
    for i, start in enumerate(headers):
        lines[i] = (text.count("\n", 0, start) + 1, {})
    if headers:
        lines[-1] = lines[0]
    return lines


def site_config_data(path: Path) -> Any:
    """Return a configuration file's data (TOML, YAML, JSON), its text for code, None when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    if path.suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return None
    if path.suffix in (".yml", ".yaml"):
        try:
            return yaml.load(text, Loader=_TolerantLoader)
        except yaml.YAMLError:
            return None
    if path.suffix == ".json":  # Hugo's hugo.json (Eleventy's JSON files are its data, not its settings)
        try:
            return json.loads(text)
        except ValueError:
            return None
    return text


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' ``!!python/name:`` and ``!ENV`` tags as nothing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
