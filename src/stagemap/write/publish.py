"""Build the static site of a project into a folder: the one place where analyse, render and write meet.

In order: ask the page record which of the site's pages can be reused as they are on disk;
analyse the project into a `SitePlan` for the others (on a build with no page to reuse, a
worker renders asset bodies meanwhile: see `Ahead`); render only those (in worker processes
and this one, each writing its own pages to temporary files), this process first making the
static files, the search index and, on a build with no record, the page keys; add the content
files the pages link to; then rename everything into place, remove what no longer belongs and
record what was written for the next build.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .._version import __version__
from ..analyse.coverage import analyse
from ..analyse.evidence import gather
from ..analyse.paging import LIST_PARTS
from ..analyse.reports import persona_report, report_inputs
from ..analyse.site import (
    LinkPlan,
    SitePage,
    SitePlan,
    page_count,
    plan_links,
    plan_site,
    search_entries,
    site_pages,
)
from ..model.library import Library
from ..model.project import Project
from ..model.report import Report
from ..model.settings import Config
from ..read.attachments import attachment_at, linkable, read_attachment, served_files
from ..read.linkhooks import getpage_links
from ..read.signals import read_signals
from ..render.assetbody import asset_body
from ..render.environment import environment
from ..render.partials import files_shown
from ..render.searchindex import SEARCH_DIR, SearchIndex
from ..render.site import prepare, render_page
from ..render.static import static_files
from .ahead import Ahead
from .depends import digest, page_keys, same_report, stable
from .hashes import search_key
from .record import Kept, PageRecord, global_key
from .timeline import Timeline, read_history, timeline
from .tree import Staged, Stager, stager_for, stream_tree, unchanged_since
from .workers import parallel_map

__all__ = ["Progress", "Published", "build_into", "page_count"]

HISTORY_PAGES = frozenset({"index.html", "history.html"})
"""The pages that show the coverage history, when the site has one (the overview, a small chart)."""
Progress = Callable[[int], object]
"""Told how many of the pages to render are made so far (see `stagemap.write.workers.parallel_map`)."""


@dataclass(frozen=True, slots=True)
class Published:
    """What a build did to its output folder."""

    out_dir: Path
    """The output folder."""
    pages: int
    """HTML pages in the site."""
    files: int
    """Files in the site, pages included."""
    changed: tuple[str, ...]
    """Files written because they were new or different."""
    removed: tuple[str, ...]
    """Files an earlier build wrote that no longer belong."""
    shown: tuple[str, ...] = ()
    """Other files the pages show (partials, includes: `stagemap.render.partials.files_shown`)."""


def build_into(
    project: Project,
    out_dir: Path,
    as_of: dt.date,
    *,
    workers: int = 1,
    progress: Progress | None = None,
    env: jinja2.Environment | None = None,
    kept: Kept | None = None,
    also: Callable[[], object] | None = None,
) -> Published:
    """Build the site of a loaded project into ``out_dir``, rendering only what changed.

    See `stagemap.write.record` for what decides that a page can be reused. ``env``: the
    project's template environment when the caller keeps one between builds (``serve``);
    ``kept``: the page record, kept in memory by such a caller (see `Kept`); ``also``: more
    work for this process, done once the page workers have started (a build's parse cache).
    """
    config, library = project.config, project.library
    record = PageRecord(config, out_dir, kept)
    links = plan_links(config, library, linkable(config), served_files(config), getpage_links(config), as_of)
    # With no page to reuse, every asset's body is rendered, and none needs the report: a
    # worker renders bodies while this process makes the report and the plan alone.
    ahead = None if record.may_reuse() else _bodies_ahead(config, library, links, workers)
    try:
        plan, base, later = _plan(project, as_of, record, links)
        bodies = ahead.take() if ahead is not None else {}
    finally:
        if ahead is not None:
            ahead.close()
    env = env or environment(config.templates_dir)
    stager = stager_for(out_dir)
    rendered: dict[str, list[str]] = {}
    search = functools.partial(search_key, base, library)
    later = _both(also, later)
    files = _site_files(plan, env, record, stager, rendered, workers, progress, later, search, bodies)
    adopt = unchanged_since(out_dir, record.unlisted())
    written: set[str] = set()
    changed, removed = stream_tree(out_dir, _noted(files, written), record.reused.keys(), stager, adopt=adopt)
    # The folder now holds what was written and the reused pages (all listed: see `PageRecord.fresh`).
    every = written | record.reused.keys()
    count = sum(p.endswith(".html") and not p.startswith(("files/", "public/")) for p in every)
    record.save(rendered)
    shown = files_shown(config, library.assets)
    return Published(out_dir, count, len(every), tuple(changed), tuple(removed), shown)


def _plan(
    project: Project, as_of: dt.date, record: PageRecord, links: LinkPlan
) -> tuple[SitePlan, str, Callable[[], None] | None]:
    """Analyse the project into the plan of the pages to render; return it, the site-wide key and
    the record's keys to work out while the pages render (None: worked out already)."""
    config, library = project.config, project.library
    evidence = gather(project, read_signals(config.root)[0])
    line = timeline(config, as_of)
    pages = site_pages(config, library, history=line is not None)
    # Page 2 on of a list is keyed by what it shows: its coming or going re-renders only its list.
    listed = [(page.path, page.kind, page.key) for page in pages if page.kind not in LIST_PARTS]
    base = global_key(config, library, as_of, listed)
    # The report again only when what it reads changed (``serve`` builds after every save).
    inputs = digest(base, report_inputs(library), stable(evidence))
    report = same_report(inputs, lambda: analyse(config, library, as_of, evidence=evidence))
    keys = functools.partial(_record_keys, record, project, report, pages, line, base)
    # When no page can be reused, every page is rendered whatever its key: the keys are worked
    # out while the page workers render (the record needs them only once the pages are written).
    later = None if record.may_reuse() else keys
    if later is None:
        keys()
    else:
        # The keys (this process, once the page workers have forked) and a persona's plays and
        # page (most often a worker) both want its report: made now, it is made once, while a
        # worker renders bodies (0.1 s of CPU at 10,000 assets).
        personal = {
            p.key.partition("/")[2] if p.kind == "play" else p.key for p in pages if p.kind in _PERSONAL
        }
        for persona in config.personas:
            if persona.id in personal:
                persona_report(config, library, as_of, persona.id)
    todo = {page.path for page in pages if record.fresh(page.path)}
    # Reading the history costs a few reports: only when a page that shows it is rendered.
    shown = line is not None and not todo.isdisjoint(HISTORY_PAGES)
    plan = plan_site(
        config,
        library,
        report,
        generator=f"stagemap {__version__}",
        render=todo,
        history=read_history(config, line) if shown and line is not None else None,
        links=links,
    )
    return plan, base, later


def _both(first: Callable[[], object] | None, then: Callable[[], None] | None) -> Callable[[], None] | None:
    """Return what calls ``first``, then ``then`` (either may be None)."""
    if first is None:
        return then

    def both() -> None:
        first()
        if then is not None:
            then()

    return both


_PERSONAL = frozenset({"play", "persona"})
"""The kinds of page made from a persona's report (a play ``STAGE/PERSONA``, a persona's page)."""


def _bodies_ahead(config: Config, library: Library, links: LinkPlan, workers: int) -> Ahead:
    """Start rendering asset bodies in a worker, the last pages' first (see `Ahead`)."""
    ids = [asset.id for asset in reversed(library.assets)]
    return Ahead(functools.partial(_body, config, links, library), ids, workers)


def _body(config: Config, links: LinkPlan, library: Library, asset_id: str) -> tuple[Any, ...]:
    return asset_body(config, links, library.by_id[asset_id], library.site_params).flat()


def _noted(
    files: Iterator[tuple[str, bytes | Staged]], paths: set[str]
) -> Iterator[tuple[str, bytes | Staged]]:
    """Yield ``files`` as they come, adding each one's path to ``paths``; closed, close ``files`` (its workers)."""
    try:
        for path, data in files:
            paths.add(path)
            yield path, data
    finally:
        close = getattr(files, "close", None)
        if callable(close):
            close()


def _site_files(
    plan: SitePlan,
    env: jinja2.Environment,
    record: PageRecord,
    stager: Stager | None,
    rendered: dict[str, list[str]],
    workers: int,
    progress: Progress | None,
    later: Callable[[], None] | None,
    search: Callable[[], str],
    bodies: Mapping[str, tuple[Any, ...]],
) -> Iterator[tuple[str, bytes | Staged]]:
    """Yield every file of the site to write, the plan's pages rendered as they come.

    ``rendered`` is filled with the content files each rendered page links to (and the search
    index's files, which link to none); ``later`` is more work for this process while the page
    workers render; ``search`` gives the search index's key (see `search_key`); ``bodies``:
    asset bodies rendered already, by id.
    """
    # The templates are compiled here first, so that each forked worker does not compile its own.
    prepare(env)
    make = functools.partial(_make_page, plan, env, stager, bodies)
    others: dict[str, bytes | Staged] = {}

    def meanwhile() -> None:
        # What no page needs, made (and staged) by this process while the workers start on the pages.
        _stage(others, static_files(env), stager)
        if later is not None:
            later()  # first: the record's keys, which the search index's add to
        key = search()
        # The index is made again only when an entry may have changed (its files are the same
        # bytes otherwise): at 10,000 assets, a second of a build after one body edit.
        if not record.reuse_files(SEARCH_DIR + "/", key):
            found = search_entries(plan)
            made = _SEARCH.files(found.entries, found.journey)
            record.made([path for path in made if path.startswith(SEARCH_DIR + "/")], key)
            _stage(others, made, stager)

    for path, made, linked in parallel_map(make, plan.pages, workers, first=meanwhile, progress=progress):
        rendered[path] = list(linked)
        yield path, made
    for path, data in others.items():
        if path.startswith(SEARCH_DIR + "/"):
            rendered[path] = []
        yield path, data
    # Reused pages still need the content files they link to (their bytes may have changed).
    wanted = {rel for files in [*rendered.values(), *record.reused.values()] for rel in files}
    for rel in sorted(wanted):
        content = _linked_file(plan, rel)
        if content is not None:
            yield rel, content


def _stage(files: dict[str, bytes | Staged], made: Mapping[str, str], stager: Stager | None) -> None:
    """Add ``made`` to ``files``, each written to the staging folder now when there is one: the
    page workers are still busy then, where once every page is made this process works alone."""
    for path, text in made.items():
        data = text.encode("utf-8")
        files[path] = stager.write(path, data) if stager is not None else data


_SEARCH = SearchIndex()
"""The latest build's search index: ``serve``'s next build makes again only the files an edit changes."""


def _linked_file(plan: SitePlan, rel: str) -> bytes | None:
    """Return the bytes of a file a page links to: ``files/X`` in the content folder, ``public/X`` served from the root."""
    config = plan.config
    if rel.startswith("public/"):
        served = plan.links.routes.files.get(rel.removeprefix("public/"))
        if served is None:
            return None
        folder, inside = served
        return read_attachment(config.root / folder, inside, allow_html=config.allow_html)
    key = rel.removeprefix("files/")  # a file of the content folder; ``~/``: of another source
    return read_attachment(
        *attachment_at(config, key[1:] if key.startswith("~/") else key), allow_html=config.allow_html
    )


def _make_page(
    plan: SitePlan,
    env: jinja2.Environment,
    stager: Stager | None,
    bodies: Mapping[str, tuple[Any, ...]],
    page: SitePage,
) -> tuple[str, bytes | Staged, tuple[str, ...]]:
    """Render one page and, given a stager, write it to its temporary file (in a worker)."""
    made = render_page(plan, env, page, bodies)
    data = made.text.encode("utf-8")
    return made.path, stager.write(made.path, data) if stager is not None else data, made.linked


def _record_keys(
    record: PageRecord,
    project: Project,
    report: Report,
    pages: Iterable[SitePage],
    line: Timeline | None,
    base: str,
) -> None:
    """Give ``record`` this build's page keys."""
    record.keys = _page_keys(project, report, pages, line, base=base)


def _page_keys(
    project: Project,
    report: Report,
    pages: Iterable[SitePage],
    line: Timeline | None = None,
    *,
    base: str | None = None,
) -> dict[str, str]:
    """Return the key of each page of the site (see `stagemap.write.depends`); ``base``: the site-wide key, if known."""
    config, library = project.config, project.library
    listed = [(page.path, page.kind, page.key) for page in pages]
    # Page 2 on of a list is keyed by what it shows: its coming or going re-renders only its list.
    base = base or global_key(config, library, report.as_of, [p for p in listed if p[1] not in LIST_PARTS])
    shows = {kind: line.key for kind in ("home", "history")} if line is not None else {}
    return page_keys(config, library, report, listed, base, shows)
