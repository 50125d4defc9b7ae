"""What each page of the site shows, as one key per page: a page is reused while its key stays.

A page's key is a hash of the site-wide key (`stagemap.write.record.global_key`: stagemap's
version, the templates, the settings, the day, which assets exist and where their pages go)
and of the data that page shows, worked out from the library and its report without
rendering anything:

- an asset's page: the asset (front matter and body, the partials the body shows,
  `stagemap.render.partials`, where its autorefs' links go, `stagemap.render.mkdocsyntax.api_links`),
  the front matter of the asset it leads to (``next``, or inferred) and of those whose ``next`` names it;
- a stage's page: the front matter of the assets tagged with the stage and of the assets
  they lead to, and the report's facts about the stage (its row, its cells, its gaps, whether
  it is stuck, which of its assets a buyer can reach);
- a question's page: its cells, and the front matter of the assets its lists show: the first
  ``page_size`` of each cell's and of each stage's assets in the making (which, and in which
  order, is part of the key, with how many each list has);
- a persona's page: what it shows of the persona's report (each stage's state, count, first
  ``page_size`` assets and how many it has; which stages are stuck), the front matter of those
  assets, and the first page of the assets that name it, keyed as a list's page is (below);
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
  also the history's commits (it shows a small history chart). The next steps inferred from
  links, which it counts, follow from the front matter: it holds `Asset.links`.

So editing one asset's front matter re-renders its page, the pages that show it, the plays
of its stages and the overview pages; editing its body re-renders its page alone. Where a
page shows only the first assets of a list (a list's pages, a persona's or a question's
page), which assets and in which order is part of its key; elsewhere the order follows from
the front matter, which is.

Project templates can show anything a template receives (every asset's state, the problems):
with any template under ``templates/site/``, the site-wide key takes in every asset's front
matter and the problems, and a front-matter edit re-renders every page, as it always may.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..analyse.audience import is_internal
from ..analyse.coverage import inferred_steps
from ..analyse.paging import LIST_PARTS, ListPart, plan_lists, site_order
from ..analyse.reports import persona_report, remember_reports, report_inputs
from ..analyse.site import asset_state
from ..model.library import Asset, Library
from ..model.report import Report
from ..model.settings import Config
from ..render import mkdocsyntax, partials
from .hashes import body_hash, digest, front, library_key, projected, same_report, stable, text_hash
from .shown import incoming, members, persona_facts, placed, play_facts, question_facts, stage_facts

__all__ = ["digest", "front", "library_key", "page_keys", "same_report", "stable"]


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
    assets = _asset_keys(shows, base)
    for path, kind, key in pages:
        if kind == "asset":
            keys[path] = assets(key)
        elif known is not None and path in known[2]:
            keys[path] = known[2][path]
        else:
            keys[path] = others[path] = _other_key(shows, base, everything, outside, (path, kind, key))
    if known is None:
        _OTHERS[:] = [(same, report, others)]
    return keys


_OTHERS: list[tuple[Any, Report, dict[str, str]]] = []
"""The keys of the pages other than assets' from the latest build, with what they were made from."""


def _asset_keys(shows: _Shows, base: str) -> Callable[[str], str]:
    """Return the key of an asset's page by id, taken from the last build's where nothing it shows changed.

    An asset's page shows the asset, the front matter of the asset it leads to (its ``next``, else
    its inferred step) and of those whose ``next`` names it. With the same site-wide key (``serve``),
    only the pages of the assets read again (another `Asset`), of those they lead to or led to, of
    those leading or inferring a step to them, and of those whose inferred step moved can change key.
    """
    by_id, inferred = shows.by_id, shows.inferred
    _, old, was = _ASSET_KEYS[0] if _ASSET_KEYS and _ASSET_KEYS[0][0] == base else (base, {}, {})
    again: set[str] | None = None
    if old:
        again = {i for i in was.keys() | inferred.keys() if was.get(i) != inferred.get(i)}
        incoming = shows._incoming()
        rules, site = shows.config.rules, shows.library.site_params
        for asset in shows.assets:
            last = old.get(asset.id)
            changed = last is None or last[0] is not asset or partials.applies(asset.path, rules, asset.body)
            if changed or mkdocsyntax.may_reference(asset.body, site):  # (partials', references' links)
                again.update((asset.id, asset.next, last[0].next if last is not None else ""))
                again.update(incoming.get(asset.id, ()))
        again.update(i for i, target in inferred.items() if target in again)  # (its title, its state)
    kept: dict[str, tuple[Asset, str]] = {}
    _ASSET_KEYS[:] = [(base, kept, inferred)]

    def key_of(asset_id: str) -> str:
        last = old.get(asset_id)
        if last is None or again is None or asset_id in again:
            # The commonest page, so hashed as one string (ids by their repr: no NUL in them).
            last = (by_id[asset_id], text_hash(f"{base}\0asset\0{asset_id!r}\0" + shows.asset(asset_id)))
        kept[asset_id] = last
        return last[1]

    return key_of


_ASSET_KEYS: list[tuple[str, dict[str, tuple[Asset, str]], dict[str, str]]] = []
"""The latest build's site-wide key, each asset page's key by id with the `Asset` it was made from, the inferred steps."""


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
    if kind == "persona":  # its first page lists the assets that name it
        return digest(base, kind, key, shows.persona(key, path))
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
        self._lists: dict[str, ListPart] | None = None
        self._filters: tuple[list[str], list[str]] | None = None
        self._reports: dict[str, Report] = {"": report}
        self._inputs = inputs
        """A hash of everything a persona's report reads: the site-wide key, what is analysed of the assets."""
        self.inferred = inferred_steps(report, library)
        # What follows from fields the reports read (the flow, each asset's state) is kept while
        # those stay as they were (``serve``, after a title or body edit); which assets a page
        # lists and where they lead, while their stages, questions, personas and next steps stay.
        self._groups = _kept(_GROUPS, inputs)
        self._placed = _kept(_PLACED, projected(library, "placed", placed))
        self._kits: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
        self._pipeline: list[Asset] | None = None
        """The assets in the making, in site order (see `_making`)."""
        self._shown: dict[str, tuple[Any, ...]] = {}

    def _group(self, key: tuple[str, ...], make: Callable[[], Any]) -> Any:
        """Return ``make()`` (which reads only fields the reports read), remembered with them."""
        if key not in self._groups:
            self._groups[key] = make()
        return self._groups[key]

    def _facts(self, persona: str, key: tuple[str, ...], make: Callable[[Report], Any]) -> Any:
        """Return ``make(report)`` for the persona's report (``""``: everyone's), remembered with that report."""
        report = self._report(persona)
        last = _FACTS.get(persona)
        if last is None or last[0] is not report or last[1] != self._inputs:
            last = _FACTS[persona] = (report, self._inputs, {})
        if key not in last[2]:
            last[2][key] = make(report)
        return last[2][key]

    def _of(self, ids: tuple[str, ...]) -> str:
        """The ids (sorted, unique) and front-matter hashes of assets (None for an id that is no asset), hashed."""
        fronts = self.fronts
        return text_hash("\0".join(f"{i!r} {fronts.get(i)}" for i in ids))

    def _members(self, kind: str, key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The ids of the assets of a stage, question or persona, and the ids their next steps name (each sorted)."""
        if (kind, key) not in self._placed:
            self._placed[kind, key] = members(self.assets, kind, key)
        return self._placed[kind, key]  # type: ignore[no-any-return]

    def _incoming(self) -> dict[str, list[str]]:
        """The ids of the assets whose next step names an id, sorted, by that id."""
        if ("incoming",) not in self._placed:
            self._placed["incoming",] = incoming(self.assets)
        return self._placed["incoming",]  # type: ignore[no-any-return]

    def flow(self) -> str:
        as_of = self.report.as_of
        return self._group(  # type: ignore[no-any-return]
            ("flow",),
            lambda: digest(sorted((a.id, a.stages, a.next, a.is_eligible(as_of)) for a in self.assets)),
        )

    def asset(self, asset_id: str) -> str:
        asset = self.by_id[asset_id]
        fronts = self.fronts
        led = asset.next or self.inferred.get(asset_id, "")  # written, else inferred from its links
        parts = [fronts[asset_id], body_hash(asset.body), repr((asset.next, led)), str(fronts.get(led))]
        parts += mkdocsyntax.api_links(asset.body, self.library.site_params)  # (where autorefs link)
        parts += [f"{i!r} {fronts[i]}" for i in self._incoming().get(asset_id, ())]
        if partials.applies(asset.path, self.config.rules, asset.body):
            shown = partials.shown_for(self.config, asset.path, asset.body, asset.extra)
            parts += [f"{path}\0{'-' if text is None else text_hash(text)}" for path, text in shown]
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
            states = self._group(("states",), lambda: sorted({asset_state(a, report) for a in self.assets}))
            self._filters = sorted({a.format for a in self.assets if a.format}), states
        return self._filters

    def stage(self, stage_id: str) -> Any:
        ids, targets = self._members("stage", stage_id)
        return (
            self._of(ids),
            self._of(targets),
            self._facts("", ("stage", stage_id), stage_facts(stage_id, ids)),
        )

    def question(self, question_id: str) -> Any:
        size = self.config.page_size
        cells, listed = self._facts("", ("question", question_id), question_facts(question_id, size))
        making = self._making(question_id)
        shown = {i for ids in making.values() for i in ids[:size]}.union(listed)
        return (
            cells,
            [(s, ids[:size], len(ids)) for s, ids in making.items()],
            self._of(tuple(sorted(shown))),
        )

    def _making(self, question_id: str) -> dict[str, list[str]]:
        """The ids of the question's assets in the making at each stage that asks it, in site order."""
        config = self.config
        if self._pipeline is None:  # once for every question
            self._pipeline = [a for a in site_order(config, self.library) if a.in_pipeline]
        pipeline = [a for a in self._pipeline if question_id in a.questions]
        asking = [s.id for s in config.model.stages if config.asks(s.id, question_id)]
        return {s: [a.id for a in pipeline if s in a.stages] for s in asking}

    def persona(self, persona_id: str, path: str) -> Any:
        """Its report's rows with the first assets of each, and the first page of the assets that name it."""
        rows, listed = self._facts(persona_id, ("persona",), persona_facts(self.config.page_size))
        return (rows, self._of(tuple(listed)), self.part(path))

    def stages(self, _key: str) -> Any:
        report = self.report
        return [(row.state, row.count) for row in report.stages], sorted(report.stuck)

    def plays(self, _key: str) -> Any:
        return [(row.state, row.count) for row in self.report.stages]

    def play(self, key: str) -> Any:
        """A stage's kit for everyone (``STAGE``) or a persona (``STAGE/PERSONA``): see `build_kit`."""
        stage_id, _, persona = key.partition("/")
        shown, ids, targets = self._stage_kit(stage_id)
        facts, listed = self._facts(persona, ("play", stage_id), play_facts(stage_id, ids, targets))
        return (shown, [self._in_kit(i) for i in listed], facts)

    def _stage_kit(self, stage_id: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """What every play of a stage shows of its assets and their targets (hashed), their ids, the targets."""
        if stage_id not in self._kits:
            ids, targets = self._members("stage", stage_id)
            # Sorted by id is sorted by what is shown (the id comes first, and ids are unique).
            if ("kit", stage_id) not in self._placed:
                self._placed["kit", stage_id] = sorted(set(ids).union(targets))
            shown = self._placed["kit", stage_id]
            kits = [self._in_kit(i) for i in shown]
            last = _KITS.get(stage_id)
            # Each asset shown by the same object as in the last build (``serve``): the same hash.
            if last is None or len(last[0]) != len(kits) or not all(map(operator.is_, last[0], kits)):
                _KITS[stage_id] = last = (kits, text_hash("".join(map(_kit_hash, kits))))
            self._kits[stage_id] = (last[1], ids, targets)
        return self._kits[stage_id]

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
_KIT_HASHES: dict[str, tuple[tuple[Any, ...], str]] = {}
"""The hash of what a kit showed of each asset lately (see `_kit_hash`)."""


def _kit_hash(shown: tuple[Any, ...]) -> str:
    """Return the hash of what a kit shows of an asset; the same tuple as the last time (``serve``) is not hashed again."""
    last = _KIT_HASHES.get(shown[0])
    if last is None or last[0] is not shown:
        last = _KIT_HASHES[shown[0]] = (shown, text_hash(repr(shown)))
    return last[1]


_PERSONA_REPORTS: dict[str, tuple[str, Report]] = {}
"""The latest report for each persona, with the hash of its inputs: ``serve`` builds again after
each save, and most edits (a body, a title) leave every report as it was."""
_GROUPS: list[tuple[str, dict[tuple[str, ...], Any]]] = []
"""What the latest page keys found from the fields the reports read (see `_Shows._group`), with their hash."""
_PLACED: list[tuple[str, dict[tuple[str, ...], Any]]] = []
"""Which assets the latest pages listed and where they lead (see `_Shows._members`), with the hash of `placed`."""


def _kept(store: list[tuple[str, dict[tuple[str, ...], Any]]], inputs: str) -> dict[tuple[str, ...], Any]:
    """Return the values kept in ``store`` for ``inputs``, emptied first when they were found from others."""
    if not store or store[0][0] != inputs:
        store[:] = [(inputs, {})]
    return store[0][1]


_FACTS: dict[str, tuple[Report, str, dict[tuple[str, ...], Any]]] = {}
"""What pages showed of each persona's latest report (``""``: everyone's), with that report and its inputs."""
