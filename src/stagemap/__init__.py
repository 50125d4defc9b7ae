"""stagemap: plan marketing and sales message content around the buyer's stage.

The library API::

    import stagemap
    project = stagemap.load_project("path/to/project")
    for problem in project.problems:
        print(problem.format())
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import Config, load_config
from .errors import ConfigError, Problem, StagemapError, UsageError
from .journey import JourneyModel, Persona, Question, Stage
from .library import Asset, Library, load_library

__version__ = "0.1.0"
__all__ = [
    "Asset",
    "Config",
    "ConfigError",
    "JourneyModel",
    "Library",
    "Persona",
    "Problem",
    "Project",
    "Question",
    "Stage",
    "StagemapError",
    "UsageError",
    "__version__",
    "load_project",
]


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


def load_project(path: str | Path | None = None, *, bodies: bool = True) -> Project:
    """Load the project at ``path`` (default: the current folder or the nearest above it).

    Raises `ConfigError` when stagemap.yml is missing or invalid; content problems are
    returned in ``project.problems``, never raised. With ``bodies=False`` the assets'
    bodies are left empty and unchanged files are not read again (a parse cache in
    ``.stagemap-cache/``): enough for coverage, checks and kits, and much faster.
    """
    config = load_config(path)
    return Project(config, load_library(config, bodies=bodies))
