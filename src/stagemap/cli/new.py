"""The ``new`` command: create an asset with valid front matter, asking for what is missing."""

from __future__ import annotations

import datetime as dt

import click

from ..edit.new import (
    Brief,
    NewFile,
    NewRequest,
    TargetExists,
    TargetIsLink,
    TargetOutside,
    gap_brief,
    plan_new,
)
from ..errors import UsageError, choices_hint
from ..model.library import STATUSES
from ..model.project import Project
from ..model.settings import Config
from ..write.atomic import atomic_write, link_refusal
from . import edit
from .app import CONTEXT, _plural, _State, pass_state
from .loading import load


@click.command(context_settings=CONTEXT)
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
    help="File to create, under the content folder or a source's (a folder ending in / gets a name from the title).",
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

    The file name is made from the title (ASCII, lowercase, '-'), in the content folder (of
    several sources, the one with the most assets) unless --path says where. An existing file
    is never overwritten. With --gap the stage and question come from the gap (a cell marked
    not applicable is refused), the title is a working title for the question at that stage,
    the file goes into the folder with most of the stage's assets (or most assets), the body starts with a brief (the stage goal, the
    buyer's mindset, the question, suitable formats, the next step) and next: names the
    following stage. The body comes from the template new-asset.md.j2, which a project can
    override in its templates/ folder.

    On a terminal a missing title, stage or question is asked for, choices numbered (with no arguments
    at all, personas and a format too); with no terminal or --no-input, a missing one is an error.

    \b
    Example:
      stagemap new "What a missed call costs" --stage awareness --question problems
      stagemap new --gap evaluation:risk --format faq --persona office-manager
      $EDITOR "$(stagemap new 'Pricing explained' --stage evaluation --question risk --path sales/)"
    """
    project = load(state)
    config = project.config
    bare = not any((title, stages, questions, personas, fmt, owner, dest, gap))
    ask = allow_input and edit.stdin_is_tty()
    brief = None
    if gap is not None:
        brief = _gap_brief(project, gap, stages, questions)
        stages, questions = (brief.stage.id,), (brief.question.id,)
    title = _title(title, brief, ask)
    stages, questions = _ask_required(config, stages, questions, ask)
    if bare and ask:
        personas, fmt = _ask_optional(config, stages)
    request = NewRequest(
        title=title,
        stages=stages,
        questions=questions,
        personas=personas,
        format=fmt or "",
        status=status,
        owner=owner or "",
        dest=dest,
        brief=brief,
    )
    planned = _plan(project, request)
    # Never over a file that appeared after the plan found the name free.
    atomic_write(planned.path, planned.data, create=True)
    click.echo(edit.display(planned.path, config.root))


def _gap_brief(project: Project, gap: str, stages: tuple[str, ...], questions: tuple[str, ...]) -> Brief:
    """The brief of ``--gap STAGE:QUESTION``, with a note when the cell is covered already."""
    if stages or questions:
        raise UsageError("--gap sets the stage and the question; leave out --stage and --question")
    stage_id, sep, question_id = gap.partition(":")
    if not sep:
        example = f"{project.model.stage_ids[0]}:problems"
        raise UsageError(f"--gap needs STAGE:QUESTION, e.g. {example}; got '{gap}'")
    brief = gap_brief(project.config, project.library, stage_id, question_id, dt.date.today())
    if brief.state == "covered":
        click.echo(
            f"note: {stage_id}:{question_id} is already covered "
            f"({_plural(brief.count, 'asset')}); making another anyway",
            err=True,
        )
    return brief


def _title(title: str | None, brief: Brief | None, ask: bool) -> str:
    """The title given, asked for, or taken from the gap; never empty."""
    default = brief.title if brief is not None else ""
    if not title:
        if ask:
            title = click.prompt("Title", default=default or None, err=True)
        elif default:
            title = default
        else:
            raise UsageError("missing TITLE (or use --gap STAGE:QUESTION to take one from a gap)")
    title = " ".join((title or "").split())
    if not title:
        raise UsageError("the title is empty")
    return title


def _ask_required(
    config: Config, stages: tuple[str, ...], questions: tuple[str, ...], ask: bool
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The stages and questions given, or asked for on a terminal."""
    model = config.model
    if not stages:
        if not ask:
            raise UsageError(f"missing --stage ({choices_hint(model.stage_ids)})")
        stages = edit.ask_ids("Stages", [(s.id, s.name) for s in model.stages], required=True)
    if not questions:
        # Offer the questions the chosen stages ask (after the purchase, the customer's).
        asked = [q for q in config.questions if any(config.asks(s, q.id) for s in stages)] or config.questions
        if not ask:
            raise UsageError(f"missing --question ({choices_hint([q.id for q in asked])})")
        choices = [(q.id, q.prompt or q.name) for q in asked]
        questions = edit.ask_ids("Questions", choices, required=True)
    return stages, questions


def _ask_optional(config: Config, stages: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    """Ask for personas and a format, offering the formats that suit the first stage."""
    personas: tuple[str, ...] = ()
    if config.personas:
        personas = edit.ask_ids("Personas", [(p.id, p.name) for p in config.personas], required=False)
    first = config.model.stage(stages[0])
    return personas, edit.ask_format(first.formats if first is not None else ())


def _plan(project: Project, request: NewRequest) -> NewFile:
    """Plan the new file, saying which option to change when its place is taken or not allowed."""
    try:
        return plan_new(project, request)
    except TargetOutside as exc:
        raise UsageError(f"--path {exc}") from None
    except TargetExists as exc:
        raise UsageError(
            f"{exc.shown} already exists (give another title or --path; new never overwrites)"
        ) from None
    except TargetIsLink as exc:
        raise link_refusal(exc.path) from None
