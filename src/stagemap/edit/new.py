"""New files: a starter asset (``stagemap new``) and a new project (``stagemap init``). No I/O.

The front matter is written here, so it is always valid; the body of a new asset comes from
the template ``new-asset.md.j2``, which a project can override in its templates/ folder.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..model.journey import DEFAULT_QUESTIONS, LEAD_LABELS, PHASE_LABELS, Persona, Question, Stage
from ..model.report import Report
from ..model.settings import Config
from ..read.models import builtin_model_names
from ..read.settings import config_from_data
from ..render.environment import environment, render
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
    """The gap a new asset is made to fill (``stagemap new --gap``)."""

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
    """The gap it fills, when made with ``--gap``."""


def brief_for(config: Config, report: Report, stage_id: str, question_id: str) -> Brief:
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


# -- init -----------------------------------------------------------------------------------
EXAMPLE_ASSET = "content/why-we-exist.md"
INIT_FILES = ("stagemap.yml", EXAMPLE_ASSET, "templates/README.md")


def init_files(name: str, model: str) -> dict[str, str]:
    """Return ``{relative path: text}`` of a new project using the built-in ``model``."""
    journey = config_from_data(Path("."), {"model": model}).model
    first = journey.stages[0]
    second = journey.stages[1] if len(journey.stages) > 1 else None
    last = journey.stages[-1]
    stage_ids = ", ".join(journey.stage_ids)
    questions = ", ".join(q.id for q in DEFAULT_QUESTIONS)
    models = ", ".join(builtin_model_names())
    settings = f"""\
# stagemap settings. Run `stagemap check` after changing anything here; the full list of
# settings is in docs/settings.md of the stagemap repository.

# The company or product: shown in reports, kits and the site.
name: {format_scalar(name)}

# Why you exist, in a sentence or two, in words a buyer would use. Every kit opens with it.
purpose: >-
  Say why the company exists and what it believes, not what it sells.

# The buyer's journey. Built-in models: {models}.
# `stagemap models show {model}` lists its stages: {stage_ids}.
model: {model}

# Where the assets are (Markdown files with front matter) and where template overrides go.
content: content
templates: templates

# The questions every stage should answer. Default: {questions}.
# Switch on more by id (what-we-do, cost, how-to-start) or define your own:
# questions:
#   - who-we-are
#   - problems
#   - who-for
#   - risk
#   - {{id: switching, name: Switching, prompt: How hard is it to move over to you?}}

# Who you solve problems for, and who looks like them but is not a fit. Assets name them
# in `personas:`; `stagemap report --persona ID` shows one persona's coverage.
# personas:
#   - id: owner
#     name: Business owner
#     needs: What they need from you, in their words.
#     not_fit: Who is not a fit, so they can find out early.

# Cells (stage:question) that are empty on purpose, so the report does not flag them.
# not_applicable:
#   - {last.id}:who-we-are

# How many published assets make a cell covered (fewer is thin).
# thresholds:
#   covered: 2

# Your one-line answer to each question, used in the message kits.
# messages:
#   problems: The problem we solve, in one sentence.
"""
    next_line = f"next: {second.id}  # the stage or asset to hand the buyer on to\n" if second else ""
    example = f"""\
---
# An example asset: every Markdown file under content/ is one. `stagemap schema` describes
# every field; `stagemap new "A title" --stage {first.id} --question problems` makes another.
title: Why we exist
stages: [{first.id}]  # one or more of: {stage_ids}
questions: [who-we-are]  # one or more of: {questions}
format: article
status: draft  # idea, draft, review, published (only published assets count), retired
message: We started because we saw a problem worth fixing, and we still care about it.
summary: The story of why the company exists, for buyers who are just noticing the problem.
{next_line}---

# Why we exist

Buyers at the first stage of the journey ({first.name.lower()}) are not looking for a
product yet. Tell them why you started, the problem you saw, and who you do it for, in
their words.

When the draft is ready, set `status: published`, then run `stagemap report` to see
which stages and questions still need material.
"""
    readme = """\
# Templates

Files here override stagemap's built-in templates of the same name.

- `stagemap templates list` shows every template and where it comes from.
- `stagemap templates copy NAME` copies a built-in one here to change it.
- To change one part only, extend the built-in with the `stagemap/` prefix and replace a
  block, e.g. a file `kit.md.j2` here holding
  `{% extends "stagemap/kit.md.j2" %}` and one `{% block purpose %}...{% endblock %}`.
- `new-asset.md.j2` is the starter body of `stagemap new`.

Templates are Jinja; an undefined variable is an error, so typos show up at once.
"""
    return {"stagemap.yml": settings, EXAMPLE_ASSET: example, "templates/README.md": readme}
