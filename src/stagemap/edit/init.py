"""The files of a new project (``stagemap init``), planned as data. No I/O but checks.

stagemap.yml is written with comments that teach the settings; the example asset shows
every usual field; templates/README.md says how overrides work. A .gitignore naming what
stagemap writes is added when the folder has none; an existing one is never changed (it
may be the user's, with its own order and comments), and the lines it lacks are named instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..analyse.lint import INIT_PURPOSE
from ..errors import UsageError, suggest
from ..model.journey import DEFAULT_QUESTIONS, JourneyModel
from ..read.models import builtin_model_names
from ..read.settings import config_from_data
from .yamltext import format_scalar

EXAMPLE_ASSET = "content/why-we-exist.md"
INIT_FILES = ("stagemap.yml", EXAMPLE_ASSET, "templates/README.md")
"""The files ``init`` writes, relative to the project folder."""
GITIGNORE = """\
# What stagemap writes: the built site, message kits and the parse cache.
site/
kits/
.stagemap-cache/
"""
""".gitignore of a new project, written only when the folder has none."""

TEMPLATES_README = """\
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
"""templates/README.md of a new project."""


@dataclass(frozen=True, slots=True)
class InitPlan:
    """The files of a new project, checked: none of them exists yet."""

    folder: Path
    """The project folder (it may not exist yet)."""
    files: dict[str, str]
    """Text per path relative to the folder, in the order to write them."""
    missing_ignores: tuple[str, ...] = ()
    """Lines an existing .gitignore lacks (init never changes it, so it names them instead)."""
    library: int = 0
    """Markdown files ``content/`` holds already: then no sample asset is written among them."""


def plan_init(folder: Path, model: str) -> InitPlan:
    """Plan a new project in ``folder``; raise `UsageError` if any of its files exists.

    The project's name is the folder's name.
    """
    names = builtin_model_names()
    if model not in names:
        raise UsageError(f"unknown model '{model}' ({suggest(model, names)})")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    name = folder.resolve().name or "My company"
    files = init_files(name, model)
    library = _markdown_files(folder / "content")
    if library:
        del files[EXAMPLE_ASSET]  # the user's own library: no sample among its files
    existing = [rel for rel in files if (folder / rel).exists() or (folder / rel).is_symlink()]
    if existing:
        shown = ", ".join((folder / rel).as_posix() for rel in existing)
        verb = "exists" if len(existing) == 1 else "exist"
        raise UsageError(f"{shown} already {verb}; init never overwrites, so nothing was written")
    ignore = folder / ".gitignore"
    if not ignore.exists() and not ignore.is_symlink():
        return InitPlan(folder, {**files, ".gitignore": GITIGNORE}, library=library)
    return InitPlan(folder, files, _missing_ignores(ignore), library)


def _markdown_files(content: Path) -> int:
    """Return how many Markdown files (``.md``, ``.markdown``) are under ``content``, links not followed."""
    count = 0
    for _dirpath, dirnames, filenames in os.walk(content):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        count += sum(name.lower().endswith((".md", ".markdown")) for name in filenames)
    return count


def _missing_ignores(ignore: Path) -> tuple[str, ...]:
    """Return the lines of `GITIGNORE` that an existing .gitignore has no line for."""
    try:
        have = {
            line.strip().strip("/")
            for line in ignore.read_text(encoding="utf-8", errors="replace").splitlines()
        }
    except OSError:
        have = set()
    return tuple(line for line in GITIGNORE.splitlines()[1:] if line.strip("/") not in have)


def init_files(name: str, model: str) -> dict[str, str]:
    """Return ``{relative path: text}`` of a new project using the built-in ``model``."""
    journey = config_from_data(Path("."), {"model": model}).model
    return {
        "stagemap.yml": _settings(name, model, journey),
        EXAMPLE_ASSET: _example(journey),
        "templates/README.md": TEMPLATES_README,
    }


def _settings(name: str, model: str, journey: JourneyModel) -> str:
    last = journey.stages[-1]
    stage_ids = ", ".join(journey.stage_ids)
    questions = ", ".join(q.id for q in DEFAULT_QUESTIONS)
    models = ", ".join(builtin_model_names())
    return f"""\
# stagemap settings. Run `stagemap check` after changing anything here; the full list of
# settings is in docs/settings.md of the stagemap repository.

# The company or product: shown in reports, kits and the site.
name: {format_scalar(name)}

# Why you exist, in a sentence or two, in words a buyer would use. Every kit opens with it.
purpose: >-
  {INIT_PURPOSE}

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


def _example(journey: JourneyModel) -> str:
    first = journey.stages[0]
    second = journey.stages[1] if len(journey.stages) > 1 else None
    stage_ids = ", ".join(journey.stage_ids)
    questions = ", ".join(q.id for q in DEFAULT_QUESTIONS)
    next_line = f"next: {second.id}  # the stage or asset to hand the buyer on to\n" if second else ""
    return f"""\
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
