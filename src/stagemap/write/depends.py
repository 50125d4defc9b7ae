"""What each page of the site shows, as one key per page: a page is reused while its key stays.

A page's key is a hash of the site-wide key (`stagemap.write.record.global_key`: stagemap's
version, the templates, the settings, the day, which assets exist and where their pages go)
and of the data that page shows, worked out from the library and its report without
rendering anything:

- an asset's page: the asset (front matter and body), the front matter of the asset its
  ``next`` names and of the assets whose ``next`` names it (their titles and states show);
- a stage's page: the front matter of the assets tagged with the stage and of the assets
  they lead to, and the report's facts about the stage (its row, its cells, its gaps, whether
  it is stuck, which of its assets a buyer can reach);
- a question's page: the front matter of the assets that answer it and its cells;
- a persona's page: the front matter of the assets for the persona (those naming it and those
  naming nobody), of the assets they lead to, and the shape of the journey's flow (each
  asset's id, stages, ``next`` and eligibility), which its report follows;
- page 2 on of a list (all assets, a stage's, a persona's; see `stagemap.analyse.paging`):
  the ids, in order, and front matter of the assets it shows, how many pages and assets the
  list has, and for the list of all assets the formats and states its filters offer; so an
  edit re-renders the pages of a list that show the asset, or whose assets move because of
  it, not the others;
- the history page: the commits it shows (period and commit id of each point, see
  `stagemap.write.timeline`), so it re-renders when a commit lands, and only then;
- a play (the kit of a stage, for everyone or one persona): what a kit shows of the assets
  tagged with the stage, of the assets their cells list and of the assets they lead to (the
  fields of an `AssetRef`, their state, stages, personas, next step and the fields stagemap
  does not know, such as ``answers``; their questions and ``updated`` day, by which a list
  longer than `KIT_LIMIT` picks what it shows; not the owner), and
  the facts of the report the kit is made from (the persona's own report for a persona's
  play) about the stage: its row, its cells, its gaps, whether it is stuck, whether flow is
  tracked, which of those assets count and which a buyer can reach;
- the stages page and the plays grid: each stage's state and count, and which are stuck;
- the overview, gaps and asset-list pages and each page of a file left out because of
  its problems: the front matter of every asset, and the library's problems; the overview
  also the history's commits (it shows a small history chart).

So editing one asset's front matter re-renders its page, the pages it appears on, the
plays of its stages and the overview pages; editing its body re-renders its page alone. The order of the assets on
a page is not part of a key: it follows from the front matter that is.

Project templates can show anything a template receives (every asset's state, the problems):
with any template under ``templates/site/``, the site-wide key takes in every asset's front
matter and the problems, and a front-matter edit re-renders every page, as it always may.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import operator
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..analyse.audience import is_internal
from ..analyse.paging import LIST_PARTS, ListPart, plan_lists
from ..analyse.reports import persona_report, remember_reports, report_inputs
from ..analyse.site import asset_state
from ..model.library import Asset, Library
from ..model.report import Report
from ..model.settings import Config

__all__ = ["digest", "front", "page_keys", "stable"]


def digest(*parts: Any) -> str:
    """Return the sha256 of the parts, each as bytes or by its repr (length-prefixed)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogateescape")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def stable(value: Any) -> Any:
    """Return ``value`` with sets and mappings sorted, so that its repr is the same in every process.

    (A set's order changes with Python's per-process string hashing.)
    """
    if isinstance(value, (str, int, float, dt.date)) or value is None:
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(stable(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, (set, frozenset)):
        return sorted((stable(v) for v in value), key=repr)
    if isinstance(value, Mapping):
        return sorted(((repr(k), stable(v)) for k, v in value.items()), key=lambda item: item[0])
    if isinstance(value, (list, tuple)):
        return [stable(v) for v in value]
    return value


def front(asset: Asset) -> str:
    """Return the hash of every field of an asset but its body (new fields are in without a change here)."""
    values = tuple(getattr(asset, name) for name in _FRONT_FIELDS)
    if not asset.extra:
        return _front_hash(values)
    return _hash(repr((values, stable(asset.extra))))


@functools.lru_cache(maxsize=1 << 16)
def _front_hash(values: tuple[Any, ...]) -> str:
    """Hash front matter without extra fields; remembered, so that ``serve`` hashes only what changed.

    The fields are strings, tuples of strings, dates and numbers, whose repr is stable.
    """
    return _hash(repr((values, [])))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


@functools.lru_cache(maxsize=1 << 16)
def _body_hash(body: str) -> str:
    """Hash a body; remembered, so that ``serve`` hashes only the edited one (a kept body's string hash is cached)."""
    return _hash(body)


_FRONT_FIELDS = tuple(f.name for f in dataclasses.fields(Asset) if f.name not in ("body", "extra"))


def library_key(library: Library) -> tuple[dict[str, str], str]:
    """Return each asset's front-matter hash by id, and one hash of them all and the problems.

    Remembered for the latest library: the report and the page keys of one build both ask.
    """
    if _LIBRARY and _LIBRARY[0][0] is library:
        return _LIBRARY[0][1]
    # ``serve`` reads an unchanged file into the same `Asset`: only the edited one is hashed again.
    old, known = (_LIBRARY[0][0].by_id, _LIBRARY[0][1][0]) if _LIBRARY else ({}, {})
    fronts = {a.id: known[a.id] if old.get(a.id) is a else front(a) for a in library.assets}
    found = fronts, digest(sorted(fronts.items()), stable(library.problems))
    _LIBRARY[:] = [(library, found)]
    return found


_LIBRARY: list[tuple[Library, tuple[dict[str, str], str]]] = []


def same_report(inputs: str, make: Callable[[], Report]) -> Report:
    """Return ``make()``, or the report it made last time when ``inputs`` (a hash of everything it reads) are the same.

    ``serve`` builds again after every save; an edit to a body, or to front matter the report
    does not read (`stagemap.analyse.reports.report_inputs`), leaves the report as it was.
    """
    if not _REPORT or _REPORT[0][0] != inputs:
        _REPORT[:] = [(inputs, make())]
    return _REPORT[0][1]


_REPORT: list[tuple[str, Report]] = []


def page_keys(
    config: Config,
    library: Library,
    report: Report,
    pages: Iterable[tuple[str, str, str]],
    base: str,
    outside: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Return each page's key by path; ``pages`` are (path, kind, id) and ``base`` is the site-wide key.

    ``outside`` gives, by kind of page, a key of data from outside the library that those
    pages show too (the history's commits for the overview and the history page).
    """
    outside = outside or {}
    fronts, everything = library_key(library)
    shows = _Shows(config, library, report, fronts, digest(base, report_inputs(library)))
    # The other pages show no body: with the same site-wide key, front matter and report
    # (a body edit in ``serve``), their keys are the last build's.
    same = (base, everything, sorted(outside.items()))
    known = _OTHERS[0] if _OTHERS and _OTHERS[0][0] == same and _OTHERS[0][1] is report else None
    keys = {}
    others = {}
    for path, kind, key in pages:
        if kind == "asset":
            # The commonest page, so hashed as one string (ids by their repr: no NUL in them).
            keys[path] = _hash(f"{base}\0asset\0{key!r}\0" + shows.asset(key))
        elif known is not None and path in known[2]:
            keys[path] = known[2][path]
        else:
            keys[path] = others[path] = _other_key(shows, base, everything, outside, (path, kind, key))
    if known is None:
        _OTHERS[:] = [(same, report, others)]
    return keys


_OTHERS: list[tuple[Any, Report, dict[str, str]]] = []
"""The keys of the pages other than assets' from the latest build, with what they were made from."""


def _other_key(
    shows: _Shows, base: str, everything: str, outside: Mapping[str, str], page: tuple[str, str, str]
) -> str:
    """Return the key of a page that is not an asset's (see the module docstring)."""
    path, kind, key = page
    if kind in LIST_PARTS:
        return digest(base, kind, key, shows.part(path))
    if kind in _WHOLE_LIBRARY:
        return digest(base, kind, everything, *([outside[kind]] if kind in outside else []))
    if kind == "history":
        return digest(base, kind, outside.get(kind))
    return digest(base, kind, key, getattr(shows, kind)(key))


_WHOLE_LIBRARY = frozenset({"home", "gaps", "assets", "broken"})
"""The kinds of page keyed by every asset's front matter and the problems (see the module docstring)."""


class _Shows:
    """The data each kind of page shows, by the page's id (see the module docstring)."""

    def __init__(
        self, config: Config, library: Library, report: Report, fronts: dict[str, str], inputs: str
    ) -> None:
        self.config = config
        self.report = report
        self.fronts = fronts
        self.library = library
        self.by_id = library.by_id
        self.assets = library.assets
        self.incoming: dict[str, list[str]] = {}
        for asset in library.assets:
            if asset.next:
                self.incoming.setdefault(asset.next, []).append(asset.id)
        self._flow: str | None = None
        self._lists: dict[str, ListPart] | None = None
        self._filters: tuple[list[str], list[str]] | None = None
        self._reports: dict[str, Report] = {"": report}
        self._inputs = inputs
        """A hash of everything a persona's report reads: the site-wide key, what is analysed of the assets."""
        self._kits: dict[str, tuple[str, set[str], set[str]]] = {}
        self._reach: dict[str, frozenset[str]] = {}
        self._shown: dict[str, tuple[Any, ...]] = {}

    def _of(self, ids: Iterable[str]) -> list[tuple[str, str | None]]:
        """The front-matter hashes of the assets (None for an id that is no asset), by id."""
        return sorted((i, self.fronts.get(i)) for i in set(ids))

    def _targets(self, assets: list[Asset]) -> list[tuple[str, str | None]]:
        return self._of(a.next for a in assets if a.next)

    def flow(self, as_of: dt.date) -> str:
        if self._flow is None:
            self._flow = digest(sorted((a.id, a.stages, a.next, a.is_eligible(as_of)) for a in self.assets))
        return self._flow

    def asset(self, asset_id: str) -> str:
        asset = self.by_id[asset_id]
        fronts = self.fronts
        incoming = self.incoming.get(asset_id, ())
        if len(incoming) > 1:
            incoming = sorted(incoming)
        parts = [fronts[asset_id], _body_hash(asset.body), repr(asset.next), str(fronts.get(asset.next))]
        parts += [f"{i!r} {fronts[i]}" for i in incoming]
        return "\0".join(parts)

    def part(self, path: str) -> Any:
        if self._lists is None:
            self._lists = plan_lists(self.config, self.library)
        part = self._lists[path]
        shown = [(i, self.fronts[i]) for i in part.ids]
        if part.owner:
            return (shown, part.total, part.count)
        return (shown, part.total, part.count, self._offered())

    def _offered(self) -> tuple[list[str], list[str]]:
        """The formats and states the list of all assets offers to filter by (the same on each of its pages)."""
        if self._filters is None:
            report = self.report
            self._filters = (
                sorted({a.format for a in self.assets if a.format}),
                sorted({asset_state(a, report) for a in self.assets}),
            )
        return self._filters

    def stage(self, stage_id: str) -> Any:
        here = [a for a in self.assets if stage_id in a.stages]
        ids = {a.id for a in here}
        report = self.report
        return (
            self._of(ids),
            self._targets(here),
            stable([row for row in report.stages if row.stage.id == stage_id]),
            stable([cell for cell in report.cells if cell.stage == stage_id]),
            stable([gap for gap in report.next_to_make if gap.stage == stage_id]),
            stage_id in report.stuck,
            sorted(ids.intersection(report.reachable)),
        )

    def question(self, question_id: str) -> Any:
        return (
            self._of(a.id for a in self.assets if question_id in a.questions),
            stable([cell for cell in self.report.cells if cell.question == question_id]),
        )

    def persona(self, persona_id: str) -> Any:
        serving = [a for a in self.assets if not a.personas or persona_id in a.personas]
        return (
            self._of(a.id for a in serving),
            self._targets(serving),
            self.flow(self.report.as_of),
        )

    def stages(self, _key: str) -> Any:
        report = self.report
        return [(row.state, row.count) for row in report.stages], sorted(report.stuck)

    def plays(self, _key: str) -> Any:
        return [(row.state, row.count) for row in self.report.stages]

    def play(self, key: str) -> Any:
        """A stage's kit for everyone (``STAGE``) or a persona (``STAGE/PERSONA``): see `build_kit`."""
        stage_id, _, persona = key.partition("/")
        report = self._report(persona)
        shown, ids, targets = self._stage_kit(stage_id)
        cells = [cell for cell in report.cells if cell.stage == stage_id]
        listed = set().union(*(cell.assets for cell in cells)) - ids
        reachable = self._reachable(persona)
        return (
            shown,
            sorted(self._in_kit(i) for i in listed),
            sorted((t, t in reachable) for t in targets),
            stable([row for row in report.stages if row.stage.id == stage_id]),
            stable(cells),
            stable([gap for gap in report.next_to_make if gap.stage == stage_id]),
            stage_id in report.stuck,
            report.flow_tracked,
            sorted(ids.intersection(report.eligible)),
            sorted(ids.intersection(reachable)),
        )

    def _stage_kit(self, stage_id: str) -> tuple[str, set[str], set[str]]:
        """What every play of a stage shows of its assets and their targets (hashed), their ids, the targets."""
        if stage_id not in self._kits:
            here = [a for a in self.assets if stage_id in a.stages]
            ids = {a.id for a in here}
            targets = {a.next for a in here if a.next}
            # Sorted by id is sorted by what is shown (the id comes first, and ids are unique).
            kits = [self._in_kit(i) for i in sorted(ids | targets)]
            last = _KITS.get(stage_id)
            # Each asset shown by the same object as in the last build (``serve``): the same hash.
            if last is None or len(last[0]) != len(kits) or not all(map(operator.is_, last[0], kits)):
                _KITS[stage_id] = last = (kits, digest(kits))
            self._kits[stage_id] = (last[1], ids, targets)
        return self._kits[stage_id]

    def _reachable(self, persona: str) -> frozenset[str]:
        if persona not in self._reach:
            self._reach[persona] = frozenset(self._report(persona).reachable)
        return self._reach[persona]

    def _in_kit(self, asset_id: str) -> tuple[Any, ...]:
        """What a kit shows of an asset (an `AssetRef`, its state, where it leads), or the id of no asset."""
        found = self._shown.get(asset_id)
        if found is None:
            a = self.by_id.get(asset_id)
            last = _IN_KIT.get(asset_id)
            if a is None:
                found = (asset_id,)
            elif last is not None and last[0] is a and last[1] == self.report.as_of:
                found = last[2]  # the same asset on the same day shows the same (``serve``)
            else:
                shown = (a.title, a.format, a.summary, a.message, a.status, a.cta, a.path, a.url, a.stages)
                state = asset_state(a, self.report)
                # Also the fields it does not know (a kit may show ``answers``), and the questions
                # and updated day, by which a list cut to KIT_LIMIT picks what it shows.
                extra = (stable(a.extra), a.questions, a.updated)
                found = (asset_id, *shown, a.next, a.personas, is_internal(a), state, *extra)
                _IN_KIT[asset_id] = (a, self.report.as_of, found)
            self._shown[asset_id] = found
        return found

    def _report(self, persona: str) -> Report:
        """The report a play's kit is made from: for everyone, or for one persona (as the site makes it)."""
        if persona not in self._reports:
            config, library, as_of = self.config, self.library, self.report.as_of
            known = _PERSONA_REPORTS.get(persona)
            if known is not None and known[0] == self._inputs:
                remember_reports(config, library, as_of, {persona: known[1]})
            else:
                made = persona_report(config, library, as_of, persona)
                known = _PERSONA_REPORTS[persona] = (self._inputs, made)
            self._reports[persona] = known[1]
        return self._reports[persona]


_IN_KIT: dict[str, tuple[Asset, dt.date, tuple[Any, ...]]] = {}
"""What a kit showed of each asset lately, with the asset and the day; `_KITS`: their hash by stage."""
_KITS: dict[str, tuple[list[tuple[Any, ...]], str]] = {}
_PERSONA_REPORTS: dict[str, tuple[str, Report]] = {}
"""The latest report for each persona, with the hash of its inputs: ``serve`` builds again after
each save, and most edits (a body, a title) leave every report as it was."""
