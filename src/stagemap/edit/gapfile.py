"""What a new asset made for a gap is called and where it goes. Pure: no reading, no writing.

A gap's asset gets a working title a writer could keep (from the question's role, the phase
of the stage and the company's name), and goes into the folder where the assets of its stage
already live, so that ``new --gap`` never drops files at the top of the content folder.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..model.journey import Phase, Question, QuestionRole, Stage
from ..model.library import Library
from ..model.settings import Config, Source

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


def home_source(config: Config, library: Library) -> Source:
    """Return the source new assets go to: the one of several holding the most assets (ties: the
    first listed), a source of internal material only when all are; the content folder alone
    where there is one source. On a site read in place, the first source may be a collection
    that holds no page of the writers' own (Astro's ``authors``: a new page there breaks the
    site's build), where most pages live is where a new one belongs."""
    sources = config.all_sources
    public = [s for s in sources if s.audience != "internal"] or list(sources)
    if len(public) == 1:
        return public[0]
    counts: Counter[Path] = Counter()
    for asset in library.assets:
        path = config.root / asset.path
        owner = next((s for s in sources if path.is_relative_to(s.path)), None)  # (nested ones first)
        if owner is not None:
            counts[owner.path] += 1
    return max(public, key=lambda s: (counts[s.path], -public.index(s)))


def stage_folder(config: Config, library: Library, stage: Stage, question: Question) -> str:
    """Return the folder, under the source new assets go to (`home_source`), where the assets of
    ``stage`` live.

    The folder holding most of the stage's assets wins (ties: most answering ``question``,
    then by name). A stage without assets takes the folder of the nearest stage that has
    some, a stage of the same phase first; with no stage's assets at all, the folder holding
    the most assets (a site read in place, not tagged yet: its blog, never a new section the
    live site would show), and with no assets there either, a folder named after the stage.
    A page that is its folder's index (``blog/launch/index.md``) counts for the folder above.
    ``''`` stands for the source's folder itself.
    """
    home = home_source(config, library).path
    folders: dict[str, Counter[str]] = {}
    answering: Counter[str] = Counter()
    everything: Counter[str] = Counter()
    for asset in library.assets:
        path = config.root / asset.path
        # A page that is its folder's index (a Hugo bundle, a post's folder) counts for the folder
        # above it: a new file beside its index would be one of its resources, not a page.
        parent = (
            path.parent.parent
            if path.stem.lower() in ("index", "_index") and path.parent != home
            else path.parent
        )
        if not parent.is_relative_to(home):
            continue
        folder = parent.relative_to(home).as_posix()
        folder = "" if folder == "." else folder
        everything[folder] += 1
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
    return min(everything, key=lambda f: (-everything[f], f)) if everything else stage.id
