"""The pages of the static site as ``{relative path: bytes}``. Pure: no file is read or written.

Page paths (all links between them are relative, so the site works from ``file://`` and from
any sub-path of a web server)::

    index.html                      the journey at a glance, coverage heatmap, what to make next
    gaps.html                       a brief per empty or thin cell (anchors gap-STAGE.QUESTION)
    assets.html                     every asset, with filters and search (static/stagemap.js)
    stages/STAGE.html               the stage's kit and all its assets
    questions/QUESTION.html         one buyer question across the journey
    personas/PERSONA.html           one persona's coverage and assets
    assets/ID.html                  one asset (see `asset_paths` for ids that are not plain)
    files/PATH                      files in the content folder that bodies link to
    static/                         stagemap.css, stagemap.js, search-index.js, favicon.svg

Every template receives (besides its page's own values, listed at each ``_page`` call):

``site``
    ``title``, ``name``, ``purpose``, ``as_of`` (YYYY-MM-DD), ``generator``, ``model``
    (JourneyModel), ``stages``, ``questions``, ``personas`` (tuples of the model objects),
    ``phases`` (list of ``{id, label, stages}``).
``page``
    ``path`` (relative to the site root), ``title``, ``section`` (home, gaps, assets,
    stages, questions or personas).
``url``
    a `Links` object bound to the page: ``url.home()``, ``url.gaps()``, ``url.gap(stage,
    question)``, ``url.index()``, ``url.stage(id)``, ``url.question(id)``, ``url.persona(id)``,
    ``url.asset(id)``, ``url.static(name)``: relative links from this page.
``problems``
    the library's problems (`Problem` objects), so a page can say what was left out.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote, unquote

import jinja2
from markupsafe import Markup

from ..analyse.coverage import analyse, serves
from ..analyse.kits import build_kit
from ..model.journey import PHASE_LABELS, PHASES, Persona, Question, Stage
from ..model.library import PIPELINE, STATUSES, Asset, Library
from ..model.report import Cell, Report
from ..model.settings import Config
from ..write.tree import Staged
from ..write.workers import parallel_map
from . import markdown
from .environment import render
from .report import SYMBOLS

T = TypeVar("T")

STATIC_FILES = ("favicon.svg", "stagemap.css", "stagemap.js")
"""Static files copied from ``site/static/`` (project templates first) into ``static/``."""
SEARCH_INDEX = "static/search-index.js"
SEARCH_TEXT_CHARS = 600
"""How much of the start of each body the search index keeps (title, message, summary and
owner are kept whole): enough to find an asset by its opening, small enough for 10,000 assets."""
MAX_ATTACHMENT = 20 * 1024 * 1024
"""Files in the content folder bigger than this are not copied into the site."""
STATES = ("ready", "stale", *PIPELINE, "retired")
"""An asset's state as the site shows it: its status, with published split by staleness."""
STATE_LABELS = {
    "ready": "published",
    "stale": "published, past review",
    "idea": "idea",
    "draft": "draft",
    "review": "in review",
    "retired": "retired",
}
CELL_LABELS = {"covered": "covered", "thin": "thin", "empty": "empty", "n/a": "not applicable"}

_MARKUP = re.compile(r"[#*_`>|\[\]()!~-]+")
_SAFE_SEGMENT = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
_WINDOWS_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
)
Reader = Callable[[str], bytes | None]
"""Returns the bytes of a file given by its path inside the content folder, or None."""
Fresh = Callable[[str, "Asset | None"], bool]
"""Says whether a page (by path, with its asset for an asset page) must be rendered."""
Job = Callable[[], tuple[str, str, dict[str, bytes]]]
"""Makes one page: its path, its HTML and the content files it links to."""
Progress = Callable[[str], None]
"""Called with each page's path once it is rendered."""


# -- paths ------------------------------------------------------------------------------------
def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _segment(segment: str) -> str:
    if _SAFE_SEGMENT.match(segment) and segment not in _WINDOWS_NAMES:
        return segment
    ascii_text = unicodedata.normalize("NFKD", segment).encode("ascii", "ignore").decode()
    slugged = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-")
    return f"{slugged or 'x'}-{_short_hash(segment)}"


def asset_paths(ids: Iterable[str]) -> dict[str, str]:
    """Return the page path of each asset id: ``assets/<segments>.html``.

    Each ``/``-separated segment made only of lowercase letters, digits, ``-`` and ``_`` is
    kept; any other (``..``, spaces, capitals, unicode, markup, Windows device names) becomes
    a slug plus a hash of the segment, so no two ids share a page, even on a file system that
    ignores case, and no id can reach outside ``assets/``.
    """
    paths: dict[str, str] = {}
    taken: set[str] = set()
    for asset_id in sorted(ids):
        path = "assets/" + "/".join(_segment(s) for s in asset_id.split("/"))
        if path.casefold() in taken:
            path = f"{path}-{_short_hash(asset_id)}"
        taken.add(path.casefold())
        paths[asset_id] = path + ".html"
    return paths


def gap_anchor(stage: str, question: str) -> str:
    """Return the id of a gap's brief on the gaps page (ids never contain a dot)."""
    return f"gap-{stage}.{question}"


@functools.lru_cache(maxsize=4096)
def _climb(here: str, there: str) -> str:
    """Return the relative prefix from folder ``here`` to folder ``there`` (both site-relative)."""
    if here == there:
        return ""
    rel = posixpath.relpath(there or ".", here or ".")
    return "" if rel == "." else rel + "/"


class Links:
    """Relative links from one page to the others."""

    def __init__(self, page: str, assets: Mapping[str, str]) -> None:
        self._here = posixpath.dirname(page)
        self._assets = assets

    def to(self, path: str) -> str:
        """Return a link to a path relative to the site root."""
        folder, _, name = path.rpartition("/")
        return _climb(self._here, folder) + name

    def home(self) -> str:
        return self.to("index.html")

    def gaps(self) -> str:
        return self.to("gaps.html")

    def gap(self, stage: str, question: str) -> str:
        return self.to("gaps.html") + "#" + gap_anchor(stage, question)

    def index(self) -> str:
        return self.to("assets.html")

    def stage(self, stage_id: str) -> str:
        return self.to(f"stages/{stage_id}.html")

    def question(self, question_id: str) -> str:
        return self.to(f"questions/{question_id}.html")

    def persona(self, persona_id: str) -> str:
        return self.to(f"personas/{persona_id}.html")

    def asset(self, asset_id: str) -> str:
        return self.to(self._assets[asset_id])

    def static(self, name: str) -> str:
        return self.to(f"static/{name}")

    def cell(self, cell: Cell) -> str:
        """Where a heatmap cell leads: the stage's assets when covered, else the gap's brief."""
        if cell.state == "covered":
            return self.stage(cell.stage) + f"#q-{cell.question}"
        return self.gap(cell.stage, cell.question)


# -- views ------------------------------------------------------------------------------------
def asset_state(asset: Asset, report: Report) -> str:
    """Return the asset's state for the site: ready, stale, idea, draft, review or retired."""
    if asset.status == "published":
        return "stale" if asset.is_stale(report.as_of) else "ready"
    return asset.status


@dataclass(frozen=True, slots=True)
class Brief:
    """What to make for one empty or thin cell."""

    cell: Cell
    """The cell."""
    rank: int
    """1-based place in the make-next list."""
    stage: Stage
    """The stage."""
    question: Question
    """The question."""
    reason: str
    """Why it matters, from the report."""
    stuck: bool
    """The stage is a stuck point too."""
    message: str
    """The project's message for the question, may be empty."""
    personas: tuple[tuple[Persona, int], ...]
    """Each persona with the eligible assets it has in the cell."""
    formats: tuple[str, ...]
    """Suggested formats."""
    next_stage: Stage | None
    """Where the new asset should hand buyers on to."""
    have: tuple[Asset, ...]
    """Eligible assets already in the cell."""
    making: tuple[Asset, ...]
    """Idea, draft and review assets for the cell."""


def _briefs(config: Config, library: Library, report: Report) -> list[Brief]:
    by_id = library.by_id
    briefs = []
    for rank, gap in enumerate(report.next_to_make, 1):
        stage = config.model.stage(gap.stage)
        question = config.question(gap.question)
        assert stage is not None and question is not None
        cell = report.cell(gap.stage, gap.question)
        have = tuple(by_id[i] for i in cell.assets)
        personas = tuple((p, sum(serves(a, p.id) for a in have)) for p in config.personas)
        making = tuple(
            a for a in library.assets if a.in_pipeline and stage.id in a.stages and question.id in a.questions
        )
        next_stage = config.model.after(stage)
        briefs.append(
            Brief(
                cell,
                rank,
                stage,
                question,
                gap.reason,
                gap.stuck,
                config.messages.get(question.id, ""),
                personas,
                gap.formats,
                next_stage,
                have,
                making,
            )
        )
    return briefs


def _search_entry(asset: Asset, report: Report, url: str) -> dict[str, Any]:
    body = " ".join(_MARKUP.sub(" ", asset.body[: SEARCH_TEXT_CHARS * 2]).split())[:SEARCH_TEXT_CHARS]
    fields = (asset.title, asset.id, asset.message, asset.summary, asset.owner, asset.format, body)
    return {
        "id": asset.id,
        "url": url,
        "title": asset.title,
        "stages": list(asset.stages),
        "questions": list(asset.questions),
        "personas": list(asset.personas),
        "format": asset.format,
        "state": asset_state(asset, report),
        "text": " ".join(x for x in fields if x),
    }


# -- markdown ---------------------------------------------------------------------------------
class _BodyLinks:
    """Resolves relative links in one asset's body to site pages and copied files."""

    def __init__(
        self,
        source_dir: str,
        page: str,
        by_source: Mapping[str, str],
        paths: Mapping[str, str],
        reader: Reader | None,
        attachments: dict[str, bytes],
    ) -> None:
        self.source_dir = source_dir
        self.links = Links(page, paths)
        self.by_source = by_source
        self.reader = reader
        self.attachments = attachments

    def __call__(self, url: str) -> str | None:
        path, sep, fragment = url.partition("#")
        path = path.partition("?")[0]
        path = unquote(path)
        if path.startswith("/"):  # from the content folder's root
            target = posixpath.normpath(path.lstrip("/"))
        else:
            target = posixpath.normpath(posixpath.join(self.source_dir, path))
        if target.startswith("../") or target in ("..", ".") or "/." in f"/{target}":
            return None
        if target.endswith((".md", ".markdown")):
            asset_id = self.by_source.get(target)
            if asset_id is None:
                return None
            anchor = f"#{markdown.HEADING_PREFIX}{fragment}" if fragment else ""
            if fragment.startswith(markdown.HEADING_PREFIX):
                anchor = f"#{fragment}"
            return self.links.asset(asset_id) + anchor
        out = f"files/{target}"
        if out not in self.attachments:
            data = self.reader(target) if self.reader else None
            if data is None or len(data) > MAX_ATTACHMENT:
                return None
            self.attachments[out] = data
        return self.links.to(quote(out)) + (sep + fragment if fragment else "")


# -- pages ------------------------------------------------------------------------------------
def page_count(config: Config, library: Library) -> int:
    """Return how many HTML pages `build_site` renders (for a progress bar)."""
    return 3 + len(config.model.stages) + len(config.questions) + len(config.personas) + len(library.assets)


def build_site(
    config: Config,
    library: Library,
    report: Report,
    env: jinja2.Environment,
    *,
    generator: str,
    reader: Reader | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    fresh: Fresh | None = None,
    attachments_of: dict[str, list[str]] | None = None,
) -> dict[str, bytes]:
    """Return every file of the site as ``{path relative to the site root: bytes}``.

    ``report`` must be for everyone (no persona filter). ``reader`` gives the bytes of files
    in the content folder that bodies link to (None: such links are shown as broken).
    """
    files: dict[str, bytes] = {}
    pages = iter_pages(
        config,
        library,
        report,
        env,
        generator=generator,
        reader=reader,
        workers=workers,
        fresh=fresh,
        attachments_of=attachments_of,
    )
    for path, text in pages:
        assert not isinstance(text, Staged)  # no writer was given
        files[path] = text if isinstance(text, bytes) else text.encode("utf-8")
        if progress is not None and path.endswith(".html") and not path.startswith("files/"):
            progress(path)
    return dict(sorted(files.items()))


def iter_pages(
    config: Config,
    library: Library,
    report: Report,
    env: jinja2.Environment,
    *,
    generator: str,
    reader: Reader | None = None,
    workers: int = 1,
    fresh: Fresh | None = None,
    attachments_of: dict[str, list[str]] | None = None,
    write: Callable[[str, bytes], Staged] | None = None,
) -> Iterator[tuple[str, str | bytes | Staged]]:
    """Yield ``(path, text or bytes)`` for every file of the site, pages first.

    Pages are rendered in up to ``workers`` processes. ``fresh(path, asset)`` (asset None for
    the other pages) says whether a page must be rendered: a page it declines is not yielded
    (the caller has it already). ``attachments_of`` is filled with the content files each
    rendered asset page links to. ``write`` (a `Stager`'s) lets the page workers write the
    pages they make themselves; those come back as `Staged`.
    """

    def wanted(path: str, asset: Asset | None = None) -> bool:
        if fresh is not None and not fresh(path, asset):
            return False
        if attachments_of is not None and asset is None:
            attachments_of[path] = []
        return True

    model = config.model
    paths = asset_paths(a.id for a in library.assets)
    by_id = library.by_id
    site = {
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
    states = {a.id: asset_state(a, report) for a in library.assets}
    position = {s.id: s.index for s in model.stages}
    ordered = sorted(
        library.assets,
        key=lambda a: (min(position[s] for s in a.stages), a.title.casefold(), a.id),
    )
    names = {
        "stage": {s.id: s.name for s in model.stages},
        "question": {q.id: q.name for q in config.questions},
        "persona": {p.id: p.name for p in config.personas},
    }

    def page(template: str, path: str, title: str, section: str, **values: Any) -> tuple[str, str]:
        context = {
            "site": site,
            "page": {"path": path, "title": title, "section": section},
            "url": Links(path, paths),
            "problems": library.problems,
            "state_of": states,
            "state_labels": STATE_LABELS,
            "cell_labels": CELL_LABELS,
            "symbols": SYMBOLS,
            "names": names,
            **values,
        }
        return path, render(env, f"site/{template}", context)

    briefs = _briefs(config, library, report)
    rows = [[c for c in report.cells if c.stage == s.id] for s in model.stages]
    if wanted("index.html"):
        yield page(
            "index.html.j2",
            "index.html",
            config.site_title,
            "home",
            report=report,
            rows=list(zip(report.stages, rows, strict=True)),
            briefs=briefs,
            counts={s: sum(c.state == s for c in report.cells) for s in ("covered", "thin", "empty", "n/a")},
            by_id=by_id,
        )
    if wanted("gaps.html"):
        yield page("gaps.html.j2", "gaps.html", "Gaps to fill", "gaps", report=report, briefs=briefs)
    formats = sorted({a.format for a in library.assets if a.format})
    if wanted("assets.html"):
        yield page(
            "assets.html.j2",
            "assets.html",
            "All assets",
            "assets",
            assets=ordered,
            formats=formats,
            states=[s for s in STATES if s in states.values()] or list(STATES),
            statuses=STATUSES,
        )

    def stage_page(stage: Stage) -> tuple[str, str]:
        kit = build_kit(config, library, report, stage.id)
        here = [a for a in ordered if stage.id in a.stages]
        return page(
            "stage.html.j2",
            f"stages/{stage.id}.html",
            stage.name,
            "stages",
            stage=stage,
            kit=kit,
            assets=here,
            coverage=report.stages[stage.index],
            project={"name": config.name, "purpose": config.purpose},
        )

    def question_page(question: Question) -> tuple[str, str]:
        cells = [(s, report.cell(s.id, question.id)) for s in model.stages]
        making = {
            s.id: [a for a in ordered if a.in_pipeline and s.id in a.stages and question.id in a.questions]
            for s in model.stages
        }
        return page(
            "question.html.j2",
            f"questions/{question.id}.html",
            question.name,
            "questions",
            question=question,
            message=config.messages.get(question.id, ""),
            cells=cells,
            making=making,
            by_id=by_id,
        )

    def persona_page(persona: Persona) -> tuple[str, str]:
        persona_report = analyse(config, library, report.as_of, persona=persona.id)
        named = [a for a in ordered if persona.id in a.personas]
        return page(
            "persona.html.j2",
            f"personas/{persona.id}.html",
            persona.name,
            "personas",
            persona=persona,
            persona_report=persona_report,
            named=named,
            by_id=by_id,
        )

    attachments: dict[str, bytes] = {}
    content_rel = _content_rel(config)
    by_source = {_strip(a.path, content_rel): a.id for a in library.assets}
    incoming: dict[str, list[Asset]] = {}
    for asset in ordered:
        if asset.next in by_id:
            incoming.setdefault(asset.next, []).append(asset)

    def asset_page(asset: Asset) -> tuple[str, str, dict[str, bytes]]:
        path = paths[asset.id]
        source = _strip(asset.path, content_rel)
        found: dict[str, bytes] = {}
        rewrite = _BodyLinks(posixpath.dirname(source), path, by_source, paths, reader, found)
        body = markdown.render(
            asset.body, allow_html=config.allow_html, rewrite=rewrite, top=2, drop_title=asset.title
        )
        target_stage = model.stage(asset.next) if asset.next else None
        target_asset = by_id.get(asset.next) if asset.next else None
        _, text = page(
            "asset.html.j2",
            path,
            asset.title,
            "assets",
            asset=asset,
            state=states[asset.id],
            body=Markup(body.html),
            headings=body.headings,
            broken_links=body.broken,
            stages=[s for s in model.stages if s.id in asset.stages],
            questions=[q for q in config.questions if q.id in asset.questions],
            personas=[p for p in config.personas if p.id in asset.personas],
            next_stage=target_stage,
            next_asset=target_asset,
            incoming=incoming.get(asset.id, []),
        )
        return path, text, found

    # Every page below is independent of the others: render them in worker processes, with
    # the templates compiled here first so that each worker does not compile its own.
    for name in ("stage", "question", "persona", "asset"):
        with contextlib.suppress(jinja2.TemplateError):  # reported when the page is rendered
            env.get_template(f"site/{name}.html.j2")
    jobs: list[Job] = [
        *(functools.partial(_no_files, stage_page, s) for s in model.stages if wanted(f"stages/{s.id}.html")),
        *(
            functools.partial(_no_files, question_page, q)
            for q in config.questions
            if wanted(f"questions/{q.id}.html")
        ),
        *(
            functools.partial(_no_files, persona_page, p)
            for p in config.personas
            if wanted(f"personas/{p.id}.html")
        ),
        *(functools.partial(asset_page, a) for a in library.assets if wanted(paths[a.id], a)),
    ]
    run: Callable[[Job], tuple[str, str | Staged, dict[str, bytes]]] = (
        _call if write is None else functools.partial(_call_and_write, write)
    )
    for path, made, found in parallel_map(run, jobs, workers):
        attachments.update(found)
        if attachments_of is not None:
            attachments_of[path] = sorted(found)
        yield path, made
    for name in STATIC_FILES:
        yield f"static/{name}", static_text(env, name)
    index = [_search_entry(a, report, paths[a.id]) for a in ordered]
    data = json.dumps({"assets": index}, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    yield SEARCH_INDEX, f"window.stagemapIndex = {data};\n"
    yield from sorted(attachments.items())


def _call(job: Job) -> tuple[str, str | Staged, dict[str, bytes]]:
    return job()


def _call_and_write(write: Callable[[str, bytes], Staged], job: Job) -> tuple[str, Staged, dict[str, bytes]]:
    path, text, found = job()
    return path, write(path, text.encode("utf-8")), found


def _no_files(render_page: Callable[[Any], tuple[str, str]], item: Any) -> tuple[str, str, dict[str, bytes]]:
    path, text = render_page(item)
    return path, text, {}


def static_text(env: jinja2.Environment, name: str) -> str:
    """Return a static file's text from ``site/static/`` (the project's copy first)."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, f"site/static/{name}")
    return source


def _content_rel(config: Config) -> str:
    try:
        return config.content_dir.relative_to(config.root).as_posix()
    except ValueError:
        return ""


def _strip(path: str, prefix: str) -> str:
    if prefix and prefix != "." and path.startswith(prefix + "/"):
        return path[len(prefix) + 1 :]
    return path
