"""The ``play`` command: parse, call the library, print."""

from __future__ import annotations

from pathlib import Path

import click

from ..analyse.coverage import analyse
from ..analyse.evidence import gather
from ..analyse.sendable import to_send
from ..read.signals import read_signals
from ..render.plays import PLAY_FORMATS, render_play
from .app import (
    CONTEXT,
    _print_problems,
    _State,
    as_of_option,
    known_stage_and_persona,
    output_file_option,
    pass_state,
)
from .onepage import (
    note_local_links,
    note_nothing_to_send,
    print_or_write,
    stage_named,
    start_page,
    warn_placeholders,
)


@click.command(context_settings=CONTEXT)
@click.argument("stage", required=False)
@click.option("--persona", metavar="ID", help="Only this persona's assets, proof and not-a-fit criteria.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(PLAY_FORMATS),
    default="md",
    show_default=True,
    help="Output format: Markdown, an HTML page that prints on one A4 or Letter sheet, or plain text.",
)
@output_file_option
@as_of_option
@pass_state
def play(
    state: _State,
    stage: str | None,
    persona: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
    as_of: str | None,
) -> None:
    """Print the one-page play of one STAGE: when to run it, what to ask, answer and send.

    Without STAGE, list the stages to choose from.

    \b
    Example:
      stagemap play commitment
      stagemap play evaluation --persona office-manager --format html -o evaluation.html
    """
    day, target, project = start_page(state, as_of, output, force)
    config = project.config
    stage = stage_named(config, stage, "play")
    known_stage_and_persona(config, stage, persona)
    _print_problems(project, state)
    warn_placeholders(config)
    found = gather(project, read_signals(config.root)[0])
    result = analyse(config, project.library, day, persona=persona, evidence=found)
    link_base = output.resolve().parent if output else config.root
    text = render_play(config, project.library, result, stage, fmt, link_base=link_base)
    note_local_links(config, to_send(result, project.library, [stage]), link_base)
    note_nothing_to_send(result, project.library, "the plays of every stage list")
    print_or_write(text, target, output)
