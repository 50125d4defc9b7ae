"""stagemap: plan marketing and sales message content around the buyer's stage.

The public Python API, re-exported here; everything else is internal and may change::

    import datetime as dt
    import stagemap

    project = stagemap.load_project("path/to/project")
    for problem in project.problems:
        print(problem.format())
    report = stagemap.analyse(project.config, project.library, dt.date.today())

Each name is imported from its module the first time it is used (PEP 562), not when the
package is: the ``stagemap`` command starts here too, and a command that needs little (a
rebuild with nothing changed, ``--help``) should not pay for importing the whole library.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from . import _compiled
from ._version import __version__

# Before any of the package's dataclasses is made: their code is kept between runs.
_compiled.install()


if TYPE_CHECKING:
    from .analyse.check import CheckResult, check_project
    from .analyse.coverage import analyse
    from .errors import ConfigError, OutputError, Problem, StagemapError, UsageError
    from .model.journey import JourneyModel, Persona, Question, Stage
    from .model.library import Asset, Library
    from .model.project import Project
    from .model.report import Cell, Gap, Report
    from .model.settings import Config
    from .read.project import load_project

_HOMES = {
    "analyse.check": ("CheckResult", "check_project"),
    "errors": ("ConfigError", "OutputError", "Problem", "StagemapError", "UsageError"),
    "model.journey": ("JourneyModel", "Persona", "Question", "Stage"),
    "model.library": ("Asset", "Library"),
    "model.project": ("Project",),
    "model.report": ("Cell", "Gap", "Report"),
    "model.settings": ("Config",),
    "read.project": ("load_project",),
}
"""The module each public name lives in (the same as the imports above, which type checkers read)."""

_HOME = {name: module for module, names in _HOMES.items() for name in names}

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


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use, and keep it here for the next."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'stagemap' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """The package, whose ``analyse`` is the function, imported on first use.

    Importing a module of the ``stagemap.analyse`` package binds that package to the name
    ``analyse`` here; the setter leaves the function in its place. Imported on first use and
    not with the package: a build reads the library first, and its second process parses
    while the first imports the analysis (13 ms of a build that otherwise waits for it).
    """

    @property
    def analyse(self) -> Any:
        return importlib.import_module(f"{__name__}.analyse.coverage").analyse

    @analyse.setter
    def analyse(self, _value: object) -> None:
        pass  # the subpackage, bound by the import system: the name stays the function's


sys.modules[__name__].__class__ = _Package
