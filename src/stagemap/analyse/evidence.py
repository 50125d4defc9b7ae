"""Match imported signals to assets and stages, and say what happened: pure, no I/O.

A URL matches an asset when, normalised, it equals the asset's route: its path under the
content folder without the extension, ``index`` standing for its folder. A value that is an
asset id matches that asset. Stages match by id or by name, ignoring case, spaces and dashes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import unquote

from ..lazyre import lazy
from ..model.project import Project
from ..model.report import Gap
from ..model.signals import (
    NO_BASIS,
    AssetEvidence,
    Basis,
    Evidence,
    Period,
    SignalFile,
    StageEvidence,
    TouchRow,
    Unmatched,
)
from .rank import leak_first, lost_by_stage

_PAGE_SUFFIX = lazy(r"\.(html?|php|aspx?)$", re.IGNORECASE)
_CONTENT_SUFFIX = lazy(r"\.(md|markdown)$", re.IGNORECASE)


def normalise_url(text: str) -> str:
    """Return the path a URL names: no scheme, host, query or fragment, no trailing slash.

    ``https://example.com/Guides/pricing/?utm=x#top`` becomes ``/Guides/pricing``: the case
    of the path is kept. A first segment with a dot (``example.com/guides``) is a host,
    unless it ends like a page (``pricing.html``). A page ending (``.html``) and a last
    ``index`` are dropped, so ``/guides/index.html`` is ``/guides``.
    """
    value = text.strip().split("#", 1)[0].split("?", 1)[0]
    if "://" in value:
        value = "/" + value.split("://", 1)[1].partition("/")[2]
    elif value.startswith("//"):
        value = "/" + value[2:].partition("/")[2]
    elif not value.startswith("/"):
        first = value.partition("/")[0]
        if "." in first and not _PAGE_SUFFIX.search(first):
            value = "/" + value.partition("/")[2]
    path = re.sub(r"/+", "/", "/" + unquote(value).strip("/"))
    path = _PAGE_SUFFIX.sub("", path)
    path = re.sub(r"/_?index$", "", path)
    return path or "/"


def asset_routes(project: Project) -> dict[str, str]:
    """Return asset ids by the route derived from each asset's path under the content folder.

    When two assets share a route, the first by path keeps it. Once assets carry their
    public URL, that URL should be used here instead of the derived route.
    """
    try:
        prefix = project.config.content_dir.relative_to(project.config.root).as_posix()
    except ValueError:
        prefix = ""
    prefix = "" if prefix in ("", ".") else prefix + "/"
    routes: dict[str, str] = {}
    for asset in project.assets:
        rel = asset.path.removeprefix(prefix)
        routes.setdefault(normalise_url("/" + _CONTENT_SUFFIX.sub("", rel)), asset.id)
    return routes


def _stage_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "-", text.strip().lower())


@dataclass
class _Tally:
    """Figures being added up for one asset or stage."""

    views: int = 0
    visitors: int = 0
    touches: int = 0
    replies: int = 0
    buyers: set[str] = field(default_factory=set)
    moved: set[str] = field(default_factory=set)
    traffic: list[tuple[str, Period]] = field(default_factory=list)
    pipeline: list[tuple[str, Period]] = field(default_factory=list)


def _basis(seen: Iterable[tuple[str, Period]]) -> Basis:
    items = list(seen)
    if not items:
        return NO_BASIS
    start = min(p.start for _, p in items)
    end = max(p.end for _, p in items)
    return Basis(tuple(sorted({s for s, _ in items})), Period(start, end))


class _Matcher:
    """Adds signals up per asset and stage, and keeps what matches nothing."""

    def __init__(self, project: Project, routes: Mapping[str, str]) -> None:
        self.project, self.routes = project, routes
        self.ids = {a.id for a in project.assets}
        self.stage_index: dict[str, int] = {}
        for stage in project.model.stages:
            self.stage_index.setdefault(_stage_key(stage.id), stage.index)
            self.stage_index.setdefault(_stage_key(stage.name), stage.index)
        self.assets: dict[str, _Tally] = defaultdict(_Tally)
        self.stages: dict[int, _Tally] = defaultdict(_Tally)
        self.unmatched: dict[tuple[Literal["url", "stage"], str, str], list[int]] = defaultdict(
            lambda: [0, 0]
        )

    def asset(self, value: str) -> str | None:
        plain = value.strip().strip("/")
        if plain in self.ids:
            return plain
        return self.routes.get(normalise_url(value))

    def pages(self, file: SignalFile) -> None:
        for row in file.pages:
            asset = self.asset(row.url)
            if asset is None:
                miss = self.unmatched[("url", normalise_url(row.url), file.source)]
                miss[0], miss[1] = miss[0] + 1, miss[1] + row.views
                continue
            tally = self.assets[asset]
            tally.views += row.views
            tally.visitors += row.visitors or 0
            tally.traffic.append((file.source, row.period))

    def touches(self, files: Sequence[SignalFile]) -> None:
        rows = [(f.source, row) for f in files for row in f.touches]
        # Where each buyer was seen: (stage index, day), to tell who moved on later.
        seen: dict[str, list[tuple[int, dt.date]]] = defaultdict(list)
        for _, row in rows:
            index = self.stage_index.get(_stage_key(row.stage))
            if index is not None:
                seen[row.buyer].append((index, row.day))
        for source, row in rows:
            index = self.stage_index.get(_stage_key(row.stage))
            moved = index is not None and any(j > index and day >= row.day for j, day in seen[row.buyer])
            if index is None:
                self.unmatched[("stage", row.stage, source)][0] += 1
            else:
                self._add(self.stages[index], source, row, moved)
            asset = self.asset(row.url)
            if asset is None:
                self.unmatched[("url", normalise_url(row.url), source)][0] += 1
            else:
                self._add(self.assets[asset], source, row, moved)

    @staticmethod
    def _add(tally: _Tally, source: str, row: TouchRow, moved: bool) -> None:
        tally.touches += 1
        tally.replies += bool(row.replied)
        tally.buyers.add(row.buyer)
        if moved:
            tally.moved.add(row.buyer)
        tally.pipeline.append((source, row.period))


def evidence(project: Project, files: Sequence[SignalFile], routes: Mapping[str, str]) -> Evidence:
    """Return what the signal ``files`` say per asset and per stage of ``project``.

    ``routes`` maps normalised URLs to asset ids (see `asset_routes`). A buyer (a deal, else
    a contact) moved on from a touch at stage S when the data shows them at a later stage
    on the same day or after. A stage's leak is the buyers seen there who never moved on.
    """
    matcher = _Matcher(project, routes)
    for file in files:
        if file.kind == "pages":
            matcher.pages(file)
    matcher.touches([f for f in files if f.kind == "deals"])
    by_id = project.library.by_id
    assets = tuple(
        AssetEvidence(
            asset_id,
            by_id[asset_id].title,
            by_id[asset_id].stages,
            t.views,
            t.visitors,
            _basis(t.traffic),
            t.touches,
            t.replies,
            len(t.buyers),
            len(t.moved),
            _basis(t.pipeline),
        )
        for asset_id, t in sorted(matcher.assets.items())
    )
    stages = tuple(
        _stage(stage.id, stage.name, matcher.stages[stage.index], assets) for stage in project.model.stages
    )
    last = project.model.stages[-1].id if project.model.stages else ""
    leaks = sorted(
        (s for s in stages if s.lost > 0 and s.stage != last),
        key=lambda s: (-s.lost, -s.lost / s.arrived, project.model.stage_ids.index(s.stage)),
    )
    return Evidence(
        assets,
        stages,
        tuple(s.stage for s in leaks),
        tuple(a.asset for a in sorted(assets, key=lambda a: (-a.moved, a.asset)) if a.moved),
        tuple(
            Unmatched(value, what, source, n[0], n[1])
            for (what, value, source), n in sorted(matcher.unmatched.items())
        ),
        tuple((f.path, f.kind, f.source, f.period, f.rows) for f in files),
    )


def _stage(stage_id: str, name: str, tally: _Tally, assets: Sequence[AssetEvidence]) -> StageEvidence:
    serving = [a for a in assets if stage_id in a.stages]
    traffic = [(s, a.traffic.period) for a in serving if a.traffic.period for s in a.traffic.sources]
    return StageEvidence(
        stage_id,
        name,
        sum(a.views for a in serving),
        _basis(traffic),
        tally.touches,
        tally.replies,
        len(tally.buyers),
        len(tally.moved),
        _basis(tally.pipeline),
    )


def gather(project: Project, files: Sequence[SignalFile]) -> Evidence | None:
    """Return the evidence of the signal ``files`` (see `evidence`), or None when there are none.

    None keeps every output as it is without signals: nothing is shown, nothing re-ranked.
    """
    return evidence(project, files, asset_routes(project)) if files else None


def rank_by_leak(gaps: Sequence[Gap], found: Evidence) -> tuple[Gap, ...]:
    """Return ``gaps`` with those at leaking stages first, most buyers lost first (stable)."""
    return leak_first(gaps, lost_by_stage(found))
