"""The commands that judge the library: ``report`` (coverage and gaps) and ``kit``/``kits``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..analyse.coverage import analyse
from ..analyse.evidence import gather
from ..analyse.explain import explain_cell, split_cell
from ..errors import UsageError, suggest
from ..model.report import GATES
from ..model.settings import Config
from ..read.signals import read_signals
from ..render.explain import explain_json, explain_text
from ..render.fates import not_read_lines
from ..render.kits import render_kit, render_kits
from ..render.report import render_csv, render_json, render_markdown
from ..render.table import render_table
from ..write.atomic import atomic_write
from ..write.targets import check_output_dir, check_output_file
from ..write.tree import sync_tree
from .app import (
    CONTEXT,
    _as_of,
    _plural,
    _print_problems,
    _shown,
    _State,
    as_of_option,
    kit_format_option,
    output_dir_option,
    output_file_option,
    pass_state,
    shutil_width,
)
from .loading import load


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
    metavar="STAGE:QUESTION",
    help="Explain one cell instead: which assets count, which do not and why, where their tags came from.",
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
    project = load(state, bodies=False)
    config = project.config
    if persona is not None and config.persona(persona) is None:
        raise UsageError(f"unknown persona '{persona}' ({suggest(persona, config.persona_ids)})")
    _print_problems(project, state)
    for line in not_read_lines(project.library.fates):
        click.echo(line, err=True)
    found = gather(project, read_signals(config.root)[0])
    result = analyse(
        config, project.library, day, persona=persona, by_persona=by == "persona", evidence=found
    )
    if explain is not None:
        stage, question = _cell(config, explain, fmt)
        explained = explain_cell(result, project.library, stage, question)
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
    """Return the (stage, question) that ``--explain`` names, or stop with what is valid."""
    if fmt == "csv":
        raise UsageError("--explain prints a table, md or json, not csv")
    found = split_cell(text)
    if found is None:
        raise UsageError(
            f"name a cell as STAGE:QUESTION, e.g. {config.model.stage_ids[0]}:{config.question_ids[0]}"
        )
    stage, question = found
    if config.model.stage(stage) is None:
        raise UsageError(f"unknown stage '{stage}' ({suggest(stage, config.model.stage_ids)})")
    if config.question(question) is None:
        raise UsageError(f"unknown question '{question}' ({suggest(question, config.question_ids)})")
    return stage, question


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
    day = _as_of(as_of)
    target = check_output_file(state.config(), output, force=force) if output is not None else None
    project = load(state, bodies=False)
    config = project.config
    if stage is None:
        width = max(len(s.id) for s in config.model.stages)
        listing = "".join(f"\n  {s.id:<{width}}  {s.name}" for s in config.model.stages)
        raise UsageError(f"name the stage of the kit: stagemap kit STAGE, where STAGE is one of{listing}")
    if config.model.stage(stage) is None:
        raise UsageError(f"unknown stage '{stage}' ({suggest(stage, config.model.stage_ids)})")
    if persona is not None and config.persona(persona) is None:
        raise UsageError(f"unknown persona '{persona}' ({suggest(persona, config.persona_ids)})")
    _print_problems(project, state)
    result = analyse(config, project.library, day, persona=persona)
    # Links to asset files: relative to the written file, or to the project root on stdout.
    link_base = output.resolve().parent if output else config.root
    text = render_kit(config, project.library, result, stage, fmt, link_base=link_base, full_list=_full_list)
    if target is None:
        click.echo(text, nl=False)
        return
    atomic_write(target, text.encode("utf-8"))
    click.echo(f"Wrote {output}")


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
    target = out_dir if out_dir is not None else settings.root / "kits"
    check_output_dir(settings, target, verb="write kits", example="kits")
    project = load(state, bodies=False)
    config = project.config
    _print_problems(project, state)
    personas: list[str | None] = [None]
    if by == "persona":
        personas += list(config.persona_ids)
    reports = {p: analyse(config, project.library, day, persona=p) for p in personas}
    files = render_kits(config, project.library, reports, fmt, target.resolve(), full_list=_full_list)
    changed, removed = sync_tree(target, {k: v.encode("utf-8") for k, v in files.items()}, kind="kits")
    shown = _shown(target)
    click.echo(
        f"Wrote {_plural(len(files), 'file')} to {shown} ({len(changed)} changed, {len(removed)} removed); "
        f"open {shown}index.{fmt}"
    )
