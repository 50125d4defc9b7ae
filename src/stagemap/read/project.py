"""Load a whole project: its settings, then its library."""

from __future__ import annotations

from pathlib import Path

from ..model.project import Project
from .assets import load_library
from .settings import load_config


def load_project(path: str | Path | None = None, *, bodies: bool = True) -> Project:
    """Load the project at ``path`` (default: the current folder or the nearest above it).

    Raises `ConfigError` when stagemap.yml is missing or invalid; content problems are
    returned in ``project.problems``, never raised. With ``bodies=False`` the assets'
    bodies are left empty and unchanged files are not read again (a parse cache in
    ``.stagemap-cache/``): enough for coverage, checks and kits, and much faster.
    """
    config = load_config(path)
    return Project(config, load_library(config, bodies=bodies))
