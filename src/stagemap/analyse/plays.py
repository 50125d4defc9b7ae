"""Assemble a play per stage (and per persona) from the journey model, the library and the report. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import UsageError, suggest
from ..model.journey import LEAD_LABELS, PHASE_LABELS, Objection, StageGuide, Stall
from ..model.kit import Obstacle
from ..model.library import Asset, Library
from ..model.play import PLAY_LIMITS, ObjectionCard, Play, PlayAppendix, ProofPoint
from ..model.report import Report
from ..model.settings import Config
from .audience import is_internal
from .coverage import serves
from .kits import AssetRefs, Merit, answers, best, merit, obstacles


def buyer_line(asset: Asset, question_id: str) -> str:
    """Return what the buyer is told for one question: its line in ``says``, else the message."""
    says = asset.extra.get("says")
    if isinstance(says, dict) and isinstance(says.get(question_id), str):
        return " ".join(says[question_id].split())
    return asset.message


def build_play(
    config: Config, library: Library, report: Report, stage_id: str, *, link_base: Path | None = None
) -> Play:
    """Assemble the play of one stage for the report's persona (None: everyone).

    ``link_base`` is the folder the play will be written to; None makes links relative to the
    project root. Links go to public addresses or site pages (see `AssetRefs`).
    """
    stage = config.model.stage(stage_id)
    if stage is None:
        raise UsageError(f"unknown stage '{stage_id}' ({suggest(stage_id, config.model.stage_ids)})")
    person = config.persona(report.persona) if report.persona else None
    refs = AssetRefs(config.root.resolve(), (link_base or config.root).resolve(), library)
    eligible = set(report.eligible)
    here = [a for a in library.assets if a.id in eligible and stage.id in a.stages and not is_internal(a)]
    guide = _cut(config.model.guide(stage.id))
    key = merit(report)
    cards = tuple(_card(o, here, refs, key) for o in guide.objections)
    stalls = obstacles((*stage.stuck, *stage.backward), here, refs, key)
    # What an objection card already sends is said there, once: a stall lists only the rest.
    carded = {ref.id for card in cards for ref in card.send}
    answered = [_uncarded(o, carded) for o in stalls if {a.id for a in (*o.assets, *o.guessed)} - carded]
    making = [
        a for a in library.assets if stage.id in a.stages and a.in_pipeline and serves(a, report.persona)
    ]
    pipeline, pipeline_more = best(making, key, PLAY_LIMITS["pipeline"])
    personas = (person,) if person else config.personas
    return Play(
        stage=stage,
        persona=person,
        phase_label=PHASE_LABELS[stage.phase],
        lead_label=LEAD_LABELS[stage.lead].capitalize(),
        guide=guide,
        objections=cards,
        stalls=tuple(answered[: PLAY_LIMITS["stalls"]]),
        proof=_proof(config, stage.id, [a for a in here if a.id not in carded], refs),
        send=tuple(refs(a) for a in _sendable(here, cards))[: PLAY_LIMITS["send"]],
        not_fit=tuple((p.name, p.not_fit) for p in personas if p.not_fit),
        next_stage=config.model.after(stage),
        appendix=PlayAppendix(
            is_stuck=stage.id in report.stuck,
            gaps=tuple(g for g in report.next_to_make if g.stage == stage.id),
            unanswered=tuple(c.objection for c in cards if not c.send),
            unanswered_stalls=tuple(Stall(o.text, o.id) for o in stalls if o.id and not o.assets),
            pipeline=tuple(refs(a) for a in pipeline),
            pipeline_more=pipeline_more,
        ),
    )


def _uncarded(stall: Obstacle, carded: set[str]) -> Obstacle:
    """The stall with only the assets that no objection card of the play sends."""
    assets = tuple(a for a in stall.assets if a.id not in carded)
    return replace(stall, assets=assets, guessed=tuple(a for a in stall.guessed if a.id not in carded))


def _cut(guide: StageGuide) -> StageGuide:
    """Cut the guide's lists to what fits on one page."""
    return replace(
        guide,
        signals=guide.signals[: PLAY_LIMITS["signals"]],
        ask=guide.ask[: PLAY_LIMITS["ask"]],
        objections=guide.objections[: PLAY_LIMITS["objections"]],
        deciders=guide.deciders[: PLAY_LIMITS["deciders"]],
        red_flags=guide.red_flags[: PLAY_LIMITS["red_flags"]],
    )


def _card(objection: Objection, here: Sequence[Asset], refs: AssetRefs, key: Merit) -> ObjectionCard:
    answering, _ = best([a for a in here if objection.id in answers(a)], key, PLAY_LIMITS["card_send"])
    # One proof line per card keeps the page to one sheet; the assets to send carry the rest.
    proof = tuple(dict.fromkeys(a.message for a in answering if a.message))[:1]
    return ObjectionCard(objection, proof, tuple(refs(a) for a in answering))


def _proof(config: Config, stage_id: str, here: Sequence[Asset], refs: AssetRefs) -> tuple[ProofPoint, ...]:
    """One line per buyer-facing asset, in question order, for the questions it answers here.

    ``here`` leaves out the assets an objection card already quotes, so nothing is said twice.
    """
    points: list[ProofPoint] = []
    seen: set[str] = set()
    for question in config.questions_at(stage_id):
        for asset in here:
            if question.id not in asset.questions or asset.id in seen:
                continue
            line = buyer_line(asset, question.id)
            if line:
                seen.add(asset.id)
                points.append(ProofPoint(line, refs(asset)))
    return tuple(points[: PLAY_LIMITS["proof"]])


def _sendable(here: Sequence[Asset], cards: Sequence[ObjectionCard]) -> list[Asset]:
    """The stage's buyer-facing assets, those that answer an objection first."""
    answering = {ref.id for card in cards for ref in card.send}
    return sorted(here, key=lambda a: (a.id not in answering, a.title))
