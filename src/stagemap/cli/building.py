"""The part of ``build`` that reads the library and renders the site.

`stagemap.cli.site` first checks whether anything changed since the last build into the
folder (`stagemap.write.fingerprint`). Only when something did does it import this module,
and with it the readers, the analysis and the renderers: a rebuild with nothing changed
skips most of the imports of a build.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from pathlib import Path

import click

from ..errors import Problem
from ..model.settings import Config
from ..write.publish import Published, build_into, page_count
from ..write.workers import default_workers, parallel_map
from .app import _State
from .loading import collections_paused, load

PROGRESS_FROM = 200
"""Smaller sites build in well under a second: no progress bar for them."""


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
    spread = functools.partial(parallel_map, workers=workers, share=True)
    with collections_paused():
        project = load(state, spread=spread, config=config)
        report(project.problems)
        # Counting the pages costs 0.1 s at 10,000 assets: only for a progress bar that may show.
        if sys.stderr.isatty() and (pages := page_count(project.config, project.library)) >= PROGRESS_FROM:
            with click.progressbar(length=pages, label="Rendering pages", file=sys.stderr) as bar:
                result = build_into(
                    project, target, day, workers=workers, progress=lambda _path: bar.update(1)
                )
        else:
            result = build_into(project, target, day, workers=workers)
    return result, project.problems
