"""The commands that print and write message kits: ``kit`` (one stage) and ``kits`` (a folder).

Apart from ``report``, whose runs (a CI gate, a quick look) need no template engine.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..analyse.coverage import analyse
from ..analyse.sendable import to_send
from ..errors import UsageError
from ..render.kits import render_kit, render_kits
from ..write.targets import check_output_dir, default_output
from ..write.tree import sync_tree
from .app import (
    CONTEXT,
    NO_PERSONAS,
    _as_of,
    _plural,
    _print_problems,
    _shown,
    _State,
    as_of_option,
    kit_format_option,
    known_stage_and_persona,
    output_dir_option,
    output_file_option,
    pass_state,
)
from .loading import load
from .onepage import (
    note_local_links,
    note_nothing_to_send,
    print_or_write,
    stage_named,
    start_page,
    warn_placeholders,
)


def _full_list(stage: str, question: str) -> str:
    """The command that lists every asset of a list a kit cut short."""
    return f"stagemap list --stage {stage}" + (f" --question {question}" if question else "")


@click.command(context_settings=CONTEXT)
@click.argument("stage", required=False)
@click.option(
    "--persona",
    metavar="ID",
    help="Only this persona's assets, with its needs and not-a-fit criteria up front.",
)
@kit_format_option
@output_file_option
@as_of_option
@pass_state
def kit(
    state: _State,
    stage: str | None,
    persona: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
    as_of: str | None,
) -> None:
    """Print the message kit of one STAGE: goal, messages, assets, next step, gaps.

    Without STAGE, list the stages to choose from.

    \b
    Example:
      stagemap kit evaluation
      stagemap kit evaluation --persona office-manager --format html -o evaluation.html
    """
    day, target, project = start_page(state, as_of, output, force)
    config = project.config
    stage = stage_named(config, stage, "kit")
    known_stage_and_persona(config, stage, persona)
    _print_problems(project, state)
    warn_placeholders(config)
    result = analyse(config, project.library, day, persona=persona)
    # Links to asset files: relative to the written file, or to the project root on stdout.
    link_base = output.resolve().parent if output else config.root
    text = render_kit(config, project.library, result, stage, fmt, link_base=link_base, full_list=_full_list)
    note_local_links(config, to_send(result, project.library, [stage]), link_base)
    note_nothing_to_send(result, project.library, "the kits of every stage list")
    print_or_write(text, target, output)


@click.command(context_settings=CONTEXT)
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
    day = _as_of(as_of)
    settings = state.config()
    if by == "persona" and not settings.personas:
        raise UsageError(NO_PERSONAS.format(what="writes a set of kits per persona"))
    target = out_dir if out_dir is not None else default_output(settings, "kits")
    check_output_dir(settings, target, verb="write kits", example="kits")
    project = load(state, bodies=False)
    config = project.config
    _print_problems(project, state)
    warn_placeholders(config)
    personas: list[str | None] = [None]
    if by == "persona":
        personas += list(config.persona_ids)
    reports = {p: analyse(config, project.library, day, persona=p) for p in personas}
    files = render_kits(config, project.library, reports, fmt, target.resolve(), full_list=_full_list)
    sending = to_send(reports[None], project.library)  # (a persona's are among everyone's)
    note_local_links(config, sending, target.resolve())
    note_nothing_to_send(reports[None], project.library, "the kits list")
    names = {p.id: p.name for p in config.personas}
    for persona, report in reports.items() if sending else ():  # (else said once, above)
        if persona is not None:
            note_nothing_to_send(report, project.library, f"the kits for {names[persona]} list")
    changed, removed = sync_tree(target, {k: v.encode("utf-8") for k, v in files.items()}, kind="kits")
    shown = _shown(target)
    click.echo(
        f"Wrote {_plural(len(files), 'file')} to {shown} ({len(changed)} changed, {len(removed)} removed); "
        f"open {shown}index.{fmt}"
    )
