"""What a page shows of the library's placement and of a report, for the page keys (see `stagemap.write.depends`).

Each function returns what one kind of page shows, found without rendering it: the ids of the
assets a stage, question or persona lists, and the facts of a report a page shows (hashed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..model.library import Asset
from ..model.report import Report
from .digests import digest, stable


def members(assets: Iterable[Asset], kind: str, key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids of the assets of a stage, question or persona (those naming none serve every persona) and of their targets."""
    if kind == "stage":
        here = [a for a in assets if key in a.stages]
    elif kind == "question":
        here = [a for a in assets if key in a.questions]
    else:
        here = [a for a in assets if not a.personas or key in a.personas]
    return tuple(sorted({a.id for a in here})), tuple(sorted({a.next for a in here if a.next}))


def placed(asset: Asset) -> tuple[Any, ...]:
    """The fields that say on which pages an asset is listed, and which asset it leads to."""
    return (asset.id, asset.stages, asset.questions, asset.personas, asset.next)


def incoming(assets: Iterable[Asset]) -> dict[str, list[str]]:
    """The ids of the assets whose next step names an id, sorted, by that id."""
    incoming: dict[str, list[str]] = {}
    for asset in assets:
        if asset.next:
            incoming.setdefault(asset.next, []).append(asset.id)
    return {target: sorted(ids) for target, ids in incoming.items()}


def stage_facts(stage_id: str, ids: tuple[str, ...]) -> Callable[[Report], str]:
    """What a stage's page shows of the report: its row, cells and gaps, whether it is stuck, which of its assets a buyer can reach."""

    def make(report: Report) -> str:
        return digest(
            stable([row for row in report.stages if row.stage.id == stage_id]),
            stable([cell for cell in report.cells if cell.stage == stage_id]),
            stable([gap for gap in report.next_to_make if gap.stage == stage_id]),
            stage_id in report.stuck,
            sorted(set(ids).intersection(report.reachable)),
        )

    return make


def question_facts(question_id: str, size: int) -> Callable[[Report], tuple[str, list[str]]]:
    """What a question's page shows of the report (its cells, hashed), and the assets its lists show."""

    def make(report: Report) -> tuple[str, list[str]]:
        cells = [c for c in report.cells if c.question == question_id]
        return digest(stable(cells)), sorted({i for c in cells for i in c.assets[:size]})

    return make


def persona_facts(size: int) -> Callable[[Report], tuple[str, list[str]]]:
    """What a persona's page shows of its report (each stage's state, count and first assets, which are stuck), and those assets."""

    def make(report: Report) -> tuple[str, list[str]]:
        rows = [(r.stage.id, r.state, r.count, r.assets[:size], len(r.assets)) for r in report.stages]
        listed = sorted({i for r in report.stages for i in r.assets[:size]})
        return digest(rows, sorted(report.stuck)), listed

    return make


def play_facts(
    stage_id: str, ids: tuple[str, ...], targets: tuple[str, ...]
) -> Callable[[Report], tuple[str, list[str]]]:
    """What a play shows of its report (hashed, see the module docstring), and the other assets its cells list."""

    def make(report: Report) -> tuple[str, list[str]]:
        cells = [cell for cell in report.cells if cell.stage == stage_id]
        listed = sorted(set().union(*(cell.assets for cell in cells)) - set(ids))
        reachable = frozenset(report.reachable)
        facts = digest(
            [(t, t in reachable) for t in targets],
            stable([row for row in report.stages if row.stage.id == stage_id]),
            stable(cells),
            stable([gap for gap in report.next_to_make if gap.stage == stage_id]),
            stage_id in report.stuck,
            report.flow_tracked,
            sorted(set(ids).intersection(report.eligible)),
            sorted(reachable.intersection(ids)),
        )
        return facts, listed

    return make
