"""The parts of ``build`` and ``check --links`` that render a loaded project (imported when needed)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import click

from ..errors import Problem
from ..model.project import Project
from ..render.deadlinks import Facts
from ..render.deadlinks import dead_links as find_dead_links
from ..write.publish import Published, build_into, page_count
from ..write.workers import default_workers, parallel_map

PROGRESS_FROM = 200
"""Smaller sites build in well under a second: no progress bar for them."""


def render_site(
    project: Project, target: Path, day: dt.date, workers: int, also: Callable[[], object] | None = None
) -> Published:
    """Build the site of ``project`` into ``target``, with a progress bar on a terminal for a big one.

    ``also``: more work for this process while the page workers render (see `build_into`).
    """
    # Counting the pages costs 0.1 s at 10,000 assets: only for a progress bar that may show.
    if sys.stderr.isatty() and (pages := page_count(project.config, project.library)) >= PROGRESS_FROM:
        with click.progressbar(length=pages, label="Rendering pages", file=sys.stderr) as bar:
            return build_into(
                project,
                target,
                day,
                workers=workers,
                progress=lambda made: bar.update(made - bar.pos),
                also=also,
            )
    return build_into(project, target, day, workers=workers, also=also)


def dead_links(project: Project) -> tuple[Problem, ...]:
    """Return a warning for each link in the project's bodies that leads nowhere or to a part
    of a page that is not there (``check --links``), the bodies rendered on every processor."""

    def spread(work: Callable[[str], Facts], ids: Sequence[str]) -> Iterator[Facts]:
        return parallel_map(work, ids, default_workers())

    return find_dead_links(project.config, project.library, spread)
