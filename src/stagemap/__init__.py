"""stagemap: plan marketing and sales message content around the buyer's stage.

The public Python API, re-exported here; everything else is internal and may change::

    import datetime as dt
    import stagemap

    project = stagemap.load_project("path/to/project")
    for problem in project.problems:
        print(problem.format())
    report = stagemap.analyse(project.config, project.library, dt.date.today())
"""

from __future__ import annotations

from ._version import __version__
from .analyse.check import CheckResult, check_project
from .analyse.coverage import analyse
from .errors import ConfigError, OutputError, Problem, StagemapError, UsageError
from .model.journey import JourneyModel, Persona, Question, Stage
from .model.library import Asset, Library
from .model.project import Project
from .model.report import Cell, Gap, Report
from .model.settings import Config
from .read.project import load_project

__all__ = [
    "Asset",
    "Cell",
    "CheckResult",
    "Config",
    "ConfigError",
    "Gap",
    "JourneyModel",
    "Library",
    "OutputError",
    "Persona",
    "Problem",
    "Project",
    "Question",
    "Report",
    "Stage",
    "StagemapError",
    "UsageError",
    "__version__",
    "analyse",
    "check_project",
    "load_project",
]
