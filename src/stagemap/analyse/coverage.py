"""Coverage, journey flow and phase balance: the facts behind the gap report. Pure functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model.journey import PHASES, Phase, Stage
from ..model.library import Asset, Library
from ..model.report import (
    FLOW_MIN_ASSETS,
    FLOW_MIN_SHARE,
    OVER_INVESTED_FACTOR,
    Balance,
    Cell,
    Gap,
    NextIssue,
    PersonaRow,
    Report,
    StageCoverage,
    State,
)
from ..model.settings import Config
from ..model.signals import Evidence
from .inferred import infer_next
from .latest import Latest
from .linkreading import link_reading
from .lint import lint
from .rank import leak_first, lost_by_stage, rank_actions
from .routes import route_roots
from .sendable import sendable


def _state(count: int, threshold: int) -> State:
    if count == 0:
        return "empty"
    return "thin" if count < threshold else "covered"


def serves(asset: Asset, persona: str | None) -> bool:
    """Return True if the asset is for this persona (an asset naming none serves everyone)."""
    return persona is None or not asset.personas or persona in asset.personas


# long: one Report, built field by field; each field is one line (the steps are functions below).
def analyse(
    config: Config,
    library: Library,
    as_of: dt.date,
    *,
    persona: str | None = None,
    by_persona: bool = False,
    evidence: Evidence | None = None,
) -> Report:
    """Build the gap report of a library on ``as_of``, optionally for one persona.

    With ``evidence`` (imported signals), gaps and actions at stages where buyers leak rank
    earlier (see `stagemap.analyse.rank`), and the report carries the evidence to show.
    """
    shared = _shared(config, library, as_of)
    flow, reachable = shared.flow, shared.flow.reachable
    assets = [a for a in library.assets if serves(a, persona)]
    eligible = [a for a in assets if a.id in reachable]
    ids = {a.id for a in eligible}
    placed = _place(config, eligible, flow)
    stage_rows = _stage_rows(config, placed)
    cells = _cells(config, placed)
    with_next = _with_next(eligible, config.model.stages[-1].id)
    tracked = flow_tracked(with_next, len(assets))
    stuck = tuple(row.stage.id for row in stage_rows[:-1] if not row.forward) if tracked else ()
    broken = tuple(issue for issue in shared.broken if issue.asset in ids)
    backward = tuple(issue for issue in shared.backward if issue.asset in ids)
    lost = lost_by_stage(evidence)
    gaps = leak_first(_rank_gaps(config, cells, set(stuck)), lost)
    onward = {row.stage.id: row.forward for row in stage_rows}
    rows: tuple[PersonaRow, ...] = ()
    if by_persona:
        rows = tuple(_persona_row(config, library, p.id, as_of) for p in config.personas)
    return Report(
        config=config,
        as_of=as_of,
        persona=persona,
        total=len(assets),
        eligible=tuple(sorted(a.id for a in eligible)),
        reachable=tuple(sorted(reachable)),
        stages=stage_rows,
        cells=cells,
        stuck=stuck,
        dead_ends=_dead_ends(eligible, config.model.stages[-1].id) if tracked else (),
        broken_next=broken,
        backward=backward,
        balance=_balance(config, eligible),
        stale=tuple(sorted(a.id for a in assets if a.status == "published" and a.is_stale(as_of))),
        pipeline=tuple(sorted(a.id for a in assets if a.in_pipeline)),
        retired=tuple(sorted(a.id for a in assets if a.status == "retired")),
        over_invested=_over_invested(eligible, cells),
        flow_tracked=tracked,
        inferred_next=tuple(pair for pair in shared.inferred if pair[0] in ids),
        with_next=with_next,
        next_to_make=gaps,
        by_persona=rows,
        lint=lint(config, library, as_of),
        actions=rank_actions(config, assets, cells, stuck, onward, gaps, as_of, persona, lost),
        evidence=evidence,
        sendable=sendable(config, library, assets, eligible, as_of),
    )


@dataclass(frozen=True, slots=True)
class _Flow:
    """Where next steps lead: the journey's stage positions and the assets buyers can reach."""

    index: dict[str, int]
    """Stage id to its position in the journey."""
    by_id: Mapping[str, Asset]
    """Every asset of the library by id."""
    reachable: frozenset[str]
    """Ids of the assets a buyer could be sent today, whoever they are for."""
    free_order: bool = False
    """Buyers move between stages in any order (the model's ``free_order``)."""

    def target_stages(self, target: str) -> tuple[str, ...]:
        """Return the stages a ``next`` value leads to: a stage, or a reachable asset's stages."""
        if target in self.index:
            return (target,)
        asset = self.by_id.get(target)
        if asset is None or target not in self.reachable:
            return ()
        return asset.stages

    def moves_on(self, asset: Asset, stage_id: str, reach: int) -> bool:
        """Return True if the asset's next step moves a buyer on from this stage.

        In journey order that is a later stage (``reach`` is `reach` of the asset); with
        ``free_order`` any other stage.
        """
        if self.free_order:
            return any(t != stage_id for t in self.target_stages(asset.next)) if asset.next else False
        return reach > self.index[stage_id]

    def reach(self, asset: Asset) -> int:
        """Return the position of the furthest stage the asset's next step leads to, or -1."""
        if not asset.next:
            return -1
        return max((self.index[t] for t in self.target_stages(asset.next)), default=-1)


@dataclass(frozen=True, slots=True)
class _Shared:
    """What every report of a library on a day finds the same, whoever it is for (worked out once for them all)."""

    flow: _Flow
    """Where next steps lead."""
    broken: tuple[NextIssue, ...]
    """The broken next steps of every eligible asset, by asset id (a report keeps those of its assets)."""
    backward: tuple[NextIssue, ...]
    """The next steps that lead back, likewise."""
    inferred: tuple[tuple[str, str], ...]
    """The next step inferred for every asset that names none, to an eligible asset or a stage (a
    report keeps those of its eligible assets; an asset's page shows its own, whatever its state)."""


def _shared(config: Config, library: Library, as_of: dt.date) -> _Shared:
    """Return what the reports of these objects share; remembered for the latest (a build makes one per persona)."""
    return _SHARED.get((config, library, as_of), lambda: _share(config, library, as_of))


def _share(config: Config, library: Library, as_of: dt.date) -> _Shared:
    eligible = [a for a in library.assets if a.is_eligible(as_of)]
    # A next step may lead to any asset a buyer could be sent, whoever it is written for.
    reachable = frozenset(a.id for a in eligible)
    flow = _Flow(
        {s.id: s.index for s in config.model.stages}, library.by_id, reachable, config.model.free_order
    )
    broken, backward = _next_issues(eligible, flow, as_of)
    redirected = link_reading(config, library.site_params, library.assets).in_path  # (a site's redirects)
    roots = route_roots(config) if config.rules.generator == "docusaurus" else ()
    inferred = infer_next(library.assets, eligible, flow.index, redirected, library.assets, roots)
    return _Shared(flow, broken, backward, inferred)


def inferred_steps(report: Report, library: Library) -> dict[str, str]:
    """Return the next step inferred for each asset of ``library`` that names none, by asset id
    (`stagemap.analyse.inferred`): for every asset, where ``report`` keeps those it counts.

    ``report`` is of ``library``, or of one equal in every field `analyse` reads: one kept for an
    edit that changes none of them (``serve``, `stagemap.write.hashes.same_report`) keeps its steps.
    """
    return _STEPS.get((report,), lambda: dict(_shared(report.config, library, report.as_of).inferred))


_STEPS: Latest[dict[str, str]] = Latest()
"""The inferred next steps of the latest report asked about."""


_SHARED: Latest[_Shared] = Latest()
"""The latest library and settings analysed, with the day and what their reports share."""


@dataclass(frozen=True, slots=True)
class _Placed:
    """Eligible asset ids sorted into stages and cells, in one pass over the assets."""

    in_stage: dict[str, list[str]]
    """Stage id to the assets that serve it."""
    onward: dict[str, list[str]]
    """Stage id to the assets there whose next step leads to a later stage."""
    in_cell: dict[tuple[str, str], list[str]]
    """(stage id, question id) to the assets that serve the stage and answer the question."""


def _place(config: Config, eligible: Sequence[Asset], flow: _Flow) -> _Placed:
    # One pass over the assets fills every stage and cell (10,000 assets x 32 cells adds up).
    placed = _Placed({s.id: [] for s in config.model.stages}, {s.id: [] for s in config.model.stages}, {})
    for a in eligible:
        reach = flow.reach(a)
        for sid in a.stages:
            if sid not in placed.in_stage:
                continue
            placed.in_stage[sid].append(a.id)
            if flow.moves_on(a, sid, reach):
                placed.onward[sid].append(a.id)
            for qid in a.questions:
                placed.in_cell.setdefault((sid, qid), []).append(a.id)
    return placed


def _stage_threshold(config: Config, stage_id: str) -> int:
    return config.thresholds.stages.get(stage_id, config.thresholds.covered)


def _stage_rows(config: Config, placed: _Placed) -> tuple[StageCoverage, ...]:
    rows = []
    for stage in config.model.stages:
        here = sorted(placed.in_stage[stage.id])
        threshold = _stage_threshold(config, stage.id)
        forward = tuple(sorted(placed.onward[stage.id]))
        rows.append(
            StageCoverage(stage, len(here), threshold, _state(len(here), threshold), tuple(here), forward)
        )
    return tuple(rows)


def _cells(config: Config, placed: _Placed) -> tuple[Cell, ...]:
    cells = []
    for stage in config.model.stages:
        # A stage asks the questions of its phase: after the purchase, not the buyer's four.
        for question in config.questions_at(stage.id):
            ids = tuple(sorted(placed.in_cell.get((stage.id, question.id), ())))
            threshold = config.thresholds.for_cell(stage.id, question.id)
            na = (stage.id, question.id) in config.not_applicable
            state: State = "n/a" if na else _state(len(ids), threshold)
            cells.append(Cell(stage.id, question.id, len(ids), threshold, state, ids))
    return tuple(cells)


def _with_next(eligible: Sequence[Asset], last: str) -> tuple[int, int]:
    """Return how many eligible assets serving a stage before the last name a next step, and of how many."""
    before = [a for a in eligible if any(s != last for s in a.stages)]
    return sum(1 for a in before if a.next), len(before)


def flow_tracked(with_next: tuple[int, int], total: int) -> bool:
    """Return whether the flow is judged: ``with_next`` is `_with_next`'s count, ``total`` the assets read.

    A library where no eligible asset serves a stage before the last has no flow to judge (a
    site read in place before anyone tagged it). A small one (fewer than `FLOW_MIN_ASSETS`
    assets in all) is judged however few next steps it records: without them it really is
    stuck. A bigger one is judged once `FLOW_MIN_SHARE` of those assets name a next step: it
    counts the assets read, not only the tagged ones, so that the first few pages tagged on a
    big site do not make every stage a stuck point.
    """
    named, before = with_next
    return before > 0 and (total < FLOW_MIN_ASSETS or named >= FLOW_MIN_SHARE * before)


def _dead_ends(eligible: Sequence[Asset], last: str) -> tuple[str, ...]:
    return tuple(sorted(a.id for a in eligible if not a.next and any(s != last for s in a.stages)))


def _next_issues(
    eligible: Sequence[Asset], flow: _Flow, as_of: dt.date
) -> tuple[tuple[NextIssue, ...], tuple[NextIssue, ...]]:
    """Return the broken next steps and those that lead back, by asset id."""
    broken: list[NextIssue] = []
    backward: list[NextIssue] = []
    for a in sorted(eligible, key=lambda a: a.id):
        if not a.next:
            continue
        reason = _next_reason(a.next, flow.by_id, flow.index, as_of)
        if reason:
            broken.append(NextIssue(a.id, a.path, a.next, reason))
            continue
        targets = flow.target_stages(a.next)
        back = targets and max(flow.index[t] for t in targets) < min(flow.index[s] for s in a.stages)
        if back and not flow.free_order:
            backward.append(NextIssue(a.id, a.path, a.next, "backward"))
    return tuple(broken), tuple(backward)


def _over_invested(eligible: Sequence[Asset], cells: Sequence[Cell]) -> tuple[str, ...]:
    by_cell = {(c.stage, c.question): c for c in cells}
    counted = [c.count for c in cells if c.state != "n/a"]
    mean = sum(counted) / len(counted) if counted else 0.0
    over = []
    for a in eligible:
        # Only the cells the asset counts in: a question not asked at a stage has no cell.
        mine = [c for s in a.stages for q in a.questions if (c := by_cell.get((s, q))) is not None]
        if mine and all(c.count >= OVER_INVESTED_FACTOR * max(c.threshold, mean) for c in mine):
            over.append(a.id)
    return tuple(sorted(over))


def _next_reason(target: str, by_id: Mapping[str, Asset], index: dict[str, int], as_of: dt.date) -> str:
    if target in index:
        return ""
    asset = by_id.get(target)
    if asset is None:
        return "unknown"
    if asset.status == "retired":
        return "retired"
    if asset.status != "published":
        return "unpublished"
    if asset.is_stale(as_of):
        return "stale"
    if asset.is_scheduled(as_of):
        return "scheduled"
    return ""


def _balance(config: Config, eligible: Sequence[Asset]) -> Balance:
    counts: dict[Phase, int] = dict.fromkeys(PHASES, 0)
    # Each asset counts once, for the phase of its earliest stage, so the counts add up to
    # the eligible assets (a price sheet for evaluation and purchase is pre-purchase effort).
    stage_of = {s.id: s for s in config.model.stages}
    for asset in eligible:
        stages = [stage_of[s] for s in asset.stages if s in stage_of]
        if stages:
            counts[min(stages, key=lambda s: s.index).phase] += 1
    total = sum(counts.values())
    shares: dict[Phase, float] = {p: (counts[p] / total if total else 0.0) for p in PHASES}
    has_after = any(s.phase == "after" for s in config.model.stages)
    # No eligible asset at all: nothing is out of balance yet (the gaps say what is missing).
    warning = has_after and total > 0 and shares["after"] < config.min_after_share
    return Balance(counts, shares, config.min_after_share, warning)


def _rank_gaps(config: Config, cells: Sequence[Cell], stuck: set[str]) -> tuple[Gap, ...]:
    model = config.model
    q_index = {q.id: i for i, q in enumerate(config.questions)}
    gaps: list[tuple[tuple[int, int, int, int], Gap]] = []
    for cell in cells:
        if cell.state not in ("empty", "thin"):
            continue
        stage = model.stage(cell.stage)
        question = config.question(cell.question)
        assert stage is not None and question is not None
        gap = Gap(
            stage=cell.stage,
            question=cell.question,
            state=cell.state,
            count=cell.count,
            needed=cell.threshold - cell.count,
            stuck=cell.stage in stuck,
            reason=_reason(stage, question.prompt, cell),
            formats=stage.formats,
        )
        key = (
            0 if cell.state == "empty" else 1,
            0 if gap.stuck else 1,
            stage.index,
            q_index[cell.question],
        )
        gaps.append((key, gap))
    gaps.sort(key=lambda pair: pair[0])
    return tuple(g for _, g in gaps)


def _reason(stage: Stage, prompt: str, cell: Cell) -> str:
    have = "nothing answers" if cell.count == 0 else f"only {cell.count} of {cell.threshold} answer"
    goal = stage.goal.rstrip(".")
    text = f"{stage.name}: {have} \u201c{prompt}\u201d"
    if goal:
        text += f" while buyers need to {goal[0].lower()}{goal[1:]}"
    return text + "."


def _persona_row(config: Config, library: Library, persona: str, as_of: dt.date) -> PersonaRow:
    cells: list[tuple[str, int, State]] = []
    eligible = [a for a in library.assets if serves(a, persona) and a.is_eligible(as_of)]
    for stage in config.model.stages:
        count = sum(stage.id in a.stages for a in eligible)
        threshold = _stage_threshold(config, stage.id)
        cells.append((stage.id, count, _state(count, threshold)))
    return PersonaRow(persona, tuple(cells))
