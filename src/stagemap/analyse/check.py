"""What a check of the project found: problems counted, files checked. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import Problem
from ..model.project import Project
from ..paths import shown_folder
from .lint import lint


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of validating a project's settings and content."""

    problems: tuple[Problem, ...]
    """Every problem, sorted by path and line."""
    errors: int
    """How many problems are errors."""
    warnings: int
    """How many problems are warnings."""
    assets: int
    """Files that could be read as assets."""
    files: int
    """Content files checked: the assets, and the files that could not become assets."""
    content: tuple[str, ...]
    """The content folders (the sources' in order, else the content folder) relative to the
    project root, each ending in ``/`` (whole when outside)."""
    model: str
    """The journey model's id."""
    stages: int
    """Stages in the model."""
    questions: int
    """Questions the project asks."""
    personas: int
    """Personas the project defines."""

    def failed(self, strict: bool) -> bool:
        """True when the check fails: on errors, and on warnings too when ``strict``."""
        return self.errors > 0 or (strict and self.warnings > 0)


def check_project(
    project: Project, as_of: dt.date | None = None, more: tuple[Problem, ...] = ()
) -> CheckResult:
    """Count what validating ``project`` found, with ``more`` problems found apart (links that
    lead nowhere).

    With ``as_of`` (the day eligibility is judged on), the lint warnings of `analyse.lint`
    are among the problems too; rules switched off in the ``lint`` setting stay out.
    """
    problems = project.problems
    if as_of is not None or more:
        found = lint(project.config, project.library, as_of) if as_of is not None else ()
        problems = tuple(sorted((*problems, *found, *more)))
    errors = sum(p.severity == "error" for p in problems)
    config = project.config
    folders = [s.path for s in config.sources] or [config.content_dir]
    content = tuple(dict.fromkeys(shown_folder(f, config.root) for f in folders))
    # Content files that could not become assets still count as checked (not stagemap.yml or a
    # site's configuration under a source read from the project's root: non-assets).
    read = {f.path for f in project.library.fates if f.fate == "problem"}
    files = {a.path for a in project.assets} | {p.path for p in problems if p.path in read}
    return CheckResult(
        problems=problems,
        errors=errors,
        warnings=len(problems) - errors,
        assets=len(project.assets),
        files=len(files),
        content=content,
        model=config.model.id,
        stages=len(config.model.stages),
        questions=len(config.questions),
        personas=len(config.personas),
    )
