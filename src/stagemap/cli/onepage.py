"""What ``kit``, ``kits`` and ``play`` share: one page, printed or written to the file ``-o`` names;
the warnings about settings the pages show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..analyse.lint import placeholder_warnings
from ..model.project import Project
from ..model.settings import Config
from ..write.atomic import atomic_write
from ..write.targets import check_output_file
from .app import _as_of, _State
from .loading import load


def start_page(
    state: _State, as_of: str | None, output: Path | None, force: bool
) -> tuple[dt.date, Path | None, Project]:
    """The day, the file to write (None to print) and the project, front matter only.

    The day and the file are checked before anything is read.
    """
    day = _as_of(as_of)
    target = check_output_file(state.config(), output, force=force) if output is not None else None
    return day, target, load(state, bodies=False)


def print_or_write(text: str, target: Path | None, output: Path | None) -> None:
    """Print ``text``, or write it to ``target`` and say so, naming the file as given (``output``)."""
    if target is None:
        click.echo(text, nl=False)
        return
    atomic_write(target, text.encode("utf-8"))
    click.echo(f"Wrote {output}")


def warn_placeholders(config: Config) -> None:
    """Print to stderr what the pages show that is missing or still init's placeholder (the
    company's purpose, its messages): a salesperson may hand them out as they are."""
    for problem in placeholder_warnings(config):
        click.echo(problem.format(), err=True)
