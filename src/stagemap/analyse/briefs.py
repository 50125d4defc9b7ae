"""Briefs: what to make for each empty or thin cell of the report's make-next list."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.journey import Persona, Question, Stage
from ..model.library import Asset, Library
from ..model.report import Cell, Report
from ..model.settings import Config
from .coverage import serves


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


def briefs(config: Config, library: Library, report: Report) -> tuple[Brief, ...]:
    """Return a brief for each cell in the report's make-next list, in its order."""
    by_id = library.by_id
    pipeline = [a for a in library.assets if a.in_pipeline]
    made = []
    for rank, gap in enumerate(report.next_to_make, 1):
        stage = config.model.stage(gap.stage)
        question = config.question(gap.question)
        assert stage is not None and question is not None
        cell = report.cell(gap.stage, gap.question)
        have = tuple(by_id[i] for i in cell.assets)
        made.append(
            Brief(
                cell=cell,
                rank=rank,
                stage=stage,
                question=question,
                reason=gap.reason,
                stuck=gap.stuck,
                message=config.messages.get(question.id, ""),
                personas=tuple((p, sum(serves(a, p.id) for a in have)) for p in config.personas),
                formats=gap.formats,
                next_stage=config.model.after(stage),
                have=have,
                making=tuple(a for a in pipeline if stage.id in a.stages and question.id in a.questions),
            )
        )
    return tuple(made)
