"""Jekyll's data files: what ``{{ site.data.x.y }}`` shows.

Jekyll reads every YAML and JSON file in the site's ``_data`` folder (``.yml``, ``.yaml``,
``.json``; ``.csv`` and ``.tsv`` too) into ``site.data``, under the file's name without its
ending, a subfolder's files under the subfolder's name: ``_data/notes/support.yml`` is
``site.data.notes.support``. A subfolder wins over a file of its name. The values kept are
those an output can show (text and numbers, in maps too); a list (every CSV and TSV file is
one) is left out, as no output shows it here.

The folder is read within bounds (`MAX_DATA_FILE` a file, `MAX_DATA` in all, `MAX_DATA_FILES`
files, `MAX_DATA_DEPTH` folders deep), YAML as safely as the rest of `stagemap.read` reads it
(`stagemap.read.yamlsafe`). A file that cannot be read is a problem, and gives nothing.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..paths import real
from . import yamlsafe
from .bounded import Unreadable, read_bounded
from .sitedefaults import SiteDefaults, site_files

DATA_DIR = "_data"
"""Jekyll's data folder, in the site's folder."""
DATA_KEY = "data"
"""The key of the site's params the data is under (``site.data``)."""
_ENDINGS = (".yml", ".yaml", ".json")
"""The files whose values an output may show (a CSV or TSV file is a list of rows)."""
MAX_DATA_FILE = 1024 * 1024
"""A data file larger than this is not read (a problem says so)."""
MAX_DATA = 8 * 1024 * 1024
"""The most bytes of data files read in all; the files past it are not read."""
MAX_DATA_FILES = 1_000
"""The most data files read."""
MAX_DATA_DEPTH = 4
"""How many folders deep in ``_data`` files are read (and maps in a file kept)."""


def data_folders(generator: str, folder: str = "") -> tuple[str, ...]:
    """Return the folders, relative to the project, whose files feed a ``generator`` site's pages
    beside its configuration files (`stagemap.read.sitedefaults.site_files`): Jekyll's ``_data``."""
    return ((folder + "/" if folder else "") + DATA_DIR,) if generator == "jekyll" else ()


def site_inputs(generator: str, folder: str = "") -> tuple[str, ...]:
    """Return the files and folders, relative to the project, whose files feed a ``generator``
    site's pages though no source holds them: its configuration's, its data's."""
    return site_files(generator, folder) + data_folders(generator, folder)


def with_site_data(
    site: SiteDefaults | Problem | None, root: Path, folder: str = ""
) -> tuple[SiteDefaults | Problem | None, tuple[Problem, ...]]:
    """Return ``site`` (a Jekyll site's configuration in ``folder`` of the project at ``root``)
    with its data files' values in its params under ``data``, and the problems reading them."""
    data, problems = _read_folder(root, (folder + "/" if folder else "") + DATA_DIR)
    if not data or isinstance(site, Problem):
        return site, problems
    if site is None:
        site = SiteDefaults("jekyll", "_config.yml", (), root=folder)
    return replace(site, params={**site.params, DATA_KEY: data}), problems


class _Budget:
    """What is left to read: files and bytes."""

    def __init__(self) -> None:
        self.files, self.bytes = MAX_DATA_FILES, MAX_DATA


def _read_folder(root: Path, rel: str) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """Return the values of the data files under ``rel`` (relative to ``root``) and the problems."""
    top = real(root / rel)
    if not top.is_dir() or not top.is_relative_to(real(root)):
        return {}, ()
    problems: list[Problem] = []
    return _values_in(top, rel, real(root), 0, _Budget(), problems), tuple(problems)


def _values_in(
    folder: Path, rel: str, inside: Path, depth: int, budget: _Budget, problems: list[Problem]
) -> dict[str, Any]:
    """Return the values of one folder's data files and subfolders (a subfolder over a file)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return {}
    found: dict[str, Any] = {}
    folders: list[tuple[str, Path]] = []
    for entry in entries:
        path = real(Path(entry.path))
        if entry.name.startswith(".") or not path.is_relative_to(inside):
            continue  # (a link out of the project is not read)
        name, _, ending = entry.name.rpartition(".")
        if path.is_dir():
            folders.append((entry.name, path))
        elif name and "." + ending.lower() in _ENDINGS and budget.files > 0 and budget.bytes > 0:
            budget.files -= 1
            value = _file_values(path, f"{rel}/{entry.name}", budget, problems)
            if value is not None:
                found[name] = value
    for name, path in folders:
        if depth < MAX_DATA_DEPTH and (
            inner := _values_in(path, f"{rel}/{name}", inside, depth + 1, budget, problems)
        ):
            found[name] = inner
    return found


def _file_values(path: Path, rel: str, budget: _Budget, problems: list[Problem]) -> Any:
    """Return the values of one data file an output may show, or None (a problem, if it cannot be read)."""
    try:
        data = read_bounded(path, min(MAX_DATA_FILE, budget.bytes))
        budget.bytes -= len(data)
        text = data.decode("utf-8-sig")
        if rel.lower().endswith(".json"):
            value = json.loads(text)
        else:
            value = yamlsafe.load(text, last_wins=True, aliases=True).data
    except Unreadable as exc:
        return _unread(problems, rel, 0, exc.reason)
    except UnicodeDecodeError:
        return _unread(problems, rel, 0, "not UTF-8 text")
    except json.JSONDecodeError as exc:
        return _unread(problems, rel, exc.lineno, f"JSON syntax error: {exc.msg}")
    except yamlsafe.YamlProblem as exc:
        return _unread(problems, rel, exc.line, exc.message)
    except RecursionError:
        return _unread(problems, rel, 0, "nested too deep")
    return _shown(value, 0)


def _shown(value: Any, depth: int) -> Any:
    """Return what of ``value`` an output may show: text, a number, a map of such (not too deep)."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, dict) and depth < MAX_DATA_DEPTH:
        kept = {str(k): _shown(v, depth + 1) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v is not None} or None
    return None


def _unread(problems: list[Problem], rel: str, line: int, reason: str) -> None:
    problems.append(
        Problem(
            rel,
            line,
            1,
            "warning",
            f"cannot read the site's data file: {reason}",
            "fix the file: until then the values it holds show as placeholders",
            "site-data",
        )
    )
