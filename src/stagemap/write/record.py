"""Incremental builds: render again only the pages whose inputs changed.

Every page of the site depends on the settings, the templates, the day the site is judged on,
and the front matter of every asset (titles, stages and states appear all over the site). An
asset's own page also depends on its body. So each build computes:

- the *site key*: a hash of stagemap's version, every template (the project's and the
  built-in ones), the settings as read (journey model included), the as-of day, the front
  matter of every asset, the library's problems, and the names and sizes of the other files
  in the content folder (a body's link to one works or not by its presence);
- for an asset page, the *page key*: the site key and a hash of that asset's body.

A page is reused, neither rendered nor written, when its key is the one recorded after the
last build into the same folder, the manifest says stagemap wrote it, and the file on disk
still has the size and modification time recorded then (so a page someone edited by hand is
rendered again). Editing one body therefore re-renders one page; editing front matter, a
setting or a template re-renders everything, which is always correct. The record lives in
``.stagemap-cache/`` and is safe to delete; a damaged or foreign record means a full build.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._version import __version__
from ..errors import OutputError
from ..model.library import Asset, Library
from ..model.settings import CACHE_DIR, Config
from ..read.owned import read_owned
from ..render.environment import BUILTIN
from .atomic import write_owned
from .cache import cache_dir
from .tree import read_manifest

RECORD = "pages-v1.json"
FORMAT = "stagemap pages"


def site_key(config: Config, library: Library, as_of: dt.date) -> str:
    """Return the hash of everything that all pages depend on."""
    digest = hashlib.sha256()

    def add(*parts: Any) -> None:
        for part in parts:
            data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)

    add(__version__, as_of.isoformat(), str(config.root), str(config.content_dir))
    for folder in (BUILTIN, config.templates_dir):
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                add(path.relative_to(folder).as_posix(), path.read_bytes())
    # The settings as read, model included wherever its file is (a dataclass repr is stable).
    add(_stable(config))
    for asset in library.assets:
        add(_front(asset))
    add(library.problems)
    # Other files in the content folder: a link to one works or is broken by its presence.
    if config.content_dir.is_dir():
        for where, _, names in sorted(os.walk(config.content_dir)):
            for name in sorted(names):
                if not name.endswith((".md", ".markdown")):
                    other = os.path.join(where, name)
                    with contextlib.suppress(OSError):
                        add(os.path.relpath(other, config.content_dir), os.stat(other).st_size)
    return digest.hexdigest()


def _stable(value: Any) -> Any:
    """Return ``value`` with sets sorted, so that its repr is the same in every process.

    (A set's order changes with Python's per-process string hashing.)
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(_stable(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, (set, frozenset)):
        return sorted((_stable(v) for v in value), key=repr)
    if isinstance(value, dict):
        return sorted(((repr(k), _stable(v)) for k, v in value.items()), key=lambda item: item[0])
    if isinstance(value, (list, tuple)):
        return [_stable(v) for v in value]
    return value


def _front(asset: Asset) -> Any:
    """Every field of an asset but its body (a new field is in the key without a change here)."""
    return _stable(dataclasses.replace(asset, body=""))


class PageRecord:
    """What the last build into one folder wrote, and the pages this build may reuse."""

    def __init__(self, config: Config, out_dir: Path, key: str) -> None:
        self.path = config.root / CACHE_DIR / RECORD
        self.out_dir = out_dir.resolve()
        self.key = key
        self.old: dict[str, list[Any]] = {}
        self.reused: dict[str, list[str]] = {}
        """Reused pages and the content files (attachments) each one links to."""
        self.owned = read_manifest(self.out_dir)
        raw = read_owned(self.path)
        try:
            data = json.loads(raw) if raw is not None else None
        except (ValueError, RecursionError):
            return
        if (
            isinstance(data, dict)
            and data.get("format") == FORMAT
            and data.get("out_dir") == str(self.out_dir)
            and isinstance(data.get("pages"), dict)
        ):
            self.old = data["pages"]

    def page_key(self, asset: Asset | None) -> str:
        if asset is None:
            return self.key
        return hashlib.sha256(f"{self.key}\0{asset.body}".encode()).hexdigest()

    def fresh(self, path: str, asset: Asset | None) -> bool:
        """Return True when the page must be rendered (see the module docstring)."""
        entry = self.old.get(path)
        try:
            key, size, mtime, files = entry  # type: ignore[misc]
            if key != self.page_key(asset) or path not in self.owned:
                return True
            info = os.stat(self.out_dir / path)
            if (info.st_size, info.st_mtime_ns) != (size, mtime):
                return True
            if not isinstance(files, list) or not all(
                isinstance(f, str) and f.startswith("files/") for f in files
            ):
                return True
        except (TypeError, ValueError, OSError):
            return True
        self.reused[path] = files
        return False

    def save(self, rendered: dict[str, list[str]], library: Library, paths: Mapping[str, str]) -> None:
        """Record every page now in the folder: the ``rendered`` ones and the reused ones."""
        by_path = {paths[a.id]: a for a in library.assets if a.id in paths}
        pages: dict[str, list[Any]] = {}
        for path, files in [*rendered.items(), *self.reused.items()]:
            try:
                info = os.stat(self.out_dir / path)
            except OSError:
                continue
            pages[path] = [self.page_key(by_path.get(path)), info.st_size, info.st_mtime_ns, files]
        data = {"format": FORMAT, "out_dir": str(self.out_dir), "pages": pages}
        try:
            folder = cache_dir(self.path.parent)
            text = json.dumps(data, sort_keys=True, separators=(",", ":"))
            write_owned(folder, self.path.name, text.encode("utf-8"))
        except (OSError, OutputError):
            pass
