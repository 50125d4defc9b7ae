"""Loading a command's project: the library read, and its parse cache saved.

Apart from `stagemap.cli.app` so that a command that does not read the library (``--help``,
a rebuild with nothing changed) does not import the readers.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator

import click

from ..model.project import Project
from ..model.settings import Config
from ..read.project import read_project
from ..read.remembered import Spread, collector_paused
from ..write.cache import save_parse_cache
from .app import _State


def load(
    state: _State, *, bodies: bool = True, spread: Spread | None = None, config: Config | None = None
) -> Project:
    """Load the project and save its parse cache, warning on stderr when that fails.

    ``config``: the settings the command has just read (`_State.config`), not read again.
    """
    project, save = load_unsaved(state, bodies=bodies, spread=spread, config=config)
    save()
    return project


def load_unsaved(
    state: _State, *, bodies: bool = True, spread: Spread | None = None, config: Config | None = None
) -> tuple[Project, Callable[[], None]]:
    """Load the project like `load`, and return it with what saves its parse cache (once, however
    often it is called), for a caller with a better time to do so (see `stagemap.cli.building`)."""
    project, cache = read_project(state.project_dir, bodies=bodies, spread=spread, config=config)
    pending = [cache]

    def save() -> None:
        if pending:
            warning = save_parse_cache(pending.pop(), project.config.root)
            if warning:
                click.echo(f"warning: {warning}", err=True)

    return project, save


@contextlib.contextmanager
def collections_paused() -> Iterator[None]:
    """Run a command's work with the garbage collector paused (in its workers too), then let it go on.

    A build, a check or a report leaves next to nothing in reference cycles (a page's template
    contexts are emptied once it is made: see `stagemap.render.environment.render`), yet each
    collection went over the library and the plan and found nothing to free: 0.2 to 0.3 s of
    a build of 10,000 assets, a third of it before the page workers start; 0.04 to 0.06 s of a
    warm check or report of that library. Once done, what the command made is put in the
    oldest generation (`gc.freeze` then `gc.unfreeze`) unexamined: let go as it was, the
    collector would go over all of it at once when next asked to. (Not when a caller froze
    objects of its own: they stay frozen.)
    """
    ours = gc.get_freeze_count() == 0
    with collector_paused():
        try:
            yield
        finally:
            if ours:
                gc.freeze()
                gc.unfreeze()
