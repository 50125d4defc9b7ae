"""The ``suggest`` command: stages and questions for untagged files, with reasons, to accept row by row."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from ..analyse.suggest import suggest as suggest_tags
from ..edit.accept import accepted_rules, plan_accepted, read_accepted
from ..edit.select import Files, chosen_files
from ..errors import UsageError
from ..model.project import Project
from ..read.assets import load_library
from ..render import suggest as render
from . import edit
from .app import CONTEXT, _plural, _State, pass_state
from .loading import load
from .tag import _apply


# long: the docstring is the command's --help text, and the signature one line per option
@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Suggest for every file, not only untagged ones.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table to read; csv or json with an empty accept column to fill in and feed back.",
)
@click.option(
    "--accept",
    "accept",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Apply the rows marked accepted (yes, y, x, 1 or true) in a CSV or JSON file "
    "written by --format csv or json.",
)
@click.option(
    "--as-rules", is_flag=True, help="With --accept: print settings rules to paste instead of editing files."
)
@click.option("--yes", is_flag=True, help="With --accept: write the files (otherwise show the diff only).")
@pass_state
def suggest(
    state: _State,
    paths: tuple[str, ...],
    every: bool,
    fmt: str,
    accept: Path | None,
    as_rules: bool,
    yes: bool,
) -> None:
    """Suggest stages and questions for untagged files, with the reason for each.

    Looks at each file's folders and name, the site's own taxonomy (tags, categories,
    type, section), its title and headings (vs, alternative to, pricing, security, case
    study, getting started, how to...), quotes and testimonials in its body, and its links
    to /signup or /pricing. Every heuristic is listed in docs/suggest.md; nothing is fetched.
    A file that lacks stages or questions gets suggestions for what it lacks; with --all,
    every file gets them for ids it does not have yet.

    Write the rows as CSV or JSON, mark the ones you accept with yes in the accept column,
    and feed the file back with --accept: the accepted ids are added to the files' front
    matter with the same lossless editor as 'stagemap tag' (a diff unless --yes), or, with
    --as-rules, printed as rules to paste into stagemap.yml so that no file changes.

    \b
    Example:
      stagemap suggest
      stagemap suggest content/blog --format csv > suggestions.csv
      stagemap suggest --accept suggestions.csv            # show the diff
      stagemap suggest --accept suggestions.csv --yes      # write it
      stagemap suggest --accept suggestions.csv --as-rules >> rules.yml
    """
    if accept is None:
        if as_rules or yes:
            raise UsageError(f"{'--as-rules' if as_rules else '--yes'} goes with --accept FILE")
        _suggest(state, paths, every=every, fmt=fmt)
        return
    if paths or every:
        raise UsageError("--accept takes its files from FILE: give no PATHS and no --all")
    if as_rules and yes:
        raise UsageError("--as-rules writes no file, so it takes no --yes")
    _accept(state, accept, as_rules=as_rules, yes=yes)


def _suggest(state: _State, paths: tuple[str, ...], *, every: bool, fmt: str) -> None:
    project = load(state)
    config = project.config
    # Untagged files are assets for this purpose even where stagemap's own format requires tags.
    library = load_library(replace(config, rules=replace(config.rules, tags_required=False)))
    chosen = {item.rel for item in chosen_files(config, paths, Files.of(config, library))}
    assets = [a for a in library.assets if a.path in chosen]
    rows = suggest_tags(config, assets, every=every)
    untagged = [a for a in assets if every or not (a.stages and a.questions)]
    if fmt == "csv":
        click.echo(render.render_csv(rows), nl=False)
    elif fmt == "json":
        click.echo(render.render_json(rows), nl=False)
    elif rows:
        click.echo(render.render_table(rows), nl=False)
    files = len({s.path for s in rows})
    which = "" if every else " without stages or questions"
    click.echo(
        f"{_plural(len(rows), 'suggestion')} for {files} of {_plural(len(untagged), 'file')}{which}.",
        err=True,
    )


def _accept(state: _State, accept: Path, *, as_rules: bool, yes: bool) -> None:
    data = _read(accept)
    if not as_rules:
        edit.lock_project(state)
    project: Project = load(state)
    config = project.config
    rows = read_accepted(data, str(accept))
    if not rows:  # nothing to do is no finding: exit 0, as tag does when no asset matches
        click.echo(
            f"No row of {accept} is accepted, so nothing changes: mark rows with yes in the accept column.",
            err=True,
        )
        return
    library = load_library(replace(config, rules=replace(config.rules, tags_required=False)), bodies=False)
    if as_rules:
        click.echo(render.render_rules(accepted_rules(config, library, rows)), nl=False)
        return
    status = _apply(plan_accepted(config, library, rows), project, dry_run=not yes)
    if not yes:
        click.echo("Add --yes to write these changes.", err=True)
    sys.exit(status)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
