"""The ``rename-stage``, ``rename-question`` and ``rename-persona`` commands: all files or none."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from ..edit.lossless import unified_diff
from ..edit.rename import BuiltinStages, Kind, RenamePlan, plan_rename
from ..errors import UsageError
from ..model.settings import Config
from ..write.cache import journal_folder
from ..write.edits import ChangedFiles, write_all
from ..write.interrupts import Interrupted
from . import edit
from .app import CONTEXT, INTERRUPTED, _plural, _State, pass_state


def _rename(
    state: _State, kind: Kind, old: str, new: str, *, copy_model: bool, yes: bool, dry_run: bool
) -> None:
    config, resumed = edit.lock_project(state)
    what = f"{kind} '{old}' to '{new}'"
    if resumed is not None and resumed.what == what and resumed.outcome == "finished" and not dry_run:
        click.echo(f"Renamed {what} (the interrupted run is now finished).")
        return
    plan = _plan(config, kind, old, new, copy_model=copy_model)
    if plan.refused:
        for file in plan.refused:
            edit.refused(file)
        click.echo(
            f"Nothing was renamed: {_plural(len(plan.refused), 'file')} that may use '{old}' "
            "must be fixed first, so that every file is renamed together.",
            err=True,
        )
        sys.exit(1)
    changed = plan.changed
    if dry_run:
        for file in changed:
            click.echo(unified_diff(file.rel, file.before, file.after, created=file.created), nl=False)
        click.echo(
            f"Would rename {kind} '{old}' to '{new}' in {_plural(len(changed), 'file')} (dry run: nothing written).",
            err=True,
        )
        return
    if not yes and not edit.stdin_is_tty():
        raise UsageError(
            "not a terminal, so cannot ask: add --yes to rename, or --dry-run to see the changes"
        )
    _list_changes(plan)
    if not yes:
        click.confirm("Rename?", abort=True, err=True)
    sources = [s.path.absolute() for s in config.all_sources]
    # Content files must stay in the project; a model file may be shared from elsewhere.
    planned = [
        (f, config.root if any(f.path.absolute().is_relative_to(s) for s in sources) else None)
        for f in changed
    ]
    done = f"Renamed {kind} '{old}' to '{new}' in {_plural(len(changed), 'file')}."
    try:
        write_all(planned, journal_folder(config), what)
    except ChangedFiles as exc:
        for rel in exc.shown:
            edit.changed_meanwhile(rel)
        click.echo("Nothing was renamed: run the command again.", err=True)
        sys.exit(1)
    except Interrupted:  # it came while the files were renamed, and waited until all were
        click.echo(done)
        click.echo("Interrupted, but only once every file was renamed.", err=True)
        sys.exit(INTERRUPTED)
    except KeyboardInterrupt:
        click.echo("Interrupted; nothing was renamed.", err=True)
        sys.exit(INTERRUPTED)
    click.echo(done)


def _plan(config: Config, kind: Kind, old: str, new: str, *, copy_model: bool) -> RenamePlan:
    """Plan the rename; a built-in model's stage names the option that copies the model."""
    try:
        return plan_rename(config, kind, old, new, copy_model=copy_model)
    except BuiltinStages as exc:
        model = exc.model
        raise UsageError(
            f"the stages of the built-in model '{model}' cannot be renamed in place; run again with "
            f"--copy-model to copy the model into the project as {model}.yml, rename the stage there "
            f"and set 'model: {model}.yml' in stagemap.yml"
        ) from None


def _list_changes(plan: RenamePlan) -> None:
    """List the files a rename changes, with the fields in each."""
    changed = plan.changed
    width = max((len(e.rel) for e in changed), default=0)
    click.echo(f"Renaming {plan.kind} '{plan.old}' to '{plan.new}' changes {_plural(len(changed), 'file')}:")
    for file in changed:
        fields = ", ".join(plan.places.get(file.rel, ()))
        note = " (new file)" if file.created else ""
        click.echo(f"  {file.rel:<{width}}  {fields}{note}".rstrip())


Command = Callable[..., None]


def _rename_options(func: Command) -> Command:
    """The arguments and options every rename command has."""
    func = pass_state(func)
    func = click.option("--dry-run", is_flag=True, help="Print a unified diff and write nothing.")(func)
    func = click.option("-y", "--yes", is_flag=True, help="Rename without asking.")(func)
    func = click.argument("new")(func)
    return click.argument("old")(func)


@click.command("rename-stage", context_settings=CONTEXT)
@click.option(
    "--copy-model",
    is_flag=True,
    help="With a built-in model: copy it into the project as MODEL.yml and rename the stage there.",
)
@_rename_options
def rename_stage(state: _State, old: str, new: str, yes: bool, dry_run: bool, copy_model: bool) -> None:
    """Rename stage OLD to NEW in every asset (stages and next:) and in the settings.

    Shows the files that will change and asks first (--yes skips the question; without a
    terminal it is required). All or nothing: if a file that may use OLD has problems, or
    changes while the rename runs, nothing is renamed; a rename that is killed is finished
    (or undone) by the next rename or 'stagemap check'. stagemap.yml keeps its comments and layout; stage overrides,
    thresholds and not_applicable entries follow the new id, and so does a model file in
    the project or a model written inline.

    A built-in model's stage ids are fixed. --copy-model copies the model into the project
    as MODEL.yml (e.g. buyer-journey.yml), renames the stage there and sets
    'model: MODEL.yml' in stagemap.yml; from then on the project owns its model.

    \b
    Example:
      stagemap rename-stage awareness noticing --copy-model --dry-run
      stagemap rename-stage awareness noticing --copy-model --yes
    """
    _rename(state, "stage", old, new, copy_model=copy_model, yes=yes, dry_run=dry_run)


@click.command("rename-question", context_settings=CONTEXT)
@_rename_options
def rename_question(state: _State, old: str, new: str, yes: bool, dry_run: bool) -> None:
    """Rename question OLD to NEW in every asset and in the settings.

    Messages, thresholds and not_applicable entries follow. A question switched on by a
    built-in id alone (e.g. '- risk') is spelt out with its name and prompt, since the new
    id is not built in. Asks first, and is all or nothing, like rename-stage.

    \b
    Example:
      stagemap rename-question risk safe-to-buy --dry-run
      stagemap rename-question risk safe-to-buy --yes
    """
    _rename(state, "question", old, new, copy_model=False, yes=yes, dry_run=dry_run)


@click.command("rename-persona", context_settings=CONTEXT)
@_rename_options
def rename_persona(state: _State, old: str, new: str, yes: bool, dry_run: bool) -> None:
    """Rename persona OLD to NEW in every asset and in stagemap.yml.

    Asks first, and is all or nothing, like rename-stage.

    \b
    Example:
      stagemap rename-persona office-manager office-lead --dry-run
      stagemap rename-persona office-manager office-lead --yes
    """
    _rename(state, "persona", old, new, copy_model=False, yes=yes, dry_run=dry_run)
