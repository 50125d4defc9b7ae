"""A message kit as data: what a person needs to talk to a buyer at one stage."""

from __future__ import annotations

from dataclasses import dataclass

from .journey import Persona, Question, Stage
from .report import Gap, State

KIT_LIMIT = 5
"""The most assets a kit shows in one list: under each question, among the next steps, the
answers to one stall, the risk assets, the work in the making and the team's material. A kit
is a short page of what to say and send, whatever the size of the library: the best of a longer
list are shown (see `stagemap.analyse.kits.best`), the rest are counted ("N more") and left to
the full list of the stage's assets."""


@dataclass(frozen=True, slots=True)
class AssetRef:
    """An asset as a kit shows it."""

    id: str
    """Asset id."""
    title: str
    """Title."""
    format: str
    """Format, may be empty."""
    summary: str
    """Summary, may be empty."""
    message: str
    """Key message, may be empty."""
    status: str
    """Status."""
    cta: str
    """Call to action, may be empty."""
    path: str
    """File path relative to the project root."""
    href: str
    """Link to the file, relative to where the kit is written."""
    internal: bool = False
    """Material for the team (a call guide, a demo script): used in the conversation, never sent."""


@dataclass(frozen=True, slots=True)
class KitQuestion:
    """One buyer question at this stage: what to say and what to send."""

    question: Question
    """The question."""
    state: State
    """Cell state: empty, thin, covered or n/a."""
    count: int
    """Eligible assets answering it here."""
    threshold: int
    """Count at which the cell is covered."""
    company_message: str
    """The project's message for this question (``messages`` in stagemap.yml), may be empty."""
    messages: tuple[str, ...]
    """Key messages of the buyer-facing assets shown in ``assets``."""
    assets: tuple[AssetRef, ...]
    """Buyer-facing assets to send: the best `KIT_LIMIT` of them, in the cell's order."""
    gap: Gap | None
    """What to create when the cell is empty or thin, else None."""
    more: int = 0
    """Buyer-facing assets answering it here that are not shown (beyond `KIT_LIMIT`)."""


@dataclass(frozen=True, slots=True)
class NextStep:
    """Where an asset of this stage hands the buyer on to."""

    source: AssetRef
    """The asset that hands on."""
    target: str
    """The ``next`` id."""
    target_title: str
    """Title of the target asset, or name of the target stage."""
    kind: str
    """``asset`` or ``stage``."""
    cta: str
    """The call to action, may be empty."""
    direction: str
    """``forward`` (a later stage), ``same`` (this stage) or ``back`` (only earlier stages)."""

    @property
    def forward(self) -> bool:
        """True when the target sits at a later stage."""
        return self.direction == "forward"


@dataclass(frozen=True, slots=True)
class Obstacle:
    """Something that stalls buyers or sends them back, with the assets that answer it."""

    text: str
    """The obstacle, from the journey model."""
    assets: tuple[AssetRef, ...]
    """Buyer-facing assets at this stage, for the persona, that name its id in ``answers``
    (the best `KIT_LIMIT` of them)."""
    id: str = ""
    """The obstacle's id; empty when the model gives it as plain text, so no asset can name it."""
    guessed: tuple[AssetRef, ...] = ()
    """For an obstacle without an id only: buyer-facing assets here whose title, message or
    summary share at least two word stems with it. A guess, and shown as one."""
    more: int = 0
    """Answering (or guessed) assets beyond those shown in ``assets`` or ``guessed``."""


@dataclass(frozen=True, slots=True)
class Guidance:
    """How the lead role should use this stage."""

    lead: str
    """``marketing``, ``sales`` or ``success``."""
    summary: str
    """One paragraph on the role's job here."""
    points: tuple[str, ...]
    """Concrete do's."""
    discovery: tuple[str, ...]
    """Questions that define the buyer's problem, its cost and the fit (sales-led stages)."""
    not_fit: tuple[tuple[str, str], ...]
    """(persona name, who is not a fit) for qualifying early."""


@dataclass(frozen=True, slots=True)
class Kit:
    """Everything a person needs to talk to a buyer at one stage."""

    stage: Stage
    """The stage."""
    phase_label: str
    """e.g. ``before the purchase``."""
    lead_label: str
    """e.g. ``Customer success``."""
    persona: Persona | None
    """The persona this kit is for, or None for everyone."""
    questions: tuple[KitQuestion, ...]
    """Per buyer question."""
    next_steps: tuple[NextStep, ...]
    """Next steps of this stage's assets."""
    next_stage: Stage | None
    """The following stage in the model, or None at the end."""
    stuck: tuple[Obstacle, ...]
    """What stalls buyers here, each with the assets that answer it."""
    backward: tuple[Obstacle, ...]
    """What sends buyers back."""
    risk_assets: tuple[AssetRef, ...]
    """Assets here that answer the risk question: send them when buyers stall."""
    guidance: Guidance
    """Role guidance."""
    gaps: tuple[Gap, ...]
    """Gaps still open at this stage."""
    pipeline: tuple[AssetRef, ...]
    """Assets being made for this stage (idea, draft, review)."""
    team: tuple[AssetRef, ...]
    """Internal material for this stage (call guides, demo scripts): for the team, never sent."""
    is_stuck: bool
    """Nothing published here hands buyers to a later stage."""
    state: State
    """The stage's coverage state."""
    count: int
    """Eligible assets at this stage."""
    flow_tracked: bool = True
    """The library records next steps (see `Report.flow_tracked`); False: none here is not news."""
    next_more: int = 0
    """Next steps beyond the `KIT_LIMIT` shown in ``next_steps``."""
    risk_more: int = 0
    """Risk assets beyond the `KIT_LIMIT` shown in ``risk_assets``."""
    pipeline_more: int = 0
    """Assets in the making beyond the `KIT_LIMIT` shown in ``pipeline``."""
    team_more: int = 0
    """Internal material beyond the `KIT_LIMIT` shown in ``team``."""

    @property
    def unanswered(self) -> tuple[Obstacle, ...]:
        """Obstacles with an id that no buyer-facing asset here names: work for the content team."""
        return tuple(o for o in (*self.stuck, *self.backward) if o.id and not o.assets)
