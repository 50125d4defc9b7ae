"""What ``kit`` and ``play`` share: one page, printed or written to the file ``-o`` names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..model.project import Project
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
