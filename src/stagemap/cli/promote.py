"""The ``promote`` command: write what rules give files into their front matter."""

from __future__ import annotations

import sys

import click

from ..edit.promote import plan_promote, select_ruled
from . import edit
from .app import CONTEXT, _State, pass_state
from .loading import load
from .tag import _apply


@click.command(context_settings=CONTEXT)
@click.argument("selection", nargs=-1, metavar="[PATHS/GLOBS]...")
@click.option(
    "--yes", is_flag=True, help="Write the changes; without it, print a unified diff and write nothing."
)
@pass_state
def promote(state: _State, selection: tuple[str, ...], yes: bool) -> None:
    """Write what the rules give files into their own front matter.

    For teams that prefer tags in the files: each asset that a rule gives stages,
    questions, personas, a format, an audience or a status gets those values written into
    its front matter, with the same lossless editor as tag (nothing else in the file
    changes). Values the file sets itself are never touched. Give files, folders or globs
    over paths from the project root ('content/blog/*.md') to promote only those; none
    means every asset a rule applies to.

    Without --yes it only shows the diff. An edited file is read back without the rules
    and must hold the same values, so promoting never changes what the report counts. A
    file the editor cannot change safely (TOML or JSON front matter, say) is left alone and
    listed, and the exit status is 1; so is a file someone changes after it was read.

    \b
    Example:
      stagemap promote
      stagemap promote 'content/blog/*.md' --yes
    """
    edit.lock_project(state)
    project = load(state, bodies=False)
    assets = select_ruled(project.config, project.library, selection)
    if not assets:
        click.echo("No asset takes a value from a rule.", err=True)
        return
    sys.exit(_apply(plan_promote(project.config, assets), project, dry_run=not yes))
