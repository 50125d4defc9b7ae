"""The part of ``build`` that renders a loaded project's site (imported by `stagemap.cli.building`)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..model.project import Project
from ..write.publish import Published, build_into, page_count

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
