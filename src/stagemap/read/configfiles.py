"""Read a site generator's configuration file with the line of each part stagemap uses.

TOML, JSON or YAML by the file's ending. YAML is read with PyYAML's safe loader itself rather
than the front matter's stricter one: a theme's ``_config.yml`` uses anchors (``&name``) and
Ruby tags, which front matter refuses (an unknown tag is read as nothing). The lines are those
of the items of one key (Jekyll's ``defaults``, Hugo's ``cascade``), for ``report --explain``.
And Hugo's configuration folder (``config/_default/``), its files merged as Hugo merges them.
Zensical's ``zensical.toml`` holds MkDocs' settings under a ``[project]`` table: they are read
as the settings of ``mkdocs.yml`` are (`stagemap.read.mkdocsettings.project_settings`).
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from .mkdocsettings import project_settings

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
    """Return the file's data (`project_settings`) and, for each item of its ``key`` (-1: the key
    itself), its line and the lines of its values. Raises `Unreadable` for a syntax error, and for
    aliases that refer to themselves or expand past `MAX_VALUES` values."""
    data, lines = _load(name, text, key)
    _bounded(data)
    return project_settings(name, data), lines


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
        if "simple key" in (exc.context or "") and exc.context_mark is not None:
            mark = exc.context_mark  # a key without its ':' is noticed where the next key starts
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
            return project_settings(path.name, tomllib.loads(text))
        except tomllib.TOMLDecodeError:
            return None
    if path.suffix in (".yml", ".yaml"):
        try:
            data = yaml.load(text, Loader=_TolerantLoader)
        except yaml.YAMLError:
            return None
        return _inherited(path, data, (path.resolve(),))
    if path.suffix == ".json":  # Hugo's hugo.json (Eleventy's JSON files are its data, not its settings)
        try:
            return json.loads(text)
        except ValueError:
            return None
    return text


def _inherited(path: Path, data: Any, seen: tuple[Path, ...]) -> Any:
    """Return MkDocs settings with the file their ``INHERIT`` names under them, as MkDocs reads
    them: that file's settings (from this file's folder, its own ``INHERIT`` too, each file once)
    deep-merged with these, which win (FastAPI's other languages: ``INHERIT: ../en/mkdocs.yml``)."""
    parent = data.get("INHERIT") if isinstance(data, dict) else None
    if not isinstance(parent, str) or not parent.strip() or len(seen) > 8:
        return data
    at = (path.parent / parent.strip()).resolve()
    if at in seen or at.suffix not in (".yml", ".yaml"):
        return data
    try:
        base = _inherited(
            at, yaml.load(at.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader), (*seen, at)
        )
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return data
    return merged(base, {k: v for k, v in data.items() if k != "INHERIT"}) if isinstance(base, dict) else data


def merged(under: Any, over: Any) -> Any:
    """Return ``over`` merged into ``under``: mappings key by key, anything else replaced."""
    if not (isinstance(under, dict) and isinstance(over, dict)):
        return over
    made = dict(under)
    for key, value in over.items():
        made[key] = merged(made[key], value) if key in made else value
    return made


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' ``!!python/name:`` and ``!ENV`` tags as nothing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


_HUGO_KEYS = {
    key.lower(): key
    for key in (
        "autoHeadingIDType", "baseURL", "contentDir", "defaultContentLanguage",
        "defaultContentLanguageInSubdir", "disablePathToLower", "excludeFiles", "goldmark",
        "languageCode", "languages", "markup", "module", "mounts", "parser", "permalinks",
        "title", "uglyURLs",
    )
}  # fmt: skip
"""The keys of Hugo's configuration this code reads, as it names them."""
_HUGO_OWN_KEYS = frozenset({"params", "cascade", "permalinks", "taxonomies", "menus", "menu"})
"""Keys whose values are the site's own names (a param, a section), left as written."""


def hugo_keys(value: Any) -> Any:
    """Return Hugo's configuration with its keys named as this code reads them: Hugo reads them
    in any case (rclone's ``baseurl``, ``contentdir``); the site's own names are left alone."""
    if isinstance(value, list):
        return [hugo_keys(v) for v in value]
    if not isinstance(value, dict):
        return value
    made: dict[Any, Any] = {}
    for key, below in value.items():
        name = _HUGO_KEYS.get(key.lower(), key) if isinstance(key, str) else key
        made[name] = below if str(name).lower() in _HUGO_OWN_KEYS else hugo_keys(below)
    return made


HUGO_NAMES = tuple(f"{n}.{e}" for n in ("hugo", "config") for e in ("toml", "yaml", "yml", "json"))
HUGO_DIR = "config/_default/"
"""Hugo's configuration folder: its ``hugo.toml`` holds the root keys, ``permalinks.toml`` one key."""
HUGO_PRODUCTION = "config/production/"
"""The folder of the settings of Hugo's production builds, laid out as `HUGO_DIR` is: ``hugo``
builds for the production environment and merges its files over those of ``config/_default/``
(``baseURL``, ``buildDrafts = false``, ``params``); ``hugo server`` reads ``config/development/``."""


def hugo_folder_settings(root: Path, bare: bool = False) -> tuple[str, dict[str, Any]] | None:
    """Return the main file of Hugo's configuration folder (``config/_default/hugo.toml``) and the
    settings the folder's files hold, merged as Hugo merges them: the main file's root keys, a
    file per key (``params.toml``), a file per language (``languages.en.toml``), in the order of
    their names, a later one's values over an earlier one's (Hugo 0.111.3: ``languages.toml``
    over ``languages.en.toml`` and ``hugo.toml``); then the production settings'
    (`HUGO_PRODUCTION`) over them, read alike. None when the site has no such folder with a main
    file; a file that cannot be read is left out. ``bare``: a folder with no main file counts
    too (``config/_default/`` then, and its other files' settings; the production folder alone
    too): beside a main file at the site's root, Hugo reads the folders' files whatever they are."""
    folder = root / HUGO_DIR
    main = next((n for n in HUGO_NAMES if (folder / n).is_file()), None)
    files = _config_files(folder) if main is not None or (bare and folder.is_dir()) else None
    production = root / HUGO_PRODUCTION
    over = _config_files(production) if files is not None or (bare and production.is_dir()) else None
    if files is None and over is None:
        return None
    data = _folder_data(folder, main, files or [])
    if over:  # (each's keys named alike first: ``baseurl`` there is ``baseURL`` here, as Hugo reads keys)
        own = _folder_data(production, next((n for n in HUGO_NAMES if n in over), None), over)
        data = merged(hugo_keys(data), hugo_keys(own))
    return HUGO_DIR + (main or ""), data


def _folder_data(folder: Path, main: str | None, files: list[str]) -> dict[str, Any]:
    """Return the settings the ``files`` of one of Hugo's configuration folders hold (``main``:
    the one of them holding root keys), merged (see `hugo_folder_settings`)."""
    data: dict[str, Any] = {}
    for path in sorted([*([main] if main else []), *(n for n in files if n != main and n not in HUGO_NAMES)]):
        name = path.rpartition("/")[2]  # a file in a subfolder is keyed by its name alone, as Hugo does
        parts = name.split(".")
        if parts[-1] not in ("toml", "yaml", "yml", "json") or len(parts) not in (2, 3):
            continue
        try:
            loaded = load_with_lines(name, (folder / path).read_text(encoding="utf-8-sig"), "")[0]
        except (OSError, UnicodeDecodeError, Unreadable):
            continue
        if name == main and isinstance(loaded, dict):
            data = merged(data, loaded)
        elif len(parts) == 2:
            given = data.get(parts[0])
            data[parts[0]] = (
                merged(given, loaded) if isinstance(loaded, dict) and isinstance(given, dict) else loaded
            )
        elif parts[0] == "languages" and isinstance(loaded, dict):
            if not isinstance(data.get("languages"), dict):
                data["languages"] = {}
            given = data["languages"].get(parts[1])
            data["languages"][parts[1]] = merged(given, loaded) if isinstance(given, dict) else loaded
    return data


def keyed_files(names: Sequence[str], read: Callable[[str], Any]) -> list[tuple[str, Any, str]]:
    """Return the files of Hugo's configuration folders among ``names`` that ``read`` finds (not
    None), each with what it read and the one key it holds (``params.toml``), none for a main
    file (``hugo.toml``)."""
    keys = ((n, n.rpartition("/")[2].partition(".")[0]) for n in names)
    return [
        (n, d, "" if k in ("hugo", "config") else k) for n, k in keys for d in (read(n),) if d is not None
    ]


def hugo_settings(root: Path, name: str) -> Any:
    """Return the settings of the Hugo site in ``root`` whose main file is ``name`` (relative to
    ``root``), their keys named as this code reads them (`hugo_keys`): a main file at the root
    with the configuration folder's settings (`hugo_folder_settings`) over it, as Hugo 0.111.3
    reads both (the folder's win, maps merged key by key: its ``languages.toml`` too); a main
    file in the folder, the folder's alone (None: it cannot be read)."""
    folder = hugo_folder_settings(root, bare=not name.startswith(HUGO_DIR))
    if name.startswith(HUGO_DIR):
        return hugo_keys(folder[1]) if folder is not None else None
    data = hugo_keys(site_config_data(root / name))
    return merged(data, hugo_keys(folder[1])) if folder is not None and isinstance(data, dict) else data


HUGO_LANGUAGES = tuple(f"languages.{e}" for e in ("toml", "yaml", "yml", "json"))
"""Files of Hugo's configuration folder holding its ``languages`` (``languages.en.toml``: one's own)."""


def language_files(folder: Path | None = None) -> tuple[str, ...]:
    """Return the names of the files of Hugo's configuration folder that hold its languages:
    `HUGO_LANGUAGES`, then, where the ``folder`` is given, each one there that holds one
    language's own settings (``languages.en.toml``), sorted."""
    try:
        names = os.listdir(folder) if folder is not None else []
    except OSError:
        names = []
    endings = tuple(n.partition(".")[2] for n in HUGO_LANGUAGES)
    own = (n for n in names if n.count(".") == 2 and n.startswith("languages.") and n.endswith(endings))
    return (*HUGO_LANGUAGES, *sorted(own))


def folder_language(name: str, data: Any, read: Callable[[str], Any], folder: str) -> dict[Any, Any]:
    """Return what the files of Hugo's configuration ``folder`` (``config/_default/``, each read
    with ``read``) say of the default language that the main file ``name`` (its bytes ``data``)
    names: its entry in `HUGO_LANGUAGES` and its own file's (``languages.en.toml``), merged in
    the order of their names as `hugo_folder_settings` merges them; {} where none does. A file
    that cannot be read is left out."""
    named = isinstance(data, bytes) and b"defaultcontentlanguage" in data.lower()
    default = str(_lowered(_settings(name, data)).get("defaultcontentlanguage") or "en") if named else "en"
    found: dict[Any, Any] = {}
    own = (f"languages.{default}.{e}" for e in ("toml", "yaml", "yml", "json"))
    for file in sorted((*HUGO_LANGUAGES, *own)):
        given = _settings(file, read(folder + file))
        entry = given if file.count(".") == 2 else _lowered(given).get(default.lower())
        found = merged(found, entry) if isinstance(entry, dict) else found
    return found


def _settings(name: str, data: Any) -> dict[Any, Any]:
    """Return the settings a configuration file's bytes hold, {} where they cannot be read."""
    try:
        loaded = load_with_lines(name, data.decode("utf-8-sig"), "")[0] if isinstance(data, bytes) else None
    except (UnicodeDecodeError, Unreadable):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _lowered(value: dict[Any, Any]) -> dict[Any, Any]:
    """Return a mapping with its keys in lower case (Hugo reads its keys in any case)."""
    return {str(k).lower(): v for k, v in value.items()}


_MOST_CONFIG_FILES = 200
"""The most files of Hugo's configuration folder read (Falco's site has a dozen, some in subfolders)."""


def _config_files(folder: Path) -> list[str] | None:
    """Return the files of Hugo's configuration folder and its subfolders (``module/module.yaml``),
    by path in it, sorted; None when the folder cannot be listed. Links are not followed."""
    found: list[str] = []
    try:
        for top, dirs, files in os.walk(folder):
            dirs.sort()
            below = os.path.relpath(top, folder).replace(os.sep, "/")
            found += (name if below == "." else f"{below}/{name}" for name in files)
            if len(found) > _MOST_CONFIG_FILES:
                dirs.clear()  # (the walk ends here, its listing closed)
    except OSError:
        return None
    return sorted(found)[:_MOST_CONFIG_FILES]
