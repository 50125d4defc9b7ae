"""Rank what to do about a library the way a content strategist would. Pure.

Cheap fixes that change what buyers can do today come first, each kind in its own tier:

0. ``tag``: assets read without stages or questions (a site's pages on day one): tagged, they
   may fill the gaps the report would otherwise ask to make;
1. ``add-next``: a stuck stage whose published assets only need a forward ``next``;
2. ``review``: a stale asset that would fill an empty or thin cell once reviewed;
3. ``publish``: an asset in review, then a draft, that fills an empty or thin cell;
4. ``make``: a gap no pipeline asset fills, and ideas, which cost as much as making anew.

Within a tier: higher weight first (``rank`` in settings), then stages where more buyers leak,
then stuck stages, then stages before or at the purchase before those after it, then empty
cells before thin ones, then journey and question order. A weight of 0 leaves a stage or
persona out.

Leak is evidence from outside (``stagemap signals import``): the buyers (deals, else contacts)
seen at a stage and never seen at a later one. It enters the ranking only when signals are
imported, as the second key within a tier (after the weight, which is the team's own word),
and it orders the make-next list the same way: gaps at the leakiest stage first, the
coverage order kept among equals (see `leak_first`). Without signals every stage loses 0
and the ranking is the coverage ranking alone.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Mapping, Sequence

from ..model.library import Asset
from ..model.report import Action, ActionKind, Cell, Gap
from ..model.settings import Config
from ..model.signals import Evidence
from .audience import is_internal

REVIEW_DAYS = 365
"""How far ahead a reviewed asset's new review date is suggested."""
_STATUS_TIER = {"review": 2, "draft": 3, "idea": 4}


def _fix_tier(asset: Asset, as_of: dt.date) -> int:
    """Return 1 for a stale published asset, 2-4 for review, draft and idea, else 0."""
    if asset.status == "published":
        return 1 if asset.is_stale(as_of) else 0
    return _STATUS_TIER.get(asset.status, 0)


def lost_by_stage(found: Evidence | None) -> dict[str, int]:
    """Return the buyers lost at each stage where some leak (empty without evidence)."""
    if found is None:
        return {}
    return {s.stage: s.lost for s in found.stages if s.lost > 0}


def leak_first(gaps: Sequence[Gap], lost: Mapping[str, int]) -> tuple[Gap, ...]:
    """Return ``gaps`` with those at stages that lose more buyers first, in their order otherwise."""
    if not lost:
        return tuple(gaps)
    return tuple(sorted(gaps, key=lambda g: -lost.get(g.stage, 0)))


def _needed(cell: Cell) -> int:
    return cell.threshold - cell.count


def rank_actions(
    config: Config,
    assets: Sequence[Asset],
    cells: Sequence[Cell],
    stuck: Sequence[str],
    onward: dict[str, tuple[str, ...]],
    gaps: Sequence[Gap],
    as_of: dt.date,
    persona: str | None,
    lost: Mapping[str, int] | None = None,
) -> tuple[Action, ...]:
    """Return every suggested action, ranked.

    ``assets`` are those the report is about (for its persona), ``onward`` maps a stage id to
    the ids of eligible assets there that already hand buyers on, ``lost`` the buyers each
    stage loses (see `lost_by_stage`).
    """
    ranker = _Ranker(config, cells, stuck, persona, lost or {})
    ranker.tag(sum(1 for a in assets if not a.stages or not a.questions), len(assets))
    for sid in stuck:
        ranker.add_next(sid, _hand_on_candidate(assets, sid, onward.get(sid, ()), as_of))
    # Cheaper fixes claim their cells first, so that a draft is not suggested for a cell an
    # asset in review already fills, nor a gap to make for it.
    fixable = sorted(((_fix_tier(a, as_of), a.id), a) for a in assets if _fix_tier(a, as_of))
    for (tier, _), asset in fixable:
        ranker.fix(tier, asset, as_of)
    for gap in gaps:
        ranker.make(gap)
    return ranker.ranked()


class _Ranker:
    """Collects actions with their sort keys, and the cells the fixes already fill."""

    def __init__(
        self,
        config: Config,
        cells: Sequence[Cell],
        stuck: Sequence[str],
        persona: str | None,
        lost: Mapping[str, int],
    ):
        self.model = config.model
        self.lost = lost
        self.weights = config.weights
        self.persona = persona
        self.index = {s.id: s.index for s in self.model.stages}
        self.q_index = {q.id: i for i, q in enumerate(config.questions)}
        self.open = {(c.stage, c.question): c for c in cells if c.state in ("empty", "thin")}
        self.after = {s.id for s in self.model.stages if s.phase == "after"}
        self.stuck = set(stuck)
        self.filled: dict[tuple[str, str], int] = {}
        self.keyed: list[tuple[tuple[float, ...], Action]] = []

    def _weight(self, stage: str, personas: tuple[str, ...]) -> float:
        return self.weights.weight(stage, (self.persona,) if self.persona else personas)

    def _add(self, tier: int, state: str, action: Action) -> None:
        if action.weight <= 0:
            return
        stage = action.stage
        key = (
            tier,
            -action.weight,
            -self.lost.get(stage, 0),
            stage not in self.stuck,
            stage in self.after,
            state != "empty",
            self.index.get(stage, -1),
            self.q_index.get(action.question, -1),
        )
        self.keyed.append((key, action))

    def tag(self, untagged: int, total: int) -> None:
        """Suggest tagging the assets read without stages or questions, before any other fix."""
        if not untagged:
            return
        which = f"{untagged} of {total} assets have" if total > 1 else "the one asset has"
        text = (
            f"Tag what you have first: {which} no stages or questions yet, so the gaps below "
            "may be pages you already have. The command proposes tags from each page's own "
            "words; a rule in stagemap.yml tags a whole folder at once."
        )
        self.keyed.append(((-1,), Action("tag", "", "", "", text, "stagemap suggest", 1.0)))

    def add_next(self, sid: str, candidate: Asset | None) -> None:
        """Suggest a forward next step for the best-placed asset of a stuck stage."""
        stage = self.model.stages[self.index[sid]]
        nxt = self.model.after(stage)
        if nxt is None or candidate is None:
            return
        text = (
            f"Give `{candidate.id}` a next step to {nxt.name}: nothing published at "
            f"{stage.name} hands buyers on to a later stage."
        )
        cmd = f"stagemap tag {shlex.quote(candidate.path)} --set next={nxt.id}"
        self._add(
            0, "", Action("add-next", sid, "", candidate.id, text, cmd, self._weight(sid, candidate.personas))
        )

    def fix(self, tier: int, asset: Asset, as_of: dt.date) -> None:
        """Suggest reviewing or publishing an asset, if it fills a cell nothing cheaper fills."""
        fills = [
            (s, q)
            for s in asset.stages
            for q in asset.questions
            if (s, q) in self.open and self.filled.get((s, q), 0) < _needed(self.open[s, q])
        ]
        if not fills:
            return
        for cell in fills:
            self.filled[cell] = self.filled.get(cell, 0) + 1
        stage, question = min(
            fills,
            key=lambda c: (c[0] not in self.stuck, c[0] in self.after, self.index[c[0]], self.q_index[c[1]]),
        )
        where = ", ".join(f"{s} \u00d7 {q} ({self.open[s, q].state})" for s, q in fills)
        weight = self._weight(stage, asset.personas)
        if tier == 1:
            until = (as_of + dt.timedelta(days=REVIEW_DAYS)).isoformat()
            text = f"Review `{asset.id}` (past its review date): it would count again for {where}."
            cmd = f"stagemap tag {shlex.quote(asset.path)} --set review_by={until}"
            kind: ActionKind = "review"
        else:
            verb = "Publish" if asset.status == "review" else "Finish and publish"
            text = f"{verb} `{asset.id}` ({asset.status}): it fills {where}."
            cmd = f"stagemap tag {shlex.quote(asset.path)} --set status=published"
            kind = "publish"
        self._add(
            tier, self.open[stage, question].state, Action(kind, stage, question, asset.id, text, cmd, weight)
        )

    def make(self, gap: Gap) -> None:
        """Suggest making an asset for a gap the fixes do not fill."""
        if self.filled.get((gap.stage, gap.question), 0) >= gap.needed:
            return
        cmd = f"stagemap new --gap {gap.stage}:{gap.question}"
        label = f"{gap.state}, stuck" if gap.stuck else gap.state
        formats = f" Try: {', '.join(gap.formats)}." if gap.formats else ""
        text = f"Make an asset for {gap.stage} \u00d7 {gap.question} ({label}): {gap.reason}{formats}"
        self._add(
            4, gap.state, Action("make", gap.stage, gap.question, "", text, cmd, self._weight(gap.stage, ()))
        )

    def ranked(self) -> tuple[Action, ...]:
        """Return the actions in rank order."""
        return tuple(a for _, a in sorted(self.keyed, key=lambda pair: pair[0]))


def _hand_on_candidate(
    assets: Sequence[Asset], stage_id: str, onward: tuple[str, ...], as_of: dt.date
) -> Asset | None:
    """The asset at a stuck stage best placed to hand buyers on: buyer-facing, without a next first."""
    here = [a for a in assets if stage_id in a.stages and a.is_eligible(as_of) and a.id not in onward]
    if not here:
        return None
    return min(here, key=lambda a: (is_internal(a), bool(a.next), a.id))
