"""What changed in coverage between two reports of a library: the facts behind ``stagemap diff``.

Pure: two reports and their libraries in, one frozen `Diff` out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.library import Library
from ..model.report import NextIssue, Report

RANK = {"empty": 0, "thin": 1, "covered": 2}
"""Order of the cell states a cell can drop or rise through (``n/a`` stands outside it)."""
REGRESSIONS = ("drop", "stuck", "broken")
"""Kinds of regression a CI job can fail on: a cell that drops, a new stuck point, a new
broken next step."""


@dataclass(frozen=True, slots=True)
class CellChange:
    """A stage x question cell whose state is not what it was."""

    stage: str
    """Stage id."""
    question: str
    """Question id."""
    before: str
    """State at the base (``empty``, ``thin``, ``covered``, ``n/a``; ``absent`` when the cell
    did not exist in the base's settings)."""
    after: str
    """State at the head, in the same terms."""
    count_before: int
    """Eligible assets in the cell at the base."""
    count_after: int
    """Eligible assets in the cell at the head."""

    @property
    def direction(self) -> str:
        """``drop``, ``rise`` or ``change`` (to or from ``n/a`` or ``absent``)."""
        if self.before in RANK and self.after in RANK:
            return "drop" if RANK[self.after] < RANK[self.before] else "rise"
        return "change"


@dataclass(frozen=True, slots=True)
class Retag:
    """An asset in both revisions whose stages, questions or personas changed."""

    asset: str
    """Asset id."""
    field: str
    """``stages``, ``questions`` or ``personas``."""
    before: tuple[str, ...]
    """The ids at the base."""
    after: tuple[str, ...]
    """The ids at the head."""


@dataclass(frozen=True, slots=True)
class Diff:
    """The coverage change from a base to a head."""

    base: str
    """How the base is named (a revision and its short commit id)."""
    head: str
    """How the head is named (a revision, or ``work tree``)."""
    as_of: dt.date
    """The day both sides were judged on."""
    cells: tuple[CellChange, ...]
    """Cells whose state changed, in the head's journey and question order."""
    stuck_opened: tuple[str, ...]
    """Stages that became stuck points."""
    stuck_closed: tuple[str, ...]
    """Stages that are no longer stuck points."""
    broken_new: tuple[NextIssue, ...]
    """Next steps that are broken at the head and were not (in the same way) at the base."""
    broken_fixed: tuple[NextIssue, ...]
    """Next steps broken at the base that are no longer broken that way."""
    added: tuple[str, ...]
    """Ids of assets at the head that were not at the base."""
    removed: tuple[str, ...]
    """Ids of assets at the base that are gone at the head."""
    retired: tuple[str, ...]
    """Ids of assets whose status became ``retired``."""
    gone_stale: tuple[str, ...]
    """Ids of published assets stale at the head that were not stale at the base."""
    retagged: tuple[Retag, ...]
    """Stage, question and persona changes of assets in both."""

    def regressions(self, kinds: frozenset[str]) -> list[str]:
        """Return one line per regression of the given kinds (see `REGRESSIONS`)."""
        found: list[str] = []
        if "drop" in kinds:
            found += [
                f"cell {c.stage} x {c.question} dropped from {c.before} to {c.after}"
                for c in self.cells
                if c.direction == "drop"
            ]
        if "stuck" in kinds:
            found += [f"stage {s} became a stuck point" for s in self.stuck_opened]
        if "broken" in kinds:
            found += [
                f"next step of {i.asset} ({i.path}) to '{i.target}' is broken: {i.reason}"
                for i in self.broken_new
            ]
        return found

    @property
    def empty(self) -> bool:
        """True when nothing at all changed."""
        return not any(
            (
                self.cells,
                self.stuck_opened,
                self.stuck_closed,
                self.broken_new,
                self.broken_fixed,
                self.added,
                self.removed,
                self.retired,
                self.gone_stale,
                self.retagged,
            )
        )


def diff(
    base: Report, head: Report, base_library: Library, head_library: Library, names: tuple[str, str]
) -> Diff:
    """Compare two reports (judged on the same day) and the libraries they were made from."""
    before = {(c.stage, c.question): c for c in base.cells}
    after = {(c.stage, c.question): c for c in head.cells}
    changes: list[CellChange] = []
    for key, cell in after.items():
        old = before.get(key)
        old_state = old.state if old else "absent"
        if old_state != cell.state:
            changes.append(CellChange(*key, old_state, cell.state, old.count if old else 0, cell.count))
    for key, old in before.items():
        if key not in after:
            changes.append(CellChange(*key, old.state, "absent", old.count, 0))
    was_broken = {(i.asset, i.target, i.reason) for i in base.broken_next}
    is_broken = {(i.asset, i.target, i.reason) for i in head.broken_next}
    old_assets = base_library.by_id
    new_assets = head_library.by_id
    retagged: list[Retag] = []
    for asset_id in sorted(old_assets.keys() & new_assets.keys()):
        old_asset, new_asset = old_assets[asset_id], new_assets[asset_id]
        for field in ("stages", "questions", "personas"):
            then, now = getattr(old_asset, field), getattr(new_asset, field)
            if then != now:
                retagged.append(Retag(asset_id, field, then, now))
    return Diff(
        base=names[0],
        head=names[1],
        as_of=head.as_of,
        cells=tuple(changes),
        stuck_opened=tuple(s for s in head.stuck if s not in base.stuck),
        stuck_closed=tuple(s for s in base.stuck if s not in head.stuck),
        broken_new=tuple(i for i in head.broken_next if (i.asset, i.target, i.reason) not in was_broken),
        broken_fixed=tuple(i for i in base.broken_next if (i.asset, i.target, i.reason) not in is_broken),
        added=tuple(sorted(new_assets.keys() - old_assets.keys())),
        removed=tuple(sorted(old_assets.keys() - new_assets.keys())),
        retired=tuple(
            sorted(
                a.id
                for a in head_library.assets
                if a.status == "retired" and a.id in old_assets and old_assets[a.id].status != "retired"
            )
        ),
        gone_stale=tuple(sorted(set(head.stale) - set(base.stale))),
        retagged=tuple(retagged),
    )
