"""The parse cache: front matter of unchanged files, so that they are not parsed again.

One JSON file in the project's cache folder (``.stagemap-cache/`` unless the ``cache`` setting
names another), safe to delete. An entry is reused only when its file's path, size and
modification time are unchanged, and the whole cache only when stagemap's code (its version and
its files, `stagemap._stamp.code_stamp`) and everything from the settings that parsing depends
on (the stage, question and persona ids) are unchanged. The file is data, never code: anything unexpected in it (corrupt, foreign,
from another version, hand-edited) makes that entry or the whole cache a miss.

Reading never writes: `ParseCache.update` returns what the cache file should now hold, and
the caller saves it with `stagemap.write.cache.save_parse_cache`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .._stamp import code_stamp
from ..errors import Problem
from ..model.library import AUDIENCES, ORIGIN_FIELDS, STATUSES, Asset, Vocabulary
from ..model.settings import NO_CACHE_ENV, Config, ReadRules, Source
from . import frontmatter
from .owned import read_owned
from .racy import RACY_NS

CACHE_FILE = "parse-v4.json"
FORMAT = "stagemap parse cache 12"
READ_FAILED = "io"
"""Code of the problem a file that could not be read gets: such a result is never cached."""

Parsed = tuple[Asset | None, list[Problem]]

_TEXT: tuple[str, ...] = ("id", "path", "title", "format", "status", "owner", "message", "summary")
_TEXT += ("next", "cta", "url", "route", "audience")
_IDS = ("stages", "questions", "personas")


@dataclass(frozen=True, slots=True)
class CacheUpdate:
    """What the parse cache file should hold after a read, for the caller to save."""

    folder: Path
    """The cache folder (it may not exist yet)."""
    name: str
    """The cache file's name in ``folder``."""
    contents: Mapping[str, Any]

    @property
    def data(self) -> bytes:
        """The file's new contents: ``contents`` as JSON, made when saved (a build saves it as its pages render)."""
        return json.dumps(self.contents, separators=(",", ":"), sort_keys=True).encode("utf-8")


def cache_key(
    vocab: Vocabulary,
    content_dir: Path,
    rules: ReadRules | None = None,
    sources: tuple[Source, ...] = (),
    passed: str = "",
) -> str:
    """Return what the whole cache depends on, as a hash: the ids, the folders, the reading rules
    and what sections pass down to their pages (``passed``, see `stagemap.read.cascade`)."""
    text = json.dumps(
        [
            code_stamp(),
            list(vocab.stages),
            list(vocab.questions),
            list(vocab.personas),
            [list(pair) for pair in vocab.answers],
            str(content_dir),
            dataclasses.asdict(rules or ReadRules()),
            [dataclasses.asdict(source) for source in sources],
            *([passed] if passed else []),
        ],
        default=_plain,
        sort_keys=True,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """Return a set sorted (its order changes with each process's string hashing), anything else as text."""
    return sorted(value) if isinstance(value, set | frozenset) else str(value)


def open_cache(
    config: Config,
    vocab: Vocabulary,
    env: Mapping[str, str] = os.environ,
    *,
    read: bool = True,
    passed: str = "",
) -> ParseCache | None:
    """Return the project's parse cache, or None when the settings or the environment turn it off.

    With ``read`` False the file is not read (only where it is matters). ``passed``: what the
    sections pass down to their pages (`cache_key`).
    """
    if config.cache_dir is None or env.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    key = cache_key(vocab, config.content_dir, config.rules, config.sources, passed)
    return ParseCache(config.cache_dir / CACHE_FILE, key, vocab, tagged=config.rules.tags_required, read=read)


class ParseCache:
    """Entries by relative path; `get` returns None for any miss."""

    def __init__(
        self, path: Path, key: str, vocab: Vocabulary | None = None, *, tagged: bool = True, read: bool = True
    ) -> None:
        self.path = path
        self.tagged = tagged
        self.key = key
        ids = (vocab.stages, vocab.questions, vocab.personas) if vocab else ((), (), ())
        self.vocab = tuple(frozenset(v) for v in ids)
        self.old: dict[str, Any] = {}
        self.new: dict[str, list[Any]] = {}
        self.changed = False
        if read:
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

    def get(self, rel: str, stat: os.stat_result, path: str | None = None) -> Parsed | None:
        """Return the cached result for a file whose size and mtime are unchanged.

        Given the file's ``path``, an asset's body is read from it (the cache holds none);
        None when it cannot be read: the file is parsed again.
        """
        entry = self.old.get(rel)
        if (
            type(entry) is not list
            or len(entry) != 4
            or entry[0] != stat.st_size
            or entry[1] != stat.st_mtime_ns
        ):
            return None
        body = _read_body(path, entry[3]) if path is not None and entry[3] is not None else ""
        if body is None:
            return None
        try:
            # Made with its body: `dataclasses.replace` afterwards took 10 us an asset.
            parsed = _decode(entry, rel, self.vocab, tagged=self.tagged, body=body)
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        self.new[rel] = entry
        return parsed

    def put(self, rel: str, stat: os.stat_result, parsed: Parsed) -> None:
        """Remember a freshly parsed file, unless the result should not outlive this run.

        Not kept: files changed a moment ago (another write within the same mtime tick would
        go unseen), files that could not be read (making a file readable again changes
        neither its size nor its mtime, so the error would stick), and data that would not
        survive JSON.
        """
        self.changed = True
        if stat.st_mtime_ns > time.time_ns() - RACY_NS:
            return
        if any(p.code == READ_FAILED for p in parsed[1]):
            return
        entry = encode_entry(parsed, stat)
        if entry is not None:
            self.new[rel] = entry

    def update(self) -> CacheUpdate | None:
        """Return the file to save, or None when nothing changed since it was read."""
        if not self.changed and len(self.new) == len(self.old):
            return None
        contents = {"format": FORMAT, "key": self.key, "entries": self.new}
        return CacheUpdate(self.path.parent, self.path.name, contents)


def encode_entry(parsed: Parsed, stat: os.stat_result) -> list[Any] | None:
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
            asset.publish_on.isoformat() if asset.publish_on else None,
            asset.body_line,
            *asset.next_pos,
            *asset.cta_pos,
            *asset.id_pos,
            _ordered(asset.extra),
            [list(o) for o in asset.origins],
            list(asset.links),
            list(asset.data_names),
        ]
    rows = [[p.path, p.line, p.col, p.severity, p.message, p.hint, p.code] for p in problems]
    return [stat.st_size, stat.st_mtime_ns, rows, record]


def _ordered(value: Any) -> Any:
    """Return ``value`` with each mapping as ``{"~": [[key, value], ...]}``: the cache file is
    written with its keys sorted, and a page's own fields are shown in the order it gives them
    (a warm build showed a page's story in another order than a cold one)."""
    if isinstance(value, dict):
        return {"~": [[k, _ordered(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def _unordered(value: Any, depth: int = 0) -> Any:
    """Return the value `_ordered` wrote as ``value`` (a TypeError for anything it never writes,
    such as values nested deeper than `MOST_NESTED`)."""
    if depth > MOST_NESTED:
        raise TypeError("nested too deep")
    if isinstance(value, list):
        return [_unordered(v, depth + 1) for v in value]
    if not isinstance(value, dict):
        return value
    pairs = value.get("~")
    if len(value) != 1 or type(pairs) is not list:
        raise TypeError("a mapping not written in order")
    if not all(type(p) is list and len(p) == 2 and type(p[0]) is str for p in pairs):
        raise TypeError("a mapping's entries")
    return {k: _unordered(v, depth + 1) for k, v in pairs}


MOST_NESTED = 48
"""How deep a page's own values may nest to be cached (deeper ones are parsed each time: each
level is a call, and Python's calls run out at about a thousand; a page's front matter nesting
lists some 340 deep ended a cold check in a traceback)."""


def _plain_json(value: Any, depth: int = 0) -> bool:
    """Return True if ``value`` survives a JSON round trip unchanged (and nests at most `MOST_NESTED` deep)."""
    if value is None or isinstance(value, (str, bool, int)):
        return True
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    if depth >= MOST_NESTED:
        return False
    if isinstance(value, list):
        return all(_plain_json(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_json(v, depth + 1) for k, v in value.items())
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


def _decode(
    entry: list[Any], rel: str, vocab: tuple[frozenset[str], ...], *, tagged: bool = True, body: str = ""
) -> Parsed:
    """Rebuild a parse result from an entry (with ``body``), checking every type: the file is data, not trusted."""
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
    if type(record) is not list or len(record) != len(_TEXT) + 17:
        raise ValueError("record")
    texts = dict(zip(_TEXT, record[: len(_TEXT)], strict=True))
    if not all(type(v) is str for v in texts.values()) or texts["path"] != rel:
        raise TypeError("text")
    if (
        not texts["title"]
        or not texts["id"]
        or texts["status"] not in STATUSES
        or texts["audience"] not in AUDIENCES
    ):
        raise ValueError("fields a parse never leaves like this")
    stages, questions, personas, updated, review_by, publish_on, body_line, line, col = record[
        len(_TEXT) : len(_TEXT) + 9
    ]
    cta_line, cta_col, id_line, id_col, extra, origins, links, data_names = record[len(_TEXT) + 9 :]
    if type(links) is not list or not all(type(link) is str for link in links):
        raise TypeError("links")
    if type(data_names) is not list or not all(type(name) is str for name in data_names):
        raise TypeError("data names")
    extra = _unordered(extra)
    if type(extra) is not dict:
        raise TypeError("extra")
    asset = Asset(
        stages=_ids(stages, vocab[0], required=tagged),
        questions=_ids(questions, vocab[1], required=tagged),
        personas=_ids(personas, vocab[2], required=False),
        updated=_date(updated),
        review_by=_date(review_by),
        publish_on=_date(publish_on),
        body=body,
        body_line=_int(body_line),
        next_pos=(_int(line), _int(col)),
        cta_pos=(_int(cta_line), _int(cta_col)),
        id_pos=(_int(id_line), _int(id_col)),
        extra=extra,
        origins=tuple(_origin(o) for o in origins),
        links=tuple(links),
        data_names=tuple(data_names),
        **texts,
    )
    return asset, problems


def _origin(value: Any) -> tuple[str, str, int]:
    field, kind, number = value
    if field not in ORIGIN_FIELDS or not (
        kind in ("line", "rule", "max_age") or kind.startswith(("cascade:", "defaults:", "data:"))
    ):
        raise ValueError("origin")
    return field, kind, _int(number)


def cached_result(
    cache: ParseCache | None, path: str, rel: str, stat: os.stat_result, bodies: bool
) -> Parsed | None:
    """Return one file's result from the cache file (its body read again with ``bodies``), or None: parse it."""
    return cache.get(rel, stat, path if bodies else None) if cache is not None else None


def without_body(parsed: Parsed, bodies: bool) -> Parsed:
    """Drop the body unless ``bodies``: a cached asset has none, so a fresh one must not either."""
    asset = parsed[0]
    if asset is not None and asset.body and not bodies:
        return replace(asset, body=""), parsed[1]
    return parsed


def _read_body(path: str, record: Any) -> str | None:
    """Return the body of an unchanged file: its text from the line the entry says the body starts on.

    Splitting the file again could cut it elsewhere than its parse did (a page read without front
    matter may open with a ``Key: value`` line); None when it cannot be read.
    """
    try:
        line = record[len(_TEXT) + 6]
        with open(path, "rb") as handle:
            text, _ = frontmatter.decode(handle.read())
    except (OSError, frontmatter.SplitProblem, TypeError, IndexError):
        return None
    if type(line) is not int or line < 1:
        return None
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if not start:
            return ""
    return text[start:]
