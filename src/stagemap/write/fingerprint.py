"""A rebuild with nothing changed: recognised from file sizes and times alone, before anything is read.

After a build, the command records two hashes next to the page record (in ``.stagemap-cache/``):

- the *inputs*: stagemap's code (its version and its files, see `code_stamp`), the as-of day, the output folder, the Markdown renderer
  chosen by the environment, the settings as read (journey model included), and the path,
  size and modification time of every file under the built-in and project templates, the
  content folder, every source and the signals folder (names starting with ``.`` in those
  excepted, as the readers skip them), and of the site's configuration files (what Jekyll's
  defaults and Hugo's cascade give pages) and Jekyll's data files (``_data/``), with what the
  project's git ``HEAD`` names;
- the *files shown*: each other file the pages show (an MDX partial, a Hugo include,
  `stagemap.render.partials.files_shown`), which may lie outside every folder above, by the
  hash of its bytes (read again by the next build; one modified since the build started
  vouches for nothing);
- the *outputs*: the bytes of the output folder's manifest, the size, modification time
  and mode of every file it lists, and the names in every folder holding one (a file a
  killed build left there is cleared by an ordinary build).

The next build works out both again (one ``stat`` per file, no parsing) and, when they are
the ones recorded, reports the recorded result without reading the library or touching the
folder. Anything else, or any doubt, means an ordinary build:

- a file modified within `RACY_NS` of the check (another write in the same tick of the
  clock would keep its size and time), a link to a folder in a walked folder, a folder that
  cannot be listed, or the output or cache folder inside a walked folder: no record is kept;
- a damaged, foreign or missing record is a miss.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._stamp import code_stamp
from ..errors import OutputError, Problem
from ..model.settings import SIGNALS_DIR, Config
from ..paths import BUILTIN
from ..read.attachments import alias_folders
from ..read.eleventydatafiles import eleventy_data_folders
from ..read.hostredirects import host_files
from ..read.owned import read_owned
from ..read.racy import RACY_NS
from ..read.sitedata import data_folders
from ..read.sitedefaults import site_files
from ..render.hugolookup import all_folders
from .atomic import write_owned
from .cache import UNCHANGED_RECORD, cache_dir, record_path
from .digests import digest, stable
from .targets import MANIFEST, plain_relative

FORMAT = "stagemap unchanged 2"
MARKDOWN_ENV = "STAGEMAP_MARKDOWN"
"""The environment variable that picks the Markdown renderer (its choice is part of the inputs)."""


@dataclass(frozen=True, slots=True)
class Unchanged:
    """What the last build into a folder reported, to report again when nothing changed since."""

    pages: int
    """HTML pages in the site."""
    files: int
    """Files in the site, pages included."""
    problems: tuple[Problem, ...]
    """The library's problems, as that build found them."""


def inputs_key(
    config: Config, out_dir: Path, as_of: dt.date, env: Mapping[str, str] = os.environ
) -> str | None:
    """Return the hash of everything a build reads (see the module docstring), or None when in doubt."""
    avoid = {os.path.realpath(out_dir)}
    if config.cache_dir is not None:
        avoid.add(os.path.realpath(config.cache_dir))
    parts: list[Any] = [
        code_stamp(),
        as_of.isoformat(),
        os.fspath(out_dir.resolve()),
        env.get(MARKDOWN_ENV, ""),
    ]
    parts += [stable(config), _stat(config.config_path) if config.config_path else None]
    content = [
        config.content_dir,
        *(source.path for source in config.all_sources),
        config.root / SIGNALS_DIR,
        *(config.root / folder for folder in config.rules.static_dirs),  # site-root images
    ]
    folders = [(BUILTIN, False), (config.templates_dir, False), *((path, True) for path in content)]
    if config.rules.generator == "hugo":  # the site's own shortcodes' templates (`render.ownshortcodes`)
        folders += [(config.root / f, True) for f in all_folders(config.root, config.rules.site_root)]
    # An Astro site's images an alias names, wherever they are (`stagemap.read.attachments`).
    folders += [(folder, True) for folder in alias_folders(config)]
    # Jekyll's _data: what ``{{ site.data.x }}`` shows (`stagemap.read.sitedata`).
    folders += [(config.root / f, True) for f in data_folders(config.rules.generator, config.rules.site_root)]
    # Eleventy's data folder, wherever dir.data puts it: the pages a pagination makes of its files.
    eleventy = eleventy_data_folders(config.rules.generator, config.root, config.rules.site_root)
    folders += [(config.root / f, True) for f in eleventy]
    seen: set[str] = set()
    since = time.time_ns() - RACY_NS
    for folder, hide_dots in folders:
        real = os.path.realpath(folder)
        if real in seen:
            continue
        seen.add(real)
        listing = _listing(real, avoid, hide_dots, since)
        if listing is None:
            return None
        parts += [real, listing]
    # The site's configuration file(s): what they give the pages (Jekyll's defaults, Hugo's cascade).
    rules = config.rules
    hosts = host_files(config.root, rules.site_root, rules.static_dirs, rules.generator)  # (its redirects)
    for name in (*site_files(rules.generator, rules.site_root, config.root), *hosts):
        info = _stat(config.root / name)
        if info is not None and info[1] > since:
            return None
        parts += [name, info]
    parts.append(_git_head(config.root))
    return digest(*parts)


def _listing(top: str, avoid: set[str], hide_dots: bool, since: int) -> list[Any] | None:
    """Return (path, size, mtime_ns) of every file under ``top``, or None when in doubt."""
    if top in avoid or any(path.startswith(top + os.sep) for path in avoid):
        return None
    if not os.path.isdir(top):
        return ["absent" if not os.path.lexists(top) else "not a folder"]
    found: list[Any] = []
    todo = [top]
    while todo:
        folder = todo.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return None
        for entry in entries:
            if hide_dots and entry.name.startswith("."):
                continue
            try:
                info = entry.stat()
            except OSError:
                found.append((entry.path, "broken"))
                continue
            if stat.S_ISDIR(info.st_mode):
                if entry.is_symlink():
                    return None
                todo.append(entry.path)
                continue
            if info.st_mtime_ns > since:
                return None
            found.append((entry.path, info.st_size, info.st_mtime_ns, info.st_mode))
    found.sort()
    return found


def _git_head(root: Path) -> list[Any]:
    """Return what the project's git ``HEAD`` names (a history on the site may follow it)."""
    git, common = _git_dirs(root)
    head = read_owned(git / "HEAD")
    parts: list[Any] = [str(git), head]
    if head is not None and head.startswith(b"ref: "):
        ref = head[5:].strip().decode("utf-8", "replace")
        parts.append(read_owned(common / ref) if plain_relative(ref) else None)
    parts += [_stat(common / "packed-refs"), _stat(git / "index")]
    return parts


def _git_dirs(root: Path) -> tuple[Path, Path]:
    """Return the git folder of the checkout holding ``root`` and the folder with its refs.

    The project may sit below the checkout's top, and a linked worktree's ``.git`` is a file
    naming its own folder, whose ``commondir`` names where the branches are.
    """
    for folder in (root, *root.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot, dot
        named = read_owned(dot)
        if named is not None and named.startswith(b"gitdir: "):
            git = folder / os.fsdecode(named[8:].strip())
            common = read_owned(git / "commondir")
            return git, git / os.fsdecode(common.strip()) if common else git
    return root / ".git", root / ".git"


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def outputs_key(out_dir: Path) -> str | None:
    """Return the hash of the output folder as its manifest lists it, or None without a manifest."""
    raw = read_owned(out_dir / MANIFEST)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        files = data["files"]
    except (ValueError, RecursionError, TypeError, KeyError):
        return None
    if not isinstance(files, list):
        return None
    base = os.fspath(out_dir.resolve())
    parts: list[Any] = [raw]
    for rel in files:
        if not isinstance(rel, str) or not plain_relative(rel):
            return None
        try:
            info = os.lstat(os.path.join(base, rel))
        except OSError:
            return None
        parts.append((info.st_size, info.st_mtime_ns, info.st_mode))
    # Every name in the folders it writes to: a file a killed build left is cleared by a build.
    for sub in sorted({"", *(rel.rpartition("/")[0] for rel in files)}):
        try:
            parts.append(sorted(os.listdir(os.path.join(base, sub))))
        except OSError:
            return None
    return digest(*parts)


def _path(config: Config, out_dir: Path) -> Path:
    return record_path(config, out_dir, UNCHANGED_RECORD)


def unchanged(config: Config, out_dir: Path, inputs: str | None) -> Unchanged | None:
    """Return the last build's result when neither the inputs nor the output folder changed
    since, nor any file its pages showed (see `remember`)."""
    if inputs is None:
        return None
    raw = read_owned(_path(config, out_dir))
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        if data["format"] != FORMAT or data["inputs"] != inputs:
            return None
        if data["outputs"] != outputs_key(out_dir):
            return None
        problems = tuple(_problem(row) for row in data["problems"])
        pages, files = data["pages"], data["files"]
        if any(_content(config.root, path) != seen for path, seen in data["shown"]):
            return None
    except (ValueError, RecursionError, TypeError, KeyError):
        return None
    if not isinstance(pages, int) or not isinstance(files, int):
        return None
    return Unchanged(pages, files, problems)


def _problem(row: Any) -> Problem:
    """Rebuild one recorded problem, checking its types (the file is data, not trusted)."""
    path, line, col, severity, message, hint, code = row
    texts = (path, message, hint, code)
    if not all(isinstance(t, str) for t in texts) or not all(type(n) is int for n in (line, col)):
        raise TypeError("problem")
    if severity not in ("error", "warning"):
        raise ValueError("severity")
    return Problem(path, line, col, severity, message, hint, code)


def _content(root: Path, path: object) -> str | None:
    """Return the hash of the bytes of the file at ``path`` (relative to the project), None when it cannot be read."""
    if not isinstance(path, str) or not plain_relative(path):
        raise ValueError("path")
    # A link is read as the file it leads to (as the page read it), never one outside the project.
    base = os.path.realpath(root)
    real = os.path.realpath(os.path.join(base, path))
    if os.path.commonpath([base, real]) != base:
        return None
    data = read_owned(Path(real))
    return None if data is None else hashlib.sha256(data).hexdigest()


def _vouched(root: Path, name: str, since: int) -> str | None:
    """`_content`, or a mark no content has when the file was modified ``since`` (it may have
    changed after the build read it)."""
    info = _stat(root / name)
    return "modified during the build" if info is not None and info[1] > since else _content(root, name)


def remember(
    config: Config,
    out_dir: Path,
    inputs: str | None,
    result: Unchanged,
    shown: tuple[str, ...] = (),
    started: int = 0,
) -> None:
    """Record a build's result under its inputs' hash (taken before it read anything); never
    fails. ``shown``: the other files its pages show (partials, includes), which may lie outside
    every walked folder: recorded by their content, read again before the result is reused;
    one modified since the build started (``started``, in ns) vouches for nothing."""
    path = _path(config, out_dir)
    outputs = outputs_key(out_dir)
    rows = [[p.path, p.line, p.col, p.severity, p.message, p.hint, p.code] for p in result.problems]
    data = {
        "format": FORMAT,
        "inputs": inputs,
        "outputs": outputs,
        "pages": result.pages,
        "files": result.files,
        "problems": rows,
        "shown": [
            [name, _vouched(config.root, name, started - RACY_NS)] for name in shown if plain_relative(name)
        ],
    }
    try:
        if inputs is None or outputs is None:
            # Nothing to vouch for: a stale record must not survive this build.
            # Never through a link: not the record's own, nor a cache folder that is one.
            if path.is_file() and not path.is_symlink() and not path.parent.is_symlink():
                path.unlink()
            return
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=True)
        write_owned(cache_dir(path.parent), path.name, text.encode("utf-8", "surrogateescape"))
    except (OSError, OutputError, UnicodeError):
        pass
