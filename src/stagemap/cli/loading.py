"""Loading a command's project: the library read, and its parse cache saved.

Apart from `stagemap.cli.app` so that a command that does not read the library (``--help``,
a rebuild with nothing changed) does not import the readers.
"""

from __future__ import annotations

import click

from ..model.project import Project
from ..model.settings import Config
from ..read.project import read_project
from ..read.remembered import Spread
from ..write.cache import save_parse_cache
from .app import _State


def load(
    state: _State, *, bodies: bool = True, spread: Spread | None = None, config: Config | None = None
) -> Project:
    """Load the project and save its parse cache, warning on stderr when that fails.

    ``config``: the settings the command has just read (`_State.config`), not read again.
    """
    project, cache = read_project(state.project_dir, bodies=bodies, spread=spread, config=config)
    warning = save_parse_cache(cache, project.config.root)
    if warning:
        click.echo(f"warning: {warning}", err=True)
    return project
