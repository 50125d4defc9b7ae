"""Coverage over time: which commits stand for which period, and the figures of each. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model.report import Report
from ..read.git import Revision, Snapshot
from .coverage import analyse

PERIODS = ("commit", "week", "month")
"""How history can be sampled: every commit, or the last commit of each ISO week or month."""


@dataclass(frozen=True, slots=True)
class Point:
    """Coverage at one commit, standing for one period."""

    period: str
    """The period's label: a short commit id, ``2026-W05`` or ``2026-03``."""
    commit: str
    """The full commit id."""
    date: dt.date
    """The commit date, also the day staleness was judged on."""
    total: int
    """Assets in the library (any status)."""
    eligible: int
    """Assets a buyer could be sent that day."""
    stuck: tuple[str, ...]
    """Stuck stages."""
    stages: tuple[tuple[str, int, str], ...]
    """(stage id, eligible assets, state) per stage, in journey order."""
    cells: tuple[tuple[str, str, int, str], ...]
    """(stage id, question id, eligible assets, state) per cell, stage-major."""


@dataclass(frozen=True, slots=True)
class History:
    """Coverage points in time order, with the stages they mention."""

    by: str
    """``commit``, ``week`` or ``month``."""
    points: tuple[Point, ...]
    """Oldest first."""
    stages: tuple[tuple[str, str], ...]
    """(stage id, name) of every stage that appears, in the order they first appear."""
    name: str = ""
    """The project's name at the newest point (empty without points)."""

    def count(self, point: Point, stage: str) -> int | None:
        """Return a stage's count at a point, or None when the stage did not exist then."""
        return next((count for sid, count, _ in point.stages if sid == stage), None)


def period_of(day: dt.date, by: str) -> str:
    """Return the label of the week (ISO) or month a day falls in."""
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def pick(commits: Sequence[tuple[str, dt.date]], by: str) -> list[tuple[str, int]]:
    """Return (period, index) of the commits that stand for each period.

    ``commits`` are (commit id, date), oldest first. By week or month the last commit of the
    period stands for it: the state of the library when the period ended.
    """
    if by == "commit":
        return [(commit[:12], i) for i, (commit, _) in enumerate(commits)]
    chosen: dict[str, int] = {}
    for i, (_, day) in enumerate(commits):
        chosen[period_of(day, by)] = i
    return sorted(chosen.items(), key=lambda item: item[1])


def point(report: Report, period: str, commit: str) -> Point:
    """Return the figures of one report as a point of history."""
    return Point(
        period=period,
        commit=commit,
        date=report.as_of,
        total=report.total,
        eligible=len(report.eligible),
        stuck=report.stuck,
        stages=tuple((row.stage.id, row.count, row.state) for row in report.stages),
        cells=tuple((c.stage, c.question, c.count, c.state) for c in report.cells),
    )


def history(by: str, points: Sequence[Point], names: dict[str, str]) -> History:
    """Gather points into a history; ``names`` gives each stage id its display name."""
    stages: dict[str, str] = {}
    for p in points:
        for sid, _, _ in p.stages:
            stages.setdefault(sid, names.get(sid, sid))
    return History(by, tuple(points), tuple(stages.items()))


def collect(by: str, sampled: Iterable[tuple[str, Revision, Snapshot | None]]) -> History:
    """Analyse each sampled snapshot on its own commit date and gather the points.

    ``sampled`` gives (period, commit, snapshot) oldest first, as `pick` chose them; a
    snapshot of None (no stagemap.yml at that commit) is left out.
    """
    points: list[Point] = []
    names: dict[str, str] = {}
    project = ""
    for period, revision, snap in sampled:
        if snap is None:
            continue
        report = analyse(snap.config, snap.library, revision.date)
        points.append(point(report, period, revision.commit))
        names.update({s.id: s.name for s in snap.config.model.stages})
        project = snap.config.name
    found = history(by, points, names)
    return History(found.by, found.points, found.stages, project)
