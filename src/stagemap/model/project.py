"""A loaded project: settings and library together."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem
from .journey import JourneyModel
from .library import Asset, Library
from .settings import Config


@dataclass(frozen=True, slots=True)
class Project:
    """A loaded project: its settings and model, its assets, and the problems found."""

    config: Config
    """Settings, journey model, questions and personas."""
    library: Library
    """Assets and their problems."""

    @property
    def model(self) -> JourneyModel:
        """The journey model."""
        return self.config.model

    @property
    def assets(self) -> tuple[Asset, ...]:
        """Every asset that could be read, sorted by path."""
        return self.library.assets

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem found in the content, sorted by path and line."""
        return self.library.problems
