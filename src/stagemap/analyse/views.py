"""What the stage, question, persona and asset pages of the site show, as frozen views.

Pure, like `stagemap.analyse.site`, which plans the pages and makes these views for them.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..model.journey import Persona, Question, Stage
from ..model.kit import Kit
from ..model.library import Asset, Library
from ..model.report import Cell, Report, StageCoverage
from ..model.settings import Config

__all__ = [
    "AssetView",
    "InferredStep",
    "PersonaView",
    "QuestionView",
    "StageView",
    "asset_views",
    "persona_view",
    "question_view",
    "stage_view",
]


@dataclass(frozen=True, slots=True)
class StageView:
    """What a stage's page shows."""

    stage: Stage
    """The stage."""
    kit: Kit
    """The stage's kit for everyone."""
    assets: tuple[Asset, ...]
    """Every asset tagged with the stage, in site order."""
    coverage: StageCoverage
    """The stage's row of the report."""


@dataclass(frozen=True, slots=True)
class QuestionView:
    """What a question's page shows."""

    question: Question
    """The question."""
    message: str
    """The project's message for it, may be empty."""
    cells: tuple[tuple[Stage, Cell], ...]
    """Its cell at each stage, in journey order."""
    making: Mapping[str, tuple[Asset, ...]]
    """By stage id: idea, draft and review assets that answer it there."""


@dataclass(frozen=True, slots=True)
class PersonaView:
    """What a persona's page shows."""

    persona: Persona
    """The persona."""
    report: Report
    """The coverage report for this persona alone."""
    named: tuple[Asset, ...]
    """Assets that name the persona, in site order."""


@dataclass(frozen=True, slots=True)
class InferredStep:
    """A next step inferred from the links a page ends on, for a page that writes none
    (`stagemap.analyse.inferred`): shown as inferred, never as written."""

    asset: Asset | None
    """The asset it leads to, or None when it leads to a stage."""
    stage: Stage | None
    """The stage it leads to, or None when it leads to an asset."""
    command: str
    """The command that writes it in the page: ``stagemap tag PATH --set next=ID``."""


@dataclass(frozen=True, slots=True)
class AssetView:
    """What an asset's page shows besides its body."""

    asset: Asset
    """The asset."""
    stages: tuple[Stage, ...]
    """Its stages, in journey order."""
    questions: tuple[Question, ...]
    """Its questions, in the project's order."""
    personas: tuple[Persona, ...]
    """Its personas, in the project's order."""
    next_stage: Stage | None
    """The stage its ``next`` names, if it names one."""
    next_asset: Asset | None
    """The asset its ``next`` names, if it names one."""
    incoming: tuple[Asset, ...]
    """Assets whose ``next`` names this one, in site order."""
    inferred: InferredStep | None = None
    """Its next step inferred from its links, when it names none and one is inferred."""


def stage_view(
    ordered: tuple[Asset, ...], report: Report, kits: Mapping[str, Kit], stage: Stage | None
) -> StageView:
    """Return what the page of ``stage`` shows."""
    assert stage is not None  # a key of the stage pages
    return StageView(
        stage=stage,
        kit=kits[stage.id],
        assets=tuple(a for a in ordered if stage.id in a.stages),
        coverage=report.stages[stage.index],
    )


def question_view(
    config: Config, report: Report, ordered: tuple[Asset, ...], question: Question
) -> QuestionView:
    """Return what the page of ``question`` shows."""
    # Only the stages that ask the question have a cell for it.
    stages = tuple(s for s in config.model.stages if config.asks(s.id, question.id))
    return QuestionView(
        question=question,
        message=config.messages.get(question.id, ""),
        cells=tuple((s, report.cell(s.id, question.id)) for s in stages),
        making={
            s.id: tuple(
                a for a in ordered if a.in_pipeline and s.id in a.stages and question.id in a.questions
            )
            for s in stages
        },
    )


def persona_view(
    ordered: tuple[Asset, ...], reports: Mapping[str, Report], persona: Persona | None
) -> PersonaView:
    """Return what the page of ``persona`` shows."""
    assert persona is not None  # a key of the persona pages
    return PersonaView(persona, reports[persona.id], tuple(a for a in ordered if persona.id in a.personas))


def asset_views(
    config: Config,
    library: Library,
    ordered: tuple[Asset, ...],
    keys: Collection[str],
    inferred: Mapping[str, str],
) -> dict[str, AssetView]:
    """Return what the page of each asset in ``keys`` shows besides its body, by asset id.

    ``inferred``: the next step inferred for each asset that names none, by asset id
    (`stagemap.analyse.coverage.inferred_steps`).
    """
    model = config.model
    by_id = library.by_id
    incoming: dict[str, list[Asset]] = {}
    for asset in ordered:
        if asset.next in by_id:
            incoming.setdefault(asset.next, []).append(asset)
    # Thousands of assets share a few dozen combinations of tags: each one's tuple, made once.
    stages = _in_order(model.stages)
    questions = _in_order(config.questions)
    personas = _in_order(config.personas)
    return {
        a.id: AssetView(
            asset=a,
            stages=stages(a.stages),
            questions=questions(a.questions),
            personas=personas(a.personas),
            next_stage=model.stage(a.next) if a.next else None,
            next_asset=by_id.get(a.next) if a.next else None,
            incoming=tuple(incoming.get(a.id, ())),
            inferred=_inferred(config, library, a, inferred.get(a.id, "")),
        )
        for a in library.assets
        if a.id in keys
    }


def _inferred(config: Config, library: Library, asset: Asset, target: str) -> InferredStep | None:
    """Return the asset's inferred next step to ``target`` (an asset or stage id), None without one."""
    led = library.by_id.get(target) if target else None  # an asset first, as a written step reads
    stage = config.model.stage(target) if target and led is None else None
    if stage is None and led is None:
        return None
    return InferredStep(
        led, stage, f"stagemap tag {shlex.quote(asset.path)} --set {shlex.quote(f'next={target}')}"
    )


_Tagged = TypeVar("_Tagged", Stage, Question, Persona)


def _in_order(known: Sequence[_Tagged]) -> Callable[[tuple[str, ...]], tuple[_Tagged, ...]]:
    """Return a function giving the items of ``known`` (in their order) whose ids are in a tag tuple, each tuple's answer kept."""
    made: dict[tuple[str, ...], tuple[_Tagged, ...]] = {}

    def pick(ids: tuple[str, ...]) -> tuple[_Tagged, ...]:
        found = made.get(ids)
        if found is None:
            found = made[ids] = tuple(item for item in known if item.id in ids)
        return found

    return pick
