"""What ``kit`` and ``play`` share: one page, printed or written to the file ``-o`` names."""

from __future__ import annotations

from pathlib import Path

import click

from ..write.atomic import atomic_write
from ..write.targets import check_output_file
from .app import _State


def page_target(state: _State, output: Path | None, force: bool) -> Path | None:
    """The file to write (checked before anything is read), or None to print."""
    return check_output_file(state.config(), output, force=force) if output is not None else None


def print_or_write(text: str, target: Path | None, output: Path | None) -> None:
    """Print ``text``, or write it to ``target`` and say so, naming the file as given (``output``)."""
    if target is None:
        click.echo(text, nl=False)
        return
    atomic_write(target, text.encode("utf-8"))
    click.echo(f"Wrote {output}")
