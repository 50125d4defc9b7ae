"""Everything the site's pages show, worked out once into one frozen `SitePlan` before rendering.

Pure: the caller passes what was read (the project, the report for everyone, the content files
bodies may link to); nothing here reads or writes a file. The page functions in
`stagemap.render.site` only look values up in the plan.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..model.journey import PHASE_LABELS, PHASES
from ..model.kit import Kit
from ..model.library import PIPELINE, Asset, Library
from ..model.report import Cell, Report, StageCoverage
from ..model.settings import Config
from ..read.languages import unsuffixed
from .briefs import Brief, briefs
from .broken import BrokenFile, broken_files
from .bundles import bundle_addresses
from .coverage import inferred_steps
from .history import History
from .kits import build_kit
from .later import Later
from .latest import Latest
from .paging import ListPart, later_parts, plan_lists, site_order
from .paths import content_prefix, library_paths, link_key
from .reports import persona_report
from .routes import Routes, plan_routes
from .search import search_entry
from .views import (
    AssetView,
    PersonaView,
    QuestionView,
    StageView,
    asset_views,
    persona_view,
    question_view,
    stage_view,
)

STATES = ("ready", "scheduled", "stale", *PIPELINE, "retired")
"""An asset's state as the site shows it: its status, with published split by its days (not on
the site yet, past its review date)."""
OVERVIEWS = (
    ("home", "index.html"),
    ("stages", "stages.html"),
    ("plays", "plays.html"),
    ("gaps", "gaps.html"),
    ("assets", "assets.html"),
)
"""The site-wide pages, by kind and path, in the order they are made."""


def page_count(config: Config, library: Library, *, history: bool = False) -> int:
    """Return how many HTML pages the site has (for a progress bar)."""
    return len(site_pages(config, library, history=history))


def asset_state(asset: Asset, report: Report) -> str:
    """Return the asset's state for the site: ready, scheduled, stale, idea, draft, review or retired."""
    if asset.status == "published":
        if asset.is_stale(report.as_of):
            return "stale"
        return "scheduled" if asset.is_scheduled(report.as_of) else "ready"
    return asset.status


# -- the plan ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SitePage:
    """One HTML page of the site, before it is rendered."""

    path: str
    """Where it goes, relative to the site root."""
    kind: str
    """``home``, ``stages``, ``plays``, ``gaps``, ``assets``, ``history`` (the site-wide pages),
    ``stage``, ``play``, ``question``, ``persona``, ``asset`` or ``broken`` (a file left out);
    ``assets-part``, ``stage-part`` or ``persona-part`` for page 2 on of a list (see
    `stagemap.analyse.paging`)."""
    key: str
    """The stage, question, persona or asset id; ``STAGE`` or ``STAGE/PERSONA`` for a play; the
    file's path for a broken file; empty for the site-wide pages; ``ID/N`` (``N`` for all
    assets) for page N of a list."""
    asset: Asset | None
    """The asset of an asset page (its body is part of the page's record key), else None."""


@dataclass(frozen=True, slots=True)
class SitePlan:
    """Every fact the site's pages need, computed once from the project and its report."""

    config: Config
    """The project's settings."""
    library: Library
    """The library."""
    report: Report
    """The coverage report for everyone (no persona filter)."""
    site: Mapping[str, Any]
    """The ``site`` value every template receives (see `stagemap.render.site`)."""
    pages: tuple[SitePage, ...]
    """The HTML pages to render (see `plan_site`), in the order they are made: site-wide,
    stages, plays, questions, personas, assets."""
    paths: Mapping[str, str]
    """The page path of each asset id (see `asset_paths`)."""
    states: Mapping[str, str]
    """Each asset's state for the site, by id (see `asset_state`)."""
    ordered: tuple[Asset, ...]
    """Every asset in site order: by first stage, then title, then id."""
    names: Mapping[str, Mapping[str, str]]
    """Display names by kind (``stage``, ``question``, ``persona``) and id."""
    briefs: tuple[Brief, ...]
    """A brief per cell in the report's make-next list, in its order."""
    rows: tuple[tuple[StageCoverage, tuple[Cell, ...]], ...]
    """Each stage's row of the heatmap: its coverage and its cells."""
    counts: Mapping[str, int]
    """How many cells are covered, thin, empty and n/a."""
    formats: tuple[str, ...]
    """Every format the assets use, sorted."""
    shown_states: tuple[str, ...]
    """The states the assets list offers as filters (those in use, else all)."""
    stages: Mapping[str, StageView]
    """What each stage's page shows, by id (for the pages in `pages`)."""
    questions: Mapping[str, QuestionView]
    """What each question's page shows, by id (for the pages in `pages`)."""
    personas: Mapping[str, PersonaView]
    """What each persona's page shows, by id (for the pages in `pages`)."""
    broken: Mapping[str, BrokenFile]
    """Content files left out because of errors, by path: each has a page with its problems."""
    plays: Mapping[str, Kit]
    """The kit each play page shows, by its page key ``STAGE`` or ``STAGE/PERSONA`` (for `pages`)."""
    assets: Mapping[str, AssetView]
    """What each asset's page shows besides its body, by id (for the pages in `pages`)."""
    lists: Mapping[str, ListPart]
    """Every page of a paginated list (all assets, a stage's, a persona's) by path: which
    assets it shows and where the other pages of its list are."""
    links: LinkPlan
    """What asset bodies need to resolve their links: other bodies, copied files, routes, site-root files."""
    history: History | None = None
    """Coverage over the git history, when read for the overview or the history page."""
    inferred_dead_ends: int = 0
    """How many of the report's dead ends have a next step inferred from their links."""


@dataclass(frozen=True, slots=True)
class LinkPlan:
    """What an asset's body needs to resolve its links: nothing from the report, so known before it."""

    by_source: Mapping[str, str]
    """Asset ids by their file's key (`stagemap.analyse.paths.link_key`): its path in the
    content folder, or ``/`` and its path in the project for another source's."""
    paths: Mapping[str, str]
    """The page path of each asset id."""
    attachments: frozenset[str]
    """Files in the content folder (relative to it) that a body may link to and the site copies."""
    routes: Routes
    """Route links in bodies: the asset each route stands for, the files served from the site root."""
    sources: Mapping[str, str]
    """Each asset's file's key (see `by_source`), by id."""
    prefix: str = ""
    """The content folder relative to the project (empty: the project's own, or elsewhere):
    the files of other sources are named relative to the project, those in it relative to it."""
    names: frozenset[str] = frozenset()
    """The last part of every file a link may name (content files, attachments): a link from
    the root whose last part is none of them names no file, under any root."""
    rooted: dict[str, tuple[str | None, str]] = field(default_factory=dict, compare=False, repr=False)
    """What each link from the site's root (``/docs/x``) was found to be, by its path, filled in
    as bodies are rendered (`stagemap.render.links.BodyLinks`): the same for every page."""
    hosted: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """By asset id, where the host sends a link to its file, when not to its page (`RouteLinks._away`)."""


def plan_links(
    config: Config,
    library: Library,
    attachments: frozenset[str] = frozenset(),
    public: Mapping[str, tuple[str, str]] | None = None,
    getpage: bool = False,
    as_of: dt.date | None = None,
) -> LinkPlan:
    """Work out what bodies need to resolve their links (see `plan_site`, `Routes.getpage`, `plan_routes`)."""
    prefix = content_prefix(config)
    sources = {a.id: link_key(a.path, prefix) for a in library.assets}
    routes = replace(plan_routes(config, library, public or {}, as_of), getpage=getpage)
    if config.rules.generator == "hugo" and config.rules.url_lowercase:  # `stagemap.analyse.bundles`
        routes = replace(routes, bundled=bundle_addresses([*sources.values(), *routes.others], attachments))
    by_source = {source: asset_id for asset_id, source in sources.items()}
    for asset_id, source in sources.items() if config.rules.default_language else ():
        # ``setup.md`` names the default language's ``setup.en.md`` (`stagemap.read.filelanguages`).
        by_source.setdefault(unsuffixed(source, config.rules.default_language), asset_id)
    return LinkPlan(
        by_source=by_source,
        paths=library_paths(library),
        attachments=attachments,
        routes=routes,
        sources=sources,
        prefix="" if prefix == "." else prefix,
        names=frozenset(k.rpartition("/")[2] for k in (*by_source, *attachments, *routes.others)),
    )


def site_pages(config: Config, library: Library, *, history: bool = False) -> tuple[SitePage, ...]:
    """Return every HTML page of the site, in the order they are made (``history.html`` with ``history``).

    Worked out once for the same settings and library (a build asks for the progress bar,
    the page keys and the plan).
    """
    return _PAGES.get((config, library, history), lambda: _site_pages(config, library, history))


_PAGES: Latest[tuple[SitePage, ...]] = Latest()
"""The pages of the settings and library last asked about."""


def _site_pages(config: Config, library: Library, history: bool) -> tuple[SitePage, ...]:
    """Make the pages of `site_pages`."""
    paths = library_paths(library)
    lists = plan_lists(config, library)
    return (
        *(SitePage(path, kind, "", None) for kind, path in OVERVIEWS),
        *_parts(lists, "assets"),
        *((SitePage("history.html", "history", "", None),) if history else ()),
        *(SitePage(f"stages/{s.id}.html", "stage", s.id, None) for s in config.model.stages),
        *_parts(lists, "stage"),
        *(SitePage(f"plays/{s.id}.html", "play", s.id, None) for s in config.model.stages),
        *(
            SitePage(f"plays/{s.id}/{p.id}.html", "play", f"{s.id}/{p.id}", None)
            for s in config.model.stages
            for p in config.personas
        ),
        *(SitePage(f"questions/{q.id}.html", "question", q.id, None) for q in config.questions),
        *(SitePage(f"personas/{p.id}.html", "persona", p.id, None) for p in config.personas),
        *_parts(lists, "persona"),
        *(SitePage(paths[a.id], "asset", a.id, a) for a in library.assets),
        *(SitePage(b.path, "broken", b.source, None) for b in broken_files(config, library)),
    )


def _parts(lists: Mapping[str, ListPart], kind: str) -> tuple[SitePage, ...]:
    """The pages after the first of the lists whose first page is of ``kind``."""
    return tuple(SitePage(p.paths[p.number - 1], p.kind, p.key, None) for p in later_parts(lists, kind))


def plan_site(
    config: Config,
    library: Library,
    report: Report,
    *,
    generator: str,
    attachments: frozenset[str] = frozenset(),
    public: Mapping[str, tuple[str, str]] | None = None,
    render: Collection[str] | None = None,
    history: History | None = None,
    links: LinkPlan | None = None,
) -> SitePlan:
    """Work out everything the site shows; ``report`` must be for everyone.

    ``attachments``: content files bodies may link to; ``public``: files served from the site
    root (`Routes.files`); ``render``: the pages to render (None: all), the others' views are
    skipped; ``history`` adds the history page; ``links``: `plan_links` of the same arguments, if made already.
    """
    model = config.model
    links = links or plan_links(config, library, attachments, public)
    paths = links.paths
    states = {a.id: asset_state(a, report) for a in library.assets}
    ordered = site_order(config, library)
    pages = site_pages(config, library, history=history is not None)
    pages = tuple(p for p in pages if render is None or p.path in render)
    return SitePlan(
        config=config,
        library=library,
        report=report,
        site=_site_values(config, report, generator),
        pages=pages,
        paths=paths,
        states=states,
        ordered=ordered,
        names={
            "stage": {s.id: s.name for s in model.stages},
            "question": {q.id: q.name for q in config.questions},
            "persona": {p.id: p.name for p in config.personas},
        },
        briefs=briefs(config, library, report),
        broken={b.source: b for b in broken_files(config, library)},
        rows=tuple((row, tuple(c for c in report.cells if c.stage == row.stage.id)) for row in report.stages),
        counts={s: sum(c.state == s for c in report.cells) for s in ("covered", "thin", "empty", "n/a")},
        formats=tuple(sorted({a.format for a in library.assets if a.format})),
        shown_states=tuple(s for s in STATES if s in states.values()) or STATES,
        **_views(config, library, report, ordered, pages),
        links=links,
        lists=plan_lists(config, library),
        history=history,
        inferred_dead_ends=len(set(report.dead_ends).intersection(a for a, _ in report.inferred_next)),
    )


def search_entries(plan: SitePlan) -> SearchEntries:
    """Return the search index's entries: one per asset, in the order of their ids.

    In that order no edit of an asset's file moves it (in site order a new title or first stage
    moves every asset between its old and new place, and with them the index's positions). Not part
    of the plan: only the index's files need them, and a build works them out while its page
    workers render (see `stagemap.write.publish`).
    """
    assets = sorted(plan.ordered, key=operator.attrgetter("id"))
    place = {s.id: s.index for s in plan.config.model.stages}
    last = len(place)
    return SearchEntries(
        tuple(search_entry(a, plan.states[a.id], plan.paths[a.id]) for a in assets),
        tuple(min((place[s] for s in a.stages if s in place), default=last) for a in assets),
    )


@dataclass(frozen=True, slots=True)
class SearchEntries:
    """The search index's entries, and where each asset's journey starts (its matches are ranked by it)."""

    entries: tuple[dict[str, Any], ...]
    """One per asset, in the order of their ids (see `stagemap.analyse.search.search_entry`)."""
    journey: tuple[int, ...]
    """For each entry, the index of its first stage in the model (one more than the last for an untagged asset)."""


def _views(
    config: Config, library: Library, report: Report, ordered: tuple[Asset, ...], pages: tuple[SitePage, ...]
) -> dict[str, Any]:
    """Work out what the stage, question, persona and asset pages among ``pages`` show."""
    keys = {
        k: {p.key for p in pages if p.kind == k} for k in ("stage", "play", "question", "persona", "asset")
    }
    pipeline = tuple(a for a in ordered if a.in_pipeline)
    # Kits and persona reports are made when a page first asks (in its page worker: see
    # `Later`). One report per persona, shared by its persona page and its plays; one kit
    # for everyone per stage, shared by the stage's page and its play.
    wanted = {k.partition("/")[2] for k in keys["play"]} | keys["persona"]
    reports = Later(
        (p.id for p in config.personas if p.id in wanted),
        lambda persona: persona_report(config, library, report.as_of, persona),
    )
    kits = Later(
        (s.id for s in config.model.stages if s.id in keys["stage"] | keys["play"]),
        lambda stage: build_kit(config, library, report, stage),
    )
    return dict(
        stages=Later(
            (s.id for s in config.model.stages if s.id in keys["stage"]),
            lambda stage: stage_view(ordered, report, kits, config.model.stage(stage)),
        ),
        questions={
            q.id: question_view(config, report, pipeline, q)
            for q in config.questions
            if q.id in keys["question"]
        },
        personas=Later(
            (p.id for p in config.personas if p.id in keys["persona"]),
            lambda persona: persona_view(ordered, reports, config.persona(persona)),
        ),
        plays=Later(sorted(keys["play"]), lambda key: _play(config, library, kits, reports, key)),
        assets=asset_views(
            config,
            library,
            ordered,
            {p.key for p in pages if p.kind == "asset"},
            inferred_steps(report, library),
        ),
    )


def _site_values(config: Config, report: Report, generator: str) -> dict[str, Any]:
    model = config.model
    return {
        "title": config.site_title,
        "name": config.name,
        "purpose": config.purpose,
        "as_of": report.as_of.isoformat(),
        "generator": generator,
        "model": model,
        "stages": model.stages,
        "questions": config.questions,
        "personas": config.personas,
        "phases": [
            {"id": p, "label": PHASE_LABELS[p], "stages": [s for s in model.stages if s.phase == p]}
            for p in PHASES
            if any(s.phase == p for s in model.stages)
        ],
    }


def _play(
    config: Config, library: Library, kits: Mapping[str, Kit], reports: Mapping[str, Report], key: str
) -> Kit:
    """Build the kit of play ``STAGE`` (for everyone, the stage page's) or ``STAGE/PERSONA``."""
    stage, _, persona = key.partition("/")
    if not persona:
        return kits[stage]
    return build_kit(config, library, reports[persona], stage, persona=persona)
