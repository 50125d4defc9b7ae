"""Jekyll's data files: what ``{{ site.data.x.y }}`` shows.

Jekyll reads every YAML and JSON file in the site's ``_data`` folder (``.yml``, ``.yaml``,
``.json``; ``.csv`` and ``.tsv`` too) into ``site.data``, under the file's name without its
ending, a subfolder's files under the subfolder's name: ``_data/notes/support.yml`` is
``site.data.notes.support``. A subfolder wins over a file of its name. The values kept are
those an output can show (text and numbers, in maps too); a list (every CSV and TSV file is
one) is left out, as no output shows it here, and a file holding one is not parsed.

Only the files and folders the pages' bodies name (``site.data.notes...``: `names_in`) are
read, so that a site keeping much data its layouts use costs nothing. They are read within
bounds (`MAX_DATA_FILE` a file, `MAX_DATA` in all, `MAX_DATA_FILES` files, `MAX_DATA_DEPTH`
folders deep), YAML as safely as the rest of `stagemap.read` reads it
(`stagemap.read.yamlsafe`). A file that cannot be read is a problem (code ``site-data``), and
gives nothing; so is a file past the bounds, once for all those past the bounds in all.

What a page's body names is kept with its asset (`stagemap.model.library.Asset.data_names`),
and so in the parse cache: an unchanged page is not read again to find it. `value_place` finds
where a file writes a value, to place a link in it that leads nowhere
(`stagemap.render.datalinks`).
"""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..lazyre import lazy
from ..paths import real
from . import yamlsafe
from .bounded import TooLarge, Unreadable, read_bounded
from .eleventydatafiles import eleventy_data_folders
from .hostredirects import host_files
from .racy import RACY_NS
from .sitedefaults import site_files
from .tsconfigpaths import path_aliases, target_folders

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


def site_inputs(
    generator: str, folder: str = "", root: Path | None = None, static_dirs: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """Return the files and folders, relative to the project (in ``root``: see `site_files`),
    whose files feed a ``generator`` site's pages though no source holds them: its
    configuration's, its data's (Eleventy's where the configuration in ``root`` puts it), on an Astro site the folders its import aliases name
    (`stagemap.read.tsconfigpaths`: an image anywhere in them may be shown), and with ``root``
    its host's redirects (`stagemap.read.hostredirects.host_files`; ``static_dirs``: the folders
    the generator copies as they are, where a ``_redirects`` file is)."""
    site = (root / folder if folder else root) if generator == "astro" and root is not None else None
    aliased = target_folders(path_aliases(site, root)) if site is not None and root is not None else ()
    hosts = host_files(root, folder, static_dirs, generator) if root is not None else ()
    eleventy = eleventy_data_folders(generator, root, folder) if root is not None else ()
    return site_files(generator, folder, root) + data_folders(generator, folder) + eleventy + aliased + hosts


_NAMED = lazy(r"\bsite\.data\.([\w-]+)")
"""An output's name of a data file or folder: ``site.data.notes`` in ``{{ site.data.notes.x }}``."""


def names_in(body: str, generator: str) -> tuple[str, ...]:
    """Return the names of the data files and folders a page's ``body`` names, sorted (``notes``
    for ``site.data.notes.support``): the only ones an output of it can show. On a Jekyll site
    (`data_folders`); elsewhere none."""
    if generator != "jekyll" or "site.data." not in body:
        return ()
    return tuple(sorted(set(_NAMED.findall(body))))


def read_data(
    root: Path, folder: str = "", named: Collection[str] | None = None
) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """Return the values of the data files of the Jekyll site in ``folder`` of the project at
    ``root`` (what ``site.data`` holds), and the problems reading them. ``named``: the names of
    the data files and folders read (`names_in`; None: all)."""
    if named is not None and not named:
        return {}, ()
    return _read_folder(root, (folder + "/" if folder else "") + DATA_DIR, named)


def value_place(
    root: Path, keys: Sequence[str], folder: str = ""
) -> tuple[str, str, yamlsafe.Pos | None] | None:
    """Return where the value ``site.data`` then ``keys`` names (``help``, ``support``) is written,
        found as `read_data` finds it (a subfolder over a file of its name): its data file's path in
        the project, the file's text and the value's place in it (None: not known, the file not
        read as YAML, as a JSON file may not be). None where no data file holds it. Each file is
    read and parsed once (`_PARSED`)."""
    rel, inside = (folder + "/" if folder else "") + DATA_DIR, real(root)
    for at, key in enumerate(keys[: MAX_DATA_DEPTH + 1]):
        here = real(root / rel)
        if key.startswith(".") or not here.is_relative_to(inside):
            return None
        if (here / key).is_dir():
            rel = f"{rel}/{key}"
            continue
        name = _file_named(here, key)
        path = real(here / name) if name else None
        if path is None or not path.is_relative_to(inside):
            return None
        if (parsed := _parsed(path)) is None:
            return None
        text, places = parsed
        return f"{rel}/{name}", text, places.get(tuple(keys[at + 1 :])) if places is not None else None
    return None


_PARSED: dict[tuple[str, int, int, int, int], tuple[str, dict[tuple[Any, ...], yamlsafe.Pos] | None]] = {}
"""Each data file `value_place` has read, by its path, size, times of change (its content's and
its inode's) and inode: its text and the places of its values (None: YAML does not read it).
Read and parsed once in a process, for all pages and values: a page showing 400 values of an
870 KB file parsed it 400 times. A file changed within `RACY_NS` is parsed but not kept: a
second write in the same tick of the clock may keep its size and times (``serve`` would show
the first)."""
KEPT_PARSED = 8
"""The most data files kept in `_PARSED` (the one kept longest goes first)."""


def _parsed(path: Path) -> tuple[str, dict[tuple[Any, ...], yamlsafe.Pos] | None] | None:
    """Return a data file's text and its values' places (`_PARSED`); None: it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    if key in _PARSED:
        return _PARSED[key]
    try:
        text = read_bounded(path, MAX_DATA_FILE).decode("utf-8-sig")
    except (TooLarge, Unreadable, UnicodeDecodeError):
        return None
    try:
        places: dict[tuple[Any, ...], yamlsafe.Pos] | None = yamlsafe.load(
            text, last_wins=True, aliases=True
        ).values
    except (yamlsafe.YamlProblem, RecursionError):
        places = None
    if stat.st_mtime_ns <= time.time_ns() - RACY_NS:
        while len(_PARSED) >= KEPT_PARSED:
            del _PARSED[next(iter(_PARSED))]
        _PARSED[key] = (text, places)
    return text, places


def _file_named(folder: Path, key: str) -> str:
    """Return the name of the data file in ``folder`` that ``site.data`` names ``key`` ("": none);
    of two (``notes.json``, ``notes.yml``), the one read last, whose values `_values_in` keeps."""
    try:
        names = [
            entry.name
            for entry in os.scandir(folder)
            if entry.name.rpartition(".")[0] == key
            and "." + entry.name.rpartition(".")[2].lower() in _ENDINGS
        ]
    except OSError:
        return ""
    return max(names, default="")


class _Budget:
    """What is left to read: files and bytes; and how many files were left unread past them."""

    def __init__(self, named: Collection[str] | None) -> None:
        self.files, self.bytes, self.left = MAX_DATA_FILES, MAX_DATA, 0
        self.named = named
        """The names read at the top of the folder (None: all)."""


def _read_folder(
    root: Path, rel: str, named: Collection[str] | None = None
) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """Return the values of the data files under ``rel`` (relative to ``root``) and the problems."""
    top = real(root / rel)
    if not top.is_dir() or not top.is_relative_to(real(root)):
        return {}, ()
    problems: list[Problem] = []
    budget = _Budget(named)
    values = _values_in(top, rel, real(root), 0, budget, problems)
    if budget.left:  # one problem for them all
        bounds = f"{MAX_DATA_FILES:,} files and {_mib(MAX_DATA)}"
        message = (
            f"{budget.left} of the site's data files not read: past stagemap's bounds of {bounds} in all"
        )
        problems.append(Problem(rel, 0, 1, "warning", message, _PLACEHOLDERS, "site-data"))
    return values, tuple(problems)


_PLACEHOLDERS = "the values they hold show as placeholders"


def _mib(size: int) -> str:
    return f"{size // 1024 // 1024} MiB" if size >= 1024 * 1024 else f"{size // 1024} KiB"


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
        is_folder = path.is_dir()
        if (
            depth == 0
            and budget.named is not None
            and (entry.name if is_folder else name) not in budget.named
        ):
            continue  # no page shows it
        if is_folder:
            folders.append((entry.name, path))
        elif name and "." + ending.lower() in _ENDINGS:
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
    """Return the values of one data file an output may show, or None (a problem, if it cannot be
    read; past the bounds in all, counted in ``budget``)."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # (`read_bounded` says why)
    if budget.files <= 0 or min(size, MAX_DATA_FILE + 1) > budget.bytes:
        budget.left += 1
        return None
    budget.files -= 1
    try:
        data = read_bounded(path, min(MAX_DATA_FILE, budget.bytes))
        budget.bytes -= len(data)
        text = data.decode("utf-8-sig")
        json_file = rel.lower().endswith(".json")
        if _a_list(text, json_file):
            return None  # (no output shows one: not parsed)
        value = json.loads(text) if json_file else yamlsafe.load(text, last_wins=True, aliases=True).data
    except TooLarge:  # stagemap's bound, not a fault of the file's
        message = f"the site's data file is larger than stagemap reads ({_mib(MAX_DATA_FILE)} a file)"
        problems.append(
            Problem(rel, 0, 1, "warning", message, "the values it holds show as placeholders", "site-data")
        )
        return None
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


def _a_list(text: str, json_file: bool) -> bool:
    """Whether a data file holds a list (its first line of data: ``- x``, ``[``), as a table of
    rows does."""
    if json_file:
        return text.lstrip().startswith("[")
    for line in io.StringIO(text):
        line = line.strip()
        if line and not line.startswith(("#", "---", "%")):
            return line.startswith(("- ", "[")) or line == "-"
    return False


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
