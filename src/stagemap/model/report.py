"""The facts of a gap report: cells, flow, balance, ranked gaps. Frozen values, no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from ..errors import Problem
from .journey import Phase, Stage
from .settings import Config
from .signals import Evidence

State = Literal["covered", "thin", "empty", "n/a"]
CELL_STATES: tuple[State, ...] = get_args(State)
"""Every state of a cell or stage, from best to worst, then ``n/a``: the order of legends."""
CELL_LABELS: dict[State, str] = {
    "covered": "covered",
    "thin": "thin",
    "empty": "empty",
    "n/a": "not applicable",
}
"""Each state in words, for legends and screen readers."""
GATES = ("empty", "thin", "stuck", "stale", "balance", "lint")
"""Gates a report can fail on, each on its own findings only (see `Report.gate`)."""
FAIL_LEVELS = ("never", "empty", "thin", "stuck")
"""Levels of the report's gate, from the most lenient to the strictest: each fails on what the
one before it does and more (empty cells; thin cells; stuck stages)."""
STUCK_TEXT = "nothing published hands buyers on to a later stage"
"""Why a stage is stuck, after its name."""
OVER_INVESTED_FACTOR = 3
"""An asset is listed as possible over-investment when every stage x question cell it sits in
holds at least this many times the cell's covered threshold, and at least this many times the
library's mean count per cell (so a big library is judged against its own size)."""
FLOW_MIN_ASSETS = 10
"""Below this many assets in the library, flow is judged however few name a next step (a small
library without next steps really is stuck), as long as one serves a stage before the last."""
FLOW_MIN_SHARE = 0.1
"""Flow is tracked when at least this share of eligible assets before the last stage name a
``next`` step (or the library is smaller than `FLOW_MIN_ASSETS`; never when there are none)."""
FLOW_NOT_TRACKED = "flow not tracked yet"
"""What the report says instead of listing stuck stages and dead ends when flow is not tracked."""
FLOW_START = "record where each page hands buyers on: stagemap tag FILE --set next=ASSET-OR-STAGE"
"""How to start tracking flow, after `FLOW_NOT_TRACKED`."""
NO_FLOW = "no asset that can be sent serves a stage before the last, so there is no flow to judge"
"""Why flow is not tracked when no asset that can be sent serves a stage before the last, after
`FLOW_NOT_TRACKED` (rather than counting 0 of 0)."""
NO_BALANCE = "no asset that can be sent serves a stage yet"
"""The balance of a report where no asset that can be sent serves a stage (rather than 0%
everywhere)."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One stage x question cell of the coverage matrix."""

    stage: str
    """Stage id."""
    question: str
    """Question id."""
    count: int
    """Eligible assets that serve the stage and answer the question."""
    threshold: int
    """Count at which the cell is covered."""
    state: State
    """``empty``, ``thin``, ``covered`` or ``n/a`` (declared not applicable)."""
    assets: tuple[str, ...]
    """Ids of those assets, sorted."""


@dataclass(frozen=True, slots=True)
class StageCoverage:
    """How well one stage is served overall."""

    stage: Stage
    """The stage."""
    count: int
    """Eligible assets that serve it."""
    threshold: int
    """Count at which the stage is covered."""
    state: State
    """``empty``, ``thin`` or ``covered``."""
    assets: tuple[str, ...]
    """Ids of those assets, sorted."""
    forward: tuple[str, ...]
    """Ids of eligible assets here whose next step leads to a later stage."""


@dataclass(frozen=True, slots=True)
class NextIssue:
    """A next step that does not work for buyers, or goes backwards."""

    asset: str
    """Id of the asset whose ``next`` it is."""
    path: str
    """That asset's file."""
    target: str
    """The ``next`` value."""
    reason: str
    """``unknown``, ``retired``, ``unpublished``, ``stale``, ``scheduled`` (not on the site yet) or ``backward``."""


@dataclass(frozen=True, slots=True)
class Balance:
    """How effort is spread before, at and after the purchase."""

    counts: dict[Phase, int]
    """Eligible assets per phase, each counted once, for the phase of its earliest stage: the
    counts add up to the eligible assets."""
    shares: dict[Phase, float]
    """Each phase's share of the counts, 0 to 1."""
    min_after_share: float
    """Configured minimum share after the purchase."""
    warning: bool
    """True when the model has stages after the purchase and their share is below the minimum
    (never with no eligible asset: the gaps say what is missing)."""


@dataclass(frozen=True, slots=True)
class Gap:
    """A cell to fill, with why it matters."""

    stage: str
    """Stage id."""
    question: str
    """Question id."""
    state: State
    """``empty`` or ``thin``."""
    count: int
    """Eligible assets today."""
    needed: int
    """How many more would make the cell covered."""
    stuck: bool
    """The stage is a stuck point too."""
    reason: str
    """One sentence from the stage name, what answers the question today, its prompt and the
    stage goal."""
    formats: tuple[str, ...]
    """Suggested formats for the stage."""


ActionKind = Literal["tag", "add-next", "review", "publish", "make"]
ACTION_KINDS: tuple[ActionKind, ...] = get_args(ActionKind)
"""Kinds of fix the ranking suggests, cheapest first."""


@dataclass(frozen=True, slots=True)
class Action:
    """One thing to do about the library, with the command that does it."""

    kind: ActionKind
    """``tag`` (give the assets read without stages or questions theirs: on a site, the pages
    already there may fill the gaps), ``add-next`` (give an asset at a stuck stage a forward
    next step), ``review`` (renew a stale asset that would fill a cell), ``publish`` (finish a
    pipeline asset that fills a cell) or ``make`` (create an asset for a gap)."""
    stage: str
    """Stage id the action helps, or empty for ``tag``."""
    question: str
    """Question id of the cell it fills, or empty for a stage-level action."""
    asset: str
    """Id of the asset to change, or empty for ``make`` and ``tag``."""
    text: str
    """What to do and why, in one or two sentences."""
    command: str
    """A command to paste that does it, or starts it."""
    weight: float
    """The stage and persona weight it was ranked with."""


@dataclass(frozen=True, slots=True)
class PersonaRow:
    """One persona's coverage across the stages."""

    persona: str
    """Persona id."""
    cells: tuple[tuple[str, int, State], ...]
    """(stage id, count, state) per stage, in journey order."""


HELD_REASONS = ("draft", "review", "idea", "scheduled", "stale", "retired")
"""Why an asset cannot be sent today, in the order `Sendable.held` lists reasons of equal count."""


@dataclass(frozen=True, slots=True)
class Sendable:
    """Why the assets a report counts can or cannot be sent today, for its headline."""

    held: tuple[tuple[str, int], ...] = ()
    """(reason, count) for the assets that cannot be sent today, most first, then in the order
    of `HELD_REASONS`: ``draft``, ``review``, ``idea`` (their status), ``scheduled`` (not on
    the site until a later day), ``stale`` (past their review date), ``retired``: each asset's
    one reason, `stagemap.model.library.Asset.held`."""
    internal: int = 0
    """Of the assets that can be sent, those for the team only (``audience: internal``)."""
    untagged: int = 0
    """Of the assets that can be sent, those with no stage or no question: no cell counts them."""
    no_address: int = 0
    """Of the buyer-facing assets that can be sent on a site read in place, those with no public
    address (no ``urls.base``, or none for them): their kits link to the site stagemap builds."""
    library: int = 0
    """Assets in the whole library, whoever they are for (``total`` counts a persona's alone)."""


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the gap report says about a library on one day."""

    config: Config
    """The project the report is about."""
    as_of: dt.date
    """The day eligibility and staleness were judged on."""
    persona: str | None
    """Persona filter, or None for everyone."""
    total: int
    """Assets in the library, any status; with a persona, only those that serve it."""
    eligible: tuple[str, ...]
    """Ids of the assets among ``total`` that a buyer could be sent today."""
    reachable: tuple[str, ...]
    """Ids of every asset a buyer could be sent today, whoever it is for: where a next step
    may lead (equal to ``eligible`` without a persona filter)."""
    stages: tuple[StageCoverage, ...]
    """Per stage, in journey order."""
    cells: tuple[Cell, ...]
    """Stage x question cells, stage-major in journey and question order."""
    stuck: tuple[str, ...]
    """Stage ids (not the last) from which no eligible asset hands buyers to a later stage."""
    dead_ends: tuple[str, ...]
    """Ids of eligible assets with no next step that serve some stage other than the last."""
    broken_next: tuple[NextIssue, ...]
    """Next steps of eligible assets that lead nowhere a buyer can go today."""
    backward: tuple[NextIssue, ...]
    """Next steps of eligible assets whose every target stage is earlier than every stage of the
    asset (information: going back can be deliberate)."""
    balance: Balance
    """Effort before, at and after the purchase."""
    stale: tuple[str, ...]
    """Ids of published assets past their review date."""
    pipeline: tuple[str, ...]
    """Ids of idea, draft and review assets."""
    retired: tuple[str, ...]
    """Ids of retired assets."""
    over_invested: tuple[str, ...]
    """Ids of eligible assets whose every cell holds at least ``OVER_INVESTED_FACTOR`` times its
    covered threshold."""
    next_to_make: tuple[Gap, ...]
    """Gaps ranked: empty before thin, stuck stages first, then journey and question order."""
    by_persona: tuple[PersonaRow, ...]
    """Persona x stage coverage, one row per persona; empty unless ``analyse`` was asked for it."""
    lint: tuple[Problem, ...] = ()
    """Lint warnings about the assets and settings the report is about (``analyse.lint``)."""
    flow_tracked: bool = True
    """At least `FLOW_MIN_SHARE` of the eligible assets before the last stage name a next step
    (or the library has fewer than `FLOW_MIN_ASSETS` assets), and there is one such asset at
    least (see `stagemap.analyse.coverage.flow_tracked`). When False, ``stuck`` and ``dead_ends``
    are empty: a library that never recorded next steps is not stuck everywhere, it is untracked."""
    inferred_next: tuple[tuple[str, str], ...] = ()
    """(asset id, target) for eligible assets without a next step whose closing links lead to
    an eligible asset or a stage: likely next steps, shown as inferred and never written."""
    with_next: tuple[int, int] = (0, 0)
    """(eligible assets before the last stage with a next step, all eligible assets before it)."""
    actions: tuple[Action, ...] = ()
    """What to do, ranked like a content strategist: the cheapest effective fix first (a forward
    next step at a stuck stage, then reviews of stale assets and publishing of pipeline assets
    that fill a cell), then assets to make, stuck stages before the rest and the stages before
    the purchase before those after it. See ``analyse.rank``."""
    evidence: Evidence | None = None
    """What the imported signals say per asset and stage, or None when none are imported
    (``signals/`` empty): then gaps and actions are also ranked by where buyers leak."""
    sendable: Sendable = Sendable()
    """Why assets can or cannot be sent today (see `Sendable`)."""

    def cell(self, stage: str, question: str) -> Cell:
        """Return one cell."""
        return next(c for c in self.cells if c.stage == stage and c.question == question)

    def findings(self, level: str) -> int:
        """Count the findings a gate at ``level`` (one of ``FAIL_LEVELS``) fails on; 0 for ``never``."""
        return len(self.failures(level))

    def gate(self, levels: Iterable[str]) -> tuple[str, ...]:
        """Return why gates at ``levels`` (from `GATES`) fail, each gate on its own findings.

        Unlike `failures`, ``thin`` does not include empty cells and ``stuck`` no cells at
        all, so any gate can be used alone. Reasons come in the order of ``levels``. Raises
        ValueError for a level not in `GATES`.
        """
        reasons: list[str] = []
        for level in levels:
            if level not in GATES:
                raise ValueError(f"unknown gate {level!r} (valid: {', '.join(GATES)})")
            reasons += self._gate(level)
        return tuple(reasons)

    def _gate(self, level: str) -> list[str]:
        if level in ("empty", "thin"):
            return [
                f"{c.stage} \u00d7 {c.question} is {c.state} ({c.count} of {c.threshold})"
                for c in self.cells
                if c.state == level
            ]
        if level == "stuck":
            return [f"{sid} is stuck: {STUCK_TEXT}" for sid in self.stuck]
        if level == "stale":
            return [f"{aid} is past its review date" for aid in self.stale]
        if level == "balance":
            b = self.balance
            wanted = round(b.min_after_share * 100)
            share = round(b.shares["after"] * 100)
            return [f"{share}% of the effort is after the purchase, less than {wanted}%"] if b.warning else []
        return [p.format() for p in self.lint]

    def fail_on(self, levels: Iterable[str]) -> tuple[tuple[str, str], ...]:
        """Return (level, reason) for each finding that fails ``--fail-on``-style ``levels``.

        ``never`` passes; every other level is a gate of `GATES` failing on its own findings
        (see `gate`), so ``stuck`` gates stuck stages alone and ``thin`` thin cells alone. A
        reason shows once, under the first level that names it.
        """
        found: list[tuple[str, str]] = []
        seen: set[str] = set()
        for level in dict.fromkeys(levels):
            if level == "never":
                continue
            for reason in self.gate([level]):
                if reason not in seen:
                    seen.add(reason)
                    found.append((level, reason))
        return tuple(found)

    def failures(self, level: str) -> tuple[str, ...]:
        """Return why a gate at ``level`` fails, one reason per finding; empty when it passes.

        Empty cells come first, then thin ones (each in journey and question order), then
        stuck stages. Raises ValueError for a level not in ``FAIL_LEVELS``.
        """
        if level not in FAIL_LEVELS:
            raise ValueError(f"unknown fail level {level!r} (valid: {', '.join(FAIL_LEVELS)})")
        gates = FAIL_LEVELS[1 : FAIL_LEVELS.index(level) + 1]
        reasons = [
            f"{c.stage} \u00d7 {c.question} is {c.state} ({c.count} of {c.threshold})"
            for state in ("empty", "thin")
            if state in gates
            for c in self.cells
            if c.state == state
        ]
        if "stuck" in gates:
            reasons += [f"{sid} is stuck: {STUCK_TEXT}" for sid in self.stuck]
        return tuple(reasons)
