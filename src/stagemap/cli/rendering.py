"""The parts of ``build`` and ``check --links`` that render a loaded project (imported when needed)."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Mapping
from pathlib import Path

import click

from ..analyse.site import LinkPlan
from ..errors import Problem
from ..model.library import Asset
from ..model.project import Project
from ..model.settings import Config
from ..render.deadlinks import dead_in, link_plan
from ..write.publish import Published, build_into, page_count
from ..write.workers import default_workers, parallel_map

PROGRESS_FROM = 200
"""Smaller sites build in well under a second: no progress bar for them."""


def render_site(project: Project, target: Path, day: dt.date, workers: int) -> Published:
    """Build the site of ``project`` into ``target``, with a progress bar on a terminal for a big one."""
    # Counting the pages costs 0.1 s at 10,000 assets: only for a progress bar that may show.
    if sys.stderr.isatty() and (pages := page_count(project.config, project.library)) >= PROGRESS_FROM:
        with click.progressbar(length=pages, label="Rendering pages", file=sys.stderr) as bar:
            return build_into(
                project, target, day, workers=workers, progress=lambda made: bar.update(made - bar.pos)
            )
    return build_into(project, target, day, workers=workers)


def dead_links(project: Project) -> tuple[Problem, ...]:
    """Return a warning for each link in the project's bodies that leads nowhere (``check
    --links``), the bodies rendered on every processor as a build renders them."""
    config, library = project.config, project.library
    links = link_plan(config, library)
    ids = [asset.id for asset in library.assets]
    work = functools.partial(_dead, config, links, library.by_id)
    return tuple(p for found in parallel_map(work, ids, default_workers()) for p in found)


def _dead(config: Config, links: LinkPlan, by_id: Mapping[str, Asset], asset_id: str) -> list[Problem]:
    return dead_in(config, links, by_id[asset_id])
