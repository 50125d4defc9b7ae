"""The ``tag`` and ``list`` commands: change the front matter of assets, and list them."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ..edit.lossless import unified_diff
from ..edit.select import UNTAGGED, WHERE_FIELDS, Files, matches, present_keys, select, where_filters
from ..edit.tag import (
    ID_FIELDS,
    FileEdit,
    IdForManyFiles,
    IdsNotSettable,
    RequiredField,
    TagRequest,
    ValueNeeded,
    absent_removals,
    check_id_change,
    check_key,
    plan_tag,
    tag_request,
)
from ..errors import UsageError
from ..model.project import Project
from ..render import listing
from ..render.headline import NO_ASSETS
from ..write.atomic import ChangedMeanwhile
from ..write.edits import write_planned
from ..write.faults import fault
from . import edit
from .app import CONTEXT, INTERRUPTED, _as_of, _plural, _State, as_of_option, pass_state, table_width
from .loading import load

NOTHING_TO_CHANGE = (
    "nothing to change: give --add-stage, --remove-stage, --add-question, --remove-question, "
    "--add-persona, --remove-persona, --set or --unset"
)


# long: the docstring is the command's --help text, and the signature one line per option
@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1)
@click.option("--add-stage", multiple=True, metavar="ID", help="Add a stage id.")
@click.option(
    "--remove-stage", multiple=True, metavar="ID", help="Remove a stage id (any id, in the model or not)."
)
@click.option("--add-question", multiple=True, metavar="ID", help="Add a question id.")
@click.option(
    "--remove-question",
    multiple=True,
    metavar="ID",
    help="Remove a question id (any id, in the model or not).",
)
@click.option("--add-persona", multiple=True, metavar="ID", help="Add a persona id.")
@click.option(
    "--remove-persona", multiple=True, metavar="ID", help="Remove a persona id (any id, in the model or not)."
)
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="KEY=VALUE",
    help="Set a field, e.g. status=published or review_by=2027-06-30 (checked first).",
)
@click.option("--unset", "unsets", multiple=True, metavar="KEY", help="Remove a field.")
@click.option(
    "--where",
    "where",
    multiple=True,
    metavar="KEY=VALUE",
    help="Select files by any front matter key (stage, question, persona, status, format, id, "
    "owner, or the site's own: tags, categories...); VALUE may hold * and ?. 'untagged' selects "
    "files without stages or questions. Repeat to narrow; the same key twice means either value.",
)
@click.option("--dry-run", is_flag=True, help="Print a unified diff and write nothing.")
@pass_state
def tag(
    state: _State,
    paths: tuple[str, ...],
    add_stage: tuple[str, ...],
    remove_stage: tuple[str, ...],
    add_question: tuple[str, ...],
    remove_question: tuple[str, ...],
    add_persona: tuple[str, ...],
    remove_persona: tuple[str, ...],
    sets: tuple[str, ...],
    unsets: tuple[str, ...],
    where: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Change the front matter of assets in place, and nothing else.

    Give files, folders or quoted globs ('content/blog/**/*.md', gitignore-style, from the
    project folder), or select files with --where (both: only the given files that match);
    tag walks the files 'stagemap check' reads, with the same endings and excludes. Only the values asked for change: other fields,
    comments, quoting, list style, line endings and the body stay byte for byte, and a
    file whose bytes would not change is not rewritten. Front matter in TOML (+++), JSON or
    JavaScript (---js) is never edited: such a file is refused and listed. A page without front matter, on a
    site that publishes such pages (Hugo, Docusaurus, MkDocs, Eleventy), gets a block at its top.

    A single id that gains another becomes a list: 'stages: awareness' turns into
    'stages: [awareness, exploration]'. A list stays a list when ids are removed:
    removing exploration afterwards gives 'stages: [awareness]' (which means the same),
    not 'stages: awareness'; only within one command that adds and removes does a single
    id stay a single id. Removing the last persona removes the personas line. Removing an
    id that is not there changes nothing.

    Ids to add are checked against the model, and --set values, before anything is
    written (statuses, dates, next steps; stages, questions and personas only change with
    the --add/--remove options). Ids to remove are not checked, since removing is always
    safe: --remove-stage can take away a misspelt stage that 'stagemap check' reports.
    VALUE is text for stagemap's fields; for your own keys, true, false and numbers are
    written as such. A file with problems that the edit does not fix, or that the edit
    would break, is left alone and listed; the others are still changed, and the exit
    status is 1. So is a file that someone changes after tag has read it: it is not
    written, so their change is kept. One edit runs at a time in a project: another waits
    up to 10 seconds for it.

    \b
    Example:
      stagemap tag content/blog/missed-calls-cost.md --add-stage exploration
      stagemap tag --where stage=evaluation --add-question risk --dry-run
      stagemap tag --where untagged --where 'id=blog/*' --add-stage awareness --add-question problems
      stagemap tag 'content/case-studies/*.md' --where stage=evaluation --add-question risk
      stagemap tag content/sales/business-case-one-pager.md --set next=evaluation
      stagemap tag content/sales --where 'owner=Priya*' --set owner="Tom Ashby"
      stagemap list --stage purchase --format paths0 | xargs -0 stagemap tag --add-persona ops-director
    """
    edit.lock_project(state)
    project = load(state)
    config = project.config
    request = _request(
        project,
        add={"stages": add_stage, "questions": add_question, "personas": add_persona},
        remove={"stages": remove_stage, "questions": remove_question, "personas": remove_persona},
        sets=sets,
        unsets=unsets,
    )
    filters = where_filters(config, _pairs(where))  # (any key: files that are no asset yet too)
    if not paths and not filters:
        raise UsageError("give the files to change, or select assets with --where KEY=VALUE")
    files, unsearched = select(config, project.library, paths, filters, Files.of(config, project.library))
    try:
        check_id_change(config, project.library, files, request)
    except IdForManyFiles as exc:
        raise UsageError(
            f"--set id=... names one asset, but {_plural(exc.count, 'file')} are selected"
        ) from None
    if unsearched:
        shown = ", ".join(unsearched[:3]) + (
            f" and {len(unsearched) - 3} more" if len(unsearched) > 3 else ""
        )
        click.echo(f"note: not searched, because of problems (stagemap check): {shown}", err=True)
    if not files:
        click.echo("No assets match.", err=True)
        # Files left unsearched may be the ones meant: matching nothing then is no success.
        sys.exit(1 if unsearched else 0)
    edits = plan_tag(config, files, request)
    _note_absent(project, request, edits)
    status = _apply(edits, project, dry_run=dry_run)
    sys.exit(1 if unsearched else status)


def _request(
    project: Project,
    *,
    add: dict[str, tuple[str, ...]],
    remove: dict[str, tuple[str, ...]],
    sets: Sequence[str],
    unsets: Sequence[str],
) -> TagRequest:
    """Parse the ``--set KEY=VALUE`` pairs and check the whole request, in the words of the options."""
    values: dict[str, str] = {}
    for pair in sets:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"--set needs KEY=VALUE, got '{pair}'")
        check_key(key)
        if key in values:
            raise UsageError(f"--set {key} is given twice")
        values[key] = value
    try:
        request = tag_request(
            project.config, project.library, add=add, remove=remove, sets=values, unsets=unsets
        )
    except IdsNotSettable as exc:
        what = ID_FIELDS[exc.key]
        raise UsageError(f"use --add-{what} and --remove-{what} to change '{exc.key}', not --set") from None
    except ValueNeeded as exc:
        raise UsageError(
            f"--set {exc.key}= needs a value (use --unset {exc.key} to remove the field)"
        ) from None
    except RequiredField as exc:
        hint = f"; use --remove-{ID_FIELDS[exc.key]} to take ids away" if exc.key in ID_FIELDS else ""
        raise UsageError(f"'{exc.key}' is required and cannot be removed{hint}") from None
    if request.empty:
        raise UsageError(NOTHING_TO_CHANGE)
    return request


def _pairs(items: Sequence[str]) -> list[tuple[str, str]]:
    """Parse ``KEY=VALUE`` filters of ``--where`` (and the word ``untagged``)."""
    pairs: list[tuple[str, str]] = []
    for item in items:
        if item.strip() == UNTAGGED:
            pairs.append((UNTAGGED, ""))
            continue
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise UsageError(
                f"--where needs KEY=VALUE or {UNTAGGED}, got '{item}' (e.g. {', '.join(WHERE_FIELDS)})"
            )
        pairs.append((name, value))
    return pairs


def _note_absent(project: Project, request: TagRequest, edits: Sequence[FileEdit]) -> None:
    """Say which ids to remove are nowhere to be found, so removing them changes nothing."""
    where_shown = edits[0].rel if len(edits) == 1 else f"the {len(edits)} selected files"
    for what, item, hint in absent_removals(project.config, request, edits):
        click.echo(
            f"note: no {what} '{item}' in {where_shown}, nor in the model: nothing to remove ({hint})",
            err=True,
        )


def _apply(edits: Sequence[FileEdit], project: Project, *, dry_run: bool) -> int:
    """Write the changed files (or show their diffs), list the refused ones; return the exit status."""
    refused = [e for e in edits if e.refused]
    changed = [e for e in edits if e.changed]
    for file in refused:
        edit.refused(file)
    unchanged = len(edits) - len(refused) - len(changed)
    tail = f"{unchanged} unchanged, {len(refused)} refused"
    if dry_run:
        for file in changed:
            click.echo(unified_diff(file.rel, file.before, file.after), nl=False)
        click.echo(
            f"{_plural(len(changed), 'file')} would change, {tail} (dry run: nothing written).", err=True
        )
        return 1 if refused else 0
    lost: list[FileEdit] = []
    written = 0
    try:
        for i, file in enumerate(changed, 1):
            try:
                write_planned(file, project.config.root)
            except ChangedMeanwhile:
                edit.changed_meanwhile(file.rel)
                lost.append(file)
                continue
            written += 1
            click.echo(f"changed {file.rel}")
            fault("tag-after-write", i)
    except KeyboardInterrupt:
        # Each file is written whole or not at all; the same command again changes the rest.
        click.echo(
            f"Interrupted: {written} of {_plural(len(changed), 'file')} changed (each one whole, "
            "the others as they were); run the same command again to change the rest.",
            err=True,
        )
        sys.exit(INTERRUPTED)
    if lost:
        tail += f", {len(lost)} not written (changed meanwhile)"
    click.echo(f"{_plural(len(changed) - len(lost), 'file')} changed, {tail}.")
    return 1 if refused or lost else 0


@click.command("list", context_settings=CONTEXT)
@click.option("--stage", "stages", multiple=True, metavar="ID", help="Assets serving this stage.")
@click.option("--question", "questions", multiple=True, metavar="ID", help="Assets answering this question.")
@click.option(
    "--persona",
    "personas",
    multiple=True,
    metavar="ID",
    help="Assets naming this persona (not those for everyone).",
)
@click.option("--status", "statuses", multiple=True, metavar="STATUS", help="Assets with this status.")
@click.option(
    "--where",
    "where",
    multiple=True,
    metavar="KEY=VALUE",
    help="Any other filter: format, id, owner or any front matter key, VALUE with * and ?; or 'untagged'.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "paths", "paths0"]),
    default="table",
    show_default=True,
    help="table to read; json or csv with every field, the public address (url) and the "
    "audience; paths, one per line, to pipe; "
    "paths0, each ended by a NUL character, for xargs -0.",
)
@click.option(
    "--due",
    metavar="DAYS",
    help="Assets due for review within DAYS days (30 or 30d), those past their date included.",
)
@as_of_option
@click.option(
    "--width",
    type=click.IntRange(0),
    help="Table width; 0 for no limit (default: the terminal's, no limit when not a terminal).",
)
@pass_state
def list_assets(
    state: _State,
    stages: tuple[str, ...],
    questions: tuple[str, ...],
    personas: tuple[str, ...],
    statuses: tuple[str, ...],
    where: tuple[str, ...],
    fmt: str,
    due: str | None,
    as_of: str | None,
    width: int | None,
) -> None:
    """List assets with their tags, sorted by path.

    Filters on different fields must all match; one filter given twice matches either
    value. Problems go to stderr; a file they keep from being an asset is not listed (on a
    site read in place, where tags are optional, a page with a wrong stage is listed
    without it). On a terminal the table fits its width: long cells are cut short (…) and,
    if need be, columns left out (a note says which); into a pipe or a file nothing is cut.
    A published asset past its review date shows as stale.

    \b
    Example:
      stagemap list --stage evaluation
      stagemap list --due 90d --where 'owner=Priya*'
      stagemap list --persona office-manager --status published --format csv > assets.csv
      stagemap list --question risk --format paths0 | xargs -0 grep -l "refund"
    """
    day = _as_of(as_of)
    days = _days(due) if due is not None else None
    project = load(state)
    config = project.config
    items = [
        *(f"stage={s}" for s in stages),
        *(f"question={q}" for q in questions),
        *(f"persona={p}" for p in personas),
        *(f"status={s}" for s in statuses),
        *where,
    ]
    filters = where_filters(config, _pairs(items), present_keys(project.library))
    for problem in project.problems:
        click.echo(problem.format(), err=True)
    assets = [a for a in project.assets if matches(a, filters)]
    if days is not None:
        assets = listing.due_for_review(assets, day, days)
    if fmt == "json":
        click.echo(listing.render_json(assets), nl=False)
    elif fmt == "csv":
        click.echo(listing.render_csv(assets), nl=False)
    elif fmt in ("paths", "paths0"):
        end = "\0" if fmt == "paths0" else "\n"
        click.echo(listing.render_paths(assets, config.root, Path.cwd().resolve(), end), nl=False)
    elif assets:
        text, left_out = listing.render_table(assets, day, table_width() if width is None else width)
        click.echo(text, nl=False)
        if left_out:
            names = " and ".join(", ".join(left_out).rsplit(", ", 1))
            click.echo(f"note: {names} left out to fit the width (--width 0 shows every column)", err=True)
    else:
        click.echo("No assets match." if project.assets else NO_ASSETS, err=True)


def _days(value: str) -> int:
    """The number of days of ``--due``: ``30`` or ``30d``."""
    number = value.strip().removesuffix("d")
    if not number.isdigit():
        raise UsageError(f"--due needs a number of days like 30 or 30d, got '{value}'")
    return int(number)
