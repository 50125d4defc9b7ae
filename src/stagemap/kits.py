"""Assemble a message kit per stage from the library and the gap report. Pure: no I/O."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .analysis import Gap, Report, State, serves
from .config import Config
from .errors import UsageError, suggest
from .journey import Persona, Question, Stage
from .library import Asset, Library

PHASE_LABELS = {"before": "before the purchase", "at": "at the purchase", "after": "after the purchase"}
LEAD_LABELS = {"marketing": "Marketing", "sales": "Sales", "success": "Customer success"}


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
    """Key messages of the assets that answer it here."""
    assets: tuple[AssetRef, ...]
    """Assets to use."""
    gap: Gap | None
    """What to create when the cell is empty or thin, else None."""


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
    """Something that stalls buyers or sends them back, with assets that speak to it."""

    text: str
    """The obstacle, from the journey model."""
    assets: tuple[AssetRef, ...]
    """Assets at this stage whose title, message or summary address it."""


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
    """What stalls buyers here."""
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
    is_stuck: bool
    """Nothing published here hands buyers to a later stage."""
    state: State
    """The stage's coverage state."""
    count: int
    """Eligible assets at this stage."""


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
_WORD = re.compile(r"[a-z]{5,}")


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.lower()) if w not in _STOP}


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

    ``link_base`` is the folder the kit will be written to (links to asset files are made
    relative to it); None makes them relative to the project root.
    """
    stage = config.model.stage(stage_id)
    if stage is None:
        raise UsageError(f"unknown stage '{stage_id}' ({suggest(stage_id, config.model.stage_ids)})")
    person = None
    if persona is not None:
        person = config.persona(persona)
        if person is None:
            raise UsageError(f"unknown persona '{persona}' ({suggest(persona, config.persona_ids)})")
    base = (link_base or config.root).resolve()

    def ref(asset: Asset) -> AssetRef:
        href = Path(os.path.relpath(config.root / asset.path, base)).as_posix()
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
        )

    by_id = library.by_id
    eligible = set(report.eligible)
    here = [a for a in library.assets if a.id in eligible and stage.id in a.stages]
    questions = []
    for question in config.questions:
        cell = report.cell(stage.id, question.id)
        answering = [by_id[i] for i in cell.assets]
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
                tuple(ref(a) for a in answering),
                gap,
            )
        )
    index = {s.id: s.index for s in config.model.stages}
    steps = []
    for asset in here:
        if not asset.next:
            continue
        target_stage = config.model.stage(asset.next)
        target_asset = by_id.get(asset.next)
        if target_stage is not None:
            title, kind, where = target_stage.name, "stage", [target_stage.index]
        elif target_asset is not None and target_asset.id in eligible:
            title, kind = target_asset.title, "asset"
            where = [index[s] for s in target_asset.stages]
        else:
            continue
        direction = "forward" if max(where) > stage.index else "same" if stage.index in where else "back"
        steps.append(NextStep(ref(asset), asset.next, title, kind, asset.cta, direction))
    steps.sort(key=lambda s: (not s.forward, s.source.title))
    nxt = config.model.stages[stage.index + 1] if stage.index + 1 < len(config.model.stages) else None

    def obstacles(items: tuple[str, ...]) -> tuple[Obstacle, ...]:
        result = []
        for text in items:
            words = _stems(text)
            matched = [a for a in here if len(words & _stems(f"{a.title} {a.message} {a.summary}")) >= 2]
            result.append(Obstacle(text, tuple(ref(a) for a in matched)))
        return tuple(result)

    summary, points = GUIDANCE[stage.lead]
    personas = (person,) if person else config.personas
    guidance = Guidance(
        stage.lead,
        summary,
        points,
        DISCOVERY if stage.lead == "sales" else (),
        tuple((p.name, p.not_fit) for p in personas if p.not_fit) if stage.lead == "sales" or person else (),
    )
    pipeline = [
        a
        for a in library.assets
        if stage.id in a.stages and a.status in ("idea", "draft", "review") and serves(a, persona)
    ]
    row = report.stages[stage.index]
    risk = [by_id[i] for i in report.cell(stage.id, "risk").assets] if config.question("risk") else []
    return Kit(
        stage=stage,
        phase_label=PHASE_LABELS[stage.phase],
        lead_label=LEAD_LABELS[stage.lead],
        persona=person,
        questions=tuple(questions),
        next_steps=tuple(steps),
        next_stage=nxt,
        stuck=obstacles(stage.stuck),
        backward=obstacles(stage.backward),
        risk_assets=tuple(ref(a) for a in risk),
        guidance=guidance,
        gaps=tuple(g for g in report.next_to_make if g.stage == stage.id),
        pipeline=tuple(ref(a) for a in pipeline),
        is_stuck=stage.id in report.stuck,
        state=row.state,
        count=row.count,
    )


def kit_context(config: Config, report: Report, kit: Kit, generator: str) -> dict[str, Any]:
    """Return the documented template context of a kit template."""
    return {
        "project": {"name": config.name, "purpose": config.purpose},
        "kit": kit,
        "as_of": report.as_of.isoformat(),
        "generator": generator,
    }


KIT_FORMATS = ("md", "html", "txt")


def render_kit(
    config: Config,
    library: Library,
    report: Report,
    stage_id: str,
    fmt: str,
    *,
    link_base: Path | None = None,
) -> str:
    """Render one stage's kit with the project's (or the built-in) ``kit.FMT.j2`` template."""
    from . import __version__
    from .templating import environment, render

    kit = build_kit(config, library, report, stage_id, persona=report.persona, link_base=link_base)
    env = environment(config.templates_dir)
    return render(env, f"kit.{fmt}.j2", kit_context(config, report, kit, f"stagemap {__version__}"))


def render_kits(
    config: Config,
    library: Library,
    reports: dict[str | None, Report],
    fmt: str,
    out_dir: Path,
) -> dict[str, str]:
    """Render every kit (one per stage, per persona report given) and an index.

    ``reports`` maps a persona id (None for everyone) to its report. Returns
    ``{path relative to out_dir: text}``.
    """
    from . import __version__
    from .templating import environment, render

    env = environment(config.templates_dir)
    generator = f"stagemap {__version__}"
    files: dict[str, str] = {}
    entries = []
    for persona, report in reports.items():
        folder = out_dir if persona is None else out_dir / persona
        for stage in config.model.stages:
            kit = build_kit(config, library, report, stage.id, persona=persona, link_base=folder)
            name = f"{stage.index + 1:02d}-{stage.id}.{fmt}"
            rel = name if persona is None else f"{persona}/{name}"
            files[rel] = render(env, f"kit.{fmt}.j2", kit_context(config, report, kit, generator))
            title = stage.name if kit.persona is None else f"{stage.name} for {kit.persona.name}"
            entries.append({"title": title, "href": rel, "kit": kit})
    first = next(iter(reports.values()))
    context: dict[str, Any] = {
        "project": {"name": config.name, "purpose": config.purpose},
        "model": config.model,
        "kits": entries,
        "as_of": first.as_of.isoformat(),
        "generator": generator,
        "format": fmt,
    }
    files[f"index.{fmt}"] = render(env, f"kit-index.{fmt}.j2", context)
    return files
