"""The ``signals`` commands: import analytics and CRM exports, and show what they say."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..analyse.evidence import asset_routes, evidence
from ..errors import UsageError
from ..model.signals import KINDS
from ..read.project import load_project
from ..read.signals import parse_export, parse_period, read_signals, signals_dir
from ..render import evidence as render_evidence
from ..write.atomic import atomic_write
from .app import CONTEXT, _plural, _State, pass_state


@click.group("signals", context_settings=CONTEXT)
def signals() -> None:
    """Import evidence from analytics and CRM exports; show what happened per asset and stage.

    Each import is stored as a plain CSV file in the project's signals/ folder, named by its
    source and period, so it can be reviewed and diffed like the content. The expected
    columns of a page report and a deals export are described in docs/signals.md.

    \b
    Example:
      stagemap signals import pages.csv --source analytics --period 2026-01-01..2026-01-31
      stagemap signals import deals.csv --source crm
      stagemap signals show
    """


@signals.command("import", context_settings=CONTEXT)
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(KINDS), help="The export's shape (default: told from its header).")
@click.option(
    "--source",
    metavar="NAME",
    help="Where the data comes from, e.g. analytics or crm (default: the export's source column).",
)
@click.option(
    "--period",
    metavar="START..END",
    help="The days the export covers (default: its period columns; for deals, its first and last day).",
)
@click.option(
    "--force", is_flag=True, help="Replace an earlier, different import of the same source and period."
)
@pass_state
def import_command(
    state: _State, export: Path, kind: str | None, source: str | None, period: str | None, force: bool
) -> None:
    """Import one CSV export into the project's signals folder.

    The shape is told from the header. A row that cannot be read (a bad number or date, no
    URL) is reported at its line and column and left out; every other row is kept, and so
    is every column stagemap does not know. Importing the same export again changes nothing.
    Exit status: 0 every row read, 1 some rows left out, 2 usage error.

    \b
    Example:
      stagemap signals import pages.csv --source analytics --period 2026-01-01..2026-01-31
      stagemap signals import deals.csv --source crm --force
    """
    project = load_project(state.project_dir, bodies=False)
    root = project.config.root
    file, problems = parse_export(
        export.read_bytes(),
        str(export),
        kind="pages" if kind == "pages" else "deals" if kind == "deals" else None,
        source=source,
        period=parse_period(period) if period else None,
    )
    target = signals_dir(root) / file.name
    shown = target.relative_to(root).as_posix()
    data = render_evidence.signal_file_csv(file).encode("utf-8")
    if os.path.lexists(target) and not force and _bytes(target) != data:
        raise UsageError(
            f"{shown} holds an earlier import of {file.source} for {file.period}; add --force to replace it"
        )
    changed = atomic_write(target, data, within=root)
    for problem in problems:
        click.echo(problem.format(), err=True)
    rows = _plural(file.rows, "row")
    left_out = f", {_plural(len({p.line for p in problems}), 'row')} left out" if problems else ""
    done = f"imported {rows} into {shown}" if changed else f"{shown} already holds these {rows}"
    click.echo(done + left_out)
    unmatched = evidence(project, [file], asset_routes(project)).unmatched
    if unmatched:
        click.echo(
            f"note: {_plural(len(unmatched), 'value')} match no asset or stage (stagemap signals show)",
            err=True,
        )
    sys.exit(1 if problems else 0)


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


@signals.command("show", context_settings=CONTEXT)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format: tables to read, json, or csv (one row per stage and per asset).",
)
@pass_state
def show(state: _State, fmt: str) -> None:
    """Show what the imported signals say per stage and asset, and where buyers leak.

    Every figure comes with the source and period it was counted from. A buyer (a deal, or
    a contact without one) moved on from a stage when the data shows them at a later stage
    on the same day or after; the buyers who never did are the stage's leak. URLs and stages
    that match nothing are listed, never dropped. Exit status: 0, or 1 when a stored signal
    file has rows that cannot be read.

    \b
    Example:
      stagemap signals show
      stagemap signals show --format json > evidence.json
    """
    project = load_project(state.project_dir, bodies=False)
    files, problems = read_signals(project.config.root)
    for problem in problems:
        click.echo(problem.format(), err=True)
    found = evidence(project, files, asset_routes(project))
    render = {"json": render_evidence.render_json, "csv": render_evidence.render_csv}.get(
        fmt, render_evidence.render_table
    )
    click.echo(render(found), nl=False)
    sys.exit(1 if problems else 0)
