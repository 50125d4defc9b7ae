"""A play as data: one printed page for running a conversation with a buyer at one stage."""

from __future__ import annotations

from dataclasses import dataclass

from .journey import Objection, Persona, Stage, StageGuide, Stall
from .kit import AssetRef, Obstacle
from .report import Gap

PLAY_LIMITS = {
    "signals": 3,
    "ask": 5,
    "objections": 3,
    "stalls": 4,
    "proof": 3,
    "send": 4,
    "deciders": 3,
    "red_flags": 3,
    "card_send": 2,
    "pipeline": 5,
}
"""The most items of each list a play shows, so that it fits on one printed page."""


@dataclass(frozen=True, slots=True)
class ObjectionCard:
    """An objection with the short answer, the proof and the buyer-facing asset to send."""

    objection: Objection
    """The objection and its short answer."""
    proof: tuple[str, ...]
    """What the first answering asset tells the buyer about it (at most one line)."""
    send: tuple[AssetRef, ...]
    """Buyer-facing assets that say they answer it (``answers`` in front matter): the best
    ``PLAY_LIMITS["card_send"]`` of them (see `stagemap.analyse.kits.best`)."""


@dataclass(frozen=True, slots=True)
class ProofPoint:
    """One thing to tell the buyer, and the asset that backs it."""

    text: str
    """The line for the buyer."""
    asset: AssetRef
    """Where it comes from."""


@dataclass(frozen=True, slots=True)
class Play:
    """Everything a person needs on one page to run a conversation at one stage."""

    stage: Stage
    """The stage."""
    persona: Persona | None
    """The persona the play is for, or None for everyone."""
    phase_label: str
    """e.g. ``before the purchase``."""
    lead_label: str
    """e.g. ``Sales``."""
    guide: StageGuide
    """The stage's guide, its lists cut to ``PLAY_LIMITS``: signals, exit, next step, opening,
    questions to ask, deciders, red flags, where a not-now buyer goes, the lead's do's."""
    objections: tuple[ObjectionCard, ...]
    """Objection cards."""
    stalls: tuple[Obstacle, ...]
    """What stalls buyers here or sends them back, with the buyer-facing assets that answer it
    (by naming the obstacle's id, or by a guess for one without an id) other than those an
    objection card already sends; one with no other answer is left out. Stalls before setbacks,
    at most ``PLAY_LIMITS["stalls"]``; the stage's kit lists every one with its best answers."""
    proof: tuple[ProofPoint, ...]
    """Proof points from buyer-facing assets for the persona at this stage, other than those an
    objection card already quotes."""
    send: tuple[AssetRef, ...]
    """Buyer-facing assets for the persona at this stage: never internal material."""
    not_fit: tuple[tuple[str, str], ...]
    """(persona name, who is not a fit) for the persona, or for every persona."""
    next_stage: Stage | None
    """The stage a buyer moves on to, or None at the end."""
    appendix: PlayAppendix
    """Notes for the content team, printed apart from the play."""


@dataclass(frozen=True, slots=True)
class PlayAppendix:
    """What the content team should know about this stage: gaps, work in progress, stuck points."""

    is_stuck: bool
    """Nothing published here hands buyers on to a later stage."""
    gaps: tuple[Gap, ...]
    """Empty and thin cells at this stage, ranked."""
    unanswered: tuple[Objection, ...]
    """Objections no buyer-facing asset says it answers."""
    pipeline: tuple[AssetRef, ...]
    """Assets being made for this stage (idea, draft, review): the best ``PLAY_LIMITS["pipeline"]``."""
    unanswered_stalls: tuple[Stall, ...] = ()
    """Obstacles with an id that no buyer-facing asset here names."""
    pipeline_more: int = 0
    """Assets in the making beyond those in ``pipeline``."""
