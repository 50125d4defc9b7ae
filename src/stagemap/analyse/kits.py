"""Assemble a message kit per stage from the library and the gap report. Pure."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..errors import UsageError, suggest
from ..lazyre import lazy
from ..model.journey import LEAD_LABELS, PHASE_LABELS, Persona, Stage, Stall
from ..model.kit import KIT_LIMIT, AssetRef, Guidance, Kit, KitQuestion, NextStep, Obstacle
from ..model.library import Asset, Library
from ..model.report import Report
from ..model.settings import Config
from .audience import is_internal
from .coverage import serves
from .latest import Latest
from .paths import library_paths
from .sendable import has_public_address

GUIDANCE: dict[str, tuple[str, tuple[str, ...]]] = {
    "marketing": (
        "Marketing leads here. Educate and help the buyer take their next step; do not try to "
        "sell. Speak about their problem in their words, and let poor-fit buyers see early that "
        "this is not for them.",
        (
            "Lead with the buyer's problem and its cost, not with features.",
            "End every piece with one clear next step, never a sales pitch.",
            "Say plainly who the offer is not for.",
        ),
    ),
    "sales": (
        "Sales leads here. Help the buyer define the problem, work out what it costs them, and "
        "decide whether there is a fit at a price that works for both sides. Aim for a clear yes "
        "or no quickly.",
        (
            "Agree the problem in the buyer's words before showing anything.",
            "Put a number on the cost of doing nothing, together.",
            "Name the risks out loud and show how you reduce each one.",
        ),
    ),
    "success": (
        "Customer success leads here. Keep customers succeeding so that they expand and refer: "
        "the aim is the next sale and the referral, not only this one.",
        (
            "Get the customer to a first visible result quickly.",
            "Collect the stories of value as they happen and share them.",
            "Ask for the referral or the expansion when the value is fresh.",
        ),
    ),
}

DISCOVERY = (
    "What made you look at this now, and what happens if nothing changes?",
    "How often does it happen, and what does each time cost you in hours, jobs or money?",
    "Who else feels it, and who has to agree before anything changes?",
    "What have you tried already, and why did it not stick?",
    "What would have to be true for this to be worth it at our price?",
)

_STOP = {
    "about",
    "their",
    "there",
    "which",
    "would",
    "could",
    "after",
    "before",
    "every",
    "thing",
    "things",
    "being",
    "these",
    "those",
    "where",
    "while",
    "other",
    "again",
}
_WORD = lazy(r"[a-z]{5,}")

T = TypeVar("T")
Merit = Callable[[Asset], tuple[Any, ...]]
"""Sort key of an asset in a kit's list: the best first."""


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.lower()) if w not in _STOP}


def answers(asset: Asset) -> tuple[str, ...]:
    """Return the objection and obstacle ids an asset says it answers (``answers`` in front matter)."""
    value = asset.extra.get("answers")
    if isinstance(value, str):
        return (value.strip(),)
    if isinstance(value, list):
        return tuple(v.strip() for v in value if isinstance(v, str))
    return ()


def merit(report: Report) -> Merit:
    """Return the sort key that puts the assets a kit should show first.

    With imported signals, what buyers did around an asset comes first: the deals that moved
    on after it, the deals it touched, its page views. Then the most direct answer (the asset
    answering the fewest questions), the most recently updated, and title and id, so the
    order never depends on the file system.
    """
    found = {e.asset: e for e in report.evidence.assets} if report.evidence is not None else {}

    def key(asset: Asset) -> tuple[Any, ...]:
        seen = found.get(asset.id)
        moved, deals, views = (seen.moved, seen.deals, seen.views) if seen is not None else (0, 0, 0)
        day = asset.updated.toordinal() if asset.updated else 0
        return (-moved, -deals, -views, len(asset.questions), -day, asset.title, asset.id)

    return key


def best(items: Sequence[T], key: Callable[[T], Any], limit: int = KIT_LIMIT) -> tuple[list[T], int]:
    """Return the ``limit`` best of ``items`` by ``key``, in their own order, and how many are left out.

    A list that fits is returned whole and as it was, so a short kit reads as it always did.
    """
    if len(items) <= limit:
        return list(items), 0
    chosen = {id(item) for item in sorted(items, key=key)[:limit]}
    return [item for item in items if id(item) in chosen], len(items) - limit


def build_kit(
    config: Config,
    library: Library,
    report: Report,
    stage_id: str,
    *,
    persona: str | None = None,
    link_base: Path | None = None,
) -> Kit:
    """Assemble the kit of one stage; ``report`` must be built for the same persona.

    ``link_base`` is the folder the kit will be written to (links to asset pages on the site
    are made relative to it, see `AssetRefs`); None makes them relative to the project root.
    """
    stage = config.model.stage(stage_id)
    if stage is None:
        raise UsageError(f"unknown stage '{stage_id}' ({suggest(stage_id, config.model.stage_ids)})")
    person = _person(config, persona)
    refs = AssetRefs(config.root.resolve(), (link_base or config.root).resolve(), library)
    # The stage's own assets are those the report counts for this persona; a next step may
    # still lead to any asset a buyer could be sent, whoever it was written for.
    eligible = set(report.eligible)
    tagged = _tagged(library).get(stage.id, [])
    here = [a for a in tagged if a.id in eligible]
    sendable = [a for a in here if not is_internal(a)]
    pipeline = [a for a in tagged if a.in_pipeline and serves(a, persona)]
    key = merit(report)
    risk_assets, risk_more = best(_risk(config, library, report, stage), key)
    pipeline, pipeline_more = best(pipeline, key)
    team, team_more = best([a for a in here if is_internal(a)], key)
    steps = _next_steps(config, library, set(report.reachable), stage, here)
    # Forward steps first among the best, as in the list itself; references only for those shown.
    shown, next_more = best(steps, lambda s: (s[5] != "forward", key(s[0])))
    shown_steps = [NextStep(refs(a), *rest) for a, *rest in shown]
    row = report.stages[stage.index]
    return Kit(
        stage=stage,
        phase_label=PHASE_LABELS[stage.phase],
        lead_label=LEAD_LABELS[stage.lead].capitalize(),
        persona=person,
        questions=_questions(config, library, report, stage, refs, key),
        next_steps=tuple(shown_steps),
        next_stage=config.model.after(stage),
        stuck=obstacles(stage.stuck, sendable, refs, key),
        backward=obstacles(stage.backward, sendable, refs, key),
        risk_assets=tuple(refs(a) for a in risk_assets),
        guidance=_guidance(config, stage, person),
        gaps=tuple(g for g in report.next_to_make if g.stage == stage.id),
        pipeline=tuple(refs(a) for a in pipeline),
        team=tuple(refs(a) for a in team),
        is_stuck=stage.id in report.stuck,
        flow_tracked=report.flow_tracked,
        state=row.state,
        count=row.count,
        next_more=next_more,
        risk_more=risk_more,
        pipeline_more=pipeline_more,
        team_more=team_more,
    )


def _tagged(library: Library) -> dict[str, list[Asset]]:
    """The assets tagged with each stage, in the library's order: worked out once per library, not per kit."""
    return _TAGGED.get((library,), lambda: _by_stage(library))


def _by_stage(library: Library) -> dict[str, list[Asset]]:
    found: dict[str, list[Asset]] = {}
    for asset in library.assets:
        for stage in dict.fromkeys(asset.stages):  # (a stage named twice lists the asset once)
            found.setdefault(stage, []).append(asset)
    return found


_TAGGED: Latest[dict[str, list[Asset]]] = Latest()
"""The assets of each stage in the library last asked about (callers only read them)."""


def _person(config: Config, persona: str | None) -> Persona | None:
    """The persona of a kit for one persona, None for everyone; an unknown id is a usage error."""
    if persona is None:
        return None
    person = config.persona(persona)
    if person is None:
        raise UsageError(f"unknown persona '{persona}' ({suggest(persona, config.persona_ids)})")
    return person


def _risk(config: Config, library: Library, report: Report, stage: Stage) -> list[Asset]:
    """The buyer-facing assets answering the risk question (found by its role) at the stage."""
    risk = config.question_with_role("risk")
    cell = report.cell(stage.id, risk.id).assets if risk and config.asks(stage.id, risk.id) else ()
    return [a for a in (library.by_id[i] for i in cell) if not is_internal(a)]


SITE_DIR = "site"
"""The folder, in the project, a site is built into by default: kits link to its asset pages."""


class AssetRefs:
    """Makes the reference a kit or play holds to an asset, with the link a rep can follow.

    A buyer-facing asset with a public address (``url``, ``http(s)://...``) links there: that
    is what a rep sends. Any other asset (internal material, or a page with no public address)
    links to its page on the site built into the project's default site folder (`SITE_DIR`),
    relative to where the kit is written. Never to the source file.
    """

    def __init__(self, root: Path, base: Path, library: Library) -> None:
        self.site = root / SITE_DIR
        self.base = base
        self.pages = library_paths(library)
        # A build's 36 kits share their base: each page's relative link is worked out once.
        self.links = _LINKS.get((str(self.site), str(base), self.pages), dict)

    def __call__(self, asset: Asset) -> AssetRef:
        if has_public_address(asset) and not is_internal(asset):
            href = asset.url
        else:
            page = self.pages[asset.id]
            href = self.links.get(page, "")
            if not href:
                href = self.links[page] = Path(os.path.relpath(self.site / page, self.base)).as_posix()
        return AssetRef(
            asset.id,
            asset.title,
            asset.format,
            asset.summary,
            asset.message,
            asset.status,
            asset.cta,
            asset.path,
            href,
            is_internal(asset),
        )


_LINKS: Latest[dict[str, str]] = Latest()
"""Each page's link relative to the latest kits' folder, by the page's path on the site (see `AssetRefs`)."""


def _questions(
    config: Config, library: Library, report: Report, stage: Stage, refs: AssetRefs, key: Merit
) -> tuple[KitQuestion, ...]:
    """Per question: the cell's state, the best buyer-facing assets and their messages, the gap to fill."""
    questions = []
    for question in config.questions_at(stage.id):
        cell = report.cell(stage.id, question.id)
        # Internal material never goes under "send", and its message is a note for the team.
        answering, more = best(
            [a for a in (library.by_id[i] for i in cell.assets) if not is_internal(a)], key
        )
        gap = next(
            (g for g in report.next_to_make if g.stage == stage.id and g.question == question.id), None
        )
        messages = tuple(dict.fromkeys(a.message for a in answering if a.message))
        questions.append(
            KitQuestion(
                question,
                cell.state,
                cell.count,
                cell.threshold,
                config.messages.get(question.id, ""),
                messages,
                tuple(refs(a) for a in answering),
                gap,
                more,
            )
        )
    return tuple(questions)


def _next_steps(
    config: Config, library: Library, reachable: set[str], stage: Stage, here: list[Asset]
) -> list[tuple[Asset, str, str, str, str, str]]:
    """The ``next:`` steps of the stage's assets that lead somewhere sendable, forward ones first.

    Each as the fields of a `NextStep` with the asset itself in place of its reference (a kit
    shows a few of them: only those get one, see `AssetRefs`).
    """
    index = {s.id: s.index for s in config.model.stages}
    steps = []
    for asset in here:
        if not asset.next:
            continue
        target_stage = config.model.stage(asset.next)
        target_asset = library.by_id.get(asset.next)
        if target_stage is not None:
            title, kind, where = target_stage.name, "stage", [target_stage.index]
        elif target_asset is not None and target_asset.id in reachable:
            title, kind = target_asset.title, "asset"
            where = [index[s] for s in target_asset.stages]
        else:
            continue
        # In a model without a fixed order, a step to any other stage moves the buyer on.
        onward = max(where) > stage.index or (config.model.free_order and set(where) - {stage.index})
        direction = "forward" if onward else "same" if stage.index in where else "back"
        steps.append((asset, asset.next, title, kind, asset.cta, direction))
    steps.sort(key=lambda s: (s[5] != "forward", s[0].title))
    return steps


def obstacles(
    items: tuple[Stall, ...], here: Sequence[Asset], refs: AssetRefs, key: Merit
) -> tuple[Obstacle, ...]:
    """Each obstacle with the best (by ``key``, see `best`) assets of ``here`` that answer it.

    An obstacle with an id is answered by the assets that name it in ``answers``, and by no
    others. One written as plain text cannot be named: the assets sharing at least two word
    stems with it are offered, marked as a guess.
    """
    result = []
    for item in items:
        if item.id:
            named, more = best([a for a in here if item.id in answers(a)], key)
            result.append(Obstacle(item.text, tuple(refs(a) for a in named), item.id, more=more))
            continue
        words = _stems(item.text)
        matched = [a for a in here if len(words & _stems(f"{a.title} {a.message} {a.summary}")) >= 2]
        guessed, more = best(matched, key)
        result.append(Obstacle(item.text, (), guessed=tuple(refs(a) for a in guessed), more=more))
    return tuple(result)


def _guidance(config: Config, stage: Stage, person: Persona | None) -> Guidance:
    """How the lead role works the stage: the do's and questions of the stage's play when the
    model or settings give them, else the role's defaults; sales-led stages get questions."""
    summary, points = GUIDANCE[stage.lead]
    guide = config.model.guide(stage.id)
    personas = (person,) if person else config.personas
    return Guidance(
        stage.lead,
        summary,
        guide.points or points,
        (guide.ask or DISCOVERY) if stage.lead == "sales" else (),
        tuple((p.name, p.not_fit) for p in personas if p.not_fit) if stage.lead == "sales" or person else (),
    )
