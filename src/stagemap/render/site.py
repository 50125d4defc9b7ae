"""The pages of the static site, each kind made by one function from a `SitePlan`.

Pure: values in, text out. The plan (`stagemap.analyse.site`) holds every fact the pages
show; writing them, and copying the content files bodies link to, is `stagemap.write.publish`'s.

Page paths (all links between them are relative, so the site works from ``file://`` and from
any sub-path of a web server)::

    index.html                      the journey at a glance, coverage heatmap, what to make next
    history.html                    coverage per stage over the git history (in a git repository)
    stages.html                     every stage, by phase, with its coverage and its plays
    plays.html                      the plays: a stage x persona grid of links
    gaps.html                       a brief per empty or thin cell, in make-next order
                                    (anchors gap-STAGE.QUESTION)
    assets.html                     every asset, with filters and search (static/stagemap.js):
                                    the first site.page_size of them; assets-N.html the
                                    next pages (see `stagemap.analyse.paging`)
    stages/STAGE.html               the stage's kit and the first page of its assets;
                                    stages/STAGE/N.html the next pages
    plays/STAGE.html                the stage's message kit for everyone, to print on one page
    plays/STAGE/PERSONA.html        the same for one persona
    questions/QUESTION.html         one buyer question across the journey
    personas/PERSONA.html           one persona's coverage and assets (personas/PERSONA/N.html:
                                    the next pages of the assets that name it)
    assets/ID.html                  one asset (see `asset_paths` for ids that are not plain), or
                                    a file that could not be read, with its problems
    files/PATH                      files in the content folder that bodies link to
    files/~/PATH                    files of other sources that bodies link to (PATH in the project)
    static/                         stagemap.css, stagemap.js, favicon.svg
    static/search/                  the search index in small script files, loaded as a
                                    reader types (see `stagemap.render.searchindex`)

Every template receives (besides its page's own values, listed in each page function):

``site``
    ``title``, ``name``, ``purpose``, ``as_of`` (YYYY-MM-DD), ``generator``, ``model``
    (JourneyModel), ``stages``, ``questions``, ``personas`` (tuples of the model objects),
    ``phases`` (list of ``{id, label, stages}``).
``page``
    ``path`` (relative to the site root), ``title``, ``section`` (home, stages, plays, gaps,
    assets, questions or personas).
``url``
    a `Links` object bound to the page: ``url.home()``, ``url.stages()``, ``url.plays()``,
    ``url.play(stage, persona="")``, ``url.gaps()``, ``url.gap(stage, question)``,
    ``url.index()``, ``url.stage(id)``, ``url.question(id)``, ``url.persona(id)``,
    ``url.asset(id)``, ``url.static(name)``, ``url.root()``: relative links from this page.
``problems``
    the library's problems (`Problem` objects), so a page can say what was left out.
``state_of``, ``state_labels``, ``cell_labels``, ``symbols``, ``names``
    each asset's state by id, the words for states and cell states, the heatmap's symbols,
    and display names by kind and id.
``broken``
    the content files left out because of errors, by path (`BrokenFile`: ``source``,
    ``path``, ``problems``); each has a page.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from markupsafe import Markup

from ..analyse.explain import uncounted
from ..analyse.paths import asset_paths
from ..analyse.site import SitePage, SitePlan
from ..analyse.unbuilt import HOST_SERVES
from . import markdown
from .assetbody import Body, asset_body
from .history import render_svg
from .lists import assets_list, list_part, shown
from .pages import Rendered, page_text
from .static import search_index, static_files
from .story import front_story

__all__ = ["Rendered", "asset_paths", "prepare", "render_page", "render_site", "search_index", "static_files"]


def _chart(plan: SitePlan, chart: str, ident: str) -> Markup | None:
    """The history as an inline SVG chart (see `stagemap.render.history`), or None without one."""
    if plan.history is None:
        return None
    title = f"Ready-to-send assets per stage, by {plan.history.by}"
    return Markup(render_svg(plan.history, title=title, chart=chart, ident=ident))


def home(plan: SitePlan, env: jinja2.Environment, page: SitePage) -> Rendered:
    """Make ``index.html``: the heatmap (``rows``, ``counts``), ``briefs``, ``report``, ``by_id``,
    ``history`` and ``history_chart`` (None outside git), ``evidence`` (None without signals),
    ``inferred_dead_ends`` (how many dead ends have an inferred step)."""
    text = page_text(
        plan,
        env,
        "index.html.j2",
        page,
        plan.config.site_title,
        report=plan.report,
        rows=list(plan.rows),
        briefs=list(plan.briefs),
        counts=plan.counts,
        by_id=plan.library.by_id,
        history=plan.history,
        history_chart=_chart(plan, "lines", "overview-chart"),
        evidence=plan.report.evidence,
        inferred_dead_ends=plan.inferred_dead_ends,
    )
    return Rendered(page.path, text, ())


def history(plan: SitePlan, env: jinja2.Environment, page: SitePage) -> Rendered:
    """Make ``history.html``: ``history`` (None when no commit could be read), ``lines`` and
    ``grid`` (its SVG charts)."""
    text = page_text(
        plan,
        env,
        "history.html.j2",
        page,
        "Coverage over time",
        history=plan.history,
        lines=_chart(plan, "lines", "history-lines"),
        grid=_chart(plan, "grid", "history-grid"),
    )
    return Rendered(page.path, text, ())


def gaps(plan: SitePlan, env: jinja2.Environment, page: SitePage) -> Rendered:
    """Make ``gaps.html``: ``report``, a brief per gap (``briefs``) and why each count is low (``why``: tagged assets that do not count, besides those in the making)."""
    missed = uncounted(plan.report, plan.library, [(b.cell.stage, b.cell.question) for b in plan.briefs])
    why = {}
    for b in plan.briefs:
        making = {a.id for a in b.making}
        rows = missed[b.cell.stage, b.cell.question]
        why[f"{b.cell.stage}.{b.cell.question}"] = [row for row in rows if row.asset not in making]
    text = page_text(
        plan,
        env,
        "gaps.html.j2",
        page,
        "Gaps to fill",
        report=plan.report,
        briefs=list(plan.briefs),
        why=why,
        by_id=plan.library.by_id,
    )
    return Rendered(page.path, text, ())


def stages_index(plan: SitePlan, env: jinja2.Environment, page: SitePage) -> Rendered:
    """Make ``stages.html``: every stage by phase with its coverage (``report``)."""
    text = page_text(plan, env, "stages.html.j2", page, "Stages", report=plan.report)
    return Rendered(page.path, text, ())


def plays_index(plan: SitePlan, env: jinja2.Environment, page: SitePage) -> Rendered:
    """Make ``plays.html``: a grid of the plays, a row per stage and a column per persona."""
    text = page_text(plan, env, "plays.html.j2", page, "Plays", report=plan.report)
    return Rendered(page.path, text, ())


def play(plan: SitePlan, env: jinja2.Environment, page: SitePage) -> Rendered:
    """Make a play's page: the stage's ``kit`` (for ``kit.persona``, or everyone), ``project``."""
    kit = plan.plays[page.key]
    title = kit.stage.name if kit.persona is None else f"{kit.stage.name} for {kit.persona.name}"
    text = page_text(
        plan,
        env,
        "play.html.j2",
        page,
        title,
        kit=kit,
        project={"name": plan.config.name, "purpose": plan.config.purpose},
    )
    return Rendered(page.path, text, ())


def stage(plan: SitePlan, env: jinja2.Environment, page: SitePage) -> Rendered:
    """Make a stage's page: ``stage``, its ``kit``, ``assets`` (the first page of them), ``part``,
    ``coverage``, ``project``, ``evidence``."""
    view = plan.stages[page.key]
    text = page_text(
        plan,
        env,
        "stage.html.j2",
        page,
        view.stage.name,
        stage=view.stage,
        kit=view.kit,
        assets=shown(plan, page),
        part=plan.lists[page.path],
        coverage=view.coverage,
        project={"name": plan.config.name, "purpose": plan.config.purpose},
        evidence=plan.report.evidence.for_stage(view.stage.id) if plan.report.evidence else None,
    )
    return Rendered(page.path, text, ())


def question(plan: SitePlan, env: jinja2.Environment, page: SitePage) -> Rendered:
    """Make a question's page: ``question``, ``message``, ``cells``, ``making``, ``by_id``,
    ``page_size`` (each list shows at most that many assets, then links to the stage)."""
    view = plan.questions[page.key]
    text = page_text(
        plan,
        env,
        "question.html.j2",
        page,
        view.question.name,
        question=view.question,
        message=view.message,
        cells=list(view.cells),
        making={k: list(v) for k, v in view.making.items()},
        by_id=plan.library.by_id,
        page_size=plan.config.page_size,
    )
    return Rendered(page.path, text, ())


def persona(plan: SitePlan, env: jinja2.Environment, page: SitePage) -> Rendered:
    """Make a persona's page: ``persona``, ``persona_report``, the assets that name it
    (``named``, the first page of them; ``part``), ``by_id``, ``page_size`` (each stage's list
    of what is ready to send shows at most that many, then links to the stage)."""
    view = plan.personas[page.key]
    text = page_text(
        plan,
        env,
        "persona.html.j2",
        page,
        view.persona.name,
        persona=view.persona,
        persona_report=view.report,
        named=shown(plan, page),
        part=plan.lists[page.path],
        by_id=plan.library.by_id,
        page_size=plan.config.page_size,
    )
    return Rendered(page.path, text, ())


def asset(plan: SitePlan, env: jinja2.Environment, page: SitePage, made: Body | None = None) -> Rendered:
    """Make an asset's page: its ``body`` as HTML, its tags, where it leads (``next_asset`` or
    ``next_stage``, else ``inferred``: `stagemap.analyse.views.InferredStep`), what leads to it, ``evidence``.

    ``made``: its `asset_body`, if made already.
    """
    view = plan.assets[page.key]
    item = view.asset
    if made is None:
        made = asset_body(plan.config, plan.links, item, plan.library.site_params)
    body = made.rendered
    text = page_text(
        plan,
        env,
        "asset.html.j2",
        page,
        item.title,
        asset=item,
        state=plan.states[item.id],
        body=Markup(body.html),
        headings=body.headings,
        broken_links=body.broken,
        unbuilt_links=[(link, why) for link, why in made.unbuilt if not why.startswith(HOST_SERVES)],
        public_links=list(made.public),
        story=[(k, Markup(markdown.render_html(v))) for k, v in front_story(item)]
        if not body.html.strip()
        else [],
        stages=list(view.stages),
        questions=list(view.questions),
        personas=list(view.personas),
        next_stage=view.next_stage,
        next_asset=view.next_asset,
        inferred=view.inferred,
        incoming=list(view.incoming),
        evidence=plan.report.evidence.for_asset(item.id) if plan.report.evidence else None,
    )
    return Rendered(page.path, text, made.linked)


def broken(plan: SitePlan, env: jinja2.Environment, page: SitePage) -> Rendered:
    """Make the page of a file left out because of errors: ``file`` (`BrokenFile`)."""
    item = plan.broken[page.key]
    text = page_text(plan, env, "broken.html.j2", page, item.source.rpartition("/")[2], file=item)
    return Rendered(page.path, text, ())


PAGE_KINDS: dict[str, Callable[[SitePlan, jinja2.Environment, SitePage], Rendered]] = {
    "home": home,
    "stages": stages_index,
    "plays": plays_index,
    "play": play,
    "gaps": gaps,
    "assets": assets_list,
    "stage": stage,
    "question": question,
    "persona": persona,
    "asset": asset,
    "broken": broken,
    "history": history,
    "assets-part": assets_list,
    "stage-part": list_part,
    "persona-part": list_part,
}
"""The function that makes each kind of page."""


def render_page(
    plan: SitePlan,
    env: jinja2.Environment,
    page: SitePage,
    bodies: Mapping[str, tuple[Any, ...]] | None = None,
) -> Rendered:
    """Make one page of the plan; ``bodies``: asset bodies made already, by asset id (`Body.flat`)."""
    if bodies and page.kind == "asset" and page.key in bodies:
        return asset(plan, env, page, Body.unflat(bodies[page.key]))
    return PAGE_KINDS[page.kind](plan, env, page)


def prepare(env: jinja2.Environment) -> None:
    """Compile the page templates now, so that page workers forked later share them."""
    for name in (
        "index",
        "stages",
        "plays",
        "play",
        "gaps",
        "assets",
        "stage",
        "question",
        "persona",
        "asset",
        "broken",
        "history",
        "list",
    ):
        with contextlib.suppress(jinja2.TemplateError):  # reported when the page is rendered
            env.get_template(f"site/{name}.html.j2")


def render_site(plan: SitePlan, env: jinja2.Environment) -> dict[str, Rendered]:
    """Make every page, static file and the search index here, by path (in memory, for tests)."""
    made = {page.path: render_page(plan, env, page) for page in plan.pages}
    for path, text in {**static_files(env), **search_index(plan)}.items():
        made[path] = Rendered(path, text, ())
    return made
