"""`stagemap models`: the built-in journey models, and the project's model as read."""

from __future__ import annotations

import textwrap
from pathlib import Path

import click

from ..edit.models import copied_model, model_id, skeleton_model
from ..errors import UsageError, suggest
from ..model.journey import DEFAULT_MODEL
from ..read.models import builtin_model, builtin_model_names
from ..read.settings import find_root
from ..write.atomic import atomic_write
from ..write.targets import confined
from .app import CONTEXT, _Group, _State, pass_state, shutil_width


@click.group(cls=_Group, invoke_without_command=True, context_settings=CONTEXT)
@click.pass_context
def models(ctx: click.Context) -> None:
    """List the built-in journey models.

    \b
    Example:
      stagemap models
      stagemap models show orbits
      stagemap models copy hourglass our-journey.yml
      stagemap models new our-journey.yml
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
    """Print a model's stages with phase, lead, goal and obstacles.

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
        for label, stalls in (("Stalls", stage.stuck), ("Sends back", stage.backward)):
            if stalls:
                click.echo(f"   {label}:")
            for stall in stalls:
                click.echo(_item(f"{stall.id}: {stall.text}" if stall.id else f"- {stall.text}"))


@models.command("copy", context_settings=CONTEXT)
@click.argument("name")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@pass_state
def models_copy(state: _State, name: str, file: Path, force: bool) -> None:
    """Copy the built-in model NAME into FILE in the project, comments and all, to edit.

    Then set 'model: FILE' in stagemap.yml. FILE is never overwritten without --force.

    \b
    Example:
      stagemap models copy buyer-journey our-journey.yml
    """
    _write(state, file, copied_model(name), force=force, what=f"Copied the built-in model {name} to")


@models.command("new", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@pass_state
def models_new(state: _State, file: Path, force: bool) -> None:
    """Write a commented skeleton journey model with three stages into FILE, to fill in.

    Then set 'model: FILE' in stagemap.yml. FILE is never overwritten without --force.

    \b
    Example:
      stagemap models new our-journey.yml
    """
    _write(state, file, skeleton_model(model_id(file.name)), force=force, what="Wrote a new model to")


def _write(state: _State, file: Path, text: str, *, force: bool, what: str) -> None:
    """Write a model file inside the project, refusing to overwrite unless ``force``."""
    # The project folder, found as every command finds it; the settings need not be valid yet.
    start = state.project_dir or Path.cwd()
    root = (find_root(start) or start).resolve()
    absolute = file if file.is_absolute() else Path.cwd() / file
    try:
        rel = absolute.parent.resolve().relative_to(root) / absolute.name
    except ValueError:
        raise UsageError(f"{file} is outside the project {root}; a model file lives in the project") from None
    dest = confined(root, rel.as_posix())
    if (dest.exists() or dest.is_symlink()) and not force:
        raise UsageError(f"{file} already exists (use --force to overwrite)")
    atomic_write(dest, text.encode("utf-8"), create=not force)
    shown = rel.as_posix()
    click.echo(f"{what} {shown}; set 'model: {shown}' in stagemap.yml to use it.")


def _item(text: str) -> str:
    """Wrap one obstacle line under its heading, its id first so that `answers` can name it."""
    width = min(shutil_width(), 100)
    return textwrap.fill(text, width=width, initial_indent="     ", subsequent_indent="       ")


def _wrap(text: str, indent: int) -> str:
    width = min(shutil_width(), 100)
    pad = " " * indent
    return textwrap.fill(" ".join(text.split()), width=width, initial_indent=pad, subsequent_indent=pad)
