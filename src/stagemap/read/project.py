"""Load a whole project: its settings, then its library."""

from __future__ import annotations

from pathlib import Path

from ..model.project import Project
from ..model.settings import Config
from .assets import read_library
from .cache import CacheUpdate
from .remembered import Remembered, Spread
from .settings import load_config


def load_project(path: str | Path | None = None, *, bodies: bool = True) -> Project:
    """Load the project at ``path`` (default: the current folder or the nearest above it).

    Raises `ConfigError` when stagemap.yml is missing or invalid; content problems are
    returned in ``project.problems``, never raised. With ``bodies=False`` the assets'
    bodies are left empty and unchanged files are not read again (the parse cache, see
    `read_project`): enough for coverage, checks and kits, and much faster.
    """
    return read_project(path, bodies=bodies)[0]


def read_project(
    path: str | Path | None = None,
    *,
    bodies: bool = True,
    memory: Remembered | None = None,
    spread: Spread | None = None,
    config: Config | None = None,
) -> tuple[Project, CacheUpdate | None]:
    """Load the project like `load_project`, and return what its parse cache should now hold.

    Nothing is written: pass the update to `stagemap.write.cache.save_parse_cache` to keep
    the cache for the next run. ``memory`` keeps parse results between reads (see
    `stagemap.read.cache.Remembered`); ``spread`` parses in worker processes (see `cached_parse`);
    ``config``: the project's settings, when the caller has just read them from ``path``.
    """
    config = config if config is not None else load_config(path)
    if memory is not None:
        config = memory.settled(config)
    library, update = read_library(config, bodies=bodies, memory=memory, spread=spread)
    return Project(config, library), update
