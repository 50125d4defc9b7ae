"""A project's settings as read: the frozen `Config` and its parts. No I/O."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .journey import JourneyModel, Persona, Question, QuestionRole, RankWeights

CONFIG_NAME = "stagemap.yml"
CACHE_DIR = ".stagemap-cache"
"""The folder of stagemap's caches in a project, unless the ``cache`` setting names another."""
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
"""What a stage, question or persona id looks like."""
SETTINGS = (
    "name",
    "purpose",
    "model",
    "stages",
    "questions",
    "personas",
    "not_applicable",
    "content",
    "templates",
    "thresholds",
    "min_after_share",
    "messages",
    "plays",
    "rank",
    "lint",
    "site",
    "cache",
)
"""Every top-level key of stagemap.yml, in the order an edit places a new one."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """How many eligible assets make a cell covered."""

    covered: int = 2
    """Default: a cell with at least this many assets is covered, fewer (but some) is thin."""
    stages: Mapping[str, int] = field(default_factory=dict)
    """Per-stage values; they win over per-question values."""
    questions: Mapping[str, int] = field(default_factory=dict)
    """Per-question values."""

    def for_cell(self, stage: str, question: str) -> int:
        """Return the covered threshold of one stage x question cell."""
        if stage in self.stages:
            return self.stages[stage]
        return self.questions.get(question, self.covered)


@dataclass(frozen=True, slots=True)
class Config:
    """A project's settings with its journey model resolved."""

    root: Path
    """The project folder (where stagemap.yml is)."""
    config_path: Path | None
    """The stagemap.yml file, or None when running on defaults."""
    name: str
    """Project (company) name."""
    purpose: str
    """Why the company exists: shown first in kits."""
    model: JourneyModel
    """The journey model, with overrides applied."""
    questions: tuple[Question, ...]
    """Buyer questions, in order."""
    personas: tuple[Persona, ...]
    """Personas, in order."""
    not_applicable: frozenset[tuple[str, str]]
    """(stage id, question id) cells that are empty on purpose."""
    content_dir: Path
    """Absolute path of the content folder."""
    templates_dir: Path
    """Absolute path of the project's template overrides."""
    thresholds: Thresholds
    """Coverage thresholds."""
    min_after_share: float
    """Share of eligible assets after the purchase below which the report warns."""
    messages: Mapping[str, str]
    """Company-level message per question id."""
    site_title: str
    """Title of the static site."""
    allow_html: bool
    """Render raw HTML in content (trusting the authors). Off by default."""
    cache_dir: Path | None = None
    """Absolute path of the parse cache folder, or None when the cache is off."""
    weights: RankWeights = field(default_factory=RankWeights)
    """Stage and persona weights of the report's ranking (``rank`` in stagemap.yml)."""
    lint_off: frozenset[str] = frozenset()
    """Lint rules switched off (``lint`` in stagemap.yml)."""

    @property
    def question_ids(self) -> tuple[str, ...]:
        """Question ids in order."""
        return tuple(q.id for q in self.questions)

    @property
    def persona_ids(self) -> tuple[str, ...]:
        """Persona ids in order."""
        return tuple(p.id for p in self.personas)

    def question(self, question_id: str) -> Question | None:
        """Return the question with this id, or None."""
        return next((q for q in self.questions if q.id == question_id), None)

    def question_with_role(self, role: QuestionRole) -> Question | None:
        """Return the question playing ``role`` (at most one does), or None."""
        return next((q for q in self.questions if q.role == role), None)

    def persona(self, persona_id: str) -> Persona | None:
        """Return the persona with this id, or None."""
        return next((p for p in self.personas if p.id == persona_id), None)
