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
from ..errors import StagemapError, suggest
from ..model.settings import Config
from ..write.cache import journal_folder
from ..write.edits import Resumed, finish_interrupted
from ..write.lock import hold_folder_lock
from .app import _State


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


def changed_meanwhile(rel: str) -> None:
    """Say that a file was left alone because someone changed it after it was read."""
    click.echo(
        f"{rel}: changed by someone else since it was read; not written (run the command again)", err=True
    )


def _waiting() -> None:
    click.echo("waiting for another stagemap to finish editing this project...", err=True)


def lock_project(state: _State) -> tuple[Config, Resumed | None]:
    """Hold the project against other stagemap edits until the command ends; finish a rename.

    The lock is taken before anything is read, so what is planned is what is on disk. A
    rename that a killed run left unfinished is finished (or undone) first, and said so.
    """
    config = state.config()
    click.get_current_context().with_resource(
        hold_folder_lock(config.root, "editing this project", on_wait=_waiting)
    )
    return config, finish_rename(config)


def finish_rename(config: Config) -> Resumed | None:
    """Finish a rename left by a killed run, printing what became of it; stop when stuck."""
    resumed = finish_interrupted(journal_folder(config), config.root)
    if resumed is None:
        return None
    for line in resumed.problems:
        click.echo(line, err=True)
    if resumed.stuck:
        raise StagemapError(resumed.summary())
    click.echo(f"note: {resumed.summary()}", err=True)
    return resumed


def ask_ids(label: str, choices: Sequence[tuple[str, str]], *, required: bool) -> tuple[str, ...]:
    """Prompt (on stderr) for ids, listing the numbered choices; re-asks until every answer is valid.

    An answer is an id or its number in the list.
    """
    ids = [c[0] for c in choices]
    width = max((len(i) for i in ids), default=0)
    click.echo(f"{label}:", err=True)
    for number, (item, name) in enumerate(choices, 1):
        click.echo(f"  {number:>2}  {item:<{width}}  {name}", err=True)

    def convert(text: str) -> tuple[str, ...]:
        parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
        items = tuple(dict.fromkeys(_numbered(p, ids) for p in parts))
        if required and not items:
            raise click.BadParameter("give at least one id or number")
        return items

    hint = "numbers or ids, separated by commas" + ("" if required else "; Enter for none")
    result: tuple[str, ...] = click.prompt(
        f"{label} ({hint})",
        default=None if required else "",
        show_default=False,
        value_proc=convert,
        err=True,
    )
    return result


def ask_format(suggested: Sequence[str]) -> str | None:
    """Prompt for a format: a number from the suggested list, any name, or ``-`` for none.

    Enter takes the first suggestion, which the prompt shows; with none, Enter means no format.
    """
    if not suggested:
        text: str = click.prompt(
            "Format (any name; Enter for none)", default="", show_default=False, err=True
        )
        return text.strip() or None
    click.echo("Formats that suit this stage:", err=True)
    for number, name in enumerate(suggested, 1):
        click.echo(f"  {number:>2}  {name}", err=True)

    def convert(text: str) -> str:
        answer = text.strip()
        if answer.isdigit():
            return _numbered(answer, list(suggested))
        return answer

    answer: str = click.prompt(
        "Format (a number or a name; - for none)", default=suggested[0], value_proc=convert, err=True
    )
    return None if answer == "-" else answer


def _numbered(answer: str, ids: Sequence[str]) -> str:
    """Return the id an answer names, by itself or by its number in ``ids`` (counted from 1)."""
    if answer.isdigit():
        if 1 <= int(answer) <= len(ids):
            return ids[int(answer) - 1]
        raise click.BadParameter(f"no choice number {answer} (1 to {len(ids)})")
    if answer not in ids:
        raise click.BadParameter(f"unknown id '{answer}' ({suggest(answer, ids)})")
    return answer
