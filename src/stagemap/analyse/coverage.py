"""Coverage, journey flow and phase balance: the facts behind the gap report. Pure functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model.journey import PHASES, Phase, Stage
from ..model.library import Asset, Library
from ..model.report import (
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


def _state(count: int, threshold: int) -> State:
    if count == 0:
        return "empty"
    return "thin" if count < threshold else "covered"


def serves(asset: Asset, persona: str | None) -> bool:
    """Return True if the asset is for this persona (an asset naming none serves everyone)."""
    return persona is None or not asset.personas or persona in asset.personas


def analyse(
    config: Config,
    library: Library,
    as_of: dt.date,
    *,
    persona: str | None = None,
    by_persona: bool = False,
) -> Report:
    """Build the gap report of a library on ``as_of``, optionally for one persona."""
    model = config.model
    assets = [a for a in library.assets if serves(a, persona)]
    by_id = library.by_id
    eligible = [a for a in assets if a.is_eligible(as_of)]
    # A next step may lead to any asset a buyer could be sent, whoever it is written for.
    eligible_ids = {a.id for a in library.assets if a.is_eligible(as_of)}
    index = {s.id: s.index for s in model.stages}
    last = model.stages[-1].id

    def target_stages(target: str) -> tuple[str, ...]:
        if target in index:
            return (target,)
        asset = by_id.get(target)
        if asset is None or target not in eligible_ids:
            return ()
        return asset.stages

    # One pass over the assets fills every stage and cell (10,000 assets x 32 cells adds up).
    in_stage: dict[str, list[str]] = {s.id: [] for s in model.stages}
    onward: dict[str, list[str]] = {s.id: [] for s in model.stages}
    in_cell: dict[tuple[str, str], list[str]] = {}
    for a in eligible:
        reach = max((index[t] for t in target_stages(a.next)), default=-1) if a.next else -1
        for sid in a.stages:
            if sid not in in_stage:
                continue
            in_stage[sid].append(a.id)
            if reach > index[sid]:
                onward[sid].append(a.id)
            for qid in a.questions:
                in_cell.setdefault((sid, qid), []).append(a.id)

    stage_rows: list[StageCoverage] = []
    for stage in model.stages:
        here = sorted(in_stage[stage.id])
        threshold = config.thresholds.stages.get(stage.id, config.thresholds.covered)
        stage_rows.append(
            StageCoverage(
                stage,
                len(here),
                threshold,
                _state(len(here), threshold),
                tuple(here),
                tuple(sorted(onward[stage.id])),
            )
        )

    cells: list[Cell] = []
    for stage in model.stages:
        for question in config.questions:
            ids = tuple(sorted(in_cell.get((stage.id, question.id), ())))
            threshold = config.thresholds.for_cell(stage.id, question.id)
            na = (stage.id, question.id) in config.not_applicable
            cells.append(
                Cell(
                    stage.id,
                    question.id,
                    len(ids),
                    threshold,
                    "n/a" if na else _state(len(ids), threshold),
                    ids,
                )
            )

    stuck = tuple(row.stage.id for row in stage_rows[:-1] if not row.forward)
    dead_ends = tuple(sorted(a.id for a in eligible if not a.next and any(s != last for s in a.stages)))
    broken: list[NextIssue] = []
    backward: list[NextIssue] = []
    for a in sorted(eligible, key=lambda a: a.id):
        if not a.next:
            continue
        reason = _next_reason(a.next, by_id, index, as_of)
        if reason:
            broken.append(NextIssue(a.id, a.path, a.next, reason))
            continue
        targets = target_stages(a.next)
        if targets and max(index[t] for t in targets) < min(index[s] for s in a.stages):
            backward.append(NextIssue(a.id, a.path, a.next, "backward"))

    balance = _balance(config, eligible)
    stuck_set = set(stuck)
    by_cell = {(c.stage, c.question): c for c in cells}
    over = tuple(
        sorted(
            a.id
            for a in eligible
            if all(
                (c := by_cell.get((s, q))) is not None and c.count >= OVER_INVESTED_FACTOR * c.threshold
                for s in a.stages
                for q in a.questions
            )
        )
    )
    gaps = _rank_gaps(config, cells, stuck_set)
    rows: tuple[PersonaRow, ...] = ()
    if by_persona:
        rows = tuple(_persona_row(config, library, p.id, as_of) for p in config.personas)
    return Report(
        config=config,
        as_of=as_of,
        persona=persona,
        total=len(assets),
        eligible=tuple(sorted(a.id for a in eligible)),
        reachable=tuple(sorted(eligible_ids)),
        stages=tuple(stage_rows),
        cells=tuple(cells),
        stuck=stuck,
        dead_ends=dead_ends,
        broken_next=tuple(broken),
        backward=tuple(backward),
        balance=balance,
        stale=tuple(sorted(a.id for a in assets if a.status == "published" and a.is_stale(as_of))),
        pipeline=tuple(sorted(a.id for a in assets if a.in_pipeline)),
        retired=tuple(sorted(a.id for a in assets if a.status == "retired")),
        over_invested=over,
        next_to_make=gaps,
        by_persona=rows,
    )


def _next_reason(target: str, by_id: dict[str, Asset], index: dict[str, int], as_of: dt.date) -> str:
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
    warning = has_after and shares["after"] < config.min_after_share
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
        threshold = config.thresholds.stages.get(stage.id, config.thresholds.covered)
        cells.append((stage.id, count, _state(count, threshold)))
    return PersonaRow(persona, tuple(cells))
