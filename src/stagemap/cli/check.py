"""The ``check`` command: validate the settings and every content file."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence

import click

from ..analyse.check import check_project
from ..errors import Problem
from ..model.project import Project
from ..render.check import render_check_json, render_check_summary
from ..render.fates import not_read_lines
from ..write.cache import JOURNAL, journal_folder
from ..write.lock import hold_folder_lock
from .app import CONTEXT, _State, later, pass_state
from .loading import collections_paused, load


@click.command(context_settings=CONTEXT)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option(
    "--links",
    is_flag=True,
    help="Also report links in bodies that lead nowhere or to drafts (renders every body, as build does).",
)
@pass_state
def check(state: _State, fmt: str, strict: bool, links: bool) -> None:
    """Validate stagemap.yml and every content file.

    Each problem is printed to stderr as 'path:line:col: error|warning: message (hint)'.
    Lint warnings (content that works against the journey, e.g. a hard sell in an awareness
    post) are among them; switch a rule off with 'lint' in stagemap.yml. With --links, so is
    each link in a body that leads nowhere (a warning: the page a build makes shows it as
    text marked "Link target not found"), or to a draft the live site does not build.
    Exit status: 0 clean, 1 problems found, 2 usage or configuration error.

    \b
    Example:
      stagemap check
      stagemap check --strict --format json > problems.json
      stagemap check --links --strict
    """
    _finish_rename(state)
    with collections_paused():
        project = load(state, bodies=links)
        dead = later("rendering", "dead_links")(project) if links else ()
        result = check_project(project, dt.date.today(), dead)
    if fmt == "json":
        click.echo(render_check_json(result, project.library.fates))
    else:
        color = state.color(sys.stderr)
        for problem in result.problems:
            click.echo(_tinted(problem) if color else problem.format(), err=True, color=color)
        click.echo(render_check_summary(result))
        for line in not_read_lines(project.library.fates):
            click.echo(line)
        if links and (routes := _routes_not_made(project, result.problems)):
            click.echo(routes)
    sys.exit(1 if result.failed(strict) else 0)


def _routes_not_made(project: Project, problems: Sequence[Problem]) -> str:
    """Say how to have links to the site's routes that no file read makes taken to reach the live
    site, where stagemap reads a site in place that names no public address (``urls.base``):
    the pages its templates or other repositories make are not files of the library. Empty
    where there is none, or the address is set."""
    rules = project.config.rules
    if not rules.generator or rules.public_base:
        return ""
    said = (
        p.message.removeprefix("link to '").partition("' leads ") for p in problems if p.code == "dead-link"
    )
    routes = [route for route, _, fate in said if route[:1] == "/" and route[:2] != "//" and _nowhere(fate)]
    if not routes:
        return ""
    return (
        f"{len(routes)} of the links that lead nowhere {'goes' if len(routes) == 1 else 'go'} to routes of"
        f" the site that no file read here makes (such as '{min(routes)}'): where the live site serves"
        " them (pages its templates or"
        " other repositories make), set 'urls: {base: ADDRESS}' in stagemap.yml to the site's public"
        " address, and such links are taken to reach the live site."
    )


def _nowhere(fate: str) -> bool:
    """Whether a dead link's message, past "link to 'ADDRESS' leads " (``fate``), says it leads
    nowhere, maybe with the pages a partial or data file shows it on ("nowhere (shown on ...)"),
    not that the host is known to serve nothing there ("nowhere on Vercel, ...", "to a route
    where the host serves an error"): a route no file read here makes may be served live."""
    return fate == "nowhere" or fate.startswith("nowhere (")


def _finish_rename(state: _State) -> None:
    """Finish a rename that a killed run left unfinished (under the project lock), and say so.

    What finishes it is imported only then: most checks find no journal.
    """
    config = state.config()
    # os.path.exists, not Path.exists: a cache folder no one may read must not stop a check.
    if not os.path.exists(journal_folder(config) / JOURNAL):
        return
    with hold_folder_lock(config.root, "editing this project"):
        later("edit", "finish_rename")(config)


def _tinted(problem: Problem) -> str:
    """The problem's line with its severity in colour: red for errors, yellow for warnings."""
    tint = "red" if problem.severity == "error" else "yellow"
    return problem.format().replace(
        f": {problem.severity}: ",
        ": " + click.style(problem.severity, fg=tint, bold=True) + ": ",
        1,
    )
