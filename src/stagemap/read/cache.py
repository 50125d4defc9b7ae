"""A parse cache for commands that need front matter but not bodies (check, report, kits).

One JSON file under ``.stagemap-cache/`` in the project, safe to delete. An entry is reused
only when its file's path, size and modification time are unchanged, and the whole cache only
when stagemap's version and everything from the settings that parsing depends on (the stage,
question and persona ids) are unchanged. The file is data, never code: anything unexpected in
it (corrupt, foreign, from another version, hand-edited) makes that entry or the whole cache a
miss, and it is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import OutputError, Problem
from ..model.library import STATUSES, Asset, Vocabulary
from ..write.atomic import make_owned_folder, remove_owned_files, write_owned
from .owned import read_owned

CACHE_DIR = ".stagemap-cache"
CACHE_FILE = "parse-v2.json"
FORMAT = "stagemap parse cache 2"
RACY_NS = 2_000_000_000
"""Files modified this recently are parsed but not cached (mtime resolution is coarse)."""

Parsed = tuple[Asset | None, list[Problem]]

_TEXT = ("id", "path", "title", "format", "status", "owner", "message", "summary", "next", "cta")
_IDS = ("stages", "questions", "personas")


def cache_key(vocab: Vocabulary, content_dir: Path) -> str:
    """Return what the whole cache depends on, as a hash."""
    from .._version import __version__

    text = json.dumps(
        [__version__, list(vocab.stages), list(vocab.questions), list(vocab.personas), str(content_dir)]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ParseCache:
    """Entries by relative path; `get` returns None for any miss."""

    def __init__(self, path: Path, key: str, vocab: Vocabulary | None = None) -> None:
        self.path = path
        self.key = key
        ids = (vocab.stages, vocab.questions, vocab.personas) if vocab else ((), (), ())
        self.vocab = tuple(frozenset(v) for v in ids)
        self.old: dict[str, Any] = {}
        self.new: dict[str, list[Any]] = {}
        self.changed = False
        self._read()

    def _read(self) -> None:
        raw = read_owned(self.path)
        if raw is None:
            return
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return
        if (
            isinstance(data, dict)
            and data.get("format") == FORMAT
            and data.get("key") == self.key
            and isinstance(data.get("entries"), dict)
        ):
            self.old = data["entries"]

    def get(self, rel: str, stat: os.stat_result) -> Parsed | None:
        """Return the cached result for a file whose size and mtime are unchanged."""
        entry = self.old.get(rel)
        if (
            type(entry) is not list
            or len(entry) != 4
            or entry[0] != stat.st_size
            or entry[1] != stat.st_mtime_ns
        ):
            return None
        try:
            parsed = _decode(entry, rel, self.vocab)
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        self.new[rel] = entry
        return parsed

    def put(self, rel: str, stat: os.stat_result, parsed: Parsed) -> None:
        """Remember a freshly parsed file (unless its data would not survive JSON)."""
        self.changed = True
        if stat.st_mtime_ns > time.time_ns() - RACY_NS:
            # Changed a moment ago: another write within the same mtime tick would go unseen.
            return
        entry = _encode(parsed, stat)
        if entry is not None:
            self.new[rel] = entry

    def save(self) -> None:
        """Write the cache when anything changed; a failure to write is not an error."""
        if not self.changed and len(self.new) == len(self.old):
            return
        data = {"format": FORMAT, "key": self.key, "entries": self.new}
        try:
            folder = cache_dir(self.path.parent.parent)
            text = json.dumps(data, separators=(",", ":"), sort_keys=True)
            write_owned(folder, self.path.name, text.encode("utf-8"))
            old = [p.name for p in folder.glob("parse-v*.json") if p.name != self.path.name]
            remove_owned_files(folder, old)  # left by other stagemap versions
        except (OSError, OutputError):
            pass


def _encode(parsed: Parsed, stat: os.stat_result) -> list[Any] | None:
    """Return ``[size, mtime, problems, asset]``, the asset as a flat list (see `_decode`)."""
    asset, problems = parsed
    record: list[Any] | None = None
    if asset is not None:
        if asset.extra and not _plain_json(asset.extra):
            return None  # e.g. a number used as a key would come back as text
        record = [getattr(asset, name) for name in _TEXT]
        record += [list(getattr(asset, name)) for name in _IDS]
        record += [
            asset.updated.isoformat() if asset.updated else None,
            asset.review_by.isoformat() if asset.review_by else None,
            asset.body_line,
            asset.next_pos[0],
            asset.next_pos[1],
            dict(asset.extra),
        ]
    rows = [[p.path, p.line, p.col, p.severity, p.message, p.hint, p.code] for p in problems]
    return [stat.st_size, stat.st_mtime_ns, rows, record]


def _plain_json(value: Any) -> bool:
    """Return True if ``value`` survives a JSON round trip unchanged."""
    if value is None or isinstance(value, (str, bool, int)):
        return True
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    if isinstance(value, list):
        return all(_plain_json(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_json(v) for k, v in value.items())
    return False


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("not an int")
    return value


def _ids(value: Any, valid: frozenset[str], *, required: bool) -> tuple[str, ...]:
    """Check a list of ids against the project's: an entry naming others is not ours."""
    if type(value) is not list or (required and not value):
        raise TypeError("not ids")
    ids = tuple(value)
    if not all(type(v) is str and v in valid for v in ids):
        raise ValueError("unknown id")
    return ids


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(_text(value))


def _decode(entry: list[Any], rel: str, vocab: tuple[frozenset[str], ...]) -> Parsed:
    """Rebuild a parse result from an entry, checking every type: the file is data, not trusted."""
    problems = []
    for item in entry[2]:
        path, line, col, severity, message, hint, code = item
        if severity not in ("error", "warning"):
            raise ValueError("severity")
        problems.append(
            Problem(_text(path), _int(line), _int(col), severity, _text(message), _text(hint), _text(code))
        )
    record = entry[3]
    if record is None:
        return None, problems
    if type(record) is not list or len(record) != len(_TEXT) + 9:
        raise ValueError("record")
    texts = dict(zip(_TEXT, record[: len(_TEXT)], strict=True))
    if not all(type(v) is str for v in texts.values()) or texts["path"] != rel:
        raise TypeError("text")
    if not texts["title"] or not texts["id"] or texts["status"] not in STATUSES:
        raise ValueError("fields a parse never leaves like this")
    stages, questions, personas, updated, review_by, body_line, line, col, extra = record[len(_TEXT) :]
    if type(extra) is not dict:
        raise TypeError("extra")
    asset = Asset(
        stages=_ids(stages, vocab[0], required=True),
        questions=_ids(questions, vocab[1], required=True),
        personas=_ids(personas, vocab[2], required=False),
        updated=_date(updated),
        review_by=_date(review_by),
        body="",
        body_line=_int(body_line),
        next_pos=(_int(line), _int(col)),
        extra=extra,
        **texts,
    )
    return asset, problems


def cache_dir(root: Path) -> Path:
    """Return the project's cache folder, made with a .gitignore that ignores it all.

    Raises `OutputError` when it is a link or not a folder: nothing is written there then.
    """
    folder = make_owned_folder(root / CACHE_DIR)
    if not os.path.lexists(folder / ".gitignore"):
        write_owned(folder, ".gitignore", b"# stagemap's caches: safe to delete.\n*\n")
    return folder


def cached_parse(
    root: Path,
    vocab: Vocabulary,
    content_dir: Path,
    files: list[tuple[str, str]],
    parse: Callable[[str, str, os.stat_result | None], Parsed],
    *,
    bodies: bool = False,
) -> list[Parsed]:
    """Parse ``files`` (path, relative path) through the cache.

    Without ``bodies`` the assets' bodies come back empty. With them, a cached asset's body
    is read from its file again (a cheap split, no YAML), exactly as a fresh parse gives it.
    """
    cache = ParseCache(root / CACHE_DIR / CACHE_FILE, cache_key(vocab, content_dir), vocab)
    results: list[Parsed] = []
    for path, rel in files:
        try:
            stat = os.stat(path)
        except OSError:
            results.append(parse(path, rel, None))
            continue
        hit = cache.get(rel, stat)
        if hit is not None and bodies and hit[0] is not None:
            body = _read_body(path)
            hit = None if body is None else (replace(hit[0], body=body), hit[1])
        if hit is None:
            hit = parse(path, rel, stat)
            asset = hit[0]
            cache.put(rel, stat, hit)
            if asset is not None and asset.body and not bodies:
                hit = (replace(asset, body=""), hit[1])
        results.append(hit)
    cache.save()
    return results


def _read_body(path: str) -> str | None:
    from . import frontmatter

    try:
        with open(path, "rb") as handle:
            return frontmatter.split(handle.read()).body
    except (OSError, frontmatter.SplitProblem):
        return None
