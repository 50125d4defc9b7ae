"""A new asset, planned as data: its file, id, front matter, starter body and brief. No writing.

The front matter is written here, so it is always valid; the body of a new asset comes from
the template ``new-asset.md.j2``, which a project can override in its templates/ folder.
The plan checks everything a write could trip on (the ids, a free file name inside the
content folder, a free asset id) before anyone writes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..analyse.coverage import analyse
from ..errors import StagemapError, UsageError, suggest
from ..model.journey import LEAD_LABELS, PHASE_LABELS, Persona, Question, Stage
from ..model.library import ASSET_SUFFIXES, Library, Vocabulary
from ..model.project import Project
from ..model.report import Report
from ..model.settings import Config, Source
from ..paths import shown_folder
from ..read.assets import parse_asset
from ..render.environment import environment, render
from .gapfile import home_source, stage_folder, working_title
from .yamltext import format_flow, format_scalar

NEW_ASSET_TEMPLATE = "new-asset.md.j2"
MAX_SLUG = 60
# Letters that Unicode does not decompose into an ASCII letter plus accents.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "&": " and ",
        "'": "",
        "\u2019": "",
    }
)


def slugify(title: str) -> str:
    """Return a safe file name stem: ASCII letters and digits joined by '-', at most 60 characters."""
    text = unicodedata.normalize("NFKD", title.translate(_FOLD))
    ascii_text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG:
        # Cut at the last word boundary that keeps at least half the length.
        head = slug[: MAX_SLUG + 1]
        cut = head.rsplit("-", 1)[0] if "-" in head else ""
        slug = (cut if len(cut) >= MAX_SLUG // 2 else slug[:MAX_SLUG]).strip("-")
    return slug or "untitled"


@dataclass(frozen=True, slots=True)
class Brief:
    """The gap a new asset is made to fill: a stage x question cell of the report."""

    stage: Stage
    """The stage of the gap."""
    question: Question
    """The buyer question of the gap."""
    state: str
    """``empty``, ``thin``, ``covered`` or ``n/a`` today."""
    count: int
    """Assets a buyer could be sent today for this cell."""
    threshold: int
    """Count at which the cell is covered."""
    reason: str
    """One line on why the gap matters (empty when the cell is not a gap)."""
    message: str
    """The project's message for the question, or empty."""
    next_stage: Stage | None
    """The stage to hand buyers on to (None at the last stage)."""
    title: str
    """A working title for an asset filling the gap (see `working_title`)."""
    folder: str
    """Folder under the content folder where the stage's assets live (``''``: the folder itself)."""


@dataclass(frozen=True, slots=True)
class NewAsset:
    """Everything a new asset's front matter and starter body are made from."""

    title: str
    """Title."""
    stages: tuple[Stage, ...]
    """Stages it serves."""
    questions: tuple[Question, ...]
    """Questions it answers."""
    personas: tuple[Persona, ...]
    """Personas it is for (empty: everyone)."""
    format: str
    """Format, or empty."""
    status: str
    """Status, usually ``idea``."""
    owner: str
    """Owner, or empty."""
    next_stage: Stage | None
    """The stage written as ``next:``, or None for no next step."""
    brief: Brief | None
    """The gap it fills, when made for one."""


def brief_for(config: Config, library: Library, report: Report, stage_id: str, question_id: str) -> Brief:
    """Describe one stage x question cell as a brief for a new asset."""
    stage = config.model.stage(stage_id)
    question = config.question(question_id)
    assert stage is not None and question is not None  # checked by the caller
    cell = report.cell(stage_id, question_id)
    gap = next((g for g in report.next_to_make if g.stage == stage_id and g.question == question_id), None)
    following = config.model.after(stage)
    return Brief(
        stage=stage,
        question=question,
        state=cell.state,
        count=cell.count,
        threshold=cell.threshold,
        reason=gap.reason if gap else "",
        message=config.messages.get(question_id, ""),
        next_stage=following,
        title=working_title(config.name, stage, question),
        folder=stage_folder(config, library, stage, question),
    )


def front_matter(asset: NewAsset, newline: str = "\n") -> str:
    """Return the ``---`` block of a new asset, fields in the usual order."""
    lines = [
        "---",
        f"title: {format_scalar(asset.title)}",
        f"stages: {format_flow([s.id for s in asset.stages])}",
        f"questions: {format_flow([q.id for q in asset.questions])}",
    ]
    if asset.personas:
        lines.append(f"personas: {format_flow([p.id for p in asset.personas])}")
    if asset.format:
        lines.append(f"format: {format_scalar(asset.format)}")
    lines.append(f"status: {format_scalar(asset.status)}")
    if asset.owner:
        lines.append(f"owner: {format_scalar(asset.owner)}")
    if asset.next_stage is not None:
        lines.append(f"next: {asset.next_stage.id}")
    lines.append("---")
    return newline.join(lines) + newline


def render_new_asset(config: Config, asset: NewAsset) -> str:
    """Return the whole text of a new asset: front matter, then the starter body."""
    env = environment(config.templates_dir)
    context = {
        "asset": asset,
        "brief": asset.brief,
        "project": config,
        "phase_labels": PHASE_LABELS,
        "lead_labels": LEAD_LABELS,
    }
    body = render(env, NEW_ASSET_TEMPLATE, context)
    return front_matter(asset) + "\n" + body.lstrip("\n")


# -- planning -------------------------------------------------------------------------------
class TargetOutside(UsageError):
    """The path asked for a new asset is outside the content folder."""

    def __init__(self, dest: str, content: str) -> None:
        super().__init__(f"{dest} is outside the content folder {content}")
        self.dest = dest
        """The path as given."""


class TargetExists(UsageError):
    """A file already sits where the new asset would go; a new asset never overwrites."""

    def __init__(self, shown: str) -> None:
        super().__init__(f"{shown} already exists (a new asset never overwrites a file)")
        self.shown = shown
        """The file, relative to the project root."""


class TargetIsLink(UsageError):
    """A symbolic link sits where the new asset would go; a new asset is never written through one."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is a symbolic link; a new asset is never written through one")
        self.path = path
        """The link."""


@dataclass(frozen=True, slots=True)
class NewRequest:
    """What a new asset should say, by id; `plan_new` checks it."""

    title: str
    """Title; runs of white space become one space."""
    stages: tuple[str, ...]
    """Stage ids it serves (at least one)."""
    questions: tuple[str, ...]
    """Question ids it answers (at least one)."""
    personas: tuple[str, ...] = ()
    """Persona ids it is for (empty: everyone)."""
    format: str = ""
    """Format, e.g. ``article``, or empty."""
    status: str = "idea"
    """Status."""
    owner: str = ""
    """Who will keep it up to date, or empty."""
    dest: str | None = None
    """File or folder (ending in ``/``) under the content folder; None: named from the title."""
    brief: Brief | None = None
    """The gap it fills: its brief starts the body, and its next stage becomes ``next:``."""


@dataclass(frozen=True, slots=True)
class NewFile:
    """A planned new asset: where it goes and its bytes."""

    path: Path
    """The file to create (its folder resolved, inside the content folder)."""
    rel: str
    """Path relative to the project root, with forward slashes."""
    asset_id: str
    """The asset's id: its path in the content folder without the suffix."""
    data: bytes
    """The whole file, UTF-8."""


def check_ids(what: str, given: Sequence[str], valid: Sequence[str]) -> None:
    """Raise `UsageError` for the first id of ``given`` not in ``valid`` (``what`` names the kind)."""
    for item in given:
        if item not in valid:
            raise UsageError(f"unknown {what} '{item}' ({suggest(item, valid)})")


class NotApplicable(UsageError):
    """The gap asked for is a cell marked not applicable: there is nothing to fill."""

    def __init__(self, stage_id: str, question_id: str) -> None:
        super().__init__(
            f"{stage_id}:{question_id} is marked not applicable in stagemap.yml, so there is no gap "
            "to fill (take it out of not_applicable first if it should be answered)"
        )


def gap_brief(config: Config, library: Library, stage_id: str, question_id: str, day: dt.date) -> Brief:
    """Check a stage x question cell and describe it, as the report sees it on ``day``.

    Raise `NotApplicable` for a cell marked not applicable.
    """
    check_ids("stage", [stage_id], config.model.stage_ids)
    check_ids("question", [question_id], config.question_ids)
    if (stage_id, question_id) in config.not_applicable:
        raise NotApplicable(stage_id, question_id)
    asked = [q.id for q in config.questions_at(stage_id)]
    if question_id not in asked:
        raise UsageError(f"'{stage_id}' does not ask question '{question_id}' (it asks {', '.join(asked)})")
    return brief_for(config, library, analyse(config, library, day), stage_id, question_id)


def plan_new(project: Project, request: NewRequest) -> NewFile:
    """Check a new asset and plan its file; raise `UsageError` for anything that would go wrong.

    The file name is made from the title unless ``dest`` names it; an existing file, a
    symbolic link there or an asset id already in use is refused.
    """
    config = project.config
    model = config.model
    title = " ".join(request.title.split())
    if not title:
        raise UsageError("the title is empty")
    check_ids("stage", request.stages, model.stage_ids)
    check_ids("question", request.questions, config.question_ids)
    check_ids("persona", request.personas, config.persona_ids)
    brief = request.brief
    asset = NewAsset(
        title=title,
        stages=tuple(s for i in dict.fromkeys(request.stages) if (s := model.stage(i)) is not None),
        questions=tuple(q for i in dict.fromkeys(request.questions) if (q := config.question(i)) is not None),
        personas=tuple(p for i in dict.fromkeys(request.personas) if (p := config.persona(i)) is not None),
        format=" ".join(request.format.split()),
        status=request.status,
        owner=" ".join(request.owner.split()),
        next_stage=brief.next_stage if brief else None,
        brief=brief,
    )
    text = render_new_asset(config, asset)
    home = _source_for(config, request.dest) or home_source(config, project.library)
    target, shown = _place(config, home, request, title)
    asset_id = home.id_prefix + target.relative_to(home.path.resolve()).with_suffix("").as_posix()
    if project.library.asset(asset_id) is not None:
        raise UsageError(f"id '{asset_id}' is already used by {project.library.by_id[asset_id].path}")
    data = text.encode("utf-8")
    _, problems = parse_asset(shown, asset_id, data, Vocabulary.of(config))
    errors = [p for p in problems if p.severity == "error"]
    if errors:  # the front matter is ours; this would be a bug, so say so rather than write it
        raise StagemapError(f"the new asset would not be valid: {errors[0].format()}")
    return NewFile(target, shown, asset_id, data)


def _source_for(config: Config, dest: str | None) -> Source | None:
    """Return the source whose folder ``dest`` (from the project's folder) starts with, the
    deepest; None: none does (``dest`` is then a path in the source new assets go to)."""
    if not dest:
        return None
    given = dest.replace("\\", "/")
    named = [s for s in config.all_sources if given.startswith(shown_folder(s.path.resolve(), config.root))]
    return max(named, key=lambda s: len(s.path.parts), default=None)


def _place(config: Config, home: Source, request: NewRequest, title: str) -> tuple[Path, str]:
    """Return the file: ``dest``, else the folder of the gap's stage, else the source's folder."""
    brief = request.brief
    if request.dest is not None or brief is None:
        return new_target(config, home, request.dest, title)
    try:
        return new_target(config, home, brief.folder + "/" if brief.folder else None, title)
    except TargetExists:
        if title != brief.title:
            raise
        # Two gaps of one role and phase share a working title: the stage tells their files apart.
        return new_target(
            config, home, f"{brief.folder}/{slugify(title)}-{brief.stage.id}".lstrip("/"), title
        )


def new_target(config: Config, home: Source, dest: str | None, title: str) -> tuple[Path, str]:
    """Return the file a new asset goes to in the source ``home``, and its path relative to the project root."""
    content = home.path.resolve()
    name = slugify(title) + ".md"
    rel = name
    if dest:
        prefix = shown_folder(content, config.root)
        relative = dest[len(prefix) :] if dest.replace("\\", "/").startswith(prefix) else dest
        if relative.endswith(("/", "\\")) or (content / relative).is_dir():
            rel = relative.rstrip("/\\") + "/" + name
        else:
            rel = relative if relative.endswith(ASSET_SUFFIXES) else relative + ".md"
    candidate = (content / rel).resolve()
    if not candidate.is_relative_to(content) or candidate == content:
        raise TargetOutside(str(dest), shown_folder(content, config.root))
    # The folders resolved, the name not: a link at the name is refused, never followed.
    joined = content / rel
    target = joined.parent.resolve() / joined.name
    if not target.is_relative_to(content) or joined.name in ("", ".", ".."):
        raise TargetOutside(str(dest), shown_folder(content, config.root))
    if os.path.islink(target):
        raise TargetIsLink(target)
    shown = target.relative_to(config.root).as_posix() if target.is_relative_to(config.root) else str(target)
    if target.exists():
        raise TargetExists(shown)
    return target, shown
