"""The site's coverage history, read from git for a build: first which commits, then their figures.

Listing the commits is one ``git log`` (30 to 190 ms over a thousand commits here), kept in
``.stagemap-cache/history-span-v1.json`` with the commit checked out and the dates it was made
for: a build lists them again only after a commit, a checkout or a new day, and otherwise
starts one ``git rev-parse``. The sampled commit ids are the history page's key. A commit's
figures never change (it is judged on its own date), so they are kept in
``.stagemap-cache/history-v1.json`` by commit id: a build reads and analyses only the commits
it has not seen, usually none or the one that just landed, and only when a page that shows the
history is to be rendered.

A project outside a git repository (or without git, or without any commit in the span) has
no history, and its site no history page.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._stamp import code_stamp
from ..analyse.coverage import analyse
from ..analyse.history import History, Point, history, pick, point
from ..errors import OutputError, StagemapError
from ..model.settings import CACHE_DIR, Config
from ..read.git import Git, GitError, Revision, Revisions
from ..read.owned import read_owned
from .atomic import write_owned
from .cache import cache_dir
from .depends import digest

MONTH_DAYS = 30
"""The length of a month of the ``history.months`` setting, in days."""
CACHE_FILE = "history-v1.json"
"""The figures of each commit read so far, by commit id (see the module docstring)."""
SPAN_FILE = "history-span-v1.json"
"""The commits of the span last listed, and what they were listed for."""

Seen = dict[str, Any]
"""A commit's cached figures: ``point`` (as `Point` fields but the period), ``names`` (stage
names by id) and ``project``; or None for a commit without readable settings."""


@dataclass(frozen=True, slots=True)
class Timeline:
    """The commits a site's history shows, one per period, oldest first."""

    by: str
    """``commit``, ``week`` or ``month``."""
    sampled: tuple[tuple[str, Revision], ...]
    """(period label, commit) of each point."""

    @property
    def key(self) -> str:
        """A hash of the periods and commits: it changes when a commit lands in the span."""
        return digest(self.by, [(period, rev.commit, rev.date) for period, rev in self.sampled])


def timeline(config: Config, as_of: dt.date) -> Timeline | None:
    """Return the commits of the site's history span up to ``as_of``, or None when there is none."""
    span = config.history
    if span is None:
        return None
    since = as_of - dt.timedelta(days=MONTH_DAYS * span.months)
    try:
        with Git(config.root) as git:
            commits = _commits(config, git, since, as_of)
    except GitError:
        return None
    picked = pick([(c.commit, c.date) for c in commits], span.by)
    if not picked:
        return None
    return Timeline(span.by, tuple((period, commits[i]) for period, i in picked))


def _commits(config: Config, git: Git, since: dt.date, until: dt.date) -> list[Revision]:
    """The commits of the span, kept by what decides them (the commit checked out, the folder,
    the dates and the time zone they are read in) so a build walks the history only after a
    commit, a checkout or a new day. A shallow clone's are not kept (fetching more history adds
    to them without moving HEAD); nor is a replaced or grafted history told apart (``git replace``
    after a build shows the old span until the next commit)."""
    if git.head is None:
        return []
    if git.shallow:  # (deepening it adds commits to the same HEAD: listed afresh each time)
        return git.commits(None, since, until)
    # The dates are read in the local time zone: it is part of what decides them.
    key = digest(git.head, git.prefix, since, until, time.timezone, time.altzone, os.environ.get("TZ"))
    path = config.root / CACHE_DIR / SPAN_FILE
    kept = _load_span(path, key)
    if kept is not None:
        return kept
    found = git.commits(None, since, until)
    text = json.dumps(
        {"version": code_stamp(), "key": key, "commits": [[r.commit, str(r.date)] for r in found]}
    )
    with contextlib.suppress(OSError, OutputError):
        write_owned(cache_dir(path.parent), path.name, text.encode("utf-8"))
    return found


def _load_span(path: Path, key: str) -> list[Revision] | None:
    """The commits kept under ``key``; None when there are none (or they are damaged, or another's)."""
    raw = read_owned(path)
    try:
        data = json.loads(raw) if raw is not None else None
        if not isinstance(data, dict) or data.get("version") != code_stamp() or data.get("key") != key:
            return None
        return [Revision(commit[:12], commit, dt.date.fromisoformat(day)) for commit, day in data["commits"]]
    except (ValueError, TypeError, KeyError, RecursionError):
        return None


def read_history(config: Config, line: Timeline) -> History | None:
    """Return the figures of each commit of ``line``; None when no commit could be read.

    A commit whose settings cannot be read is left out, as one without stagemap.yml is: the
    history shows what it can and never stops a build.
    """
    path = config.root / CACHE_DIR / CACHE_FILE
    seen = _load(path)
    wanted = [rev for _, rev in line.sampled if rev.commit not in seen]
    if wanted:
        try:
            with Git(config.root) as git:
                reader = Revisions(git, problems=False)
                for rev in wanted:
                    seen[rev.commit] = _figures(reader, rev)
        except GitError:
            return None
        _save(path, {rev.commit: seen[rev.commit] for _, rev in line.sampled})
    points: list[Point] = []
    names: dict[str, str] = {}
    project = ""
    for period, rev in line.sampled:
        got = seen[rev.commit]
        if got is None:
            continue
        points.append(_point(period, rev, got["point"]))
        names.update(got["names"])
        project = got["project"]
    if not points:
        return None
    found = history(line.by, points, names)
    return History(found.by, found.points, found.stages, project)


def _figures(reader: Revisions, rev: Revision) -> Seen | None:
    try:
        snap = reader.at(rev)
    except GitError:
        raise
    except StagemapError:
        return None
    if snap is None:
        return None
    got = point(analyse(snap.config, snap.library, rev.date), "", rev.commit)
    return {
        "point": {
            "total": got.total,
            "eligible": got.eligible,
            "stuck": list(got.stuck),
            "stages": [list(s) for s in got.stages],
            "cells": [list(c) for c in got.cells],
        },
        "names": {s.id: s.name for s in snap.config.model.stages},
        "project": snap.config.name,
    }


def _point(period: str, rev: Revision, data: dict[str, Any]) -> Point:
    return Point(
        period=period,
        commit=rev.commit,
        date=rev.date,
        total=data["total"],
        eligible=data["eligible"],
        stuck=tuple(data["stuck"]),
        stages=tuple((s, n, st) for s, n, st in data["stages"]),
        cells=tuple((s, q, n, st) for s, q, n, st in data["cells"]),
    )


def _load(path: Path) -> dict[str, Seen | None]:
    """The cached figures; empty when absent, damaged or written by another stagemap version or code."""
    raw = read_owned(path)
    try:
        data = json.loads(raw) if raw is not None else None
    except (ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("version") != code_stamp():
        return {}
    commits = data.get("commits")
    if not isinstance(commits, dict) or not all(_valid(v) for v in commits.values()):
        return {}
    return commits


def _valid(value: Any) -> bool:
    if value is None:
        return True
    try:
        point = value["point"]
        _point("", Revision("", "", dt.date.min), point)
        return isinstance(value["names"], dict) and isinstance(value["project"], str)
    except (KeyError, TypeError, ValueError):
        return False


def _save(path: Path, commits: dict[str, Seen | None]) -> None:
    """Keep the figures of the commits shown now (a cache that cannot be written is no error)."""
    text = json.dumps({"version": code_stamp(), "commits": commits}, sort_keys=True, separators=(",", ":"))
    with contextlib.suppress(OSError, OutputError):
        write_owned(cache_dir(path.parent), path.name, text.encode("utf-8"))
