"""The site's coverage history, read from git for a build: first which commits, then their figures.

Listing the commits is one ``git log`` (milliseconds), so every build does it: the sampled
commit ids are the history page's key. Reading and analysing those commits costs about as
much as a few reports, so a build does it only when a page that shows the history is to be
rendered, and a long-running process (``serve``) keeps the last history it read.

A project outside a git repository (or without git, or without any commit that holds
stagemap.yml in the span) has no history, and its site no history page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..analyse.history import History, collect, pick
from ..errors import StagemapError
from ..model.settings import Config
from ..read.git import Git, GitError, Revision, Revisions, Snapshot
from .depends import digest

MONTH_DAYS = 30
"""The length of a month of the ``history.months`` setting, in days."""


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
            commits = git.commits(None, since, as_of)
    except GitError:
        return None
    picked = pick([(c.commit, c.date) for c in commits], span.by)
    if not picked:
        return None
    return Timeline(span.by, tuple((period, commits[i]) for period, i in picked))


_LAST: dict[str, History | None] = {}
"""The last history read in this process, by its timeline's key and project folder."""


def read_history(config: Config, line: Timeline) -> History | None:
    """Return the figures of each commit of ``line``; None when no commit could be read.

    A commit whose settings cannot be read is left out, as one without stagemap.yml is:
    the history shows what it can and never stops a build.
    """
    key = digest(line.key, str(config.root))
    if key in _LAST:
        return _LAST[key]
    try:
        with Git(config.root) as git:
            reader = Revisions(git, problems=False)
            found: History | None = collect(line.by, _snapshots(reader, line))
    except GitError:
        found = None
    if found is not None and not found.points:
        found = None
    _LAST.clear()
    _LAST[key] = found
    return found


def _snapshots(reader: Revisions, line: Timeline) -> Iterator[tuple[str, Revision, Snapshot | None]]:
    for period, revision in line.sampled:
        try:
            snap = reader.at(revision)
        except GitError:
            raise
        except StagemapError:
            snap = None
        yield period, revision, snap
