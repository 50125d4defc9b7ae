"""Commands that create and edit content: new, tag, rename-*, list, init, schema.

Registered on the main group by the import at the bottom of cli.py. Like the rest of the
command line: parse, call the library, print; data to stdout, problems to stderr.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import UsageError
from ..model.library import STATUSES
from .app import CONTEXT, _plural, _rel_dir, _State, cli, pass_state

"""The statuses of library.STATUSES, here so that --help needs no import of the library."""


def _stdin_is_tty() -> bool:
    return sys.stdin.isatty()


def _display(path: Path, root: Path) -> str:
    """A path the user can paste: relative from inside the project or above it, else absolute."""
    import os

    cwd = Path.cwd().resolve()
    if root.is_relative_to(cwd) or cwd.is_relative_to(root):
        return Path(os.path.relpath(path, cwd)).as_posix()
    return str(path)


def _refused(edit: Any) -> None:
    for problem in edit.problems:
        click.echo(problem.format(), err=True)
    click.echo(f"{edit.rel}: not changed: {edit.refusal}", err=True)


def _write(edit: Any, root: Path | None) -> bool:
    from ..errors import OutputError
    from ..write.atomic import atomic_write

    if edit.created and edit.path.exists():
        raise OutputError(f"{edit.rel} appeared while planning; nothing more was written")
    return atomic_write(edit.path, edit.after, within=root)


def _check_ids(what: str, given: Sequence[str], valid: Sequence[str]) -> None:
    from ..errors import suggest

    for item in given:
        if item not in valid:
            raise UsageError(f"unknown {what} '{item}' ({suggest(item, valid)})")


# -- new ------------------------------------------------------------------------------------
def _ask_ids(label: str, choices: Sequence[tuple[str, str]], *, required: bool) -> tuple[str, ...]:
    """Prompt (on stderr) for ids, listing the choices; re-asks until every id is valid."""
    from ..errors import suggest

    ids = [c[0] for c in choices]
    width = max((len(i) for i in ids), default=0)
    click.echo(f"{label}:", err=True)
    for item, name in choices:
        click.echo(f"  {item:<{width}}  {name}", err=True)

    def convert(text: str) -> tuple[str, ...]:
        items = tuple(dict.fromkeys(p for p in re.split(r"[,\s]+", text.strip()) if p))
        if required and not items:
            raise click.BadParameter("give at least one id")
        for item in items:
            if item not in ids:
                raise click.BadParameter(f"unknown id '{item}' ({suggest(item, ids)})")
        return items

    hint = "one or more ids, separated by commas" + ("" if required else "; Enter for none")
    result: tuple[str, ...] = click.prompt(
        f"{label} ({hint})",
        default=None if required else "",
        show_default=False,
        value_proc=convert,
        err=True,
    )
    return result


def _target(config: Any, dest: str | None, title: str) -> tuple[Path, str]:
    """The file a new asset goes to, and its path relative to the project root."""
    from ..edit.new import slugify
    from ..model.library import ASSET_SUFFIXES
    from ..write.targets import confined

    content = config.content_dir.resolve()
    name = slugify(title) + ".md"
    rel = name
    if dest:
        prefix = _rel_dir(content, config.root)
        relative = dest[len(prefix) :] if dest.replace("\\", "/").startswith(prefix) else dest
        if relative.endswith(("/", "\\")) or (content / relative).is_dir():
            rel = relative.rstrip("/\\") + "/" + name
        else:
            rel = relative if relative.endswith(ASSET_SUFFIXES) else relative + ".md"
    candidate = (content / rel).resolve()
    if not candidate.is_relative_to(content) or candidate == content:
        raise UsageError(f"--path {dest} is outside the content folder {_rel_dir(content, config.root)}")
    target = confined(content, rel)
    shown = target.relative_to(config.root).as_posix() if target.is_relative_to(config.root) else str(target)
    if target.exists() or target.is_symlink():
        raise UsageError(f"{shown} already exists (give another title or --path; new never overwrites)")
    return target, shown


@cli.command(context_settings=CONTEXT)
@click.argument("title", required=False)
@click.option("--stage", "stages", multiple=True, metavar="ID", help="Stage it serves (repeat for more).")
@click.option(
    "--question", "questions", multiple=True, metavar="ID", help="Question it answers (repeat for more)."
)
@click.option(
    "--persona", "personas", multiple=True, metavar="ID", help="Persona it is for (repeat for more)."
)
@click.option("--format", "fmt", metavar="FORMAT", help="Format, e.g. article, guide, case-study.")
@click.option("--status", type=click.Choice(STATUSES), default="idea", show_default=True, help="Status.")
@click.option("--owner", metavar="NAME", help="Who will keep it up to date.")
@click.option(
    "--path",
    "dest",
    metavar="PATH",
    help="File to create, under the content folder (a folder ending in / gets a name from the title).",
)
@click.option(
    "--gap",
    metavar="STAGE:QUESTION",
    help="Fill this gap of the report: a brief in the body, next: the following stage.",
)
@click.option(
    "--input/--no-input",
    "allow_input",
    default=True,
    help="Ask for missing fields on a terminal (default), or never ask.",
)
@pass_state
def new(
    state: _State,
    title: str | None,
    stages: tuple[str, ...],
    questions: tuple[str, ...],
    personas: tuple[str, ...],
    fmt: str | None,
    status: str,
    owner: str | None,
    dest: str | None,
    gap: str | None,
    allow_input: bool,
) -> None:
    """Create a new asset with valid front matter and a starter body; print its path.

    The file name is made from the title (ASCII, lowercase, '-'), in the content folder
    unless --path says where. An existing file is never overwritten. With --gap the stage
    and question come from the gap, the body starts with a brief (the stage goal, the
    buyer's mindset, the question, suitable formats, the next step) and next: names the
    following stage. The body comes from the template new-asset.md.j2, which a project can
    override in its templates/ folder.

    On a terminal, missing fields are asked for (with the choices listed); without a
    terminal, or with --no-input, a missing TITLE, --stage or --question is an error.

    \b
    Example:
      stagemap new "What a missed call costs" --stage awareness --question problems
      stagemap new --gap evaluation:risk --format faq --persona office-manager
      $EDITOR "$(stagemap new 'Pricing explained' --stage evaluation --question risk --path sales/)"
    """
    import datetime as dt

    from ..analyse.coverage import analyse
    from ..edit.new import NewAsset, brief_for, render_new_asset
    from ..errors import StagemapError
    from ..model.library import Vocabulary
    from ..read.assets import parse_asset
    from ..write.atomic import atomic_write

    project = state.load()
    config = project.config
    model = config.model
    bare = not any((title, stages, questions, personas, fmt, owner, dest, gap))
    ask = allow_input and _stdin_is_tty()
    brief = None
    default_title = ""
    if gap is not None:
        if stages or questions:
            raise UsageError("--gap sets the stage and the question; leave out --stage and --question")
        stage_id, sep, question_id = gap.partition(":")
        if not sep:
            raise UsageError(f"--gap needs STAGE:QUESTION, e.g. {model.stage_ids[0]}:problems; got '{gap}'")
        _check_ids("stage", [stage_id], model.stage_ids)
        _check_ids("question", [question_id], config.question_ids)
        report = analyse(config, project.library, dt.date.today())
        brief = brief_for(config, report, stage_id, question_id)
        if brief.state == "covered":
            click.echo(
                f"note: {stage_id}:{question_id} is already covered "
                f"({_plural(brief.count, 'asset')}); making another anyway",
                err=True,
            )
        elif brief.state == "n/a":
            click.echo(f"note: {stage_id}:{question_id} is marked not applicable in stagemap.yml", err=True)
        stages, questions = (stage_id,), (question_id,)
        default_title = f"{brief.stage.name}: {brief.question.prompt or brief.question.name}"
    if not title:
        if ask:
            title = click.prompt("Title", default=default_title or None, err=True)
        elif default_title:
            title = default_title
        else:
            raise UsageError("missing TITLE (or use --gap STAGE:QUESTION to take one from a gap)")
    title = " ".join((title or "").split())
    if not title:
        raise UsageError("the title is empty")
    from ..errors import choices_hint

    if not stages:
        if not ask:
            raise UsageError(f"missing --stage ({choices_hint(model.stage_ids)})")
        stages = _ask_ids("Stages", [(s.id, s.name) for s in model.stages], required=True)
    if not questions:
        if not ask:
            raise UsageError(f"missing --question ({choices_hint(config.question_ids)})")
        questions = _ask_ids(
            "Questions", [(q.id, q.prompt or q.name) for q in config.questions], required=True
        )
    if bare and ask:
        if config.personas:
            personas = _ask_ids("Personas", [(p.id, p.name) for p in config.personas], required=False)
        first = model.stage(stages[0])
        suggested = first.formats if first is not None else ()
        if suggested:
            click.echo(f"Formats that suit this stage: {', '.join(suggested)}", err=True)
        fmt = click.prompt("Format", default=suggested[0] if suggested else "", err=True).strip() or None
    _check_ids("stage", stages, model.stage_ids)
    _check_ids("question", questions, config.question_ids)
    _check_ids("persona", personas, config.persona_ids)

    asset = NewAsset(
        title=title,
        stages=tuple(s for i in dict.fromkeys(stages) if (s := model.stage(i)) is not None),
        questions=tuple(q for i in dict.fromkeys(questions) if (q := config.question(i)) is not None),
        personas=tuple(p for i in dict.fromkeys(personas) if (p := config.persona(i)) is not None),
        format=" ".join((fmt or "").split()),
        status=status,
        owner=" ".join((owner or "").split()),
        next_stage=brief.next_stage if brief else None,
        brief=brief,
    )
    text = render_new_asset(config, asset)
    target, shown = _target(config, dest, title)
    asset_id = target.relative_to(config.content_dir.resolve()).with_suffix("").as_posix()
    if project.library.asset(asset_id) is not None:
        raise UsageError(f"id '{asset_id}' is already used by {project.library.by_id[asset_id].path}")
    data = text.encode("utf-8")
    _, problems = parse_asset(shown, asset_id, data, Vocabulary.of(config))
    errors = [p for p in problems if p.severity == "error"]
    if errors:  # the front matter is ours; this would be a bug, so say so rather than write it
        raise StagemapError(f"the new asset would not be valid: {errors[0].format()}")
    atomic_write(target, data)
    click.echo(_display(target, config.root))


# -- tag ------------------------------------------------------------------------------------
@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
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
    metavar="FIELD=VALUE",
    help="Select assets: stage, question, persona, status, format, id or owner. "
    "Repeat to narrow; the same field twice means either value.",
)
@click.option("--dry-run", is_flag=True, help="Print a unified diff and write nothing.")
@pass_state
def tag(
    state: _State,
    paths: tuple[Path, ...],
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

    Give files or folders under the content folder, or select assets with --where (both:
    only the given files that match). Only the values asked for change: other fields,
    comments, quoting, list style, line endings and the body stay byte for byte, and a
    file whose bytes would not change is not rewritten.

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
    status is 1.

    \b
    Example:
      stagemap tag content/blog/missed-calls-cost.md --add-stage exploration
      stagemap tag --where stage=evaluation --add-question risk --dry-run
      stagemap tag content/sales/pricing-one-pager.md --remove-stage awarness --add-stage awareness
      stagemap tag content/sales --set owner="Tom Ashby" --set review_by=2027-06-30
      stagemap list --persona owner-operator --format paths | xargs stagemap tag --add-persona ops-director
    """
    from ..edit.lossless import unified_diff
    from ..edit.tag import absent_removals, parse_where, plan_tag, select, tag_request

    project = state.load()
    config = project.config
    request = tag_request(
        config,
        project.library,
        add={"stages": add_stage, "questions": add_question, "personas": add_persona},
        remove={"stages": remove_stage, "questions": remove_question, "personas": remove_persona},
        sets=sets,
        unsets=unsets,
    )
    if request.empty:
        raise UsageError(
            "nothing to change: give --add-stage, --remove-stage, --add-question, --remove-question, "
            "--add-persona, --remove-persona, --set or --unset"
        )
    filters = parse_where(config, where)
    if not paths and not filters:
        raise UsageError("give the files to change, or select assets with --where FIELD=VALUE")
    files, unsearched = select(config, project.library, paths, filters)
    if "id" in request.set and len(files) > 1:
        raise UsageError(f"--set id=... names one asset, but {_plural(len(files), 'file')} are selected")
    if "id" in request.set or "id" in request.unset:
        _check_id_change(config, project.library, files, request)
    if unsearched:
        shown = ", ".join(unsearched[:3]) + (
            f" and {len(unsearched) - 3} more" if len(unsearched) > 3 else ""
        )
        click.echo(f"note: not searched, because of problems (stagemap check): {shown}", err=True)
    if not files:
        click.echo("No assets match.", err=True)
        return
    edits = plan_tag(config, files, request)
    where_shown = edits[0].rel if len(edits) == 1 else f"the {len(edits)} selected files"
    for what, item, hint in absent_removals(config, request, edits):
        click.echo(
            f"note: no {what} '{item}' in {where_shown}, nor in the model: nothing to remove ({hint})",
            err=True,
        )
    refused = [e for e in edits if e.refused]
    changed = [e for e in edits if e.changed]
    for edit in refused:
        _refused(edit)
    unchanged = len(edits) - len(refused) - len(changed)
    tail = f"{unchanged} unchanged, {len(refused)} refused"
    if dry_run:
        for edit in changed:
            click.echo(unified_diff(edit.rel, edit.before, edit.after), nl=False)
        click.echo(
            f"{_plural(len(changed), 'file')} would change, {tail} (dry run: nothing written).", err=True
        )
    else:
        for edit in changed:
            _write(edit, config.root)
            click.echo(f"changed {edit.rel}")
        click.echo(f"{_plural(len(changed), 'file')} changed, {tail}.")
    sys.exit(1 if refused else 0)


def _check_id_change(config: Any, library: Any, files: Sequence[Path], request: Any) -> None:
    """Refuse to change an asset's id while other assets name it as their next step."""
    from ..edit.tag import identify

    for path in files:
        _, rel, default_id = identify(config, path)
        asset = next((a for a in library.assets if a.path == rel), None)
        new_id = request.set.get("id", default_id)
        if asset is None or asset.id == new_id:
            continue
        pointing = sorted(a.path for a in library.assets if a.next == asset.id and a.path != rel)
        if pointing:
            shown = ", ".join(pointing[:3]) + (f" and {len(pointing) - 3} more" if len(pointing) > 3 else "")
            raise UsageError(
                f"'{asset.id}' is the next step of {shown}; change their next: first, "
                f"or they would point nowhere"
            )


# -- rename ---------------------------------------------------------------------------------
def _rename(
    state: _State, kind: Any, old: str, new: str, *, copy_model: bool, yes: bool, dry_run: bool
) -> None:
    from ..edit.lossless import unified_diff
    from ..edit.rename import plan_rename

    config = state.config()
    plan = plan_rename(config, kind, old, new, copy_model=copy_model)
    if plan.refused:
        for edit in plan.refused:
            _refused(edit)
        click.echo(
            f"Nothing was renamed: {_plural(len(plan.refused), 'file')} that may use '{old}' "
            "must be fixed first, so that every file is renamed together.",
            err=True,
        )
        sys.exit(1)
    changed = plan.changed
    if dry_run:
        for edit in changed:
            click.echo(unified_diff(edit.rel, edit.before, edit.after, created=edit.created), nl=False)
        click.echo(
            f"Would rename {kind} '{old}' to '{new}' in {_plural(len(changed), 'file')} (dry run: nothing written).",
            err=True,
        )
        return
    ask = _stdin_is_tty()
    if not yes and not ask:
        raise UsageError(
            "not a terminal, so cannot ask: add --yes to rename, or --dry-run to see the changes"
        )
    width = max((len(e.rel) for e in changed), default=0)
    click.echo(f"Renaming {kind} '{old}' to '{new}' changes {_plural(len(changed), 'file')}:")
    for edit in changed:
        fields = ", ".join(plan.places.get(edit.rel, ()))
        note = " (new file)" if edit.created else ""
        click.echo(f"  {edit.rel:<{width}}  {fields}{note}".rstrip())
    if not yes:
        click.confirm("Rename?", abort=True, err=True)
    content = config.content_dir.absolute()
    for edit in changed:
        # Content files must stay in the project; a model file may be shared from elsewhere.
        _write(edit, config.root if edit.path.absolute().is_relative_to(content) else None)
    click.echo(f"Renamed {kind} '{old}' to '{new}' in {_plural(len(changed), 'file')}.")


def _rename_options(func: Any) -> Any:
    func = pass_state(func)
    func = click.option("--dry-run", is_flag=True, help="Print a unified diff and write nothing.")(func)
    func = click.option("-y", "--yes", is_flag=True, help="Rename without asking.")(func)
    func = click.argument("new")(func)
    return click.argument("old")(func)


@cli.command("rename-stage", context_settings=CONTEXT)
@click.option(
    "--copy-model",
    is_flag=True,
    help="With a built-in model: copy it into the project as MODEL.yml and rename the stage there.",
)
@_rename_options
def rename_stage(state: _State, old: str, new: str, yes: bool, dry_run: bool, copy_model: bool) -> None:
    """Rename stage OLD to NEW in every asset (stages and next:) and in the settings.

    Shows the files that will change and asks first (--yes skips the question; without a
    terminal it is required). All or nothing: if a file that may use OLD has problems,
    nothing is renamed. stagemap.yml keeps its comments and layout; stage overrides,
    thresholds and not_applicable entries follow the new id, and so does a model file in
    the project or a model written inline.

    A built-in model's stage ids are fixed. --copy-model copies the model into the project
    as MODEL.yml (e.g. buyer-journey.yml), renames the stage there and sets
    'model: MODEL.yml' in stagemap.yml; from then on the project owns its model.

    \b
    Example:
      stagemap rename-stage awareness noticing --copy-model --dry-run
      stagemap rename-stage awareness noticing --copy-model --yes
    """
    _rename(state, "stage", old, new, copy_model=copy_model, yes=yes, dry_run=dry_run)


@cli.command("rename-question", context_settings=CONTEXT)
@_rename_options
def rename_question(state: _State, old: str, new: str, yes: bool, dry_run: bool) -> None:
    """Rename question OLD to NEW in every asset and in the settings.

    Messages, thresholds and not_applicable entries follow. A question switched on by a
    built-in id alone (e.g. '- risk') is spelt out with its name and prompt, since the new
    id is not built in. Asks first, and is all or nothing, like rename-stage.

    \b
    Example:
      stagemap rename-question risk safe-to-buy --dry-run
      stagemap rename-question risk safe-to-buy --yes
    """
    _rename(state, "question", old, new, copy_model=False, yes=yes, dry_run=dry_run)


@cli.command("rename-persona", context_settings=CONTEXT)
@_rename_options
def rename_persona(state: _State, old: str, new: str, yes: bool, dry_run: bool) -> None:
    """Rename persona OLD to NEW in every asset and in stagemap.yml.

    Asks first, and is all or nothing, like rename-stage.

    \b
    Example:
      stagemap rename-persona office-manager office-lead --dry-run
      stagemap rename-persona office-manager office-lead --yes
    """
    _rename(state, "persona", old, new, copy_model=False, yes=yes, dry_run=dry_run)


# -- list -----------------------------------------------------------------------------------
@cli.command("list", context_settings=CONTEXT)
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
    metavar="FIELD=VALUE",
    help="Any other filter: format, id or owner (also stage, question, persona, status).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "paths"]),
    default="table",
    show_default=True,
    help="table to read; json or csv with every field; paths, one per line, to pipe.",
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
) -> None:
    """List assets with their tags, sorted by path.

    Filters on different fields must all match; one filter given twice matches either
    value. Files with problems are reported on stderr and not listed.

    \b
    Example:
      stagemap list --stage evaluation
      stagemap list --persona office-manager --status published --format csv > assets.csv
      stagemap list --question risk --format paths | xargs grep -l "refund"
    """
    from ..edit.tag import matches, parse_where
    from ..render import listing

    project = state.load()
    config = project.config
    items = [
        *(f"stage={s}" for s in stages),
        *(f"question={q}" for q in questions),
        *(f"persona={p}" for p in personas),
        *(f"status={s}" for s in statuses),
        *where,
    ]
    filters = parse_where(config, items)
    for problem in project.problems:
        click.echo(problem.format(), err=True)
    assets = [a for a in project.assets if matches(a, filters)]
    if fmt == "json":
        click.echo(listing.render_json(assets), nl=False)
    elif fmt == "csv":
        click.echo(listing.render_csv(assets), nl=False)
    elif fmt == "paths":
        click.echo(listing.render_paths(assets, config.root, Path.cwd().resolve()), nl=False)
    elif assets:
        click.echo(listing.render_table(assets), nl=False)
    else:
        click.echo("No assets match.", err=True)


# -- init -----------------------------------------------------------------------------------
@cli.command(context_settings=CONTEXT)
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--model",
    metavar="NAME",
    default="buyer-journey",
    show_default=True,
    help="Built-in journey model (stagemap models lists them).",
)
@pass_state
def init(state: _State, directory: Path | None, model: str) -> None:
    """Create a project: stagemap.yml with comments, content/ with an example asset, templates/.

    DIR defaults to the current folder (or -C). Nothing is ever overwritten: if any of the
    files exists, nothing is written. Afterwards 'stagemap check' and 'stagemap report'
    work in DIR.

    \b
    Example:
      stagemap init
      stagemap init acme-content --model hourglass
    """
    from ..edit.new import init_files
    from ..errors import suggest
    from ..read.models import builtin_model_names
    from ..write.atomic import atomic_write

    folder = directory or state.project_dir or Path(".")
    names = builtin_model_names()
    if model not in names:
        raise UsageError(f"unknown model '{model}' ({suggest(model, names)})")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    name = folder.resolve().name or "My company"
    files = init_files(name, model)
    existing = [rel for rel in files if (folder / rel).exists() or (folder / rel).is_symlink()]
    if existing:
        shown = ", ".join((folder / rel).as_posix() for rel in existing)
        verb = "exists" if len(existing) == 1 else "exist"
        raise UsageError(f"{shown} already {verb}; init never overwrites, so nothing was written")
    for rel, text in files.items():
        atomic_write(folder / rel, text.encode("utf-8"))
    here = folder.resolve() == Path.cwd().resolve()
    click.echo(f"Created a stagemap project{'' if here else f' in {folder.as_posix()}'}:")
    for rel in files:
        click.echo(f"  {rel}")
    step = "" if here else f"cd {folder.as_posix()}, "
    click.echo(f"Next: {step}edit stagemap.yml, then run 'stagemap check' and 'stagemap report'.")


# -- schema ---------------------------------------------------------------------------------
@cli.command(context_settings=CONTEXT)
@pass_state
def schema(state: _State) -> None:
    """Print a JSON Schema (draft 2020-12) of asset front matter for this project.

    Stage, question and persona ids of the project's model are enums, so an editor can
    complete and check them and CI can validate front matter without stagemap. Unknown
    keys are allowed, as in stagemap itself.

    \b
    Example:
      stagemap schema > stagemap.schema.json
      stagemap -C ../acme schema | jq '.properties.stages'
    """
    from ..render.schema import render_schema

    click.echo(render_schema(state.config()), nl=False)
