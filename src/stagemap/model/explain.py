"""Why a stage x question cell holds the count it does: every asset that could count, and why. No I/O."""

from __future__ import annotations

from dataclasses import dataclass

from .report import State


@dataclass(frozen=True, slots=True)
class Counted:
    """One asset tagged with a cell's stage and question, and whether it counts there."""

    asset: str
    """Asset id."""
    path: str
    """Its file."""
    counts: bool
    """It counts towards the cell today."""
    reason: str
    """Why it does not count (``status draft``, ``review date 2025-01-01 passed``...); empty when it counts."""
    stage_from: tuple[str, ...]
    """Where its stage tag came from: ``file:line``, or ``rule N (where): text``."""
    question_from: tuple[str, ...]
    """Where its question tag came from, the same way."""
    audience: str
    """``buyer`` or ``internal``."""


@dataclass(frozen=True, slots=True)
class Explanation:
    """Everything behind one cell's count."""

    stage: str
    """Stage id."""
    question: str
    """Question id; empty for a stage's whole row (the report's "All" column)."""
    state: State
    """The cell's state in the report."""
    count: int
    """Assets that count: those of ``rows`` with ``counts``."""
    threshold: int
    """Count at which the cell is covered."""
    not_applicable: bool
    """The settings declare the cell empty on purpose (``not_applicable``)."""
    persona: str | None
    """The report's persona filter, or None."""
    rows: tuple[Counted, ...]
    """Every asset tagged with both the stage and the question: those that count first, then the rest, each by id."""
