"""Explain a report's cell: which assets count, which do not and why, and where their tags came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from ..model.explain import Counted, Explanation
from ..model.library import Asset, Library
from ..model.report import Report
from ..model.settings import Config, Rule
from .coverage import serves

CELL_SEPARATORS = (":", "\u00d7", ".")
"""What may stand between the stage and the question in a cell's name (``evaluation:risk``)."""


def split_cell(text: str) -> tuple[str, str] | None:
    """Return (stage, question) from ``stage:question``, ``stage×question`` or ``stage.question``; None if neither."""
    for separator in CELL_SEPARATORS:
        stage, found, question = text.partition(separator)
        if found and stage.strip() and question.strip():
            return stage.strip(), question.strip()
    return None


def explain_cell(report: Report, library: Library, stage: str, question: str) -> Explanation:
    """Return why the report's cell (stage, question) holds its count; both ids must be the project's."""
    config = report.config
    cell = report.cell(stage, question)
    rows = [
        _row(config, asset, stage, question, report.as_of, report.persona, asset.id in cell.assets)
        for asset in library.assets
        if stage in asset.stages and question in asset.questions
    ]
    rows.sort(key=lambda r: (not r.counts, r.asset))
    return Explanation(
        stage=stage,
        question=question,
        state=cell.state,
        count=cell.count,
        threshold=cell.threshold,
        not_applicable=(stage, question) in config.not_applicable,
        persona=report.persona,
        rows=tuple(rows),
    )


def explain_stage(report: Report, library: Library, stage: str) -> Explanation:
    """Return why the report's stage holds its count (its "All" column: the eligible assets that
    serve it, whatever question they answer); its question is empty. ``stage`` must be the project's."""
    config = report.config
    row = next(r for r in report.stages if r.stage.id == stage)
    counted = set(row.assets)
    rows = [
        _row(config, asset, stage, "", report.as_of, report.persona, asset.id in counted)
        for asset in library.assets
        if stage in asset.stages
    ]
    rows.sort(key=lambda r: (not r.counts, r.asset))
    return Explanation(stage, "", row.state, row.count, row.threshold, False, report.persona, tuple(rows))


def uncounted(
    report: Report, library: Library, cells: Collection[tuple[str, str]]
) -> dict[tuple[str, str], tuple[Counted, ...]]:
    """Return, for each cell (stage, question), the assets tagged with it that do not count, by id.

    The rows `explain_cell` gives those assets, in one pass over the library for all the cells
    (the gaps page asks for every gap at once: one pass each took a tenth of a second at 10,000 assets).
    """
    config = report.config
    counted = {cell: set(report.cell(*cell).assets) for cell in cells}
    found: dict[tuple[str, str], list[Asset]] = {cell: [] for cell in counted}
    for asset in library.assets:
        for cell in {(s, q) for s in asset.stages for q in asset.questions}.intersection(counted):
            if asset.id not in counted[cell]:
                found[cell].append(asset)
    return {
        cell: tuple(
            _row(config, a, cell[0], cell[1], report.as_of, report.persona, False)
            for a in sorted(assets, key=lambda a: a.id)
        )
        for cell, assets in found.items()
    }


def _row(
    config: Config, asset: Asset, stage: str, question: str, as_of: dt.date, persona: str | None, counts: bool
) -> Counted:
    return Counted(
        asset=asset.id,
        path=asset.path,
        counts=counts,
        reason="" if counts else _reason(asset, as_of, persona),
        stage_from=origin_texts(config, asset, "stages", stage),
        question_from=origin_texts(config, asset, "questions", question),
        audience=asset.audience,
    )


def _reason(asset: Asset, as_of: dt.date, persona: str | None) -> str:
    """Return why an asset tagged with a cell does not count there."""
    held = asset.held(as_of)  # (the reason the report's headline counts it under)
    if held == "scheduled":
        return f"on the site from {asset.publish_on}"
    if held == "stale":
        by_age = ("max_age", 0) in asset.origin("review_by")
        return f"review date {asset.review_by} passed{' (max_age after its date)' if by_age else ''}"
    if held:
        return f"status {asset.status}"
    if not serves(asset, persona):
        return f"for {', '.join(asset.personas)}, not {persona}"
    return "not counted"


def origin_texts(config: Config, asset: Asset, field: str, value: str = "") -> tuple[str, ...]:
    """Return where an asset's field (or one value of a list field) came from, in words.

    The file's own value is ``path:line``; a rule is ``rule N (where): text``, naming only
    the rules that give ``value`` when one is asked for; a section's cascade is
    ``content/blog/_index.md:3 (cascade)``, Jekyll's defaults ``_config.yml:12 (defaults)``,
    an Eleventy data file's value ``src/posts/posts.json:2 (data)``.
    """
    rules = {r.number: r for r in config.rules.rules}
    found: list[str] = []
    for kind, number in asset.origin(field):
        if kind == "line":
            found.append(f"{asset.path}:{number}")
        elif kind == "max_age":
            found.append("max_age setting")
        elif kind.startswith(("cascade:", "defaults:", "data:")):
            label, _, path = kind.partition(":")
            found.append(f"{path}:{number} ({label})")
        elif number in rules and _gives(rules[number], field, value):
            rule = rules[number]
            found.append(f"rule {number} ({rule.where}): {rule.text}")
    return tuple(found) or (f"{asset.path}",)


def _gives(rule: Rule, field: str, value: str) -> bool:
    given = dict(rule.sets).get(field) or dict(rule.adds).get(field)
    if not value or given is None:
        return given is not None
    return value in given if isinstance(given, tuple) else value == given
