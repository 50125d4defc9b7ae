"""The part of ``build`` that reads the library, then has the site rendered (`stagemap.cli.rendering`).

`stagemap.cli.site` first checks whether anything changed since the last build into the
folder (`stagemap.write.fingerprint`). Only when something did does it import this module,
and with it the readers. The renderers and the analysis (`stagemap.cli.rendering`) are
imported while a worker parses the first files of a cold read: 0.04 s of a build that one
core spent alone.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem
from ..model.settings import Config
from ..write.workers import default_workers, parallel_map
from .app import _State, later
from .loading import collections_paused, load_unsaved

if TYPE_CHECKING:
    from ..write.publish import Published


def build_site(
    state: _State,
    config: Config,
    target: Path,
    day: dt.date,
    report: Callable[[tuple[Problem, ...]], None],
) -> tuple[Published, tuple[Problem, ...]]:
    """Read the project (whose settings are ``config``), ``report`` its problems, and build its site into ``target``."""
    workers = default_workers()
    # A cold read of a big library parses its files on every core, as the pages are rendered.
    spread = functools.partial(parallel_map, workers=workers, first=_renderer)
    with collections_paused():
        # The parse cache is saved while the page workers render (or after a failed build).
        project, save = load_unsaved(state, spread=spread, config=config)
        try:
            report(project.problems)  # (``--strict`` stops here on problems: the cache is saved still)
            result = _renderer()(project, target, day, workers, save)
        finally:
            save()
    return result, project.problems


def _renderer() -> Callable[..., Published]:
    """`stagemap.cli.rendering.render_site`, imported now if it was not yet."""
    return later("rendering", "render_site")  # type: ignore[no-any-return]
