"""The command line: parse, call the library, print. The only module that imports click."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from .._version import __version__
from ..errors import StagemapError, UsageError, suggest
from ..model.journey import DEFAULT_MODEL
from ..read.models import builtin_model, builtin_model_names
from ..render.fates import not_read_lines

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Group(click.Group):
    """Turns every StagemapError into one 'Error: ...' line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StagemapError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)


class _State:
    def __init__(self, project: Path | None, color: bool | None) -> None:
        self.project_dir = project
        self._color = color

    def color(self, stream: Any = None) -> bool:
        if self._color is not None:
            return self._color
        if os.environ.get("NO_COLOR"):
            return False
        stream = stream or sys.stdout
        return bool(getattr(stream, "isatty", lambda: False)())

    def load(self, *, bodies: bool = True) -> Any:
        """Load the project and save its parse cache, warning on stderr when that fails."""
        from ..read.project import read_project
        from ..write.cache import save_parse_cache

        project, cache = read_project(self.project_dir, bodies=bodies)
        warning = save_parse_cache(cache, project.config.root)
        if warning:
            click.echo(f"warning: {warning}", err=True)
        return project

    def config(self) -> Any:
        from ..read.settings import load_config

        return load_config(self.project_dir)


pass_state = click.make_pass_decorator(_State)

as_of_option = click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="Judge eligibility and staleness on this day (default: today).",
)
"""The ``--as-of`` option of every command that judges the library on a day."""

F = TypeVar("F", bound=Callable[..., Any])


def output_dir_option(help_text: str) -> Callable[[F], F]:
    """The ``-o/--output`` folder option of the commands that write a folder of files."""
    return click.option(
        "-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), help=help_text
    )


kit_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "txt"]),
    default="md",
    show_default=True,
    help="Output format: Markdown, a self-contained HTML page that prints well, or plain text.",
)


@click.group(cls=_Group, context_settings=CONTEXT)
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


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``stagemap`` console script."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="stagemap")


# -- check ----------------------------------------------------------------------------------
@cli.command(context_settings=CONTEXT)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@pass_state
def check(state: _State, fmt: str, strict: bool) -> None:
    """Validate stagemap.yml and every content file.

    Each problem is printed to stderr as 'path:line:col: error|warning: message (hint)'.
    Exit status: 0 clean, 1 problems found, 2 usage or configuration error.

    \b
    Example:
      stagemap check
      stagemap check --strict --format json > problems.json
    """
    project = state.load(bodies=False)
    problems = project.problems
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    failed = errors > 0 or (strict and warnings > 0)
    if fmt == "json":
        data = {
            "version": 1,
            "assets": len(project.assets),
            "errors": errors,
            "warnings": warnings,
            "problems": [p.as_dict() for p in problems],
        }
        click.echo(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        color = state.color(sys.stderr)
        for problem in problems:
            line = problem.format()
            if color:
                tint = "red" if problem.severity == "error" else "yellow"
                line = line.replace(
                    f": {problem.severity}: ",
                    ": " + click.style(problem.severity, fg=tint, bold=True) + ": ",
                    1,
                )
            click.echo(line, err=True, color=color)
        config = project.config
        content = _rel_dir(config.content_dir, config.root)
        # Files that could not become assets still count as checked.
        files = {a.path for a in project.assets} | {p.path for p in problems if p.path.startswith(content)}
        loaded = "" if len(files) == len(project.assets) else f" ({len(project.assets)} loaded as assets)"
        summary = (
            f"Checked {_plural(len(files), 'file')}{loaded} in {content} against the "
            f"{config.model.id} model ({_plural(len(config.model.stages), 'stage')}, "
            f"{_plural(len(config.questions), 'question')}, {_plural(len(config.personas), 'persona')}): "
        )
        summary += (
            "no problems." if not problems else f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}."
        )
        click.echo(summary)
        for line in not_read_lines(project.library.fates):
            click.echo(line)
    sys.exit(1 if failed else 0)


def _shown(path: Path) -> str:
    """Return a folder as the user would type it: relative to the current folder when inside it."""
    try:
        rel = path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return str(path).rstrip("/") + "/"
    return "./" if str(rel) == "." else rel.as_posix() + "/"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _rel_dir(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
    return rel + "/"


# -- models ---------------------------------------------------------------------------------
@cli.group(cls=_Group, invoke_without_command=True, context_settings=CONTEXT)
@click.pass_context
def models(ctx: click.Context) -> None:
    """List the built-in journey models.

    \b
    Example:
      stagemap models
      stagemap models show orbits
    """
    if ctx.invoked_subcommand is None:
        names = builtin_model_names()
        width = max(len(n) for n in names)
        for name in names:
            model = builtin_model(name)
            default = "  [default]" if name == DEFAULT_MODEL else ""
            click.echo(f"{name:<{width}}  {model.name} ({len(model.stages)} stages){default}")


@models.command("show", context_settings=CONTEXT)
@click.argument("name", required=False)
@pass_state
def models_show(state: _State, name: str | None) -> None:
    """Print a model's stages with phase, lead and goal.

    Without NAME, shows the current project's model with its overrides applied.

    \b
    Example:
      stagemap models show buyer-journey
    """
    if name is None:
        model = state.config().model
    else:
        names = builtin_model_names()
        if name not in names:
            raise UsageError(f"unknown model '{name}' ({suggest(name, names)})")
        model = builtin_model(name)
    click.echo(f"{model.name} ({model.id})")
    if model.description:
        click.echo(_wrap(model.description, 0))
    for stage in model.stages:
        click.echo("")
        click.echo(f"{stage.index + 1}. {stage.name} [{stage.id}]  phase: {stage.phase}, lead: {stage.lead}")
        if stage.goal:
            click.echo(_wrap("Goal: " + stage.goal, 3))


def _wrap(text: str, indent: int) -> str:
    width = min(shutil_width(), 100)
    pad = " " * indent
    return textwrap.fill(" ".join(text.split()), width=width, initial_indent=pad, subsequent_indent=pad)


def shutil_width() -> int:
    import shutil

    return shutil.get_terminal_size((100, 24)).columns


# -- report ---------------------------------------------------------------------------------
def _as_of(value: str | None) -> Any:
    import datetime as dt

    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-03-31", param_hint="--as-of") from None


def _print_problems(project: Any, state: _State) -> None:
    """Print library problems to stderr, ahead of the data on stdout."""
    for problem in project.problems:
        click.echo(problem.format(), err=True)


@cli.command(context_settings=CONTEXT)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "md", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format: a table to read (colour on a terminal), md, json or csv.",
)
@as_of_option
@click.option(
    "--persona",
    metavar="ID",
    help="Only assets for this persona (assets naming no persona serve everyone).",
)
@click.option("--by", "by", type=click.Choice(["persona"]), help="Add a persona x stage matrix.")
@click.option(
    "--fail-on",
    type=click.Choice(["empty", "thin", "stuck", "never"]),
    default="never",
    show_default=True,
    help="Exit 1 when findings at or above this level exist: empty cells; empty or thin cells; or those and stuck stages.",
)
@click.option(
    "--width", type=click.IntRange(60, 400), help="Table width, at least 60 (default: the terminal's)."
)
@pass_state
def report(
    state: _State,
    fmt: str,
    as_of: str | None,
    persona: str | None,
    by: str | None,
    fail_on: str,
    width: int | None,
) -> None:
    """Show where the library leaves buyers without material, and what to make next.

    Counts only assets a buyer could be sent today: status published and review_by not
    passed. Library problems go to stderr; the report goes to stdout.

    \b
    Example:
      stagemap report
      stagemap report --format json --as-of 2026-12-01 > gaps.json
      stagemap report --persona office-manager --fail-on empty
    """
    from ..analyse.coverage import analyse
    from ..errors import suggest
    from ..render.report import render_csv, render_json, render_markdown
    from ..render.table import render_table

    day = _as_of(as_of)
    project = state.load(bodies=False)
    config = project.config
    if persona is not None and config.persona(persona) is None:
        raise UsageError(f"unknown persona '{persona}' ({suggest(persona, config.persona_ids)})")
    _print_problems(project, state)
    for line in not_read_lines(project.library.fates):
        click.echo(line, err=True)
    result = analyse(config, project.library, day, persona=persona, by_persona=by == "persona")
    color = fmt == "table" and state.color()
    if fmt == "json":
        text = render_json(result)
    elif fmt == "csv":
        text = render_csv(result)
    elif fmt == "md":
        text = render_markdown(result)
    else:
        text = render_table(result, width=max(60, width or shutil_width()), color=color)
    # click would strip the colour codes on a pipe; --color asked for them.
    click.echo(text, nl=False, color=color)
    sys.exit(1 if result.findings(fail_on) else 0)


# -- kits -----------------------------------------------------------------------------------
@cli.command(context_settings=CONTEXT)
@click.argument("stage")
@click.option(
    "--persona",
    metavar="ID",
    help="Only this persona's assets, with its needs and not-a-fit criteria up front.",
)
@kit_format_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of stdout (never into content/, templates/ or settings).",
)
@click.option("--force", is_flag=True, help="Overwrite the -o file if it exists.")
@as_of_option
@pass_state
def kit(
    state: _State,
    stage: str,
    persona: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
    as_of: str | None,
) -> None:
    """Print the message kit of one STAGE: goal, messages, assets, next step, gaps.

    \b
    Example:
      stagemap kit evaluation
      stagemap kit evaluation --persona office-manager --format html -o evaluation.html
    """
    from ..analyse.coverage import analyse
    from ..errors import suggest
    from ..render.kits import render_kit
    from ..write.atomic import atomic_write
    from ..write.targets import check_output_file

    day = _as_of(as_of)
    target = check_output_file(state.config(), output, force=force) if output is not None else None
    project = state.load(bodies=False)
    config = project.config
    if config.model.stage(stage) is None:
        raise UsageError(f"unknown stage '{stage}' ({suggest(stage, config.model.stage_ids)})")
    if persona is not None and config.persona(persona) is None:
        raise UsageError(f"unknown persona '{persona}' ({suggest(persona, config.persona_ids)})")
    _print_problems(project, state)
    result = analyse(config, project.library, day, persona=persona)
    # Links to asset files: relative to the written file, or to the project root on stdout.
    link_base = output.resolve().parent if output else config.root
    text = render_kit(config, project.library, result, stage, fmt, link_base=link_base)
    if output is None:
        click.echo(text, nl=False)
        return
    assert target is not None
    atomic_write(target, text.encode("utf-8"))
    click.echo(f"Wrote {output}")


@cli.command(context_settings=CONTEXT)
@output_dir_option("Folder to write the kits to (default: kits/ in the project folder).")
@kit_format_option
@click.option(
    "--by",
    "by",
    type=click.Choice(["persona"]),
    help="Also write one set of kits per persona, in a sub-folder each.",
)
@as_of_option
@pass_state
def kits(state: _State, out_dir: Path | None, fmt: str, by: str | None, as_of: str | None) -> None:
    """Write one message kit per stage, and an index, into a folder.

    Like a site build, it never writes into the project's sources and never overwrites or
    removes a file it did not write (it lists its files in .stagemap-manifest.json there).

    \b
    Example:
      stagemap kits
      stagemap kits -o handouts --format html --by persona
    """
    from ..analyse.coverage import analyse
    from ..render.kits import render_kits
    from ..write.targets import check_output_dir
    from ..write.tree import sync_tree

    day = _as_of(as_of)
    settings = state.config()
    target = out_dir if out_dir is not None else settings.root / "kits"
    check_output_dir(settings, target, verb="write kits", example="kits")
    project = state.load(bodies=False)
    config = project.config
    _print_problems(project, state)
    personas: list[str | None] = [None]
    if by == "persona":
        personas += list(config.persona_ids)
    reports = {p: analyse(config, project.library, day, persona=p) for p in personas}
    files = render_kits(config, project.library, reports, fmt, target.resolve())
    changed, removed = sync_tree(target, {k: v.encode("utf-8") for k, v in files.items()}, kind="kits")
    shown = _shown(target)
    click.echo(
        f"Wrote {_plural(len(files), 'file')} to {shown} ({len(changed)} changed, {len(removed)} removed); "
        f"open {shown}index.{fmt}"
    )


@cli.group(cls=_Group, context_settings=CONTEXT)
def templates() -> None:
    """List the templates or copy a built-in one into the project to customise it.

    \b
    Example:
      stagemap templates list
      stagemap templates copy kit.md.j2
    """


@templates.command("list", context_settings=CONTEXT)
@pass_state
def templates_list(state: _State) -> None:
    """Show each template name and where it resolves from (project or built-in).

    \b
    Example:
      stagemap templates list
    """
    from ..render.environment import list_templates

    config = state.config()
    infos = list_templates(config.templates_dir)
    builtin = {i.name for i in list_templates(None)}
    width = max(len(i.name) for i in infos)
    for info in infos:
        if info.source == "built-in":
            where = "built-in"
        else:
            where = _rel_dir(info.path, config.root).rstrip("/")
            if info.name in builtin:
                where += f" (overrides the built-in; extend it as stagemap/{info.name})"
        click.echo(f"{info.name:<{width}}  {where}")


@templates.command("copy", context_settings=CONTEXT)
@click.argument("name")
@click.option("--force", is_flag=True, help="Overwrite the project's copy if it exists.")
@pass_state
def templates_copy(state: _State, name: str, force: bool) -> None:
    """Copy the built-in template NAME into the project's templates/ folder.

    \b
    Example:
      stagemap templates copy kit.html.j2
    """
    from ..errors import suggest
    from ..render.environment import BUILTIN, list_templates
    from ..write.atomic import atomic_write
    from ..write.targets import confined

    config = state.config()
    builtin = [i.name for i in list_templates(None)]
    if name not in builtin:
        raise UsageError(f"unknown template '{name}' ({suggest(name, builtin)})")
    dest = confined(config.templates_dir, name)
    if dest.exists() and not force:
        raise UsageError(
            f"{_rel_dir(dest, config.root).rstrip('/')} already exists (use --force to overwrite)"
        )
    atomic_write(dest, (BUILTIN / name).read_bytes())
    click.echo(f"Copied {name} to {_rel_dir(dest, config.root).rstrip('/')}")
