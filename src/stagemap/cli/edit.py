"""What the commands that create and change content share: prompts, refusals, writing.

Like the rest of the command line: data to stdout, problems to stderr.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ..edit.tag import ID_FIELDS, FileEdit
from ..errors import OutputError, suggest
from ..write.atomic import atomic_write


def stdin_is_tty() -> bool:
    """True when a person can answer questions on stdin (tests replace this)."""
    return sys.stdin.isatty()


def display(path: Path, root: Path) -> str:
    """A path the user can paste: relative from inside the project or above it, else absolute."""
    cwd = Path.cwd().resolve()
    if root.is_relative_to(cwd) or cwd.is_relative_to(root):
        return Path(os.path.relpath(path, cwd)).as_posix()
    return str(path)


def refused(edit: FileEdit) -> None:
    """Print why a file is left alone, after the problems behind it."""
    for problem in edit.problems:
        click.echo(problem.format(), err=True)
    hint = f" (add one with --add-{ID_FIELDS[edit.emptied]})" if edit.emptied else ""
    click.echo(f"{edit.rel}: not changed: {edit.refusal}{hint}", err=True)


def write_edit(edit: FileEdit, root: Path | None) -> bool:
    """Write a planned edit (confined to ``root`` when given); True when the bytes changed."""
    if edit.created and edit.path.exists():
        raise OutputError(f"{edit.rel} appeared while planning; nothing more was written")
    return atomic_write(edit.path, edit.after, within=root)


def ask_ids(label: str, choices: Sequence[tuple[str, str]], *, required: bool) -> tuple[str, ...]:
    """Prompt (on stderr) for ids, listing the choices; re-asks until every id is valid."""
    ids = [c[0] for c in choices]
    width = max((len(i) for i in ids), default=0)
    click.echo(f"{label}:", err=True)
    for item, name in choices:
        click.echo(f"  {item:<{width}}  {name}", err=True)

    def convert(text: str) -> tuple[str, ...]:
        items = tuple(dict.fromkeys(p for p in re.split(r"[,\s]+", text.strip()) if p))
        if required and not items:
            raise click.BadParameter("give at least one id")
        for item in items:
            if item not in ids:
                raise click.BadParameter(f"unknown id '{item}' ({suggest(item, ids)})")
        return items

    hint = "one or more ids, separated by commas" + ("" if required else "; Enter for none")
    result: tuple[str, ...] = click.prompt(
        f"{label} ({hint})",
        default=None if required else "",
        show_default=False,
        value_proc=convert,
        err=True,
    )
    return result
