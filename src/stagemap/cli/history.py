"""The git commands, ``diff`` and ``history``: read revisions, analyse each, print."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..analyse.coverage import analyse
from ..analyse.diff import REGRESSIONS, diff
from ..analyse.history import PERIODS, collect, pick
from ..errors import ConfigError
from ..model.settings import CONFIG_NAME
from ..read.git import Git, Revision, Revisions, Snapshot
from ..read.settings import find_root, load_config
from ..render import diff as render_diff
from ..render import history as render_history
from .app import CONTEXT, _as_of, _State, as_of_option, pass_state


def _project_root(state: _State) -> Path:
    """The project folder: the nearest with stagemap.yml, else the folder given (or current)."""
    start = state.project_dir or Path.cwd()
    if start.is_file():
        start = start.parent
    return find_root(start) or start.resolve()


def _snapshot(revisions: Revisions, revision: Revision) -> Snapshot:
    snap = revisions.at(revision)
    if snap is None:
        raise ConfigError(f"no {CONFIG_NAME} in the project folder at {revision.name}")
    return snap


@click.command("diff", context_settings=CONTEXT)
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "md", "json"]),
    default="table",
    show_default=True,
    help="Output format: a table to read, Markdown for a pull-request comment, or json.",
)
@as_of_option
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    type=click.Choice([*REGRESSIONS, "any"]),
    help="Exit 1 on this regression (repeatable): a cell that drops, a new stuck point, a new "
    "broken next step, or any of them.",
)
@pass_state
def diff_command(
    state: _State, base: str | None, head: str | None, fmt: str, as_of: str | None, fail_on: tuple[str, ...]
) -> None:
    """Show how coverage changed between two git revisions.

    BASE defaults to the merge base of the main branch and HEAD; HEAD defaults to the work
    tree (files on disk, committed or not). Revisions are read straight from git: nothing is
    checked out or written. Both sides are judged on the same day (--as-of, default today).
    Exit status: 0 no regression (or no --fail-on), 1 regressions found, 2 usage error.

    \b
    Example:
      stagemap diff
      stagemap diff main --format md > comment.md
      stagemap diff v1.2 v1.3 --fail-on any
    """
    day = _as_of(as_of)
    with Git(_project_root(state)) as git:
        revisions = Revisions(git, problems=False)
        if base is None:
            tip = git.resolve("HEAD")
            base_rev = git.merge_base(git.resolve(git.main_branch()), tip)
        else:
            base_rev = git.resolve(base)
        head_rev = git.resolve(head) if head is not None else None
        before = _snapshot(revisions, base_rev)
        after = (
            _snapshot(revisions, head_rev) if head_rev else revisions.worktree(load_config(git.project_root))
        )
    names = (
        f"{base_rev.name} ({base_rev.short})",
        f"{head_rev.name} ({head_rev.short})" if head_rev else "work tree",
    )
    result = diff(
        analyse(before.config, before.library, day),
        analyse(after.config, after.library, day),
        before.library,
        after.library,
        names,
    )
    render = {"json": render_diff.render_json, "md": render_diff.render_markdown}.get(
        fmt, render_diff.render_table
    )
    click.echo(render(result), nl=False)
    kinds = frozenset(REGRESSIONS) if "any" in fail_on else frozenset(fail_on)
    found = result.regressions(kinds)
    for line in found:
        click.echo(f"regression: {line}", err=True)
    sys.exit(1 if found else 0)


def _date(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-03-31", param_hint=flag) from None


@click.command("history", context_settings=CONTEXT)
@click.argument("revisions", metavar="[RANGE]", required=False)
@click.option(
    "--by",
    type=click.Choice(PERIODS),
    default="week",
    show_default=True,
    help="One point per commit, or the last commit of each week or month.",
)
@click.option("--since", metavar="YYYY-MM-DD", help="Only commits on or after this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only commits on or before this day.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "svg"]),
    default="table",
    show_default=True,
    help="Output format: a table of stage counts, csv or json (stages and cells), or an svg chart.",
)
@click.option(
    "--chart",
    type=click.Choice(["lines", "grid"]),
    default="lines",
    show_default=True,
    help="SVG layout: one line per stage, or a small chart per stage.",
)
@pass_state
def history_command(
    state: _State, revisions: str | None, by: str, since: str | None, until: str | None, fmt: str, chart: str
) -> None:
    """Show coverage per stage and cell over the git history.

    RANGE is a revision or a range such as v1.0..main (default: HEAD and its history). Only
    first-parent commits that change the project folder count; commits without stagemap.yml
    are left out. Each commit is judged on its own commit date, so assets go stale as they did.

    \b
    Example:
      stagemap history
      stagemap history --by month --since 2026-01-01 --format csv > coverage.csv
      stagemap history --format svg --chart grid > coverage.svg
    """
    first, last = _date(since, "--since"), _date(until, "--until")
    with Git(_project_root(state)) as git:
        reader = Revisions(git, problems=False)
        commits = git.commits(revisions, first, last)
        sampled = pick([(c.commit, c.date) for c in commits], by)
        result = collect(by, ((period, commits[i], reader.at(commits[i])) for period, i in sampled))
    title = f"{result.name}: eligible assets per stage, by {by}" if result.points else "Coverage history"
    if fmt == "svg":
        text = render_history.render_svg(result, title=title, chart=chart)
    else:
        text = {"csv": render_history.render_csv, "json": render_history.render_json}.get(
            fmt, render_history.render_table
        )(result)
    click.echo(text, nl=False)
