"""Render a coverage diff as a terminal table, a pull-request comment in Markdown, or JSON."""

from __future__ import annotations

import json
from typing import Any

from ..analyse.diff import REGRESSIONS, CellChange, Diff
from ..model.report import NextIssue

DIFF_JSON_VERSION = 1
ARROWS = {"drop": "\u25bc", "rise": "\u25b2", "change": "\u25c6"}
"""Marks of a cell's direction; the direction is also written out, so colour is never needed."""


def to_data(diff: Diff) -> dict[str, Any]:
    """Return the diff as JSON-ready data (the shape is documented in docs/diff-history.md)."""

    def issue(i: NextIssue) -> dict[str, str]:
        return {"asset": i.asset, "path": i.path, "target": i.target, "reason": i.reason}

    return {
        "version": DIFF_JSON_VERSION,
        "base": diff.base,
        "head": diff.head,
        "as_of": diff.as_of.isoformat(),
        "cells": [
            {
                "stage": c.stage,
                "question": c.question,
                "before": c.before,
                "after": c.after,
                "count_before": c.count_before,
                "count_after": c.count_after,
                "direction": c.direction,
            }
            for c in diff.cells
        ],
        "stuck": {"opened": list(diff.stuck_opened), "closed": list(diff.stuck_closed)},
        "broken_next": {
            "new": [issue(i) for i in diff.broken_new],
            "fixed": [issue(i) for i in diff.broken_fixed],
        },
        "assets": {
            "added": list(diff.added),
            "removed": list(diff.removed),
            "retired": list(diff.retired),
            "gone_stale": list(diff.gone_stale),
            "retagged": [
                {"asset": r.asset, "field": r.field, "before": list(r.before), "after": list(r.after)}
                for r in diff.retagged
            ],
        },
        "regressions": diff.regressions(frozenset(REGRESSIONS)),
    }


def render_json(diff: Diff) -> str:
    """Return the diff as sorted, indented JSON."""
    return json.dumps(to_data(diff), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _cell_line(c: CellChange) -> tuple[str, str, str]:
    return (
        f"{ARROWS[c.direction]} {c.direction}",
        f"{c.stage} x {c.question}",
        f"{c.before} ({c.count_before}) -> {c.after} ({c.count_after})",
    )


def _ids(ids: tuple[str, ...]) -> str:
    return ", ".join(ids) if ids else "none"


def render_table(diff: Diff) -> str:
    """Return the diff as plain text for a terminal."""
    lines = [f"Coverage change from {diff.base} to {diff.head}, judged on {diff.as_of.isoformat()}", ""]
    if diff.empty:
        return "\n".join([*lines, "No change in coverage, next steps or assets.", ""])
    lines.append(f"Cells that changed state: {len(diff.cells)}")
    rows = [_cell_line(c) for c in diff.cells]
    width = max((len(r[1]) for r in rows), default=0)
    lines += [f"  {mark:<9} {where:<{width}}  {change}" for mark, where, change in rows]
    lines += ["", f"Stuck points opened: {_ids(diff.stuck_opened)}"]
    lines.append(f"Stuck points closed: {_ids(diff.stuck_closed)}")
    lines += ["", f"Next steps newly broken: {len(diff.broken_new)}"]
    lines += [f"  {i.asset} -> {i.target} ({i.reason})" for i in diff.broken_new]
    lines.append(f"Next steps fixed: {len(diff.broken_fixed)}")
    lines += [f"  {i.asset} -> {i.target} (was {i.reason})" for i in diff.broken_fixed]
    lines += ["", "Assets:"]
    for label, ids in (
        ("added", diff.added),
        ("removed", diff.removed),
        ("retired", diff.retired),
        ("gone stale", diff.gone_stale),
    ):
        lines.append(f"  {label} ({len(ids)}): {_ids(ids)}")
    lines.append(f"  retagged ({len(diff.retagged)}):" + ("" if diff.retagged else " none"))
    lines += [f"    {r.asset} {r.field}: {_ids(r.before)} -> {_ids(r.after)}" for r in diff.retagged]
    return "\n".join([*lines, ""])


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "'").replace("\n", " ")


def _code(ids: tuple[str, ...]) -> str:
    return ", ".join(f"`{_md(i)}`" for i in ids) if ids else "none"


def render_markdown(diff: Diff) -> str:
    """Return the diff as a pull-request comment: regressions first, then the rest."""
    lines = [f"### Coverage change: `{_md(diff.base)}` \u2192 `{_md(diff.head)}`", ""]
    found = diff.regressions(frozenset(REGRESSIONS))
    if found:
        lines.append(f"**{len(found)} regression{'s' if len(found) != 1 else ''}** (judged on {diff.as_of}):")
        lines += [""] + [f"- {_md(line)}" for line in found]
    else:
        lines.append(f"No regressions (judged on {diff.as_of}).")
    lines.append("")
    if diff.empty:
        return "\n".join([*lines, "No change in coverage, next steps or assets.", ""])
    if diff.cells:
        lines += ["| | Cell | Before | After |", "|---|---|--:|--:|"]
        lines += [
            f"| {ARROWS[c.direction]} {c.direction} | {_md(c.stage)} \u00d7 {_md(c.question)} | "
            f"{c.before} ({c.count_before}) | {c.after} ({c.count_after}) |"
            for c in diff.cells
        ]
        lines.append("")
    rows = [
        ("Stuck points opened", _code(diff.stuck_opened)),
        ("Stuck points closed", _code(diff.stuck_closed)),
        ("Next steps fixed", _code(tuple(f"{i.asset} -> {i.target}" for i in diff.broken_fixed))),
        ("Assets added", _code(diff.added)),
        ("Assets removed", _code(diff.removed)),
        ("Assets retired", _code(diff.retired)),
        ("Assets gone stale", _code(diff.gone_stale)),
        (
            "Assets retagged",
            _code(
                tuple(
                    f"{r.asset} {r.field}: {' '.join(r.before)} -> {' '.join(r.after)}" for r in diff.retagged
                )
            ),
        ),
    ]
    lines += [f"- {label}: {value}" for label, value in rows if value != "none"]
    return "\n".join([*lines, ""])
