"""stagemap: plan marketing and sales message content around the buyer's stage.

The library API::

    import stagemap
    project = stagemap.load_project("path/to/project")
    for problem in project.problems:
        print(problem.format())
"""

from __future__ import annotations

from ._version import __version__
from .errors import ConfigError, Problem, StagemapError, UsageError
from .model.journey import JourneyModel, Persona, Question, Stage
from .model.library import Asset, Library
from .model.project import Project
from .model.settings import Config
from .read.project import load_project

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
