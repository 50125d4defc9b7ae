"""Front matter a site generator's own configuration gives its pages: Jekyll's ``defaults`` and
the ``cascade`` of Hugo's configuration file.

Jekyll's ``_config.yml`` may say ``defaults: [{scope: {path: _posts, type: posts}, values:
{permalink: /news/:title/}}]``: every page its scope names gets those values unless it sets
them itself. A scope's ``path`` is a folder or file relative to the site (``""`` or none: all;
a ``*`` makes it a glob), its ``type`` the kind of page (``pages``, ``posts``, ``drafts`` or a
collection's name). Where several sets name a page, the one with the longer ``path`` wins,
then one with a ``type``, then the later one, as Jekyll merges them. Hugo's configuration file
(``hugo.toml`` and the other names init knows) may hold a ``cascade`` as a section's
``_index.md`` does: it reaches every page, after every section's own (see
`stagemap.read.cascade`).

The file is read from the project's folder (where ``stagemap.yml`` is, the site's root when
``stagemap init`` wrote it). What a page inherits is explained by the file and the line of the
value (``_config.yml:12 (defaults)``).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import Problem

SITE_FILES: dict[str, tuple[str, ...]] = {
    "jekyll": ("_config.yml", "_config.yaml", "_config.toml"),
    "hugo": (
        "hugo.toml",
        "hugo.yaml",
        "hugo.yml",
        "hugo.json",
        "config.toml",
        "config.yaml",
        "config.yml",
        "config.json",
    ),
}
"""Per generator, its configuration files at the site's root, first found wins (as it reads them)."""
_KEY = {"jekyll": "defaults", "hugo": "cascade"}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that reads a tag it does not know (a Ruby object's) as nothing."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
MAX_SITE_FILE = 4 * 1024 * 1024
"""A configuration file larger than this is not read (a problem says so)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One set of values: a Jekyll ``defaults`` item, or a Hugo ``cascade`` entry."""

    values: dict[str, Any]
    """The values it gives (for Hugo, with its ``target``)."""
    line: int
    """The line of the entry in the file."""
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each of its values, where known (else the entry's)."""
    path: str | None = None
    """Jekyll: its scope's ``path`` (without a leading or trailing ``/``); None: every page."""
    type: str | None = None
    """Jekyll: its scope's ``type`` (``pages``, ``posts``, a collection); None: every type."""


@dataclass(frozen=True, slots=True)
class Permalink:
    """One of Hugo's ``permalinks``: a URL pattern in Hugo's tokens (``/:year/:slug/``) for some pages."""

    pattern: str
    section: str | None = None
    """The top-level section (``posts``) whose pages it is for (the map form); None: by ``target``."""
    kind: str = "page"
    """Hugo's kind of page it is for: ``page``, or ``section`` for a section's ``_index`` page."""
    target: dict[str, Any] | None = None
    """The list form's page matcher (``path``, ``kind``...); None: every page."""


@dataclass(frozen=True, slots=True)
class SiteDefaults:
    """What a site's configuration file gives its pages."""

    generator: str
    name: str
    """The file, relative to the project's folder (``_config.yml``)."""
    entries: tuple[Entry, ...]
    collections_dir: str = ""
    """Jekyll's ``collections_dir``: where ``_posts`` and the collections' folders are."""
    collections: frozenset[str] = frozenset()
    """Jekyll's collections by name (``posts`` always)."""
    label: str = "defaults"
    """How an inherited value's origin is named: ``defaults`` (Jekyll) or ``cascade`` (Hugo)."""
    permalinks: tuple[Permalink, ...] = ()
    """Hugo's ``permalinks``: the first that names a page gives its route."""

    def jekyll_given(self, rel: str) -> dict[str, tuple[Any, int]]:
        """Return the values Jekyll's defaults give the file at ``rel`` (relative to the site), each with its line."""
        kind, doc = self._kind(rel)
        merged: dict[str, tuple[Any, int]] = {}
        winner: Entry | None = None
        for entry in self.entries:
            if not self._applies(entry, rel, doc, kind):
                continue
            wins = winner is None or _precedes(entry, winner)
            for key, value in entry.values.items():
                line = entry.lines.get(key, entry.line)
                if key not in merged:
                    merged[key] = (value, line)
                elif wins:
                    merged[key] = (_deep_merge(merged[key][0], value), line)
                else:
                    merged[key] = (_deep_merge(value, merged[key][0]), merged[key][1])
            if wins:
                winner = entry
        return merged

    def _kind(self, rel: str) -> tuple[tuple[str, ...], str]:
        """Return the Jekyll types of the file at ``rel`` and its path as its defaults match it."""
        base = self.collections_dir
        inner = rel[len(base) + 1 :] if base and rel.startswith(base + "/") else rel if not base else None
        if inner is not None:
            folders = inner.split("/")[:-1]
            if "_posts" in folders:
                return ("posts",), inner
            if "_drafts" in folders:
                return ("drafts", "posts"), inner
            if folders and folders[0].startswith("_") and folders[0][1:] in self.collections:
                return (folders[0][1:],), inner
        return ("pages",), rel

    def _applies(self, entry: Entry, rel: str, doc: str, kind: tuple[str, ...]) -> bool:
        if entry.type is not None and entry.type not in kind:
            return False
        scope = entry.path
        if not scope:
            return True
        base = self.collections_dir
        if "*" in scope:
            pattern = _glob(scope)
            return any(pattern.fullmatch(p) for p in (*_ancestors(rel), *_ancestors(doc)))
        if base and scope.startswith(base + "/"):
            scope = scope[len(base) + 1 :]
        return any(p == scope for p in (*_ancestors(doc), *_ancestors(rel)))


def site_defaults(
    generator: str, read: Callable[[str], bytes | Problem | None]
) -> SiteDefaults | Problem | None:
    """Return what the configuration file of a ``generator`` site gives its pages, read with
    ``read`` (a name -> its bytes, None when there is no such file); a problem when the file
    cannot be read; None when it gives nothing."""
    for name in SITE_FILES.get(generator, ()):
        data = read(name)
        if data is None:
            continue
        if isinstance(data, Problem):
            return data
        lower = data.lower()
        if _KEY[generator].encode() not in lower and not (generator == "hugo" and b"permalinks" in lower):
            return None
        if len(data) > MAX_SITE_FILE:
            return _problem(name, 0, f"larger than {MAX_SITE_FILE // 1024 // 1024} MiB")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return _problem(name, 0, "not UTF-8 text")
        try:
            found = _entries(generator, name, text)
        except _Unreadable as exc:
            return _problem(name, exc.line, exc.reason)
        return found
    return None


def _entries(generator: str, name: str, text: str) -> SiteDefaults | None:
    data, lines = _load(name, text, _KEY[generator])
    if not isinstance(data, dict):
        return None
    key = next((k for k in data if isinstance(k, str) and k.lower() == _KEY[generator]), None)
    value = data.get(key) if key is not None else None
    items = value if isinstance(value, list) else [value]
    entries: list[Entry] = []
    for i, item in enumerate(items):
        at = lines.get(i, (lines.get(-1, (1, {}))[0], {}))
        if generator == "hugo":
            if isinstance(item, dict) and item:
                entries.append(Entry({str(k): v for k, v in item.items()}, at[0], at[1]))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("values"), dict):
            continue  # Jekyll warns and leaves such a set out
        given = item.get("scope")
        scope: dict[Any, Any] = given if isinstance(given, dict) else {}
        path = scope.get("path")
        kind = scope.get("type")
        kind = (
            {"page": "pages", "post": "posts", "draft": "drafts"}.get(kind, kind)
            if isinstance(kind, str)
            else None
        )
        values = {str(k): v for k, v in item["values"].items()}
        entries.append(Entry(values, at[0], at[1], str(path).strip("/") if path is not None else None, kind))
    if generator == "hugo":
        links = _permalinks(next((v for k, v in data.items() if str(k).lower() == "permalinks"), None))
        return (
            SiteDefaults(generator, name, tuple(entries), label="cascade", permalinks=links)
            if entries or links
            else None
        )
    if not entries:
        return None
    collections = data.get("collections")
    named = set(collections) if isinstance(collections, dict | list) else set()
    base = data.get("collections_dir")
    return SiteDefaults(
        generator,
        name,
        tuple(entries),
        str(base).strip("/") if isinstance(base, str) else "",
        frozenset(str(n) for n in named) | {"posts"},
    )


def _permalinks(value: Any) -> tuple[Permalink, ...]:
    """Return Hugo's ``permalinks`` setting: a map of sections (``posts: /:year/:slug/``), a map of
    kinds of such maps (``page: {posts: ...}``), or a list of ``pattern``s with a ``target``."""
    found: list[Permalink] = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and isinstance(item.get("pattern"), str):
                target = item.get("target")
                found.append(
                    Permalink(item["pattern"], None, "", target if isinstance(target, dict) else None)
                )
    elif isinstance(value, dict):
        for key, given in value.items():
            if isinstance(given, str):
                found.append(Permalink(given, str(key).strip("/")))
            elif str(key).lower() in ("page", "section") and isinstance(given, dict):
                kind = str(key).lower()
                found += (
                    Permalink(p, str(k).strip("/"), kind) for k, p in given.items() if isinstance(p, str)
                )
    return tuple(found)


class _Unreadable(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


def _load(name: str, text: str, key: str) -> tuple[Any, dict[int, tuple[int, dict[str, int]]]]:
    """Return the file's data and, for each item of its ``key`` (-1: the key itself), its line
    and the lines of its values."""
    if name.endswith(".toml"):
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"\(at line (\d+)", str(exc))
            raise _Unreadable(int(found.group(1)) if found else 1, f"TOML syntax error: {exc}") from None
        return data, _toml_lines(text, key)
    if name.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _Unreadable(exc.lineno, f"JSON syntax error: {exc.msg}") from None
        found = re.search(rf'"{key}"\s*:', text, re.I)
        return data, {-1: (text.count("\n", 0, found.start()) + 1 if found else 1, {})}
    return _yaml(text, key)


def _yaml(text: str, key: str) -> tuple[Any, dict[int, tuple[int, dict[str, int]]]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise _Unreadable(
            (mark.line + 1) if mark else 1, f"YAML syntax error: {exc.problem or exc}"
        ) from None
    except yaml.YAMLError as exc:
        raise _Unreadable(
            1, f"YAML error: {str(exc).splitlines()[0] if str(exc) else 'invalid YAML'}"
        ) from None
    finally:
        loader.dispose()
    lines: dict[int, tuple[int, dict[str, int]]] = {}
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


def _toml_lines(text: str, key: str) -> dict[int, tuple[int, dict[str, int]]]:
    """Return the line of each entry of a TOML ``key``: its ``[[key]]`` headers, else ``[key]`` or ``key =``."""
    lines: dict[int, tuple[int, dict[str, int]]] = {}
    headers = [m.start() for m in re.finditer(rf"(?im)^[ \t]*\[\[[ \t]*{key}[ \t]*\]\]", text)]
    if not headers:
        single = re.search(rf"(?im)^[ \t]*(?:\[[ \t]*{key}[ \t]*\]|{key}[ \t]*=)", text)
        headers = [single.start()] if single else []
    for i, start in enumerate(headers):
        lines[i] = (text.count("\n", 0, start) + 1, {})
    if headers:
        lines[-1] = lines[0]
    return lines


def _problem(name: str, line: int, reason: str) -> Problem:
    return Problem(
        name, line, 1, "warning", f"cannot read the site's configuration: {reason}",
        "fix the file: until then what it gives the pages (Jekyll's defaults, Hugo's cascade) is not applied",
        "site-config",
    )  # fmt: skip


def _precedes(new: Entry, old: Entry) -> bool:
    """Whether Jekyll lets the set ``new`` win over ``old``: a longer path, else one with a type, else the later."""
    new_path, old_path = new.path or "", old.path or ""
    if len(new_path) != len(old_path):
        return len(new_path) > len(old_path)
    return new.type is not None or old.type is None


def _deep_merge(under: Any, over: Any) -> Any:
    """Return ``over`` merged into ``under``: mappings key by key, anything else replaced."""
    if isinstance(under, dict) and isinstance(over, dict):
        merged = dict(under)
        for key, value in over.items():
            merged[key] = _deep_merge(merged[key], value) if key in merged else value
        return merged
    return over


def _ancestors(path: str) -> list[str]:
    """Return ``a/b/c.md``, ``a/b`` and ``a``."""
    parts = path.split("/")
    return ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]


def _glob(pattern: str) -> re.Pattern[str]:
    """Return a Jekyll scope glob as a pattern: ``*`` within a part, ``**`` across parts."""
    out = re.escape(pattern.strip("/")).replace(r"\*\*", ".*").replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
    return re.compile(out)
