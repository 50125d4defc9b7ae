"""The command that judges the library: ``report`` (coverage and gaps); ``kit`` and ``kits`` are in `stagemap.cli.kits`."""

from __future__ import annotations

import sys

import click

from ..analyse.coverage import analyse
from ..analyse.evidence import gather
from ..analyse.explain import explain_cell, explain_stage, split_cell
from ..errors import UsageError, suggest
from ..model.report import GATES
from ..model.settings import Config
from ..read.signals import read_signals
from ..render.explain import explain_json, explain_text
from ..render.fates import not_read_lines
from ..render.report import render_csv, render_json, render_markdown
from ..render.table import render_table
from .app import (
    CONTEXT,
    NO_PERSONAS,
    _as_of,
    _print_problems,
    _State,
    as_of_option,
    pass_state,
    shutil_width,
)
from .loading import collections_paused, load


@click.command(context_settings=CONTEXT)
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
    type=click.Choice(["never", *GATES]),
    multiple=True,
    help=(
        "Exit 1 on these findings, each level alone (repeatable): empty cells; thin cells; stuck "
        "stages; stale assets; balance (too little after the purchase); lint warnings."
    ),
)
@click.option(
    "--width", type=click.IntRange(60, 400), help="Table width, at least 60 (default: the terminal's)."
)
@click.option(
    "--explain",
    "explain",
    metavar="STAGE[:QUESTION]",
    help="Explain one cell (or a stage's whole row) instead: which assets count, which do not and why, "
    "where their tags came from.",
)
@pass_state
def report(
    state: _State,
    fmt: str,
    as_of: str | None,
    persona: str | None,
    by: str | None,
    fail_on: tuple[str, ...],
    width: int | None,
    explain: str | None,
) -> None:
    """Show where the library leaves buyers without material, and what to make next.

    Counts only assets a buyer could be sent today: status published and review_by not
    passed. Library problems go to stderr; the report goes to stdout.

    \b
    Example:
      stagemap report
      stagemap report --format json --as-of 2026-12-01 > gaps.json
      stagemap report --persona office-manager --fail-on empty
      stagemap report --fail-on empty --fail-on thin --fail-on stuck
      stagemap report --fail-on stale --fail-on lint
      stagemap report --explain evaluation:risk
    """
    day = _as_of(as_of)
    with collections_paused():
        project = load(state, bodies=False)
        config = project.config
        if persona is not None and config.persona(persona) is None:
            raise UsageError(f"unknown persona '{persona}' ({suggest(persona, config.persona_ids)})")
        if by == "persona" and not config.personas:
            raise UsageError(NO_PERSONAS.format(what="adds a persona x stage matrix"))
        _print_problems(project, state)
        for line in not_read_lines(project.library.fates):
            click.echo(line, err=True)
        found = gather(project, read_signals(config.root)[0])
        result = analyse(
            config, project.library, day, persona=persona, by_persona=by == "persona", evidence=found
        )
    if explain is not None:
        stage, question = _cell(config, explain, fmt)
        cell = (result, project.library, stage, question)
        explained = explain_cell(*cell) if question else explain_stage(*cell[:3])
        click.echo(explain_json(explained) if fmt == "json" else explain_text(explained), nl=False)
        return
    color = fmt == "table" and state.color()
    if fmt == "json":
        text = render_json(result, project.library)
    elif fmt == "csv":
        text = render_csv(result)
    elif fmt == "md":
        text = render_markdown(result)
    else:
        text = render_table(result, width=max(60, width or shutil_width()), color=color)
    # click would strip the colour codes on a pipe; --color asked for them.
    click.echo(text, nl=False, color=color)
    failures = result.fail_on(fail_on)
    for level, reason in failures:
        click.echo(f"fail-on {level}: {reason}", err=True)
    sys.exit(1 if failures else 0)


def _cell(config: Config, text: str, fmt: str) -> tuple[str, str]:
    """Return the (stage, question) that ``--explain`` names (the question empty for a stage's
    whole row), or stop with what is valid."""
    if fmt == "csv":
        raise UsageError("--explain prints a table, md or json, not csv")
    example = f"{config.model.stage_ids[0]}:{config.question_ids[0]}"
    if "/" in text or text.lower().endswith(tuple(config.rules.extensions)):  # ``a.md`` splits at its dot
        raise UsageError(
            f"--explain names a cell as STAGE:QUESTION, e.g. {example}, not a file ('{text}'); "
            "'stagemap list --format json' shows each file's stages and questions"
        )
    found = split_cell(text) or (text.strip(), "")  # (a stage alone: its whole row)
    stage, question = found
    if config.model.stage(stage) is None:
        raise UsageError(f"unknown stage '{stage}' ({suggest(stage, config.model.stage_ids)})")
    if question and config.question(question) is None:
        raise UsageError(f"unknown question '{question}' ({suggest(question, config.question_ids)})")
    return stage, question
