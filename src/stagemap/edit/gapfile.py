"""What a new asset made for a gap is called and where it goes. Pure: no reading, no writing.

A gap's asset gets a working title a writer could keep (from the question's role, the phase
of the stage and the company's name), and goes into the folder where the assets of its stage
already live, so that ``new --gap`` never drops files at the top of the content folder.
"""

from __future__ import annotations

from collections import Counter

from ..model.journey import Phase, Question, QuestionRole, Stage
from ..model.library import Library
from ..model.settings import Config

WORKING_TITLES: dict[QuestionRole, dict[Phase, str]] = {
    "who-we-are": {
        "before": "Why {name} exists",
        "at": "Who you are buying from: the people behind {name}",
        "after": "The people behind {name}, and how to reach them",
    },
    "problems": {
        "before": "The problems {name} takes away",
        "at": "What changes in the first week with {name}",
        "after": "Getting more out of {name}",
    },
    "who-for": {
        "before": "Who {name} is for, and who it is not for",
        "at": "Is {name} the right fit? A last check before you sign",
        "after": "Customers like you, and how they use {name}",
    },
    "risk": {
        "before": "How {name} makes trying it safe",
        "at": "What you sign up to with {name}, and how to leave",
        "after": "Your data, your contract and your way out of {name}",
    },
}
"""Working titles per question role and stage phase; a custom question's title is its prompt."""


def working_title(name: str, stage: Stage, question: Question) -> str:
    """Return a title for an asset that answers ``question`` at ``stage``, for the company ``name``."""
    by_phase = WORKING_TITLES.get(question.role)
    if by_phase is None:
        return question.prompt or question.name
    return by_phase[stage.phase].format(name=name)


def stage_folder(config: Config, library: Library, stage: Stage, question: Question) -> str:
    """Return the folder, under the content folder, where the assets of ``stage`` live.

    The folder holding most of the stage's assets wins (ties: most answering ``question``,
    then by name). A stage without assets takes the folder of the nearest stage that has
    some, a stage of the same phase first; with no assets at all, a folder named after the
    stage. ``''`` stands for the content folder itself.
    """
    folders: dict[str, Counter[str]] = {}
    answering: Counter[str] = Counter()
    for asset in library.assets:
        parent = (config.root / asset.path).parent
        if not parent.is_relative_to(config.content_dir):
            continue
        folder = parent.relative_to(config.content_dir).as_posix()
        folder = "" if folder == "." else folder
        for stage_id in asset.stages:
            folders.setdefault(stage_id, Counter())[folder] += 1
        if stage.id in asset.stages and question.id in asset.questions:
            answering[folder] += 1
    stages = config.model.stages
    nearest = sorted(stages, key=lambda s: (abs(s.index - stage.index), s.phase != stage.phase, s.index))
    for candidate in nearest:
        counts = folders.get(candidate.id)
        if counts:
            return min(counts, key=lambda f: (-counts[f], -answering[f], f))
    return stage.id
