"""Incremental builds: render again only the pages whose inputs changed.

Each build works out a key per page (`stagemap.write.depends.page_keys`): a hash of the
*site-wide key* and of the data that page shows. The site-wide key is a hash of stagemap's
code (its version and its files, see `code_stamp`), every template (the project's and the built-in ones), the settings as read (journey
model included), the as-of day, which assets exist and where their files and pages are, and
the names and sizes of the other files in the content folder (a body's link to one works or
not by its presence), and the imported signal files (``signals/*.csv``: the overview, stage and
asset pages show their evidence).

A page is reused, neither rendered nor written, when its key is the one recorded after the
last build into the same folder, the manifest says stagemap wrote it, and the file on disk
still has the size and modification time recorded then (so a page someone edited by hand is
rendered again). Editing one body therefore re-renders one page; editing one asset's front
matter re-renders the pages that show it; a setting or a template re-renders everything.
The search index's files are recorded the same way, all under one key (`search_key`): they
are made again only when an asset's front matter, the opening of its body that the index
reads, or the site-wide key changed, or one of them is no longer as written.

The record lives in ``.stagemap-cache/``, one file per output folder (so ``serve`` and
``build`` into different folders never make each other start from nothing); it is safe to
delete, and a damaged or foreign record means a full build. ``serve`` keeps it in memory
and writes it when idle (`Kept`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .._stamp import code_stamp
from ..analyse.unbuilt import unbuilt_pages
from ..errors import OutputError
from ..model.library import Asset, Library
from ..model.settings import Config
from ..paths import BUILTIN
from ..read.attachments import imported_files, linkable_files, source_folders
from ..read.linkhooks import getpage_links
from ..read.mkdocsapi import API_PAGES
from ..read.owned import read_owned
from ..read.signals import signals_dir
from ..render.ownshortcodes import every_template
from .atomic import write_owned
from .cache import cache_dir, record_path
from .hashes import digest, front, projected, stable
from .manifest import read_manifest

FORMAT = "stagemap pages 2"


def global_key(
    config: Config, library: Library, as_of: dt.date, pages: Iterable[tuple[str, str, str]]
) -> str:
    """Return the hash of everything that every page depends on (see the module docstring).

    ``pages`` are the site's pages as (path, kind, id).
    """
    parts: list[Any] = [code_stamp(), as_of.isoformat(), str(config.root), str(config.content_dir)]
    overridden = False
    for folder in (BUILTIN, config.templates_dir):
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
                overridden = overridden or (folder != BUILTIN and path.is_relative_to(folder / "site"))
    # The settings as read, model included wherever its file is (a dataclass repr is stable).
    parts.append(stable(config))
    # Which assets exist, their files and their pages: links between pages and bodies.
    parts.append(_pages_hash(pages))
    # Route links in bodies resolve by each asset's address, slug and aliases (the library is in path order).
    parts.append(projected(library, "routes", _routed))
    # The pages the live site does not build (drafts): a page lists its links to them.
    parts.append(sorted(unbuilt_pages(config, library.assets, library.site_params, as_of).items()))
    # The site's own params: Hugo's param shortcode shows them in any body; and which of its own
    # shortcodes have a template (one added or removed may change any page that uses it).
    # (Not the MkDocs site's references: a page's key holds those its links name, `api_links`.)
    parts.append(stable({k: v for k, v in library.site_params.items() if k != API_PAGES}))
    if config.rules.generator == "hugo":
        parts.append(every_template(config.root, config.rules.site_root))
        parts.append(getpage_links(config))  # how the site's link hook reads links (`Routes.getpage`)
    if overridden:
        # A project template may show anything it receives: every asset, the problems.
        parts += [[front(a) for a in library.assets], stable(library.problems)]
    # Imported signals: the overview, stage and asset pages show what they say.
    if signals_dir(config.root).is_dir():
        for path in sorted(signals_dir(config.root).glob("*.csv")):
            with contextlib.suppress(OSError):
                parts += [path.name, path.read_bytes()]
    # Other files in the source folders: a link to one works or is broken by its presence.
    for prefix, folder, excluded in source_folders(config):
        for rel in sorted(linkable_files(folder, excluded)):
            with contextlib.suppress(OSError):
                parts += [prefix + rel, os.stat(folder / rel).st_size]
    # Files only an import through an alias reaches (an Astro site's): there or not, the same.
    for rel in sorted(imported_files(config)):
        with contextlib.suppress(OSError):
            parts += [rel, os.stat(config.root / rel).st_size]
    # Files served from the site root: a route link to one works or goes to the public site.
    for static in config.rules.static_dirs:
        served = config.root / static
        if static != "." and served.is_dir() and not served.is_relative_to(config.content_dir):
            for path in sorted(served.rglob("*")):
                with contextlib.suppress(OSError):
                    parts += [path.relative_to(served).as_posix(), path.stat().st_size]
    return digest(*parts)


def _pages_hash(pages: Iterable[tuple[str, str, str]]) -> str:
    """Return a hash of the pages, sorted; the last one again while they are the same (``serve``)."""
    listed = sorted(pages)
    if not _PAGES or _PAGES[0][0] != listed:
        _PAGES[:] = [(listed, digest(listed))]
    return _PAGES[0][1]


_PAGES: list[tuple[list[tuple[str, str, str]], str]] = []
"""The latest pages of a site-wide key, sorted, with their hash."""


def _routed(asset: Asset) -> tuple[Any, ...]:
    """Where an asset's file is and what route links reach its page by."""
    return (
        asset.id,
        asset.path,
        asset.url,
        asset.route,
        stable(asset.extra.get("slug")),
        stable(asset.extra.get("aliases")),
    )


class Kept:
    """The page record of one output folder kept in memory between builds, by a caller that builds often (``serve``).

    The record is then read from its file only when another process wrote it, and written
    once the caller is idle (`flush`), not after each build: a record on disk that is older
    than the pages only makes a later build render the pages written since (their size or
    time no longer match).
    """

    def __init__(self) -> None:
        self.path: Path | None = None
        """The record file the kept pages are for."""
        self.pages: dict[str, list[Any]] = {}
        """The record's entries by page path (see `PageRecord.save`)."""
        self.stamp: tuple[int, int] | None = None
        """The record file's (mtime_ns, size) when last read or written here: another writer changes it."""
        self.unsaved: dict[str, Any] | None = None
        """The record to write when idle, or None when the file says what memory says."""

    def flush(self) -> None:
        """Write the record if a build changed it since it was last written."""
        data, self.unsaved = self.unsaved, None
        if data is not None and self.path is not None:
            _write(self.path, data)
            self.stamp = _stamp(self.path)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _write(path: Path, data: dict[str, Any]) -> None:
    try:
        folder = cache_dir(path.parent)
        text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        write_owned(folder, path.name, text.encode("utf-8", "surrogateescape"))
    except (OSError, OutputError, UnicodeError):
        pass


class PageRecord:
    """What the last build into one folder wrote, and the pages this build may reuse.

    Each page on disk is looked at (``stat``) once per build, in `fresh`; `save` and
    `unlisted` use what it found.
    """

    def __init__(self, config: Config, out_dir: Path, kept: Kept | None = None) -> None:
        self.path = record_path(config, out_dir)
        self.out_dir = out_dir.resolve()
        self._base = os.fspath(self.out_dir) + os.sep
        """The folder's path and a separator: a page's path is this and its relative path."""
        self.keys: Mapping[str, str] = {}
        """Each page's key in this build, by path: set before `fresh` is asked about a page
        that `old` lists, and before `save`."""
        self.old: dict[str, list[Any]] = {}
        self.reused: dict[str, list[str]] = {}
        """Reused pages and the content files (attachments) each one links to."""
        self._seen: dict[str, os.stat_result] = {}
        """What `fresh` found on disk for each page it looked at."""
        self._kept = kept
        self.owned = read_manifest(self.out_dir)
        # Memory holds what this process recorded last, unless another one wrote the file since.
        if (
            kept is not None
            and kept.path == self.path
            and (kept.unsaved is not None or kept.stamp == _stamp(self.path))
        ):
            self.old = kept.pages
            return
        if kept is not None:
            kept.flush()  # what it kept for another folder
            kept.path, kept.pages, kept.stamp, kept.unsaved = self.path, {}, _stamp(self.path), None
        self.old = self._read()
        if kept is not None:
            kept.pages = self.old

    def _read(self) -> dict[str, list[Any]]:
        raw = read_owned(self.path)
        try:
            data = json.loads(raw) if raw is not None else None
        except (ValueError, RecursionError):
            return {}
        if (
            isinstance(data, dict)
            and data.get("format") == FORMAT
            and data.get("out_dir") == os.fsdecode(self.out_dir)
            and isinstance(data.get("pages"), dict)
        ):
            return data["pages"]  # type: ignore[no-any-return]
        return {}

    def may_reuse(self) -> bool:
        """Return False when no page can be reused whatever the keys: no record, or none of its pages in the folder's manifest."""
        return bool(self.old) and not self.owned.isdisjoint(self.old)

    def fresh(self, path: str) -> bool:
        """Return True when the page must be rendered (see the module docstring)."""
        entry = self.old.get(path)
        try:
            key, size, mtime, files = entry  # type: ignore[misc]
            if key != self.keys.get(path) or path not in self.owned:
                return True
            info = os.stat(self._base + path)
            self._seen[path] = info
            if (info.st_size, info.st_mtime_ns) != (size, mtime):
                return True
            if not isinstance(files, list) or not all(
                isinstance(f, str) and f.startswith(("files/", "public/")) for f in files
            ):
                return True
        except (TypeError, ValueError, OSError):
            return True
        self.reused[path] = files
        return False

    def reuse_files(self, prefix: str, key: str) -> bool:
        """Reuse every file under ``prefix`` the last build recorded, when each was made under ``key`` and is still as written.

        For files made together from one key (the search index): all are reused, or none (they
        are then made again, and recorded with `made`).
        """
        paths = [path for path in self.old if path.startswith(prefix)]
        if not paths:
            return False
        self.keys = {**self.keys, **dict.fromkeys(paths, key)}
        stale = [path for path in paths if self.fresh(path)]
        if stale:
            for path in paths:
                self.reused.pop(path, None)
            return False
        return True

    def made(self, paths: Iterable[str], key: str) -> None:
        """Record files made under ``key`` (see `reuse_files`): `save` records them with it."""
        self.keys = {**self.keys, **dict.fromkeys(paths, key)}

    def unlisted(self) -> dict[str, list[Any]]:
        """Return the recorded pages the manifest does not list (those `stream_tree` may adopt)."""
        return {path: entry for path, entry in self.old.items() if path not in self.owned}

    def save(self, rendered: dict[str, list[str]]) -> None:
        """Record every page now in the folder: the ``rendered`` ones and the reused ones.

        A reused page was neither written nor looked at again since `fresh` looked at it.
        """
        pages: dict[str, list[Any]] = {}
        for path, files in [*rendered.items(), *self.reused.items()]:
            info = self._seen.get(path) if path in self.reused else None
            try:
                info = info or os.stat(self._base + path)
            except OSError:
                continue
            pages[path] = [self.keys.get(path), info.st_size, info.st_mtime_ns, files]
        if pages == self.old:
            return  # nothing to record that is not recorded already
        data = {"format": FORMAT, "out_dir": os.fsdecode(self.out_dir), "pages": pages}
        if self._kept is None:
            _write(self.path, data)
            return
        self._kept.pages, self._kept.unsaved = pages, data


def forget(config: Config, out_dir: Path) -> None:
    """Remove the record of the builds into ``out_dir`` (a temporary folder that is going away)."""
    with contextlib.suppress(OSError):
        path = record_path(config, out_dir)
        if path.is_file() and not path.is_symlink():
            path.unlink()
