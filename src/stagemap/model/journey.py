"""The journey model's types: stages, questions, personas, phases and leads. No I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Phase = Literal["before", "at", "after"]
Lead = Literal["marketing", "sales", "success"]
QuestionRole = Literal["who-we-are", "problems", "who-for", "risk", "custom"]
PHASES: tuple[Phase, ...] = ("before", "at", "after")
LEADS: tuple[Lead, ...] = ("marketing", "sales", "success")
PHASE_LABELS: dict[Phase, str] = {
    "before": "before the purchase",
    "at": "at the purchase",
    "after": "after the purchase",
}
"""How a phase reads in a sentence ("Noticing the problem comes before the purchase")."""
LEAD_LABELS: dict[Lead, str] = {"marketing": "marketing", "sales": "sales", "success": "customer success"}
"""How a lead role reads in a sentence; capitalise it to start one."""
QUESTION_ROLES: tuple[QuestionRole, ...] = ("who-we-are", "problems", "who-for", "risk", "custom")
"""Every role a question can play; code that needs a particular question finds it by role, never by id."""
STAGE_TEXT_FIELDS = ("name", "goal", "mindset")
"""The text fields of a stage."""
STAGE_LIST_FIELDS = ("forward", "formats")
"""The fields of a stage holding a list of text items."""
STALL_FIELDS = ("stuck", "backward")
"""The fields of a stage holding a list of obstacles (`Stall`), each text or ``{id, text}``."""


@dataclass(frozen=True, slots=True)
class Stall:
    """Something that stalls a buyer at a stage (``stuck``) or sends them back (``backward``)."""

    text: str
    """The obstacle, in a few words."""
    id: str = ""
    """Identifier an asset names in its ``answers`` list to say it answers the obstacle; empty
    for one written as plain text, which no asset can name."""

    def __str__(self) -> str:
        """Return the text, so that a template writing ``{{ item }}`` shows what it always did."""
        return self.text


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the buyer's journey."""

    id: str
    """Identifier used in front matter, e.g. ``awareness``."""
    name: str
    """Human name, e.g. ``Noticing the problem``."""
    phase: Phase
    """Where the stage sits relative to the purchase: ``before``, ``at`` or ``after``."""
    lead: Lead
    """The role that leads it: ``marketing``, ``sales`` or ``success``."""
    goal: str
    """What the buyer must achieve here to move on."""
    mindset: str
    """What the buyer is thinking and feeling."""
    forward: tuple[str, ...]
    """What moves the buyer on to the next stage."""
    stuck: tuple[Stall, ...]
    """What stalls the buyer here."""
    backward: tuple[Stall, ...]
    """What sends the buyer back to an earlier stage."""
    formats: tuple[str, ...]
    """Content formats that suit the stage."""
    index: int
    """0-based position in the model."""


@dataclass(frozen=True, slots=True)
class Question:
    """A question every buyer needs answered, e.g. who we are and why we exist."""

    id: str
    """Identifier used in front matter, e.g. ``risk``."""
    name: str
    """Short label, e.g. ``Reducing risk``."""
    prompt: str
    """The question as the buyer would ask it."""
    role: QuestionRole = "custom"
    """What it is for: ``who-we-are``, ``problems``, ``who-for``, ``risk`` or ``custom``.
    Kept when the id is renamed; kits offer the ``risk`` question's answers "to lower the
    risk of buying"."""


@dataclass(frozen=True, slots=True)
class Persona:
    """Someone we solve problems for, and who is not a fit."""

    id: str
    """Identifier used in front matter."""
    name: str
    """Human name."""
    needs: str
    """What this buyer needs from us."""
    not_fit: str
    """Who looks like this persona but is not a fit (for qualifying early)."""


@dataclass(frozen=True, slots=True)
class Objection:
    """Something a buyer says to slow or stop the deal, with the short answer to give."""

    id: str
    """Identifier an asset names in its ``answers`` list to say it answers the objection."""
    text: str
    """The objection, as the buyer would say it."""
    answer: str
    """The short answer to give, in a sentence or two."""


@dataclass(frozen=True, slots=True)
class Decider:
    """Someone else in the buyer's business who has a say, and what they need to say yes."""

    role: str
    """Who it is, e.g. ``Finance``."""
    needs: str
    """What they need to see or hear."""


@dataclass(frozen=True, slots=True)
class StageGuide:
    """How to run a conversation with a buyer at one stage: the data behind a play."""

    signals: tuple[str, ...] = ()
    """Things a person can observe that show a buyer is at this stage."""
    exit: tuple[str, ...] = ()
    """What must be true before the buyer counts as ready for the next stage."""
    next_step: str = ""
    """The next step to agree with the buyer before the conversation ends."""
    opening: str = ""
    """A short way to open the conversation."""
    ask: tuple[str, ...] = ()
    """Questions to ask at this stage, three to five."""
    objections: tuple[Objection, ...] = ()
    """What buyers say to slow down here, each with a short answer."""
    deciders: tuple[Decider, ...] = ()
    """Who else decides at this stage and what each needs."""
    red_flags: tuple[str, ...] = ()
    """Signs that the buyer is not a fit or not ready."""
    not_now: str = ""
    """Where a disqualified or not-now buyer goes, so nobody is dropped."""
    points: tuple[str, ...] = ()
    """How the lead role works this stage, as a few do's."""


GUIDE_TEXT_FIELDS = ("next_step", "opening", "not_now")
"""The text fields of a stage guide."""
GUIDE_LIST_FIELDS = ("signals", "exit", "ask", "red_flags", "points")
"""The fields of a stage guide holding a list of text items."""
EMPTY_GUIDE = StageGuide()
"""The guide of a stage nobody wrote one for."""


@dataclass(frozen=True, slots=True)
class RankWeights:
    """How much the report's ranking favours some stages and personas (``rank`` in settings)."""

    stages: Mapping[str, float] = field(default_factory=dict)
    """Stage id to a weight: 1 is the default, higher ranks the stage's items earlier within
    their kind of fix, 0 leaves the stage out of the ranking."""
    personas: Mapping[str, float] = field(default_factory=dict)
    """Persona id to a weight, used like stage weights for the persona a report or asset is for."""

    def weight(self, stage_id: str, personas: tuple[str, ...]) -> float:
        """Return the weight of an item at a stage for these personas (none: everyone)."""
        persona = max((self.personas.get(p, 1.0) for p in personas), default=1.0)
        return self.stages.get(stage_id, 1.0) * persona


@dataclass(frozen=True, slots=True)
class JourneyModel:
    """An ordered list of stages."""

    id: str
    """Model name, e.g. ``buyer-journey``, or ``custom``."""
    name: str
    """Human name."""
    description: str
    """When to pick this model."""
    stages: tuple[Stage, ...]
    """Stages in journey order."""
    free_order: bool = False
    """Buyers move between stages in any order (``order: any`` in a model file): a next step
    to any other stage moves them on, and none counts as going back."""
    guides: Mapping[str, StageGuide] = field(default_factory=dict)
    """Stage id to how a conversation at that stage is run (the ``plays`` of a model and the
    settings); a stage without one has an empty guide."""

    def guide(self, stage_id: str) -> StageGuide:
        """Return the guide of a stage, empty when none is given."""
        return self.guides.get(stage_id, EMPTY_GUIDE)

    @property
    def stage_ids(self) -> tuple[str, ...]:
        """Stage ids in journey order."""
        return tuple(s.id for s in self.stages)

    def stage(self, stage_id: str) -> Stage | None:
        """Return the stage with this id, or None."""
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        return None

    def answerable(self) -> tuple[tuple[str, str], ...]:
        """Return (stage id, id) of every objection and named obstacle an asset may answer, in order."""
        found: dict[tuple[str, str], None] = {}
        for stage in self.stages:
            ids = [s.id for s in (*stage.stuck, *stage.backward)]
            ids += [o.id for o in self.guide(stage.id).objections]
            found.update(((stage.id, i), None) for i in ids if i)
        return tuple(found)

    def after(self, stage: Stage) -> Stage | None:
        """Return the stage that follows ``stage`` in journey order, or None for the last."""
        return self.stages[stage.index + 1] if stage.index + 1 < len(self.stages) else None


DEFAULT_QUESTIONS: tuple[Question, ...] = (
    Question("who-we-are", "Who we are", "Who are you, and why do you exist?", "who-we-are"),
    Question("problems", "Problems we solve", "What problems do you solve?", "problems"),
    Question("who-for", "Who we serve", "Who do you solve them for, and who not?", "who-for"),
    Question("risk", "Reducing risk", "How do you make buying from you safe?", "risk"),
)
"""The four questions every project starts with."""

AFTER_QUESTIONS: tuple[Question, ...] = (
    Question("value", "Value realised", "What has it given us so far, in terms we care about?"),
    Question("help", "Getting help", "Who helps us when something goes wrong, and how fast?"),
    Question("expand", "Growing with it", "What more could it do for us, and for whom else here?"),
    Question("again", "Buying again", "Knowing what we know now, would we choose you again?"),
)
"""The questions customers ask after the purchase, asked there by default instead of the four."""

DEFAULT_PHASE_QUESTIONS: Mapping[Phase, tuple[Question, ...]] = {
    "before": DEFAULT_QUESTIONS,
    "at": DEFAULT_QUESTIONS,
    "after": AFTER_QUESTIONS,
}
"""The questions asked at the stages of each phase when neither the model nor the settings
say otherwise."""

KNOWN_QUESTIONS: tuple[Question, ...] = (
    *DEFAULT_QUESTIONS,
    *AFTER_QUESTIONS,
    Question("what-we-do", "What we do", "What exactly do you do?"),
    Question("cost", "Cost of the problem", "What is this problem costing us?"),
    Question("how-to-start", "How to start", "How do we get started, and what happens first?"),
)
"""Questions a project can switch on by id alone in stagemap.yml."""


DEFAULT_MODEL = "buyer-journey"
"""The built-in model a project uses when ``model`` is not set."""
