"""`stagemap models`: the built-in journey models, and the project's model as read."""

from __future__ import annotations

import textwrap

import click

from ..errors import UsageError, suggest
from ..model.journey import DEFAULT_MODEL
from ..read.models import builtin_model, builtin_model_names
from .app import CONTEXT, _Group, _State, pass_state, shutil_width


@click.group(cls=_Group, invoke_without_command=True, context_settings=CONTEXT)
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
