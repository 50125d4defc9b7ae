"""The main command group, its shared options and state, and the helpers every command uses.

click lives in cli/ and nowhere else. Each command loads the project, calls one library
function and prints. Commands live in modules by subject and are imported only when one of
them runs (or its own help is shown): see `COMMANDS`. The command list of ``stagemap --help``
comes from the summaries written there, so that showing it imports no command module.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import os
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar

import click

from .. import _compiled
from .._version import __version__
from ..errors import StagemapError, UsageError, suggest
from ..model.settings import Config
from ..read.settings import load_config
from ..render.words import plural

if TYPE_CHECKING:
    from ..model.project import Project

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
INTERRUPTED = 130
"""The exit code after Ctrl-C or SIGTERM: 128 + SIGINT, as a shell reports a process Ctrl-C stopped."""


@dataclass(frozen=True, slots=True)
class LazyCommand:
    """A command of the main group that is imported only when it is used."""

    module: str
    """The module in stagemap.cli that defines it."""
    attribute: str
    """The command's name in that module."""
    summary: str
    """The first paragraph of its help, shown in the command list (a test keeps them equal)."""


COMMANDS: dict[str, LazyCommand] = {
    "build": LazyCommand(
        "site",
        "build",
        "Build the static site: coverage heatmap, gaps, stages, questions, personas and assets.",
    ),
    "check": LazyCommand("check", "check", "Validate stagemap.yml and every content file."),
    "diff": LazyCommand("history", "diff_command", "Show how coverage changed between two git revisions."),
    "history": LazyCommand(
        "history", "history_command", "Show coverage per stage and cell over the git history."
    ),
    "init": LazyCommand(
        "scaffold",
        "init",
        "Create a project: stagemap.yml with comments, content/ with an example asset, templates/.",
    ),
    "kit": LazyCommand(
        "kits", "kit", "Print the message kit of one STAGE: goal, messages, assets, next step, gaps."
    ),
    "kits": LazyCommand("kits", "kits", "Write one message kit per stage, and an index, into a folder."),
    "list": LazyCommand("tag", "list_assets", "List assets with their tags, sorted by path."),
    "models": LazyCommand("models", "models", "List the built-in journey models."),
    "new": LazyCommand(
        "new", "new", "Create a new asset with valid front matter and a starter body; print its path."
    ),
    "play": LazyCommand(
        "plays", "play", "Print the one-page play of one STAGE: when to run it, what to ask, answer and send."
    ),
    "promote": LazyCommand(
        "promote", "promote", "Write what the rules give files into their own front matter."
    ),
    "rename-persona": LazyCommand(
        "rename", "rename_persona", "Rename persona OLD to NEW in every asset and in stagemap.yml."
    ),
    "rename-question": LazyCommand(
        "rename", "rename_question", "Rename question OLD to NEW in every asset and in the settings."
    ),
    "rename-stage": LazyCommand(
        "rename",
        "rename_stage",
        "Rename stage OLD to NEW in every asset (stages and next:) and in the settings.",
    ),
    "report": LazyCommand(
        "report", "report", "Show where the library leaves buyers without material, and what to make next."
    ),
    "schema": LazyCommand(
        "scaffold",
        "schema",
        "Print a JSON Schema (draft 2020-12) of asset front matter for this project.",
    ),
    "serve": LazyCommand(
        "serve",
        "serve",
        "Build the site and serve it locally, rebuilding and reloading open pages on every change.",
    ),
    "signals": LazyCommand(
        "signals",
        "signals",
        "Import evidence from analytics and CRM exports; show what happened per asset and stage.",
    ),
    "suggest": LazyCommand(
        "suggest", "suggest", "Suggest stages and questions for untagged files, with the reason for each."
    ),
    "tag": LazyCommand("tag", "tag", "Change the front matter of assets in place, and nothing else."),
    "templates": LazyCommand(
        "scaffold",
        "templates",
        "List the templates or copy a built-in one into the project to customise it.",
    ),
}
"""Every command of the main group, by name: where it lives and its summary."""


def later(module: str, attribute: str) -> Any:
    """Return ``attribute`` of the command module ``module``, importing it now.

    For the part of a command that only some of its runs need, as `COMMANDS` is for whole
    commands: ``build`` imports what reads and renders the library (`stagemap.cli.building`)
    only when the site has to change, ``check`` what finishes a rename only when one was
    left unfinished.
    """
    return getattr(importlib.import_module(f"{__package__}.{module}"), attribute)


class _Group(click.Group):
    """Turns every StagemapError into one 'Error: ...' line and exit code 2, and Ctrl-C into exit 130.

    A command that changes files says itself what an interruption left (``build``, ``tag``,
    the renames); any other just stops.
    """

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except StagemapError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(INTERRUPTED)


class _LazyGroup(_Group):
    """The main group: imports a command's module by name when the command is used.

    This is click's documented lazy-loading pattern; the command list of its help is built
    from `COMMANDS` summaries for the commands not imported yet.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            entry = COMMANDS[cmd_name]
            module = importlib.import_module(f"{__package__}.{entry.module}")
            # A module may also register its commands on the group itself when imported.
            command = self.commands.get(cmd_name) or getattr(module, entry.attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Write the command list as click does, from summaries for commands not imported yet."""
        listed: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name) or click.Command(name, help=COMMANDS[name].summary)
            if not command.hidden:
                listed.append((name, command))
        if not listed:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in listed)
        with formatter.section("Commands"):
            formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in listed])


class _State:
    """What the main group's options give every command: the project folder and colour."""

    def __init__(self, project: Path | None, color: bool | None) -> None:
        self.project_dir = project
        self._color = color

    def color(self, stream: TextIO | None = None) -> bool:
        """True when output to ``stream`` (default stdout) should be coloured."""
        if self._color is not None:
            return self._color
        if os.environ.get("NO_COLOR"):
            return False
        stream = stream or sys.stdout
        return bool(getattr(stream, "isatty", lambda: False)())

    def config(self) -> Config:
        """Load the settings only."""
        return load_config(self.project_dir)


pass_state = click.make_pass_decorator(_State)

as_of_option = click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="Judge eligibility and staleness on this day (default: today).",
)
"""The ``--as-of`` option of every command that judges the library on a day."""

F = TypeVar("F", bound=Callable[..., object])


def output_dir_option(help_text: str) -> Callable[[F], F]:
    """The ``-o/--output`` folder option of the commands that write a folder of files."""
    return click.option(
        "-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), help=help_text
    )


def output_file_option(func: F) -> F:
    """The ``-o/--output FILE`` and ``--force`` options of the commands that can write one file."""
    func = click.option("--force", is_flag=True, help="Overwrite the -o file if it exists.")(func)
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write to this file instead of stdout (never into content/, templates/ or settings).",
    )(func)


kit_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "txt"]),
    default="md",
    show_default=True,
    help="Output format: Markdown, a self-contained HTML page that prints well, or plain text.",
)


@click.group(cls=_LazyGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="stagemap")
@click.option(
    "-C",
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    help="Project folder (default: the nearest folder upwards with stagemap.yml).",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour output (default: on a terminal, unless NO_COLOR is set).",
)
@click.pass_context
def cli(ctx: click.Context, project: Path | None, color: bool | None) -> None:
    """Plan marketing and sales content around the buyer's stage.

    \b
    Example:
      stagemap check                 validate the library in the current project
      stagemap report                where buyers are left without material
      stagemap kit evaluation        the message kit of one stage
      stagemap build                 the static site, in site/
      stagemap -C ../acme check      validate another project
    """
    ctx.obj = _State(project, color)


COLLECT_EVERY = (100_000, 50, 100)
"""The collector's thresholds for a ``stagemap`` process (see `main`)."""


def stop_on_sigterm() -> None:
    """Treat SIGTERM like Ctrl-C: a service manager's stop ends a command as Ctrl-C does.

    Each command then puts right what it was doing and says what it left (see `_Group`):
    a build removes its staging folder, a rename its temp files, ``tag`` says how far it got.
    """

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``stagemap`` console script."""
    stop_on_sigterm()
    # A command reads the whole library into objects that live until it ends. Python looks
    # for reference cycles every 700 new objects by default, in vain here: about 0.4 s of the
    # work before a 10,000-asset build's page workers start. Every 100,000 is enough.
    gc.set_threshold(*COLLECT_EVERY)
    cli.main(args=list(argv) if argv is not None else None, prog_name="stagemap")


def run() -> NoReturn:
    """Entry point of the ``stagemap`` console script and ``python -m stagemap``: `main`, then a quick end.

    Once the command is done, its output is flushed and the process ends at once, without
    freeing the objects it made one by one: after a build of 10,000 assets that took half a
    second. Nothing is left to do by then (every file is written and closed, every worker has
    ended, no thread but daemons runs). An error that is not an exit (a bug's traceback) ends
    the process as Python does.
    """
    try:
        main()
        code: object = 0
    except SystemExit as stop:
        code = stop.code
    if code is None:
        code = 0
    elif not isinstance(code, int):  # as Python does with ``sys.exit("message")``
        sys.stderr.write(f"{code}\n")
        code = 1
    _compiled.save()  # the classes' code compiled in this run, for the next one
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: Python would say so and exit with 120
            code = code or 120
    os._exit(code)


# -- helpers shared by the commands ---------------------------------------------------------
_plural = plural
"""``1 file``, ``2 files`` (the name the command modules use)."""


def _shown(path: Path) -> str:
    """Return a folder as the user would type it: relative to the current folder when inside it."""
    try:
        rel = path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return str(path).rstrip("/") + "/"
    return "./" if str(rel) == "." else rel.as_posix() + "/"


def _as_of(value: str | None) -> dt.date:
    """The day of ``--as-of``, or today."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-03-31", param_hint="--as-of") from None


def _print_problems(project: Project, state: _State) -> None:
    """Print library problems to stderr, ahead of the data on stdout."""
    for problem in project.problems:
        click.echo(problem.format(), err=True)


def shutil_width() -> int:
    """The terminal's width in columns (100 when unknown)."""
    return shutil.get_terminal_size((100, 24)).columns


def _on_terminal() -> bool:
    return sys.stdout.isatty()


def table_width() -> int:
    """The width to fit a table to: the terminal's, or 0 (no limit) when stdout is a pipe or a
    file, where a cut cell or a left-out column would be data lost."""
    return shutil_width() if _on_terminal() else 0


NO_PERSONAS = (
    "--by persona {what}, and stagemap.yml defines no personas: add them under 'personas'"
    " (an id, a name, what they need and who is not a fit: see docs/settings.md), or leave out --by persona"
)
"""The error of ``--by persona`` in a project without personas; ``{what}`` says what it does."""


def known_stage_and_persona(config: Config, stage: str, persona: str | None) -> None:
    """Stop with the valid choices when ``stage``, or ``persona`` when given, is not in the settings."""
    if config.model.stage(stage) is None:
        raise UsageError(f"unknown stage '{stage}' ({suggest(stage, config.model.stage_ids)})")
    if persona is not None and config.persona(persona) is None:
        raise UsageError(f"unknown persona '{persona}' ({suggest(persona, config.persona_ids)})")
